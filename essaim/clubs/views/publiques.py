"""Public pages of the clubs: list, club, session, registration, iCal, figures."""

import datetime

from django.contrib import messages
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from essaim.commun.exports import FormatInconnu, reponse_export
from essaim.commun.inscriptions import InscriptionImpossible, StatutInscription, attente_avant_inscription

from ..enums import StatutMembre, StatutRencontre
from ..forms import DemandeAdhesionForm, InscriptionForm
from ..models import Club, Filiere, InscriptionRencontre
from ..rules import annonces_visibles, clubs_visibles, membres_visibles
from ..services import chiffres as services_chiffres
from ..services import rencontres as services_rencontres
from ..services.adhesions import structures_candidates
from ..services.annonces import annonces_en_cours
from .commun import club_de, rencontre_de

__all__ = [
    "liste",
    "detail",
    "rencontre",
    "inscription",
    "confirmer_inscription",
    "gerer_inscription",
    "ical_club",
    "chiffres",
    "export_chiffres",
]

LIMITE_PAR_IP, LIMITE_PAR_EMAIL, FENETRE_LIMITE_S = 20, 5, 3600


def liste(request):
    clubs = clubs_visibles(request.user).select_related("filiere", "region").order_by("filiere__ordre", "nom")
    filiere = request.GET.get("filiere", "")
    if filiere:
        clubs = clubs.filter(filiere__code=filiere)
    return render(
        request,
        "clubs/liste.html",
        {
            "clubs": clubs,
            "filieres": Filiere.objects.filter(clubs__isnull=False).distinct(),
            "filiere": filiere,
        },
    )


def detail(request, slug):
    club = club_de(request, slug)
    aujourd_hui = timezone.localdate()
    rencontres = club.rencontres.select_related("commune")
    candidates = structures_candidates(request.user, club)
    return render(
        request,
        "clubs/detail.html",
        {
            "club": club,
            "a_venir": rencontres.filter(date__gte=aujourd_hui).exclude(statut=StatutRencontre.ANNULEE),
            "passees": rencontres.filter(date__lt=aujourd_hui).order_by("-date")[:12],
            "membres": membres_visibles(request.user, club).select_related("structure__commune"),
            "nombre_membres": club.membres.filter(statut=StatutMembre.ACCEPTEE).count(),
            "form_adhesion": DemandeAdhesionForm(structures=candidates) if candidates.exists() else None,
            "ma_demande": club.membres.filter(
                statut=StatutMembre.DEMANDEE, structure__gestions__utilisateur=request.user.pk
            ).first()
            if request.user.is_authenticated
            else None,
            "annonces": annonces_en_cours(annonces_visibles(request.user, club))[:5],
            "chiffres": services_chiffres.chiffres(club, aujourd_hui.year),
        },
    )


def _page_rencontre(request, rencontre, form, status=200):
    return render(
        request,
        "clubs/rencontre.html",
        {
            "club": rencontre.club,
            "rencontre": rencontre,
            "lieu": services_rencontres.lieu(rencontre),
            "form": form,
            "nombres": services_rencontres.nombres(rencontre),
            "ressources": services_rencontres.ressources_produites(rencontre),
            "peut_s_inscrire": services_rencontres.peut_s_inscrire(rencontre, request.user),
        },
        status=status,
    )


def rencontre(request, slug, pk):
    rencontre = rencontre_de(request, slug, pk)
    initial = {}
    if request.user.is_authenticated:
        initial = {
            "prenom": request.user.first_name,
            "nom": request.user.last_name,
            "email": request.user.email,
        }
    return _page_rencontre(request, rencontre, InscriptionForm(initial=initial))


