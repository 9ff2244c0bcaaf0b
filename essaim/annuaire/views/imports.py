"""Staff imports: upload, column mapping, background run (dry run or real), error report."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from essaim.commun.imports import ErreurFichier, ErreurLigne, RapportImport, lire_tableau
from essaim.commun.taches import lancer

from ..forms import CorrespondanceForm, ImportForm
from ..models import ImportStructures
from ..services.import_ import ImporteurStructures, executer_import
from .outils import exiger


def imports(request):
    exiger(request, "annuaire.importer_structures")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        fichier = form.cleaned_data["fichier"]
        region = request.user.regions.first()
        fiche_import = ImportStructures.objects.create(
            fichier=fichier,
            nom_original=fichier.name,
            source=form.cleaned_data["source"],
            cree_par=request.user,
            region=region,
        )
        return redirect("annuaire:import_correspondance", pk=fiche_import.pk)
    recents = ImportStructures.objects.filter(cree_par=request.user)[:20]
    return render(request, "annuaire/imports/liste.html", {"form": form, "imports": recents})


def _import_autorise(request, pk):
    exiger(request, "annuaire.importer_structures")
    return get_object_or_404(ImportStructures, pk=pk, cree_par=request.user)


def correspondance(request, pk):
    fiche_import = _import_autorise(request, pk)
    importeur = ImporteurStructures()
    try:
        tableau = lire_tableau(fiche_import.fichier.path, nom=fiche_import.nom_original)
    except ErreurFichier as erreur:
        messages.error(request, str(erreur))
        return redirect("annuaire:imports")
    auto = fiche_import.correspondance or importeur.correspondance_auto(tableau.entetes)
    form = CorrespondanceForm(
        request.POST or None, colonnes=importeur.colonnes, entetes=tableau.entetes, initiale=auto
    )
    if request.method == "POST" and form.is_valid():
        fiche_import.correspondance = form.correspondance()
        dry_run = form.cleaned_data["dry_run"]
        libelle = _("Import de structures « %(n)s »%(s)s") % {
            "n": fiche_import.nom_original,
            "s": _(" (simulation)") if dry_run else "",
        }
        travail = lancer(
            executer_import,
            libelle,
            user=request.user,
            region_code=fiche_import.region_id or "",
            import_id=fiche_import.pk,
            dry_run=dry_run,
        )
        fiche_import.travail = travail
        fiche_import.save(update_fields=["correspondance", "travail"])
        return redirect("annuaire:import_detail", pk=fiche_import.pk)
    contexte = {"import": fiche_import, "form": form, "tableau": tableau}
    return render(request, "annuaire/imports/correspondance.html", contexte)


def detail(request, pk):
    fiche_import = _import_autorise(request, pk)
    rapport = fiche_import.rapport or {}
    contexte = {"import": fiche_import, "rapport": rapport, "erreurs": (rapport.get("erreurs") or [])[:200]}
    return render(request, "annuaire/imports/detail.html", contexte)


def erreurs_csv(request, pk):
    fiche_import = _import_autorise(request, pk)
    rapport = RapportImport(
        erreurs=[ErreurLigne(**e) for e in (fiche_import.rapport or {}).get("erreurs", [])]
    )
    reponse = HttpResponse(rapport.erreurs_csv(), content_type="text/csv; charset=utf-8")
    reponse["Content-Disposition"] = f'attachment; filename="erreurs-import-{fiche_import.pk}.csv"'
    return reponse
