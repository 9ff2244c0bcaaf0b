from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from essaim.commun.exports import FormatInconnu, reponse_export
from essaim.commun.taches import lancer

from ..enums import StatutCandidature
from ..extensions import liens as liens_complementaires
from ..forms import DecisionForm, EvaluationForm, FiltreCandidaturesForm
from ..models import Appel, Candidature, Evaluation
from ..services import candidatures as service
from ..services.affichage import reponses_lisibles
from ..services.exports import champs_export, lignes_export
from ..taches import notifier_decisions
from .outils import autorise, base_url, refuser


def _candidature(pk):
    return get_object_or_404(Candidature.objects.select_related("appel__region", "candidat"), pk=pk)


def _candidatures_du_comite(appel):
    evaluations = Prefetch("evaluations", queryset=Evaluation.objects.select_related("evaluateur"))
    return (
        appel.candidatures.exclude(statut=StatutCandidature.BROUILLON)
        .select_related("candidat", "appel")
        .prefetch_related(evaluations)
        .order_by("deposee_le", "pk")
    )


def _reponses(candidature):
    pieces = {p.cle: p for p in candidature.pieces.all()}
    lignes = reponses_lisibles(candidature)
    for ligne in lignes:
        ligne["piece"] = pieces.get(ligne["question"]["cle"])
    return lignes


def comite(request, slug):
    appel = get_object_or_404(Appel.objects.select_related("region"), slug=slug)
    if not autorise(request.user, "appels.voir_comite", appel):
        return refuser(request)
    filtres = FiltreCandidaturesForm(request.GET or None, appel=appel)
    candidatures = filtres.filtrer(_candidatures_du_comite(appel), request.user).distinct()
    page = Paginator(candidatures, 50).get_page(request.GET.get("page"))
    for c in page:
        c.synthese = service.synthese_evaluations(c)
        c.mon_evaluation = next((e for e in c.evaluations.all() if e.evaluateur_id == request.user.pk), None)
    contexte = {
        "appel": appel,
        "filtres": filtres,
        "page": page,
        "a_notifier": service.a_notifier(appel).count(),
        "total": _candidatures_du_comite(appel).count(),
    }
    return render(request, "appels/comite.html", contexte)


def candidature(request, pk):
    candidature = _candidature(pk)
    if not autorise(request.user, "appels.voir_candidature", candidature):
        return refuser(request)
    peut_evaluer = autorise(request.user, "appels.evaluer_candidature", candidature)
    evaluations = candidature.evaluations.select_related("evaluateur") if peut_evaluer else []
    mienne = next((e for e in evaluations if e.evaluateur_id == request.user.pk), None)
    contexte = {
        "appel": candidature.appel,
        "candidature": candidature,
        "reponses": _reponses(candidature),
        "modifiable": autorise(request.user, "appels.modifier_candidature", candidature),
        "peut_decider": autorise(request.user, "appels.decider", candidature),
        "peut_evaluer": peut_evaluer,
        "evaluations": evaluations,
        "synthese": service.synthese_evaluations(candidature) if peut_evaluer else None,
        "form_evaluation": EvaluationForm(instance=mienne) if peut_evaluer else None,
        "liens_complementaires": liens_complementaires(request.user, candidature),
    }
    return render(request, "appels/candidature.html", contexte)


@require_POST
def evaluer(request, pk):
    candidature = _candidature(pk)
    if not autorise(request.user, "appels.evaluer_candidature", candidature):
        return refuser(request)
    mienne = candidature.evaluations.filter(evaluateur=request.user).first()
    form = EvaluationForm(request.POST, instance=mienne)
    if form.is_valid():
        service.evaluer(candidature, request.user, **form.cleaned_data)
        messages.success(request, _("Votre évaluation est enregistrée."))
        return redirect(candidature)
    contexte = {
        "appel": candidature.appel,
        "candidature": candidature,
        "reponses": _reponses(candidature),
        "peut_decider": autorise(request.user, "appels.decider", candidature),
        "peut_evaluer": True,
        "evaluations": candidature.evaluations.select_related("evaluateur"),
        "synthese": service.synthese_evaluations(candidature),
        "form_evaluation": form,
    }
    return render(request, "appels/candidature.html", contexte, status=400)


def decider(request, pk):
    candidature = _candidature(pk)
    if not autorise(request.user, "appels.decider", candidature):
        return refuser(request)
    appel = candidature.appel
    initial = {"decision": candidature.decision, "message": candidature.message_decision, "notifier": True}
    form = DecisionForm(request.POST or None, appel=appel, initial=initial)
    if request.method == "POST" and form.is_valid():
        service.decider(
            candidature,
            decision=form.cleaned_data["decision"],
            message=form.cleaned_data["message"],
            par=request.user,
            notifier=form.cleaned_data["notifier"],
            base_url=base_url(request),
        )
        libelle = appel.libelle_decision(candidature.decision)
        if form.cleaned_data["notifier"]:
            messages.success(
                request, _("Décision « %(d)s » enregistrée et envoyée par e-mail.") % {"d": libelle}
            )
        else:
            messages.success(
                request, _("Décision « %(d)s » enregistrée, e-mail non envoyé.") % {"d": libelle}
            )
        return redirect(candidature)
    contexte = {
        "appel": appel,
        "candidature": candidature,
        "form": form,
        "synthese": service.synthese_evaluations(candidature),
    }
    return render(request, "appels/decider.html", contexte)


def export(request, slug, format):
    appel = get_object_or_404(Appel.objects.select_related("region"), slug=slug)
    if not autorise(request.user, "appels.voir_comite", appel):
        return refuser(request)
    filtres = FiltreCandidaturesForm(request.GET or None, appel=appel)
    candidatures = filtres.filtrer(_candidatures_du_comite(appel), request.user).distinct()
    try:
        return reponse_export(
            format,
            f"candidatures-{appel.slug}",
            champs_export(appel),
            lignes_export(appel, candidatures),
            separateur=";" if request.GET.get("separateur") == "point-virgule" else ",",
        )
    except FormatInconnu as erreur:
        messages.error(request, str(erreur))
        return redirect("appels:comite", slug=appel.slug)


@require_POST
def notifier(request, slug):
    appel = get_object_or_404(Appel.objects.select_related("region"), slug=slug)
    if not autorise(request.user, "appels.gerer_appel", appel):
        return refuser(request)
    travail = lancer(
        notifier_decisions,
        _("Envoi des décisions : %(titre)s") % {"titre": appel.titre},
        user=request.user,
        region_code=appel.region_code,
        appel_id=appel.pk,
        base_url=base_url(request),
    )
    return redirect(travail)
