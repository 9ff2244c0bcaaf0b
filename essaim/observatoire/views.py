"""Observatory pages: thin views over services/ (figures, tables, charts, lists, portraits)."""

import tempfile

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from essaim.commun import documents
from essaim.commun.exports import FormatInconnu, reponse_export
from essaim.commun.normalisation import cle_tri
from essaim.commun.taches import lancer
from essaim.territoires.models import Region

from .enums import StatutMillesime
from .extensions import sections
from .forms import ChoixTerritoireForm, ImportChiffresForm
from .models import ChiffreImporte, Millesime, PublicationMillesime
from .services import liste_ess as liste
from .services import millesimes as millesimes_service
from .services import portrait as portrait_service
from .services.chiffres import (
    TerritoireInvalide,
    analyser_territoire,
    calculer,
    couvre,
    millesime_publie,
    regions_importees,
)
from .services.page import contexte_territoire
from .services.recherche import rechercher_territoires
from .services.tableaux import tableau_themes, tableaux
from .services.territoires import nom_territoire, regions_observatoire
from .taches import importer_chiffres as importer_chiffres_tache


@require_GET
def accueil(request):
    form = ChoixTerritoireForm(request.GET or None)
    resultats = rechercher_territoires(form.cleaned_data["q"]) if form.is_valid() else []
    millesime = millesime_publie()
    france = importees = None
    if millesime and couvre(millesime, "france", "FR"):
        france = calculer("france", "FR", millesime)
    elif millesime:
        importees = [calculer("region", r, millesime) for r in regions_importees(millesime)]
        importees = sorted(importees, key=lambda c: cle_tri(c.nom))
    return render(
        request,
        "observatoire/accueil.html",
        {
            "form": form,
            "resultats": resultats,
            "recherche": form.is_bound,
            "millesime": millesime,
            "france": france,
            "importees": importees,
            "regions": regions_observatoire(),
            "annees": liste.annees_disponibles(),
        },
    )


def _territoire(niveau, code):
    try:
        return analyser_territoire(f"{niveau}:{code}")
    except TerritoireInvalide as erreur:
        raise Http404(str(erreur)) from erreur


@require_GET
def territoire(request, niveau, code):
    niveau, code = _territoire(niveau, code)
    # Sections of other apps (extensions.py) are computed per request, never cached.
    contexte = {**contexte_territoire(niveau, code), "sections_complementaires": sections(niveau, code)}
    return render(request, "observatoire/territoire.html", contexte)


@require_GET
def export_tableau(request, niveau, code, nom, format):
    niveau, code = _territoire(niveau, code)
    tableau = tableau_themes(niveau, code) if nom == "themes" else tableaux(calculer(niveau, code)).get(nom)
    if tableau is None or format not in ("csv", "xlsx"):
        raise Http404("Tableau ou format inconnu.")
    try:
        return reponse_export(format, f"observatoire-{niveau}-{code}-{nom}", tableau.champs, tableau.lignes)
    except FormatInconnu as erreur:
        raise Http404(str(erreur)) from erreur


@require_GET
def portrait(request, niveau, code):
    niveau, code = _territoire(niveau, code)
    millesime = millesime_publie()
    if millesime is None:
        raise Http404("Aucun millésime publié.")
    if not couvre(millesime, niveau, code):
        raise Http404("Aucune donnée importée pour ce territoire.")
    titre = _("Portrait de l'ESS — %(nom)s") % {"nom": nom_territoire(niveau, code)}
    retour = reverse("observatoire:territoire", args=[niveau, code])
    try:
        document = documents.demander(
            portrait_service.document_portrait,
            f"{niveau}:{code}",
            portrait_service.version_portrait(niveau, code, millesime),
            nom_fichier=f"portrait-ess-{niveau}-{code}.pdf",
            libelle=titre,
            request=request,
        )
    except documents.TropDeDemandes as erreur:
        return documents.reponse_trop_de_demandes(request, erreur, titre=titre, retour=retour)
    return documents.reponse(
        request, document, titre=titre, type_mime="application/pdf", retour=retour, en_ligne=True
    )


