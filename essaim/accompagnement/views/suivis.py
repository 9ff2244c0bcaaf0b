"""Pages of a follow-up file: the list of files the user may see, and one file's timeline with
the forms that add to it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from essaim.commun.fichiers import envoyer
from essaim.commun.statuts import TransitionInterdite

from ..enums import NatureSuivi, Periode, StatutAction
from ..forms import (
    ActionForm,
    AffectationForm,
    ConventionForm,
    EtapeDLAForm,
    EvenementForm,
    ResultatForm,
    StatutSuiviForm,
)
from ..models import Evenement, Suivi
from ..rules import evenements_visibles, suivis_visibles
from ..services import dla, suivis

# form name -> (form class, permission)
FORMULAIRES = {
    "evenement": (EvenementForm, "accompagnement.ecrire_suivi"),
    "action": (ActionForm, "accompagnement.ecrire_suivi"),
    "convention": (ConventionForm, "accompagnement.gerer_suivi"),
    "resultat": (ResultatForm, "accompagnement.declarer_resultats"),
    "statut": (StatutSuiviForm, "accompagnement.gerer_suivi"),
    "affectation": (AffectationForm, "accompagnement.gerer_suivi"),
    "etape": (EtapeDLAForm, "accompagnement.ecrire_suivi"),
}
SANS_SUIVI = {"statut", "etape"}


@login_required
def liste(request):
    qs = suivis_visibles(request.user).select_related("accompagnateur", "region")
    nature = request.GET.get("nature")
    if nature in NatureSuivi.values:
        qs = qs.filter(nature=nature)
    return render(
        request,
        "accompagnement/liste.html",
        {"suivis": qs[:500], "natures": NatureSuivi.choices, "nature": nature},
    )


def _suivi_visible(request, pk) -> Suivi:
    suivi = get_object_or_404(
        Suivi.objects.select_related("candidature__appel", "structure", "accompagnateur", "responsable"),
        pk=pk,
    )
    if not request.user.has_perm("accompagnement.voir_suivi", suivi):
        raise PermissionDenied
    return suivi


def _formulaire(nom, suivi, data=None, files=None):
    classe, _perm = FORMULAIRES[nom]
    if nom in SANS_SUIVI:
        return classe(data, prefix=nom)
    if nom == "affectation" and data is None:
        return classe(
            suivi=suivi,
            prefix=nom,
            initial={"responsable": suivi.responsable_id, "accompagnateur": suivi.accompagnateur_id},
        )
    return classe(data, files, suivi=suivi, prefix=nom)


def _enregistrer(nom, form, suivi, user):
    d = form.cleaned_data
    if nom == "evenement":
        champs = {k: v for k, v in d.items() if k != "fichier"}
        return suivis.ajouter_evenement(suivi, auteur=user, fichier=d.get("fichier"), **champs)
    if nom == "resultat":
        return suivis.declarer_resultat(
            suivi,
            periode=d["periode"],
            valeurs=form.valeurs(),
            commentaire=d["commentaire"],
            par=user,
            corriger=d["corriger"],
        )
    if nom == "statut":
        return suivis.changer_statut_suivi(suivi, d["statut"], par=user)
    if nom == "affectation":
        suivi.responsable, suivi.accompagnateur = d["responsable"], d["accompagnateur"]
        suivi._history_user = user
        return suivi.save(update_fields=["responsable", "accompagnateur", "modifie_le"])
    if nom == "etape":
        if not hasattr(suivi, "orientation"):
            raise Http404
        return dla.passer_etape(
            suivi.orientation, d["etape"], date=d["date"], issue=d["issue"] or "", par=user
        )
    return form.save()


@login_required
def detail(request, pk):
    suivi = _suivi_visible(request, pk)
    user = request.user
    formulaires = {
        nom: _formulaire(nom, suivi) for nom, (_c, perm) in FORMULAIRES.items() if user.has_perm(perm, suivi)
    }
    if suivi.nature != NatureSuivi.LAUREAT:
        formulaires.pop("resultat", None)
    if suivi.nature != NatureSuivi.DLA:
        formulaires.pop("etape", None)
    statut_http = 200
    if request.method == "POST":
        nom = request.POST.get("formulaire")
        if nom not in formulaires:
            raise PermissionDenied
        form = _formulaire(nom, suivi, request.POST, request.FILES)
        formulaires[nom] = form
        if form.is_valid():
            try:
                with transaction.atomic():
                    _enregistrer(nom, form, suivi, user)
            except ValidationError as erreur:
                for champ, erreurs in erreur.message_dict.items():
                    form.add_error(champ if champ in form.fields else None, erreurs)
            except TransitionInterdite:
                form.add_error(None, _("Ce changement de statut n'est pas permis depuis le statut actuel."))
            else:
                messages.success(request, _("Enregistré."))
                return redirect(suivi.get_absolute_url() + f"#{nom}")
        statut_http = 400
    return render(
        request,
        "accompagnement/suivi.html",
        {
            "suivi": suivi,
            "evenements": evenements_visibles(user, suivi),
            "actions": suivi.actions.select_related("responsable"),
            "conventions": suivi.conventions.all(),
            "resultats": suivi.resultats.all(),
            "comparaison": suivis.comparaison(suivi),
            "periodes": Periode.choices,
            "avancement": suivis.avancement(suivi),
            "formulaires": formulaires,
            "orientation": getattr(suivi, "orientation", None),
            "territoire": getattr(suivi, "territoire", None),
            "statuts_action": StatutAction.choices,
        },
        status=statut_http,
    )


@login_required
@require_POST
def action_statut(request, pk, action):
    suivi = _suivi_visible(request, pk)
    if not request.user.has_perm("accompagnement.ecrire_suivi", suivi):
        raise PermissionDenied
    action = get_object_or_404(suivi.actions, pk=action)
    try:
        suivis.changer_statut_action(action, request.POST.get("statut", ""), par=request.user)
    except (TransitionInterdite, ValueError):
        messages.error(request, _("Ce changement de statut de l'action n'est pas permis."))
    else:
        messages.success(
            request, _("Action « %(a)s » : %(s)s.") % {"a": action.libelle, "s": action.get_statut_display()}
        )
    return redirect(suivi.get_absolute_url() + "#actions")


@login_required
def piece(request, pk, evenement):
    suivi = _suivi_visible(request, pk)
    evenement = get_object_or_404(Evenement, pk=evenement, suivi=suivi)
    if evenement.interne and not request.user.has_perm("accompagnement.voir_notes_internes", suivi):
        raise PermissionDenied
    if not evenement.fichier:
        raise Http404
    return envoyer(evenement.fichier, nom=evenement.nom_fichier or None)
