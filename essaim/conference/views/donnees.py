"""Export of the workshops (CSV, XLSX, JSON, GeoJSON) and staff import through a background task."""

import uuid

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from essaim.commun.exports import FORMATS, reponse_export
from essaim.commun.fichiers import stockage_prive
from essaim.commun.imports import ErreurLigne, RapportImport
from essaim.commun.rules import travaux_visibles
from essaim.commun.taches import lancer

from ..services.export import CHAMPS, lignes_ateliers
from ..taches import importer_ateliers_fichier
from .commun import conference_visible, exiger

__all__ = ["export_ateliers", "importer", "rapport_import"]


def _lon_lat(ligne):
    return (ligne["_position"][1], ligne["_position"][0]) if ligne["_position"] else None


def export_ateliers(request, slug, format):
    conference = conference_visible(request, slug)
    if format not in FORMATS:
        raise Http404
    lignes = lignes_ateliers(conference, lambda a: request.build_absolute_uri(a.get_absolute_url()))
    return reponse_export(
        format,
        f"ateliers-{conference.slug}",
        CHAMPS,
        lignes,
        coordonnees=_lon_lat,
        meta={"source": conference.titre, "licence": "Licence Ouverte 2.0 (Etalab)"},
    )


class ImportForm(forms.Form):
    fichier = forms.FileField(
        label="Fichier des ateliers (CSV ou XLSX)",
        help_text="Colonnes : organisateurs, intitule, transitions, date, commune, departement, format, "
        "participants. Encodage UTF-8 ou Windows-1252, séparateur « , » ou « ; ».",
    )
    dry_run = forms.BooleanField(label="Simulation (ne rien enregistrer)", required=False)


@login_required
def importer(request, slug):
    conference = conference_visible(request, slug)
    exiger(request, "conference.gerer_conference", conference)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        fichier = form.cleaned_data["fichier"]
        chemin = stockage_prive().save(f"imports/conference/{uuid.uuid4().hex}", fichier)
        travail = lancer(
            importer_ateliers_fichier,
            f"Import des ateliers — {conference.titre}",
            user=request.user,
            region_code=conference.region_id,
            slug=slug,
            chemin=chemin,
            nom=fichier.name,
            dry_run=form.cleaned_data["dry_run"],
        )
        return redirect(travail)
    return render(request, "conference/gestion/import.html", {"conference": conference, "form": form})


@login_required
def rapport_import(request, slug, travail_pk):
    conference = conference_visible(request, slug)
    exiger(request, "conference.gerer_conference", conference)
    # Only a report of this edition's région, and only if the user may read it (commun.rules).
    travail = get_object_or_404(
        travaux_visibles(request.user),
        pk=travail_pk,
        nature__endswith="importer_ateliers_fichier",
        region_code=conference.region_id,
    )
    resultat = travail.resultat or {}
    rapport = RapportImport(
        **{k: resultat.get(k, 0) for k in ("lues", "creees", "modifiees", "inchangees", "rejetees")}
    )
    rapport.erreurs = [ErreurLigne(**e) for e in resultat.get("erreurs", [])]
    if request.GET.get("format") == "csv":
        reponse = HttpResponse(rapport.erreurs_csv(), content_type="text/csv; charset=utf-8")
        reponse["Content-Disposition"] = f'attachment; filename="erreurs-import-{travail.pk}.csv"'
        return reponse
    return render(
        request,
        "conference/gestion/rapport_import.html",
        {
            "conference": conference,
            "travail": travail,
            "resultat": resultat,
            "rapport": rapport,
        },
    )