@require_GET
def listes_ess(request):
    return render(
        request,
        "observatoire/listes_ess.html",
        {
            "regions": regions_observatoire(),
            "annees": liste.annees_disponibles(),
        },
    )


def _liste(request, region, annee):
    region = get_object_or_404(Region, code=region)
    choix = request.GET.get("millesime") or ""
    # Same bound as the <id:> URL converter: an absurd value is a 404, never a 500.
    if choix and not (choix.isascii() and choix.isdigit() and len(choix) <= 18):
        raise Http404(f"Millésime inconnu : « {choix[:30]} ».")
    millesime = liste.millesime_de_l_annee(annee, int(choix) if choix else None)
    if millesime is None:
        raise Http404(f"Aucun millésime SIRENE de {annee} n'est importé.")
    return region, millesime


@require_GET
def liste_ess(request, region, annee):
    region, millesime = _liste(request, region, annee)
    page = Paginator(liste.unites_de_la_region(millesime, region.code), 100).get_page(request.GET.get("page"))
    entreprises = list(liste.lignes(millesime, region.code, unites=list(page)))
    return render(
        request,
        "observatoire/liste_ess.html",
        {
            "region": region,
            "annee": annee,
            "millesime": millesime,
            "page": page,
            "champs": liste.CHAMPS,
            "entreprises": entreprises,
        },
    )


@require_GET
def liste_ess_csv(request, region, annee):
    region, millesime = _liste(request, region, annee)
    nom = f"liste-entreprises-ess-{region.code}-{annee}-millesime-{millesime.pk}"
    return reponse_export("csv", nom, liste.CHAMPS, liste.lignes(millesime, region.code), separateur=";")


def millesimes(request):
    """The imported vintages; staff choose the published one here (POST ``publier``)."""
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        choix = get_object_or_404(
            Millesime, pk=_identifiant(request.POST.get("publier")), statut__in=millesimes_service.TERMINES
        )
        if not request.user.has_perm("observatoire.publier_millesime", choix):
            raise PermissionDenied
        millesimes_service.publier(choix, par=request.user)
        messages.success(
            request,
            _("Le millésime du %(date)s est publié ; les autres restent consultables.")
            % {"date": choix.libelle_date},
        )
        return redirect("observatoire:millesimes")
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    liste_millesimes = list(Millesime.objects.exclude(statut=StatutMillesime.EN_COURS))
    for m in liste_millesimes:
        m.publiable = (
            m.statut == StatutMillesime.ARCHIVE
            and request.user.is_authenticated
            and request.user.has_perm("observatoire.publier_millesime", m)
        )
    return render(
        request,
        "observatoire/millesimes.html",
        {
            "millesimes": liste_millesimes,
            "sources": ChiffreImporte.objects.values("source", "millesime").distinct(),
            "publications": PublicationMillesime.objects.select_related("millesime", "precedent", "par")[:20],
        },
    )


def _identifiant(valeur) -> int:
    valeur = (valeur or "").strip()
    if not (valeur.isascii() and valeur.isdigit() and len(valeur) <= 18):
        raise Http404(f"Millésime inconnu : « {valeur[:30]} ».")
    return int(valeur)


@login_required
def importer_chiffres(request):
    if not request.user.has_perm("observatoire.importer_chiffres"):
        raise PermissionDenied
    form = ImportChiffresForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        dossier = settings.ESSAIM_PRIVE_ROOT / "observatoire" / "imports"
        dossier.mkdir(parents=True, exist_ok=True)
        envoi = form.cleaned_data["fichier"]
        with tempfile.NamedTemporaryFile(dir=dossier, delete=False, suffix="-" + envoi.name[-60:]) as copie:
            for morceau in envoi.chunks():
                copie.write(morceau)
        donnees = form.cleaned_data
        travail = lancer(
            importer_chiffres_tache,
            f"Import des chiffres « {donnees['source']} »",
            user=request.user,
            chemin=copie.name,
            nom=envoi.name,
            source=donnees["source"],
            millesime=donnees["millesime"],
            dry_run=donnees["dry_run"],
        )
        return redirect(travail)
    return render(request, "observatoire/importer_chiffres.html", {"form": form})
