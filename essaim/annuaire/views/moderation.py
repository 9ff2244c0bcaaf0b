"""Moderation queue (staff of the record's région), settings per région, duplicates and merge."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from essaim.commun.statuts import TransitionInterdite
from essaim.territoires.rules import regions_gerables

from ..enums import StatutDemande
from ..forms import FamilleForm, MessageForm, ReglageForm
from ..models import ModificationEnAttente, ReglageRegion, Revendication, Signalement, Structure
from ..rules import structures_gerables
from ..services import doublons, fiches, moderation
from .outils import exiger


def file(request):
    exiger(request, "annuaire.acceder_moderation")
    contexte = {**moderation.file_de_moderation(request.user), "form_message": MessageForm()}
    return render(request, "annuaire/moderation/file.html", contexte)


def _message(request):
    form = MessageForm(request.POST)
    return form.cleaned_data["message"] if form.is_valid() else ""


def _refus_sans_message(request, action, message):
    if action not in ("approuver", "archiver") and not message.strip():
        messages.error(request, _("Un refus doit être motivé : écrivez un message à la personne."))
        return True
    return False


def structure(request, pk):
    fiche = get_object_or_404(Structure, pk=pk)
    exiger(request, "annuaire.moderer_structure", fiche)
    if request.method == "POST":
        action, message = request.POST.get("action"), _message(request)
        if _refus_sans_message(request, action, message):
            return redirect("annuaire:moderation_structure", pk=pk)
        if action not in ("approuver", "archiver"):
            action = "rejeter"
        try:
            moderation.decider(fiche, action, request.user, message)
        except TransitionInterdite:
            messages.error(request, _("Cette décision ne s'applique pas à une fiche dans cet état."))
            return redirect("annuaire:moderation_structure", pk=pk)
        messages.success(
            request, _("« %(nom)s » : décision enregistrée et e-mail envoyé.") % {"nom": fiche.nom}
        )
        return redirect("annuaire:moderation")
    contexte = {
        "form_famille": FamilleForm(
            initial={"famille": fiche.famille, "famille_forcee": fiche.famille_forcee}
        ),
        "structure": fiche,
        "donnees": fiches.differences({}, fiches.instantane(fiche)),
        "form_message": MessageForm(),
        "lieux": fiche.lieux.select_related("commune"),
    }
    return render(request, "annuaire/moderation/structure.html", contexte)


@require_POST
def famille(request, pk):
    fiche = get_object_or_404(Structure, pk=pk)
    exiger(request, "annuaire.moderer_structure", fiche)
    form = FamilleForm(request.POST)
    if form.is_valid():
        moderation.fixer_famille(fiche, request.user, **form.cleaned_data)
        messages.success(request, _("Famille de l'ESS : %(f)s.") % {"f": fiche.get_famille_display() or "—"})
    return redirect("annuaire:moderation_structure", pk=pk)


@require_POST
def en_masse(request):
    exiger(request, "annuaire.acceder_moderation")
    action, message = request.POST.get("action"), _message(request)
    if _refus_sans_message(request, action, message):
        return redirect("annuaire:moderation")
    demandees = {int(pk) for pk in request.POST.getlist("structures") if pk.isdigit()}
    # Only records the user may moderate are even read: nothing of another région is named back.
    choisies = structures_gerables(request.user).filter(pk__in=demandees)
    faites, refusees = moderation.traiter_en_masse(choisies, request.user, action, message)
    messages.success(request, _("%(n)s fiche(s) traitée(s).") % {"n": faites})
    if refusees:  # records of the user's régions: naming them is fine
        messages.error(
            request, _("Non traitées dans leur état actuel : %(noms)s.") % {"noms": ", ".join(refusees)}
        )
    hors_perimetre = len(demandees) - len(choisies)
    if hors_perimetre:
        messages.error(
            request,
            ngettext(
                "%(n)s fiche hors de vos régions ou introuvable, non traitée.",
                "%(n)s fiches hors de vos régions ou introuvables, non traitées.",
                hors_perimetre,
            )
            % {"n": hors_perimetre},
        )
    return redirect("annuaire:moderation")


def modification(request, pk):
    demande = get_object_or_404(ModificationEnAttente.objects.select_related("structure", "auteur"), pk=pk)
    exiger(request, "annuaire.moderer_structure", demande.structure)
    if request.method == "POST" and demande.statut == StatutDemande.EN_ATTENTE:
        action, message = request.POST.get("action"), _message(request)
        if _refus_sans_message(request, action, message):
            return redirect("annuaire:moderation_modification", pk=pk)
        if action == "approuver":
            moderation.approuver_modification(demande, request.user, message)
        else:
            moderation.rejeter_modification(demande, request.user, message)
        messages.success(request, _("Décision enregistrée et e-mail envoyé."))
        return redirect("annuaire:moderation")
    diff = fiches.differences(fiches.instantane(demande.structure), demande.donnees)
    contexte = {
        "demande": demande,
        "diff": diff,
        "form_message": MessageForm(),
        "perimee": demande.structure.version != demande.version_base,
    }
    return render(request, "annuaire/moderation/modification.html", contexte)


@require_POST
def revendication(request, pk):
    demande = get_object_or_404(Revendication, pk=pk)
    exiger(request, "annuaire.moderer_structure", demande.structure)
    action, message = request.POST.get("action"), _message(request)
    if not _refus_sans_message(request, action, message):
        fonction = (
            moderation.approuver_revendication if action == "approuver" else moderation.rejeter_revendication
        )
        try:
            fonction(demande, request.user, message)
        except TransitionInterdite:
            messages.error(request, _("Cette demande est déjà traitée."))
        else:
            messages.success(request, _("Décision enregistrée et e-mail envoyé."))
    return redirect("annuaire:moderation")


@require_POST
def signalement(request, pk):
    demande = get_object_or_404(Signalement, pk=pk)
    exiger(request, "annuaire.moderer_structure", demande.structure)
    action, message = request.POST.get("action"), _message(request)
    try:
        if action == "ecarter":
            moderation.ecarter_signalement(demande, request.user, message)
        else:
            moderation.traiter_signalement(demande, request.user, message, archiver=action == "archiver")
    except TransitionInterdite:
        messages.error(request, _("Cette demande est déjà traitée."))
    else:
        messages.success(request, _("Signalement traité."))
    return redirect("annuaire:moderation")


def reglages(request):
    exiger(request, "annuaire.acceder_moderation")
    regions = regions_gerables(request.user)
    formulaires = []
    for region in regions.order_by("nom"):
        reglage = ReglageRegion.objects.filter(region=region).first() or ReglageRegion(region=region)
        lie = request.method == "POST" and request.POST.get("region") == region.code
        form = ReglageForm(request.POST if lie else None, instance=reglage, prefix=f"r{region.code}")
        if lie and form.is_valid():
            form.save()
            messages.success(request, _("Réglages de %(r)s enregistrés.") % {"r": region.nom})
            return redirect("annuaire:reglages")
        formulaires.append((region, form))
    return render(request, "annuaire/moderation/reglages.html", {"formulaires": formulaires})


def liste_doublons(request):
    exiger(request, "annuaire.acceder_moderation")
    return render(request, "annuaire/moderation/doublons.html", {"paires": doublons.candidats(request.user)})


def fusionner(request, a, b):
    exiger(request, "annuaire.acceder_moderation")
    paire = [get_object_or_404(Structure, pk=a), get_object_or_404(Structure, pk=b)]
    for fiche in paire:
        exiger(request, "annuaire.fusionner_structures", fiche)
    if request.method == "POST":
        if request.POST.get("action") == "ecarter":
            doublons.ecarter(*paire, request.user)
            messages.success(request, _("Les deux fiches sont marquées comme distinctes."))
            return redirect("annuaire:doublons")
        garder = paire[0] if request.POST.get("garder") == str(paire[0].pk) else paire[1]
        absorber = paire[1] if garder is paire[0] else paire[0]
        doublons.fusionner(garder, absorber, request.user)
        messages.success(
            request, _("« %(b)s » est fusionnée dans « %(a)s ».") % {"a": garder.nom, "b": absorber.nom}
        )
        return redirect(garder)
    lignes = [
        (fiches.libelle_champ(c), v1, v2)
        for (c, v1), (_c, v2) in zip(
            fiches.instantane(paire[0]).items(), fiches.instantane(paire[1]).items(), strict=True
        )
    ]
    return render(request, "annuaire/moderation/fusionner.html", {"paire": paire, "lignes": lignes})
