"""The animateur's pages: sessions, sign-in sheet, compte rendu."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from essaim.commun.inscriptions import StatutInscription

from ..enums import StatutRencontre
from ..forms import CompteRenduForm, RencontreForm
from ..models import InscriptionRencontre, Rencontre
from ..services import rencontres as services_rencontres
from .commun import club_de, rencontre_de

__all__ = [
    "nouvelle_rencontre",
    "modifier_rencontre",
    "annuler_rencontre",
    "emargement_pdf",
    "emargement",
    "pointer",
    "compte_rendu",
]


@login_required
def nouvelle_rencontre(request, slug):
    club = club_de(request, slug, "clubs.gerer_club")
    form = RencontreForm(request.POST or None, instance=Rencontre(club=club))
    if request.method == "POST" and form.is_valid():
        rencontre = form.save()
        envoyes = services_rencontres.annoncer(rencontre, request.build_absolute_uri("/"))
        messages.success(
            request,
            _("Rencontre programmée ; %(n)s membre(s) prévenu(s) par courriel.") % {"n": envoyes},
        )
        return redirect(rencontre)
    return render(
        request,
        "clubs/formulaire.html",
        {"club": club, "form": form, "titre": _("Programmer une rencontre")},
        status=400 if form.errors else 200,
    )


@login_required
def modifier_rencontre(request, slug, pk):
    rencontre = rencontre_de(request, slug, pk, "clubs.gerer_rencontre")
    form = RencontreForm(request.POST or None, instance=rencontre)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Rencontre enregistrée."))
        return redirect(rencontre)
    return render(
        request,
        "clubs/formulaire.html",
        {
            "club": rencontre.club,
            "form": form,
            "titre": _("Modifier « %(titre)s »") % {"titre": rencontre.titre},
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def annuler_rencontre(request, slug, pk):
    rencontre = rencontre_de(request, slug, pk, "clubs.gerer_rencontre")
    if rencontre.statut == StatutRencontre.ANNULEE:
        messages.info(request, _("Cette rencontre est déjà annulée."))
        return redirect(rencontre)
    envoyes = services_rencontres.annuler_rencontre(rencontre, request.build_absolute_uri("/"))
    messages.success(
        request,
        _("Rencontre annulée ; %(n)s personne(s) inscrite(s) prévenue(s) par courriel.") % {"n": envoyes},
    )
    return redirect(rencontre)


@login_required
def emargement(request, slug, pk):
    rencontre = rencontre_de(request, slug, pk, "clubs.emarger")
    inscrits = rencontre.inscriptions.filter(
        statut__in=[StatutInscription.CONFIRMEE, StatutInscription.ATTENTE]
    ).order_by("statut", "nom", "prenom")
    return render(
        request,
        "clubs/emargement.html",
        {
            "club": rencontre.club,
            "rencontre": rencontre,
            "inscrits": inscrits,
            "nombres": services_rencontres.nombres(rencontre),
        },
    )


@login_required
def emargement_pdf(request, slug, pk):
    rencontre = rencontre_de(request, slug, pk, "clubs.emarger")
    reponse = HttpResponse(
        services_rencontres.feuille_emargement_pdf(rencontre), content_type="application/pdf"
    )
    reponse["Content-Disposition"] = f'inline; filename="emargement-rencontre-{rencontre.pk}.pdf"'
    return reponse


@login_required
@require_POST
def pointer(request, slug, pk, inscription_pk):
    rencontre = rencontre_de(request, slug, pk, "clubs.emarger")
    inscrit = get_object_or_404(InscriptionRencontre, pk=inscription_pk, rencontre=rencontre)
    services_rencontres.pointer(inscrit, present=request.POST.get("present") == "1")
    if request.htmx:
        return render(request, "clubs/_ligne_emargement.html", {"rencontre": rencontre, "inscrit": inscrit})
    return redirect("clubs:emargement", slug=slug, pk=pk)


@login_required
def compte_rendu(request, slug, pk):
    rencontre = rencontre_de(request, slug, pk, "clubs.gerer_rencontre")
    form = CompteRenduForm(request.POST or None, instance=rencontre)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Compte rendu enregistré."))
        return redirect(rencontre)
    return render(
        request,
        "clubs/formulaire.html",
        {
            "club": rencontre.club,
            "form": form,
            "titre": _("Compte rendu de « %(titre)s »") % {"titre": rencontre.titre},
        },
        status=400 if form.errors else 200,
    )
