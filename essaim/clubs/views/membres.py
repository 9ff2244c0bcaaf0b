"""Membership (join requests and decisions) and the members' needs and offers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from essaim.commun import limites
from essaim.commun.statuts import TransitionInterdite

from ..enums import StatutAnnonce, StatutMembre
from ..forms import AnnonceForm, ContactAnnonceForm, DecisionForm, DemandeAdhesionForm
from ..rules import annonces_visibles
from ..services import adhesions, annonces
from .commun import club_de

__all__ = [
    "demander_adhesion",
    "demandes",
    "decider",
    "quitter",
    "annonces_liste",
    "annonce",
    "contacter",
    "statut_annonce",
]


@login_required
def demander_adhesion(request, slug):
    club = club_de(request, slug, "clubs.demander_adhesion")
    form = DemandeAdhesionForm(
        request.POST or None, structures=adhesions.structures_candidates(request.user, club)
    )
    if request.method == "POST" and form.is_valid():
        try:
            adhesions.demander(
                club,
                form.cleaned_data["structure"],
                request.user,
                form.cleaned_data["message"],
                form.cleaned_data["fonction"],
                request.build_absolute_uri("/"),
            )
        except adhesions.AdhesionImpossible as erreur:
            form.add_error("structure", str(erreur))
        else:
            messages.success(
                request,
                _("Demande envoyée : l'animateur·rice du club vous répondra par courriel."),
            )
            return redirect(club)
    return render(
        request, "clubs/adhesion.html", {"club": club, "form": form}, status=400 if form.errors else 200
    )


@login_required
def demandes(request, slug):
    club = club_de(request, slug, "clubs.decider_adhesion")
    return render(
        request,
        "clubs/demandes.html",
        {
            "club": club,
            "demandes": club.membres.filter(statut=StatutMembre.DEMANDEE).select_related(
                "structure__commune"
            ),
            "membres": club.membres.filter(statut=StatutMembre.ACCEPTEE)
            .select_related("structure")
            .prefetch_related("contacts"),
        },
    )


@login_required
@require_POST
def decider(request, slug, pk):
    club = club_de(request, slug, "clubs.decider_adhesion")
    membre = get_object_or_404(club.membres, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez « accepter » ou « refuser »."))
        return redirect("clubs:demandes", slug=slug)
    try:
        adhesions.decider(
            membre,
            form.cleaned_data["decision"] == "accepter",
            request.user,
            form.cleaned_data["motif"],
            request.build_absolute_uri("/"),
        )
    except TransitionInterdite:
        messages.error(request, _("Cette demande a déjà reçu une réponse."))
    else:
        messages.success(request, _("Réponse enregistrée ; la structure est prévenue par courriel."))
    return redirect("clubs:demandes", slug=slug)


@login_required
@require_POST
def quitter(request, slug, pk):
    club = club_de(request, slug)
    membre = get_object_or_404(club.membres.filter(statut=StatutMembre.ACCEPTEE), pk=pk)
    if not request.user.has_perm("clubs.quitter", membre):
        raise PermissionDenied
    adhesions.quitter(membre, request.user)
    messages.success(request, _("« %(structure)s » a quitté le club.") % {"structure": membre.structure.nom})
    return redirect(club)


@login_required
def annonces_liste(request, slug):
    club = club_de(request, slug, "clubs.voir_annonces")
    form = None
    if request.user.has_perm("clubs.publier_annonce", club):
        structures = club.membres.filter(
            statut=StatutMembre.ACCEPTEE, structure__gestions__utilisateur=request.user
        ).values("structure")
        from essaim.annuaire.models import Structure

        form = AnnonceForm(
            request.POST or None,
            structures=Structure.objects.filter(pk__in=structures),
            initial={"expire_le": annonces.expiration_par_defaut()},
        )
        if request.method == "POST" and form.is_valid():
            annonce = form.save(commit=False)
            annonce.club, annonce.auteur = club, request.user
            annonce.save()
            messages.success(request, _("Annonce publiée pour les membres du club."))
            return redirect(annonce)
    elif request.method == "POST":
        raise PermissionDenied
    toutes = annonces_visibles(request.user, club).select_related("structure")
    return render(
        request,
        "clubs/annonces.html",
        {
            "club": club,
            "en_cours": annonces.annonces_en_cours(toutes),
            "autres": toutes.exclude(pk__in=annonces.annonces_en_cours(toutes).values("pk"))[:50],
            "form": form,
        },
        status=400 if form is not None and form.errors else 200,
    )


def _annonce_de(request, slug, pk, permission="clubs.voir_annonces"):
    club = club_de(request, slug, permission)
    return club, get_object_or_404(club.annonces.select_related("structure", "auteur"), pk=pk)


@login_required
def annonce(request, slug, pk, form=None, status=200):
    club, annonce = _annonce_de(request, slug, pk)
    return render(
        request,
        "clubs/annonce.html",
        {
            "club": club,
            "annonce": annonce,
            "form": form or ContactAnnonceForm(),
            "statuts": StatutAnnonce.choices,
        },
        status=status,
    )


@login_required
@require_POST
def contacter(request, slug, pk):
    club, objet = _annonce_de(request, slug, pk, "clubs.voir_annonces")
    if not request.user.has_perm("clubs.contacter", objet):
        raise PermissionDenied
    form = ContactAnnonceForm(request.POST)
    if not form.is_valid():
        return annonce(request, slug, pk, form=form, status=400)
    attente = limites.compter(
        "contact-annonce", limites.empreinte(str(request.user.pk)), annonces.MESSAGES_MAX, annonces.FENETRE_S
    )
    if attente:
        form.add_error(
            None,
            _("Trop de messages envoyés : réessayez dans %(minutes)s minute(s) ; votre message est conservé.")
            % {"minutes": -(-attente // 60)},
        )
        reponse = annonce(request, slug, pk, form=form, status=429)
        reponse["Retry-After"] = str(attente)
        return reponse
    structure = (
        club.membres.filter(statut=StatutMembre.ACCEPTEE, structure__gestions__utilisateur=request.user)
        .select_related("structure")
        .first()
    )
    try:
        annonces.contacter(
            objet,
            request.user,
            structure.structure.nom if structure else _("l'équipe de la CRESS"),
            form.cleaned_data["message"],
            request.build_absolute_uri("/"),
        )
    except ValueError as erreur:
        form.add_error(None, str(erreur))
        return annonce(request, slug, pk, form=form, status=409)
    messages.success(request, _("Message envoyé : la réponse arrivera dans votre boîte e-mail."))
    return redirect(objet)


@login_required
@require_POST
def statut_annonce(request, slug, pk):
    club, objet = _annonce_de(request, slug, pk)
    if not request.user.has_perm("clubs.modifier_annonce", objet):
        raise PermissionDenied
    try:
        annonces.changer(objet, request.POST.get("statut", ""), request.user)
    except (ValueError, TransitionInterdite):
        messages.error(request, _("Ce changement de statut n'est pas possible."))
    else:
        messages.success(
            request, _("Statut de l'annonce : %(statut)s.") % {"statut": objet.get_statut_display()}
        )
    return redirect(objet)
