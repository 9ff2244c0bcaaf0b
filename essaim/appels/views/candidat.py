from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from essaim.commun.fichiers import envoyer
from essaim.commun.statuts import transition_permise

from ..enums import StatutCandidature
from ..models import Appel, Candidature, PieceJointe
from ..services import candidatures as service
from ..services.formulaire import formulaire_candidature, initial_depuis
from .outils import autorise, base_url, refuser


def _traiter(request, appel, candidature=None):
    """Shared by "apply" and "edit": a draft skips required answers, a submission checks all."""
    classe = formulaire_candidature(appel)
    existants = {p.cle: p.nom_original for p in candidature.pieces.all()} if candidature else {}
    options = {"appel": appel, "candidat": request.user, "fichiers_existants": existants}
    if request.method == "POST":
        deposer = request.POST.get("action") != "brouillon"
        form = classe(request.POST, request.FILES, brouillon=not deposer, **options)
        if form.is_valid():
            premier_depot = deposer and (
                candidature is None
                or transition_permise(StatutCandidature, candidature.statut, StatutCandidature.DEPOSEE)
            )
            candidature = service.enregistrer(
                form,
                appel=appel,
                candidat=request.user,
                candidature=candidature,
                deposer=deposer,
                base_url=base_url(request),
            )
            if not deposer:
                messages.success(request, _("Brouillon enregistré. Il n'est pas encore transmis."))
            elif premier_depot:
                messages.success(
                    request, _("Candidature déposée : un accusé de réception vous a été envoyé.")
                )
            else:
                messages.success(request, _("Modifications enregistrées."))
            return redirect(candidature)
    else:
        initial = initial_depuis(candidature) if candidature else {}
        form = classe(initial=initial, **options)
    contexte = {"appel": appel, "form": form, "candidature": candidature}
    return render(request, "appels/candidater.html", contexte)


@login_required
def candidater(request, slug):
    appel = get_object_or_404(Appel.objects.select_related("region"), slug=slug)
    if not autorise(request.user, "appels.candidater", appel):
        messages.error(request, _("Cet appel n'accepte pas de candidature en ce moment."))
        return redirect(appel)
    return _traiter(request, appel)


def modifier(request, pk):
    candidature = get_object_or_404(Candidature.objects.select_related("appel__region"), pk=pk)
    if not autorise(request.user, "appels.modifier_candidature", candidature):
        if autorise(request.user, "appels.voir_candidature", candidature):
            messages.error(request, _("Cette candidature ne peut plus être modifiée."))
            return redirect(candidature)
        return refuser(request)
    return _traiter(request, candidature.appel, candidature)


@login_required
def mes_candidatures(request):
    candidatures = list(
        Candidature.objects.filter(candidat=request.user).select_related("appel__region").order_by("-cree_le")
    )
    for c in candidatures:
        c.modifiable = autorise(request.user, "appels.modifier_candidature", c)
    return render(request, "appels/mes_candidatures.html", {"candidatures": candidatures})


def piece(request, pk, cle):
    candidature = get_object_or_404(Candidature.objects.select_related("appel"), pk=pk)
    if not autorise(request.user, "appels.voir_candidature", candidature):
        return refuser(request)
    piece_jointe = get_object_or_404(PieceJointe, candidature=candidature, cle=cle)
    return envoyer(piece_jointe.fichier, nom=piece_jointe.nom_original)
