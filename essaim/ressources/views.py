"""Pages of the library: list and search, item, proposal, edit, moderation queue, history.
Thin: the rules live in ``services``; every list goes through ``rules``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from essaim.commun.forms import apercu_demande
from essaim.commun.statuts import TransitionInterdite

from . import seo
from .enums import StatutRessource
from .forms import DecisionForm, RessourceForm
from .models import Ressource
from .services import bibliotheque, recherche
from .services import historique as service_historique

PAR_PAGE = 20


def liste(request):
    try:
        filtres = recherche.lire_filtres(request.GET)
        erreurs = []
    except recherche.FiltresInvalides as e:
        filtres = recherche.Filtres()
        erreurs = [(recherche.LIBELLES_PARAMETRES.get(k, k), m) for k, ms in e.erreurs.items() for m in ms]
    qs = recherche.filtrer(filtres).select_related("editeur_structure", "region")
    page = Paginator(qs.order_by("titre", "pk"), PAR_PAGE).get_page(request.GET.get("page"))
    contexte = {
        "filtres": filtres,
        "erreurs": erreurs,
        "page_obj": page,
        "total": page.paginator.count,
        "facettes": recherche.facettes(filtres, qs),
        "lien_api": reverse("api-ressources") + (f"?{request.GET.urlencode()}" if request.GET else ""),
    }
    return render(request, "ressources/liste.html", contexte)


def _autorisee(request, slug, permission) -> Ressource:
    ressource = get_object_or_404(
        Ressource.objects.select_related("editeur_structure", "region", "departement", "epci", "commune"),
        slug=slug,
    )
    if not request.user.has_perm(permission, ressource):
        if not request.user.has_perm("ressources.voir_ressource", ressource):
            raise Http404("Ressource introuvable.")
        raise PermissionDenied("Vous ne pouvez pas faire cette action sur cette ressource.")
    return ressource


def detail(request, slug):
    ressource = _autorisee(request, slug, "ressources.voir_ressource")
    contexte = {
        "ressource": ressource,
        "json_ld": seo.json_ld(ressource, request),
        "resume": seo.resume(ressource),
        "ateliers": ressource.ateliers.select_related("conference").filter(conference__publiee=True),
        "conferences": ressource.conferences.filter(publiee=True),
        "structures": ressource.structures.filter(statut=StatutRessource.PUBLIEE),
        "form_decision": DecisionForm(),
    }
    return render(request, "ressources/detail.html", contexte)


def _formulaire(request, form, ressource=None):
    return render(
        request,
        "ressources/formulaire.html",
        {"form": form, "ressource": ressource, "doublon": form.doublon},
    )


@login_required
def proposer(request):
    if not request.user.has_perm("ressources.proposer_ressource"):
        raise PermissionDenied
    form = RessourceForm(request.POST or None, user=request.user)
    if request.method == "POST" and not apercu_demande(form) and form.is_valid():
        try:
            ressource = bibliotheque.proposer(form.donnees(), request.user)
        except bibliotheque.DejaDansLaBibliotheque as e:
            form.doublon = e.ressource
            form.add_error("url", str(e))
            return _formulaire(request, form)
        if ressource.est_publiee:
            messages.success(request, _("Merci ! La ressource est publiée dans la bibliothèque."))
        else:
            messages.success(
                request,
                _("Merci ! La ressource est envoyée à la CRESS, qui la relira avant publication."),
            )
        return redirect(ressource)
    return _formulaire(request, form)


@login_required
def modifier(request, slug):
    ressource = _autorisee(request, slug, "ressources.modifier_ressource")
    form = RessourceForm(request.POST or None, instance=ressource, user=request.user)
    if request.method == "POST" and not apercu_demande(form) and form.is_valid():
        try:
            version = int(request.POST.get("version") or 0)
            bibliotheque.modifier(ressource, form.donnees(), request.user, version)
        except (bibliotheque.ConflitEdition, bibliotheque.DejaDansLaBibliotheque) as e:
            form.doublon = (
                getattr(e, "ressource", None) if isinstance(e, bibliotheque.DejaDansLaBibliotheque) else None
            )
            form.add_error(None, str(e))
            ressource.refresh_from_db()
            return _formulaire(request, form, ressource)
        if ressource.statut == StatutRessource.BROUILLON:
            bibliotheque.soumettre(ressource, request.user)
        messages.success(request, _("Modifications enregistrées."))
        return redirect(ressource)
    return _formulaire(request, form, ressource)


def moderation(request):
    if not request.user.has_perm("ressources.acceder_moderation"):
        raise PermissionDenied("Cette page est réservée à l'équipe de la CRESS.")
    return render(
        request,
        "ressources/moderation.html",
        {"file": bibliotheque.file_de_moderation(request.user), "form_decision": DecisionForm()},
    )


@require_POST
def decider(request, slug):
    ressource = _autorisee(request, slug, "ressources.moderer_ressource")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez une décision : publier, renvoyer en brouillon ou archiver."))
        return redirect(ressource)
    action, message = form.cleaned_data["action"], form.cleaned_data["message"]
    if action == "rejeter" and not message.strip():
        messages.error(request, _("Un renvoi doit être motivé : écrivez un message à la personne."))
        return redirect(ressource)
    try:
        bibliotheque.decider(ressource, action, request.user, message)
    except TransitionInterdite:
        messages.error(request, _("Cette décision ne s'applique pas à une ressource dans cet état."))
        return redirect(ressource)
    messages.success(request, _("« %(titre)s » : décision enregistrée.") % {"titre": ressource.titre})
    suivant = request.POST.get("suivant")
    return redirect("ressources:moderation" if suivant == "file" else ressource.get_absolute_url())


def historique(request, slug):
    ressource = _autorisee(request, slug, "ressources.voir_historique")
    return render(
        request,
        "ressources/historique.html",
        {"ressource": ressource, "entrees": service_historique.entrees(ressource)},
    )
