"""Self-registration: SIRET or name → existing matches → prefill from the API → record form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from essaim.commun.forms import apercu_demande
from essaim.commun.normalisation import normaliser_nom

from ..enums import EtatEnrichissement, StatutStructure
from ..forms import RechercheInscriptionForm, StructureForm
from ..models import Structure
from ..rules import structures_visibles
from ..services import fiches, geocodage
from ..validators import compacter


def fiches_existantes(recherche: str, user):
    """Existing records matching the search, among those the user may see (published ones,
    their own, every record of the régions they act on): drafts and pending records of other
    people or other régions are never proposed."""
    chiffres = compacter(recherche)
    actives = structures_visibles(
        user, Structure.objects.exclude(statut=StatutStructure.ARCHIVEE)
    ).select_related("commune")
    if chiffres.isdigit() and len(chiffres) in (9, 14):
        return actives.filter(Q(siren=chiffres[:9]) | Q(siret=chiffres))[:10]
    mots = [m for m in normaliser_nom(recherche).split() if len(m) > 2] or [recherche]
    critere = Q()
    for mot in mots:
        critere &= Q(nom__icontains=mot) | Q(sigle__iexact=mot)
    return actives.filter(critere)[:10]


@login_required
def inscription(request):
    form = RechercheInscriptionForm(request.GET if "recherche" in request.GET else None)
    contexte = {"form": form}
    if form.is_valid():
        recherche = form.cleaned_data["recherche"]
        entreprises, disponible = geocodage.chercher_entreprises(recherche)
        contexte.update(
            recherche=recherche,
            existantes=fiches_existantes(recherche, request.user),
            entreprises=entreprises,
            api_disponible=disponible,
            siret_saisi=compacter(recherche) if compacter(recherche).isdigit() else "",
        )
    return render(request, "annuaire/inscription.html", contexte)


def _valeurs_initiales(request):
    siret, nom = compacter(request.GET.get("siret", "")), request.GET.get("nom", "").strip()
    valeurs, etat = {"nom": nom} if nom else {}, EtatEnrichissement.SANS_OBJET
    if siret:
        valeurs["siret"] = siret
        entreprise, disponible = geocodage.entreprise_par_siret(siret)
        if entreprise:
            valeurs.update(geocodage.valeurs_depuis_entreprise(entreprise))
        etat = (
            EtatEnrichissement.ENRICHI
            if entreprise
            else (EtatEnrichissement.SANS_OBJET if disponible else EtatEnrichissement.A_ENRICHIR)
        )
    return valeurs, etat


@login_required
def inscription_fiche(request):
    valeurs, etat = _valeurs_initiales(request)
    form = StructureForm(request.POST or None, request.FILES or None, initial=valeurs)
    if request.method == "POST" and not apercu_demande(form) and form.is_valid():
        structure = fiches.creer_structure(form.donnees(), request.user, logo=form.cleaned_data.get("logo"))
        if structure.statut == StatutStructure.PUBLIEE:
            messages.success(
                request, _("Votre fiche est publiée. L'équipe de la CRESS la relira prochainement.")
            )
        else:
            messages.success(
                request,
                _(
                    "Merci ! Votre fiche est transmise à l'équipe de la CRESS pour modération. "
                    "Vous recevrez un e-mail dès sa publication."
                ),
            )
        return redirect(structure)
    return render(
        request, "annuaire/inscription_fiche.html", {"form": form, "etat": etat, "valeurs": valeurs}
    )
