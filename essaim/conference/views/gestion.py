from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..enums import StatutInscription, Transition
from ..forms import (
    AtelierForm,
    ConsolidationForm,
    DeclarationParticipantsForm,
    EnjeuxFormSet,
    FicheSyntheseForm,
    ProjetsFormSet,
    RessourcesFormSet,
)
from ..models import FicheSynthese, Inscription
from ..services import participants, syntheses
from ..services.appel import creer_appel
from ..services.chiffres import ateliers_de, chiffres_cles, completude
from .commun import atelier_de, conference_visible, exiger

__all__ = [
    "tableau_de_bord",
    "modifier_atelier",
    "emargement",
    "pointer",
    "emargement_pdf",
    "declarer",
    "fiche",
    "valider_fiche",
    "consolider",
    "enjeux",
    "ouvrir_appel",
]


@login_required
def tableau_de_bord(request, slug):
    conference = conference_visible(request, slug)
    exiger(request, "conference.suivre", conference)
    ateliers = list(ateliers_de(conference))
    return render(
        request,
        "conference/gestion/tableau_de_bord.html",
        {
            "conference": conference,
            "ateliers": ateliers,
            "chiffres": chiffres_cles(conference, ateliers),
            "completude": completude(conference, ateliers),
            "transitions": conference.transitions.all(),
            "peut_gerer": request.user.has_perm("conference.gerer_conference", conference),
        },
    )


@login_required
def modifier_atelier(request, slug, pk):
    atelier = atelier_de(request, slug, pk, "conference.gerer_atelier")
    form = AtelierForm(request.POST or None, instance=atelier, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Atelier enregistré.")
        return redirect(atelier)
    return render(
        request,
        "conference/gestion/formulaire.html",
        {
            "titre": f"Modifier l'atelier « {atelier.intitule} »",
            "form": form,
            "retour": atelier.get_absolute_url(),
        },
    )


@login_required
def emargement(request, slug, pk):
    atelier = atelier_de(request, slug, pk, "conference.emarger")
    inscrits = atelier.inscriptions.filter(
        statut__in=[StatutInscription.CONFIRMEE, StatutInscription.ATTENTE]
    ).order_by("statut", "nom", "prenom")
    return render(
        request,
        "conference/gestion/emargement.html",
        {
            "atelier": atelier,
            "inscrits": inscrits,
            "presents": atelier.nombre_presents(),
            "declaration": DeclarationParticipantsForm(instance=atelier),
        },
    )


@login_required
@require_POST
def pointer(request, slug, pk, inscription_pk):
    atelier = atelier_de(request, slug, pk, "conference.emarger")
    inscrit = get_object_or_404(Inscription, pk=inscription_pk, atelier=atelier)
    participants.pointer(inscrit, present=request.POST.get("present") == "1")
    if request.htmx:
        return render(
            request, "conference/gestion/_ligne_emargement.html", {"atelier": atelier, "inscrit": inscrit}
        )
    return redirect("conference:emargement", slug=slug, pk=pk)


@login_required
def emargement_pdf(request, slug, pk):
    atelier = atelier_de(request, slug, pk, "conference.emarger")
    reponse = HttpResponse(participants.feuille_emargement_pdf(atelier), content_type="application/pdf")
    reponse["Content-Disposition"] = f'inline; filename="emargement-atelier-{atelier.pk}.pdf"'
    return reponse


@login_required
@require_POST
def declarer(request, slug, pk):
    atelier = atelier_de(request, slug, pk, "conference.gerer_atelier")
    form = DeclarationParticipantsForm(request.POST, instance=atelier)
    if form.is_valid():
        form.save()
        messages.success(request, "Nombre de participants enregistré.")
    else:
        messages.error(
            request,
            "Nombre de participants invalide : " + " ".join(form.errors.get("participants_declares", [])),
        )
    return redirect("conference:emargement", slug=slug, pk=pk)


@login_required
def fiche(request, slug, pk):
    atelier = atelier_de(request, slug, pk, "conference.deposer_fiche")
    instance = FicheSynthese.objects.filter(atelier=atelier).first() or FicheSynthese(atelier=atelier)
    if not syntheses.modifiable_par(instance, request.user, atelier):
        messages.info(
            request, "Cette fiche est validée : seule l'équipe de la CRESS peut encore la modifier."
        )
        return redirect(atelier)
    donnees = request.POST or None
    form = FicheSyntheseForm(
        donnees, instance=instance, initial={"participants": atelier.nombre_participants()}
    )
    projets = ProjetsFormSet(donnees, instance=instance, prefix="projets")
    ressources = RessourcesFormSet(donnees, instance=instance, prefix="ressources")
    if request.method == "POST" and all(f.is_valid() for f in (form, projets, ressources)):
        _enregistrer_fiche(request, atelier, form, projets, ressources)
        return redirect(atelier)
    return render(
        request,
        "conference/gestion/fiche.html",
        {
            "atelier": atelier,
            "form": form,
            "projets": projets,
            "ressources": ressources,
            "fiche": instance,
        },
    )


def _enregistrer_fiche(request, atelier, form, projets, ressources):
    fiche = syntheses.enregistrer(atelier, form, projets, ressources, request.user)
    message = "Fiche de synthèse enregistrée."
    if fiche.en_retard:
        message += " Elle est déposée après la fin de l'édition : elle est marquée « déposée en retard »."
    messages.success(request, message)


@login_required
@require_POST
def valider_fiche(request, slug, pk):
    atelier = atelier_de(request, slug, pk, "conference.valider_fiche")
    fiche = get_object_or_404(FicheSynthese, atelier=atelier)
    syntheses.valider(fiche, request.user)
    messages.success(request, "Fiche de synthèse validée.")
    return redirect(atelier)


@login_required
def consolider(request, slug, transition):
    conference = conference_visible(request, slug)
    exiger(request, "conference.consolider", conference)
    objet = get_object_or_404(conference.transitions, transition=transition)
    form = ConsolidationForm(request.POST or None, instance=objet)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Synthèse de la transition enregistrée.")
        return redirect("conference:tableau_de_bord", slug=slug)
    ateliers = [a for a in ateliers_de(conference) if transition in a.transitions]
    return render(
        request,
        "conference/gestion/consolidation.html",
        {
            "conference": conference,
            "form": form,
            "libelle": Transition(transition).label,
            "ateliers": ateliers,
        },
    )


@login_required
def enjeux(request, slug):
    conference = conference_visible(request, slug)
    exiger(request, "conference.consolider", conference)
    formset = EnjeuxFormSet(request.POST or None, instance=conference, prefix="enjeux")
    if request.method == "POST" and formset.is_valid():
        formset.save()
        messages.success(request, "Enjeux transversaux enregistrés.")
        return redirect("conference:tableau_de_bord", slug=slug)
    return render(request, "conference/gestion/enjeux.html", {"conference": conference, "formset": formset})


@login_required
@require_POST
def ouvrir_appel(request, slug):
    conference = conference_visible(request, slug)
    exiger(request, "conference.gerer_conference", conference)
    maintenant = timezone.now()
    appel = creer_appel(conference, maintenant, maintenant + timezone.timedelta(days=45))
    messages.success(request, "L'appel à contributions est créé avec la fiche de candidature par défaut.")
    return redirect(appel.get_absolute_url())
