"""Editing by owners and staff (optimistic locking), history and revert, claims, magic links."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from essaim.commun.forms import apercu_demande

from ..forms import RevendicationForm, StructureForm
from ..models import Structure
from ..services import fiches, historique, revendications
from ..services.moderation import ActionInterdite
from .outils import structure_autorisee


@login_required
def modifier(request, slug):
    structure = structure_autorisee(request, slug, "annuaire.modifier_structure")
    actuelles = fiches.instantane(structure)
    initial = StructureForm.initial_depuis(actuelles, structure.version)
    form = StructureForm(request.POST or None, request.FILES or None, initial=initial)
    conflit = None
    if request.method == "POST" and not apercu_demande(form) and form.is_valid():
        try:
            resultat = fiches.enregistrer_modification(
                structure,
                form.donnees(),
                request.user,
                form.cleaned_data.get("version") or 0,
                logo=form.cleaned_data.get("logo"),
            )
        except fiches.ConflitEdition as erreur:
            conflit = fiches.differences(fiches.instantane(erreur.structure), form.donnees())
            form.add_error(None, str(erreur))
            form.data = form.data.copy()
            form.data["version"] = erreur.structure.version  # saving again is a deliberate overwrite
        else:
            if resultat.appliquee:
                messages.success(request, _("Les modifications sont enregistrées."))
            else:
                messages.info(
                    request,
                    _(
                        "Merci ! Vos modifications sont transmises à l'équipe de la CRESS et "
                        "seront visibles après validation."
                    ),
                )
            return redirect(structure)
    contexte = {
        "structure": structure,
        "form": form,
        "conflit": conflit,
        "attente": structure.modifications.filter(statut="en_attente").count(),
    }
    return render(request, "annuaire/modifier.html", contexte)


@require_POST
def confirmer(request, slug):
    structure = structure_autorisee(request, slug, "annuaire.modifier_structure")
    fiches.confirmer(structure, request.user)
    messages.success(request, _("Merci d'avoir confirmé que les informations sont à jour."))
    return redirect(structure)


@require_POST
def soumettre(request, slug):
    structure = structure_autorisee(request, slug, "annuaire.modifier_structure")
    fiches.soumettre(structure, request.user)
    messages.success(request, _("La fiche est transmise à l'équipe de la CRESS pour modération."))
    return redirect(structure)


@login_required
def historique_fiche(request, slug):
    structure = structure_autorisee(request, slug, "annuaire.voir_historique")
    contexte = {"structure": structure, "entrees": historique.entrees(structure)}
    return render(request, "annuaire/historique.html", contexte)


@require_POST
def restaurer(request, slug, history_id):
    structure = structure_autorisee(request, slug, "annuaire.restaurer_version")
    try:
        historique.restaurer(structure, history_id, request.user)
    except (ActionInterdite, structure.history.model.DoesNotExist) as erreur:
        messages.error(request, str(erreur) or _("Version introuvable."))
        return redirect("annuaire:historique", slug=slug)
    messages.success(request, _("La version a été restaurée ; la restauration figure dans l'historique."))
    return redirect(structure)


@login_required
def revendiquer(request, slug):
    structure = structure_autorisee(request, slug, "annuaire.voir_structure")
    if structure.est_gere_par(request.user):
        messages.info(request, _("Vous gérez déjà cette fiche."))
        return redirect(structure)
    form = RevendicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        demande = revendications.revendiquer(structure, request.user, **form.cleaned_data)
        if demande.auto_approuvee:
            messages.success(
                request,
                _(
                    "Votre adresse e-mail correspond au site de la structure : "
                    "vous gérez désormais cette fiche."
                ),
            )
        else:
            messages.info(request, _("Votre demande est transmise à l'équipe de la CRESS."))
        return redirect(structure)
    return render(request, "annuaire/revendiquer.html", {"structure": structure, "form": form})


def lien_magique(request, slug, jeton):
    """GET shows a button, POST uses the link: mail scanners that open every link (GET) must
    not spend a single-use link."""
    structure = get_object_or_404(Structure, slug=slug)
    try:
        utilisateur = revendications.utilisateur_du_lien(structure, jeton)
    except revendications.LienInvalide as erreur:
        messages.error(request, str(erreur))
        return redirect(structure)
    if request.method != "POST":
        return render(request, "annuaire/lien_magique.html", {"structure": structure})
    login(request, utilisateur, backend="django.contrib.auth.backends.ModelBackend")  # spends the link
    return redirect("annuaire:modifier", slug=structure.slug)
