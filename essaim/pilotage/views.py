"""Pages of strategic plans: list, dashboard, objective, entry forms, yearly review, exports.
Thin: rules in services/, permissions in rules.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from essaim.commun import documents
from essaim.commun.fichiers import envoyer
from essaim.commun.statuts import TransitionInterdite, changer_statut

from . import forms
from .enums import Mode, StatutObjectif
from .models import Indicateur, Mesure, Objectif, Plan
from .rules import indicateurs_a_saisir, plans_visibles
from .services import bilan as service_bilan
from .services import mesures as service_mesures
from .services.export import reponse_xlsx
from .services.tableau import arbre, ligne_indicateur

TYPES = {
    "pdf": ("application/pdf", service_bilan.document_pdf),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        service_bilan.document_docx,
    ),
}


def plan_visible(request, slug) -> Plan:
    """The plan if the user may read it; a 404 otherwise (a private plan is not revealed)."""
    plan = get_object_or_404(Plan.objects.select_related("region"), slug=slug)
    if not request.user.has_perm("pilotage.voir_plan", plan):
        raise Http404
    return plan


def _exiger(request, permission, obj):
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


def liste(request):
    plans = plans_visibles(request.user).select_related("region")
    return render(request, "pilotage/liste.html", {"plans": plans})


@login_required
def plan_creer(request):
    if not request.user.has_perm("pilotage.creer_plan"):
        raise PermissionDenied
    form = forms.PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.instance._history_user = request.user
        with transaction.atomic():
            nouveau = form.save()
        messages.success(request, _("Plan créé."))
        return redirect(nouveau)
    return render(request, "pilotage/plan_form.html", {"form": form, "titre": _("Nouveau plan")})


def plan(request, slug):
    plan = plan_visible(request, slug)
    contexte = arbre(plan)
    contexte["peut_gerer"] = request.user.has_perm("pilotage.gerer_plan", plan)
    contexte["annees"] = range(plan.annee_debut, plan.annee_fin + 1)
    contexte["annee_bilan"] = min(max(timezone.localdate().year, plan.annee_debut), plan.annee_fin)
    return render(request, "pilotage/plan.html", contexte)


def _objectif(request, slug, pk) -> Objectif:
    plan = plan_visible(request, slug)
    return get_object_or_404(
        Objectif.objects.select_related("priorite__plan__region", "responsable"), pk=pk, priorite__plan=plan
    )


def objectif(request, slug, pk):
    objectif = _objectif(request, slug, pk)
    indicateurs = objectif.indicateurs.select_related("plan").prefetch_related("mesures__saisie_par")
    contexte = {
        "plan": objectif.plan,
        "objectif": objectif,
        "lignes": [ligne_indicateur(i) for i in indicateurs],
        "notes": objectif.notes.select_related("auteur"),
        "actions": objectif.actions.all(),
        "peut_gerer": request.user.has_perm("pilotage.gerer_plan", objectif.plan),
        "peut_saisir": request.user.has_perm("pilotage.saisir_mesure", objectif),
        "historique": objectif.history.select_related("history_user")[:20],
        "form_statut": forms.StatutObjectifForm(objectif=objectif),
        "form_note": forms.NoteForm(objectif=objectif, initial={"date": timezone.localdate()}),
    }
    return render(request, "pilotage/objectif.html", contexte)


@login_required
def objectif_creer(request, slug):
    plan = plan_visible(request, slug)
    _exiger(request, "pilotage.gerer_plan", plan)
    form = forms.ObjectifForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        objectif = form.save(commit=False)
        objectif._history_user = request.user
        objectif.save()
        messages.success(request, _("Objectif créé."))
        return redirect(objectif)
    return render(
        request, "pilotage/formulaire.html", {"plan": plan, "form": form, "titre": _("Nouvel objectif")}
    )


@login_required
def action_creer(request, slug):
    plan = plan_visible(request, slug)
    _exiger(request, "pilotage.gerer_plan", plan)
    form = forms.ActionForm(
        request.POST or None, plan=plan, initial={"objectifs": request.GET.getlist("objectif")}
    )
    if request.method == "POST" and form.is_valid():
        form.instance._history_user = request.user
        action = form.save()
        messages.success(request, _("Action « %(a)s » ajoutée.") % {"a": action.titre})
        premier = action.objectifs.first()
        return redirect(premier or plan)
    return render(
        request, "pilotage/formulaire.html", {"plan": plan, "form": form, "titre": _("Nouvelle action")}
    )


@login_required
@require_POST
def objectif_statut(request, slug, pk):
    objectif = _objectif(request, slug, pk)
    _exiger(request, "pilotage.gerer_plan", objectif)
    form = forms.StatutObjectifForm(request.POST, objectif=objectif)
    if form.is_valid():
        try:
            changer_statut(
                objectif,
                StatutObjectif(form.cleaned_data["statut"]),
                par=request.user,
                raison=form.cleaned_data["raison"],
            )
            messages.success(request, _("Statut changé."))
        except TransitionInterdite as erreur:
            messages.error(request, str(erreur))
    else:
        messages.error(request, _("Statut : ce changement n'est pas possible depuis le statut actuel."))
    return redirect(objectif)


@login_required
def objectif_note(request, slug, pk):
    objectif = _objectif(request, slug, pk)
    _exiger(request, "pilotage.saisir_mesure", objectif)
    form = forms.NoteForm(request.POST or None, objectif=objectif)
    if request.method == "POST" and form.is_valid():
        note = form.save(commit=False)
        note.objectif, note.auteur, note._history_user = objectif, request.user, request.user
        note.save()
        messages.success(request, _("Note d'avancement enregistrée."))
        return redirect(objectif)
    contexte = {
        "plan": objectif.plan,
        "form": form,
        "titre": _("Note d'avancement : %(o)s") % {"o": objectif},
    }
    return render(request, "pilotage/formulaire.html", contexte)


@login_required
def indicateur_ajouter(request, slug, pk, mode):
    objectif = _objectif(request, slug, pk)
    _exiger(request, "pilotage.gerer_plan", objectif)
    classe = forms.IndicateurAutomatiqueForm if mode == Mode.AUTOMATIQUE else forms.IndicateurManuelForm
    form = classe(request.POST or None, objectif=objectif)
    if request.method == "POST" and form.is_valid():
        indicateur = form.save(commit=False)
        indicateur._history_user = request.user
        indicateur.save()
        messages.success(request, _("Indicateur « %(i)s » ajouté.") % {"i": indicateur.libelle})
        return redirect(objectif)
    titre = (
        _("Nouvel indicateur automatique")
        if mode == Mode.AUTOMATIQUE
        else _("Nouvel indicateur saisi à la main")
    )
    return render(request, "pilotage/formulaire.html", {"plan": objectif.plan, "form": form, "titre": titre})


def _indicateur(request, slug, pk) -> Indicateur:
    plan = plan_visible(request, slug)
    return get_object_or_404(
        Indicateur.objects.select_related("plan__region", "objectif__priorite"), pk=pk, plan=plan
    )


@login_required
def mesure_saisir(request, slug, pk):
    """A new measure, or the correction of the period given in ``?periode=``."""
    indicateur = _indicateur(request, slug, pk)
    _exiger(request, "pilotage.saisir_mesure", indicateur)
    existante = None
    if request.GET.get("periode"):
        existante = get_object_or_404(Mesure, indicateur=indicateur, periode=request.GET["periode"][:10])
    initial = {"date": timezone.localdate()}
    if existante:
        initial = {
            "periode": existante.periode,
            "valeur": format(existante.valeur, "f").replace(".", ",") if existante.valeur is not None else "",
            "date": existante.date,
            "commentaire": existante.commentaire,
            "preuve_lien": existante.preuve_lien,
            "version": existante.version,
        }
    form = forms.MesureForm(
        request.POST or None, request.FILES or None, indicateur=indicateur, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            service_mesures.saisir(
                indicateur,
                d["periode"],
                d["valeur"],
                par=request.user,
                date=d["date"],
                commentaire=d["commentaire"],
                preuve_lien=d["preuve_lien"],
                preuve_fichier=d["preuve_fichier"],
                version=d["version"],
            )
        except ValidationError as erreur:
            for champ, textes in erreur.message_dict.items():
                form.add_error(champ if champ in form.fields else None, textes)
        except service_mesures.ConflitMesure:
            form.add_error(
                None,
                _(
                    "Cette mesure a été modifiée par quelqu'un d'autre pendant votre saisie : rien n'a été "
                    "écrasé. Rechargez la page pour voir sa valeur actuelle, puis corrigez-la si besoin."
                ),
            )
        else:
            messages.success(request, _("Mesure enregistrée pour %(p)s.") % {"p": d["periode"]})
            return redirect(indicateur.objectif)
    contexte = {
        "plan": indicateur.plan,
        "form": form,
        "indicateur": indicateur,
        "titre": _("Mesure : %(i)s") % {"i": indicateur.libelle},
        "multipart": True,
    }
    return render(request, "pilotage/formulaire.html", contexte)


@login_required
def mesures_dues(request, slug):
    """Every measure due to the user in this plan, entered at once."""
    plan = plan_visible(request, slug)
    indicateurs = indicateurs_a_saisir(request.user, plan.indicateurs.filter(mode=Mode.MANUEL))
    dues = service_mesures.dues(indicateurs)
    form = forms.MesuresDuesForm(request.POST or None, dues=dues)
    if request.method == "POST" and form.is_valid():
        n = 0
        for due, valeur in form.saisies():
            try:
                service_mesures.saisir(due.indicateur, due.periode, valeur, par=request.user)
                n += 1
            except (ValidationError, service_mesures.ConflitMesure):
                messages.warning(
                    request,
                    _("%(i)s — %(p)s : déjà saisie entre-temps, non modifiée.")
                    % {"i": due.indicateur, "p": due.periode},
                )
        messages.success(request, _("%(n)s mesure(s) enregistrée(s).") % {"n": n})
        return redirect("pilotage:mesures_dues", plan.slug)
    contexte = {"plan": plan, "form": form, "titre": _("Mesures dues"), "dues": dues}
    return render(request, "pilotage/mesures_dues.html", contexte)


@login_required
@require_POST
def instantane(request, slug, pk):
    indicateur = _indicateur(request, slug, pk)
    _exiger(request, "pilotage.gerer_plan", indicateur)
    if indicateur.mode != Mode.AUTOMATIQUE:
        raise Http404
    try:
        mesure = service_mesures.instantane(indicateur, request.POST.get("periode", ""), par=request.user)
        messages.success(
            request, _("Instantané de %(p)s : %(v)s.") % {"p": mesure.periode, "v": mesure.valeur}
        )
    except ValidationError as erreur:
        messages.error(request, " ".join(erreur.messages))
    return redirect(indicateur.objectif)


def preuve(request, slug, pk):
    mesure = get_object_or_404(
        Mesure.objects.select_related("indicateur__plan"), pk=pk, indicateur__plan__slug=slug
    )
    plan_visible(request, slug)
    # Evidence can be internal: the région's staff and the owner only.
    if not mesure.preuve_fichier or not request.user.has_perm("pilotage.saisir_mesure", mesure.indicateur):
        raise Http404
    return envoyer(mesure.preuve_fichier)


def bilan(request, slug, annee):
    plan = plan_visible(request, slug)
    if not plan.annee_debut <= annee <= plan.annee_fin:
        raise Http404
    contexte = service_bilan.contexte_bilan(plan, annee)
    contexte["annees"] = range(plan.annee_debut, plan.annee_fin + 1)
    return render(request, "pilotage/bilan.html", contexte)


def bilan_fichier(request, slug, annee, format):
    """The review as PDF/DOCX, built by the background worker once per version of the data."""
    plan = plan_visible(request, slug)
    if format not in TYPES or not plan.annee_debut <= annee <= plan.annee_fin:
        raise Http404
    type_mime, generateur = TYPES[format]
    titre = f"Bilan {annee} {format.upper()} — {plan.titre}"
    retour = reverse("pilotage:bilan", args=[plan.slug, annee])
    try:
        document = documents.demander(
            generateur,
            f"{plan.slug}:{annee}",
            service_bilan.version_bilan(plan, annee),
            nom_fichier=f"bilan-{plan.slug}-{annee}.{format}",
            libelle=titre,
            request=request,
        )
    except documents.TropDeDemandes as erreur:
        return documents.reponse_trop_de_demandes(request, erreur, titre=titre, retour=retour)
    return documents.reponse(request, document, titre=titre, type_mime=type_mime, retour=retour)


def export_xlsx(request, slug):
    return reponse_xlsx(plan_visible(request, slug))
