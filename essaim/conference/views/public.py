from collections import defaultdict

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_POST

from essaim.commun.inscriptions import attente_avant_inscription
from essaim.territoires.models import Departement

from ..enums import StatutInscription, Transition
from ..forms import InscriptionForm
from ..models import Conference, Inscription
from ..services import carte, participants
from ..services.chiffres import ateliers_de, chiffres_cles
from ..services.rapport import date_atelier, libelle_departement, libelle_mois, lieu_atelier
from .commun import atelier_de, conference_visible

__all__ = [
    "liste",
    "detail",
    "agenda",
    "carte_ateliers",
    "ical_edition",
    "atelier",
    "ical_atelier",
    "inscription",
    "annuler_inscription",
    "confirmer_inscription",
]


def liste(request):
    conferences = Conference.objects.filter(publiee=True).select_related("region")
    regions = sorted({c.region for c in conferences}, key=lambda r: r.nom)
    return render(request, "conference/liste.html", {"conferences": conferences, "regions": regions})


def detail(request, slug):
    conference = conference_visible(request, slug)
    return render(
        request,
        "conference/detail.html",
        {
            "conference": conference,
            "chiffres": chiffres_cles(conference),
            "evenements": conference.evenements.prefetch_related("programme"),
        },
    )


def _lignes(ateliers):
    return [{"atelier": a, "date": date_atelier(a), "lieu": lieu_atelier(a)} for a in ateliers]


def agenda(request, slug):
    """Workshops grouped by month, by département or by transition, with filters."""
    conference = conference_visible(request, slug)
    vue = (
        request.GET.get("vue") if request.GET.get("vue") in ("mois", "departement", "transition") else "mois"
    )
    ateliers = list(ateliers_de(conference))
    if request.GET.get("transition") in Transition.values:
        ateliers = [a for a in ateliers if request.GET["transition"] in a.transitions]
    if request.GET.get("departement"):
        ateliers = [a for a in ateliers if a.code_departement == request.GET["departement"]]
    groupes = defaultdict(list)
    noms_dep = dict(Departement.objects.values_list("code", "nom"))
    for ligne in _lignes(ateliers):
        a = ligne["atelier"]
        if vue == "mois":
            groupes[libelle_mois(a.mois).capitalize() if a.mois else "Date non renseignée"].append(ligne)
        elif vue == "departement":
            groupes[libelle_departement(a.code_departement, noms_dep)].append(ligne)
        else:
            for t in a.transitions or ["?"]:
                groupes[str(Transition(t).label) if t in Transition.values else "Non renseignée"].append(
                    ligne
                )
    departements = sorted({a.code_departement for a in ateliers_de(conference)})
    return render(
        request,
        "conference/agenda.html",
        {
            "conference": conference,
            "vue": vue,
            "groupes": dict(groupes),
            "nombre": len(ateliers),
            "transitions": Transition.choices,
            "departements": [(c, libelle_departement(c, noms_dep)) for c in departements],
            "filtre_transition": request.GET.get("transition", ""),
            "filtre_departement": request.GET.get("departement", ""),
        },
    )


def carte_ateliers(request, slug):
    conference = conference_visible(request, slug)
    ateliers = list(ateliers_de(conference))
    points, non_places = carte.points(ateliers, lambda a: a.get_absolute_url())
    return render(
        request,
        "conference/carte.html",
        {
            "conference": conference,
            "points": points,
            "non_places": _lignes(non_places),
            "lignes": _lignes(ateliers),
        },
    )


def _ical(request, ateliers, nom, fichier):
    contenu = participants.calendrier_ical(
        ateliers,
        nom,
        request.get_host().split(":")[0],
        lambda a: request.build_absolute_uri(a.get_absolute_url()),
    )
    reponse = HttpResponse(contenu, content_type="text/calendar; charset=utf-8")
    reponse["Content-Disposition"] = f'inline; filename="{fichier}"'
    return reponse


def ical_edition(request, slug):
    conference = conference_visible(request, slug)
    return _ical(request, ateliers_de(conference), conference.titre, f"{conference.slug}.ics")


def ical_atelier(request, slug, pk):
    atelier = atelier_de(request, slug, pk)
    return _ical(request, [atelier], atelier.intitule, f"atelier-{atelier.pk}.ics")


def atelier(request, slug, pk):
    atelier = atelier_de(request, slug, pk)
    return render(
        request,
        "conference/atelier.html",
        {
            "atelier": atelier,
            "conference": atelier.conference,
            "date": date_atelier(atelier),
            "lieu": lieu_atelier(atelier),
            "form": InscriptionForm(atelier=atelier, initial=_initial(request)),
            "places_restantes": atelier.places_restantes(),
            "participants": atelier.nombre_participants(),
        },
    )