@require_POST
def inscription(request, slug, pk):
    rencontre = rencontre_de(request, slug, pk)
    form = InscriptionForm(request.POST)
    attente = attente_avant_inscription(
        request,
        form,
        ("inscription-rencontre", "inscription-rencontre-email"),
        LIMITE_PAR_IP,
        LIMITE_PAR_EMAIL,
        FENETRE_LIMITE_S,
    )
    if attente:
        reponse = _page_rencontre(request, rencontre, form, status=429)
        reponse["Retry-After"] = str(attente)
        return reponse
    if form.is_valid():
        try:
            inscrit = services_rencontres.inscrire(
                rencontre,
                **{k: form.cleaned_data[k] for k in ("prenom", "nom", "email", "organisation")},
                utilisateur=request.user,
            )
        except InscriptionImpossible as erreur:
            form.add_error(None, str(erreur))
        else:
            base_url, langue = request.build_absolute_uri("/"), translation.get_language()
            if inscrit.statut == StatutInscription.A_CONFIRMER:
                services_rencontres.envoyer_lien_de_confirmation(inscrit, base_url, langue)
            else:
                services_rencontres.envoyer_confirmation(inscrit, base_url, langue)
            return redirect("clubs:inscription", jeton=inscrit.jeton)
    return _page_rencontre(request, rencontre, form, status=400)


def confirmer_inscription(request, jeton_signe):
    """The link of the confirmation e-mail: a button (POST), so mail scanners confirm nothing."""
    try:
        inscrit = services_rencontres.inscription_signee(jeton_signe)
    except InscriptionImpossible as erreur:
        return render(request, "clubs/inscription_lien.html", {"erreur": str(erreur)}, status=410)
    if request.method == "POST":
        deja = inscrit.statut != StatutInscription.A_CONFIRMER
        try:
            inscrit = services_rencontres.confirmer(inscrit)
        except InscriptionImpossible as erreur:
            return render(request, "clubs/inscription_lien.html", {"erreur": str(erreur)}, status=409)
        if not deja:
            services_rencontres.envoyer_confirmation(
                inscrit, request.build_absolute_uri("/"), translation.get_language()
            )
        return redirect("clubs:inscription", jeton=inscrit.jeton)
    return render(
        request, "clubs/inscription_lien.html", {"inscription": inscrit, "rencontre": inscrit.rencontre}
    )


def gerer_inscription(request, jeton):
    inscrit = get_object_or_404(InscriptionRencontre.objects.select_related("rencontre__club"), jeton=jeton)
    if request.method == "POST":
        promue = services_rencontres.annuler(inscrit)
        if promue:
            services_rencontres.envoyer_promotion(promue, request.build_absolute_uri("/"))
        messages.success(request, _("Votre inscription est annulée."))
        return redirect(inscrit.rencontre)
    return render(
        request,
        "clubs/inscription.html",
        {
            "inscription": inscrit,
            "rencontre": inscrit.rencontre,
            "position": services_rencontres.position_attente(inscrit),
            "lien": request.build_absolute_uri(reverse("clubs:inscription", args=[inscrit.jeton])),
        },
    )


def ical_club(request, slug):
    club = club_de(request, slug)
    contenu = services_rencontres.calendrier_ical(
        club.rencontres.select_related("club", "commune"),
        nom=club.nom,
        domaine=request.get_host().split(":")[0],
        url_de=lambda r: request.build_absolute_uri(r.get_absolute_url()),
    )
    reponse = HttpResponse(contenu, content_type="text/calendar; charset=utf-8")
    reponse["Content-Disposition"] = f'inline; filename="{club.slug}.ics"'
    return reponse


def _annee(request, defaut: int) -> int:
    valeur = request.GET.get("annee", "")
    return int(valeur) if valeur.isdigit() and 1990 <= int(valeur) <= 2100 else defaut


def chiffres(request, slug):
    club = club_de(request, slug)
    annees = services_chiffres.annees(club) or [timezone.localdate().year]
    annee = _annee(
        request, annees[0] if timezone.localdate().year not in annees else timezone.localdate().year
    )
    return render(
        request,
        "clubs/chiffres.html",
        {
            "club": club,
            "annee": annee,
            "annees": sorted(set(annees) | {annee}, reverse=True),
            "chiffres": services_chiffres.chiffres(club, annee),
            "rencontres": services_chiffres.rencontres_de(club, annee).prefetch_related("inscriptions"),
            "maintenant": datetime.datetime.now(tz=datetime.UTC),
        },
    )


def export_chiffres(request, slug, format):
    club = club_de(request, slug)
    try:
        return reponse_export(
            format,
            f"chiffres-{club.slug}",
            services_chiffres.CHAMPS,
            services_chiffres.lignes(Club.objects.filter(pk=club.pk)),
        )
    except FormatInconnu as erreur:
        return HttpResponseBadRequest(str(erreur), content_type="text/plain; charset=utf-8")
