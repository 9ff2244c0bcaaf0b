"""Public pages: list, record page, error reports, magic-link request."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from essaim.commun.limites import empreinte_ip, limite_atteinte

from .. import seo
from ..enums import StatutStructure
from ..forms import LienMagiqueForm, SignalementForm
from ..models import Signalement, Structure
from ..services import revendications
from .outils import structure_autorisee


def fiche(request, slug):
    archivee = (
        Structure.objects.filter(slug=slug, fusionnee_dans__isnull=False)
        .select_related("fusionnee_dans")
        .first()
    )
    if archivee:
        return redirect(archivee.fusionnee_dans, permanent=True)
    structure = structure_autorisee(request, slug, "annuaire.voir_structure")
    lieux = list(structure.lieux.select_related("commune"))
    contexte = {
        "structure": structure,
        "lieux": lieux,
        "points": [
            {
                "nom": lieu.nom or structure.nom,
                "adresse": lieu.adresse_complete,
                "lat": lieu.latitude,
                "lon": lieu.longitude,
            }
            for lieu in lieux
            if lieu.latitude is not None
        ],
        "json_ld": seo.json_ld(structure, request, lieux),
        "resume": seo.resume(structure),
        "url_absolue": request.build_absolute_uri(structure.get_absolute_url()),
        "themes": structure.themes.select_related("parent"),
        "territoire": [
            *structure.territoire_regions.all(),
            *structure.territoire_departements.all(),
            *structure.territoire_epcis.all(),
            *structure.territoire_communes.all(),
        ],
        "form_signalement": SignalementForm(),
        "form_lien": LienMagiqueForm(),
    }
    return render(request, "annuaire/fiche.html", contexte)


def signaler(request, slug):
    structure = structure_autorisee(request, slug, "annuaire.voir_structure", statut=StatutStructure.PUBLIEE)
    form = SignalementForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("site_internet"):  # honeypot: pretend success, store nothing
            messages.success(request, _("Merci, votre signalement a été transmis à l'équipe."))
            return redirect(structure)
        if limite_atteinte(request, "signalement", maximum=5, fenetre_s=3600):
            contenu = render_to_string("annuaire/trop_de_requetes.html", {"structure": structure}, request)
            return HttpResponse(contenu, status=429, headers={"Retry-After": "3600"})
        if form.is_valid():
            Signalement.objects.create(
                structure=structure,
                auteur=request.user if request.user.is_authenticated else None,
                empreinte_ip=empreinte_ip(request),
                **{k: form.cleaned_data[k] for k in ("motif", "commentaire", "email")},
            )
            messages.success(request, _("Merci, votre signalement a été transmis à l'équipe."))
            return redirect(structure)
    return render(request, "annuaire/signaler.html", {"structure": structure, "form": form})


@require_POST
def demander_lien(request, slug):
    structure = get_object_or_404(Structure, slug=slug)
    form = LienMagiqueForm(request.POST)
    if limite_atteinte(request, "lien", maximum=5, fenetre_s=3600):
        contenu = render_to_string("annuaire/trop_de_requetes.html", {"structure": structure}, request)
        return HttpResponse(contenu, status=429, headers={"Retry-After": "3600"})
    if form.is_valid() and not form.cleaned_data["site_internet"]:
        revendications.envoyer_lien_magique(
            structure, form.cleaned_data["email"], request.build_absolute_uri("/")
        )
    messages.success(
        request,
        _(
            "Si cette adresse est celle d'un·e gestionnaire de la fiche, un lien de "
            "modification à usage unique, valable %(validite)s, vient de lui être envoyé."
        )
        % {"validite": revendications.validite_lien()},
    )
    return redirect(structure)