def _initial(request) -> dict:
    """A signed-in person registers without retyping their name and address."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "prenom": user.first_name,
        "nom": user.last_name,
        "email": user.email,
        "organisation": getattr(user, "organisation", ""),
    }


# Registration attempts per hour, per client address and per e-mail address (all workshops).
# Enough for an office registering colleagues behind one address, or a person following several
# workshops; a robot is stopped long before it matters (its registrations hold no seat anyway
# until their address is confirmed), and nobody receives more than a few unwanted links.
LIMITE_PAR_IP = 20
LIMITE_PAR_EMAIL = 5
FENETRE_LIMITE_S = 3600


def _page_atelier(request, atelier, form, status):
    return render(
        request,
        "conference/atelier.html",
        {
            "atelier": atelier,
            "conference": atelier.conference,
            "date": date_atelier(atelier),
            "lieu": lieu_atelier(atelier),
            "form": form,
            "places_restantes": atelier.places_restantes(),
            "participants": atelier.nombre_participants(),
        },
        status=status,
    )


@require_POST
def inscription(request, slug, pk):
    atelier = atelier_de(request, slug, pk)
    form = InscriptionForm(request.POST, atelier=atelier)
    attente = attente_avant_inscription(
        request,
        form,
        ("inscription-atelier", "inscription-email"),
        LIMITE_PAR_IP,
        LIMITE_PAR_EMAIL,
        FENETRE_LIMITE_S,
    )
    if attente:
        reponse = _page_atelier(request, atelier, form, status=429)
        reponse["Retry-After"] = str(attente)
        return reponse
    if form.is_valid():
        try:
            inscrit = participants.inscrire(
                atelier,
                **{k: form.cleaned_data[k] for k in ("prenom", "nom", "email", "organisation")},
                utilisateur=request.user,
            )
        except participants.InscriptionImpossible as erreur:
            form.add_error(None, str(erreur))
        else:
            base_url, langue = request.build_absolute_uri("/"), translation.get_language()
            if inscrit.statut == StatutInscription.A_CONFIRMER:
                participants.envoyer_lien_de_confirmation(inscrit, base_url, langue)
            else:
                participants.envoyer_confirmation(inscrit, base_url, langue)
            return redirect("conference:inscription_confirmee", jeton=inscrit.jeton)
    return _page_atelier(request, atelier, form, status=400)


def confirmer_inscription(request, jeton_signe):
    """The link of the confirmation e-mail: a button (POST), so that mail scanners following
    links do not confirm a registration on their own."""
    try:
        inscrit = participants.inscription_signee(jeton_signe)
    except participants.InscriptionImpossible as erreur:
        return render(request, "conference/inscription_lien.html", {"erreur": str(erreur)}, status=410)
    if request.method == "POST":
        deja = inscrit.statut != StatutInscription.A_CONFIRMER
        try:
            inscrit = participants.confirmer(inscrit)
        except participants.InscriptionImpossible as erreur:
            return render(request, "conference/inscription_lien.html", {"erreur": str(erreur)}, status=409)
        if not deja:
            participants.envoyer_confirmation(
                inscrit, request.build_absolute_uri("/"), translation.get_language()
            )
        return redirect("conference:inscription_confirmee", jeton=inscrit.jeton)
    return render(
        request, "conference/inscription_lien.html", {"inscription": inscrit, "atelier": inscrit.atelier}
    )


def annuler_inscription(request, jeton):
    """The confirmation page (linked from the registration) also lets the person cancel."""
    inscrit = get_object_or_404(Inscription.objects.select_related("atelier__conference"), jeton=jeton)
    if request.method == "POST":
        promue = participants.annuler(inscrit)
        if promue:
            participants.envoyer_promotion(promue, request.build_absolute_uri("/"))
        messages.success(request, "Votre inscription est annulée.")
        return redirect(inscrit.atelier)
    return render(
        request,
        "conference/inscription.html",
        {
            "inscription": inscrit,
            "atelier": inscrit.atelier,
            "en_attente": inscrit.statut == StatutInscription.ATTENTE,
            "a_confirmer": inscrit.statut == StatutInscription.A_CONFIRMER,
            "annulee": inscrit.statut == StatutInscription.ANNULEE,
            "lien": request.build_absolute_uri(
                reverse("conference:inscription_confirmee", args=[inscrit.jeton])
            ),
        },
    )
