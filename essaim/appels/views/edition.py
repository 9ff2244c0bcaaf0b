"""Staff pages to create and edit a call and its organiser kit."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import AppelForm, PieceKitForm
from ..models import Appel
from .outils import autorise, fil, refuser


def creer_appel(request):
    if not autorise(request.user, "appels.creer_appel"):
        return refuser(request)
    form = AppelForm(request.POST or None, user=request.user, initial={"publie": False})
    if request.method == "POST" and form.is_valid():
        appel = form.save()
        messages.success(request, _("Appel créé. Ajoutez maintenant ses questions et ses documents."))
        return redirect("appels:formulaire", slug=appel.slug)
    contexte = {"form": form, "titre": _("Nouvel appel à candidatures"), "fil": fil()}
    return render(request, "appels/appel_form.html", contexte)


def modifier_appel(request, slug):
    appel = get_object_or_404(Appel.objects.select_related("region"), slug=slug)
    if not autorise(request.user, "appels.gerer_appel", appel):
        return refuser(request)
    form = AppelForm(request.POST or None, instance=appel, user=request.user)
    if request.method == "POST" and form.is_valid():
        appel = form.save()
        messages.success(request, _("Appel enregistré."))
        return redirect(appel)
    contexte = {"form": form, "appel": appel, "titre": _("Modifier l'appel"), "fil": fil(appel)}
    return render(request, "appels/appel_form.html", contexte)


def documents(request, slug):
    appel = get_object_or_404(Appel.objects.select_related("region"), slug=slug)
    if not autorise(request.user, "appels.gerer_appel", appel):
        return refuser(request)
    form = PieceKitForm(request.POST or None, request.FILES or None, initial={"ordre": appel.kit.count() + 1})
    if request.method == "POST" and form.is_valid():
        piece = form.save(commit=False)
        piece.appel = appel
        piece.save()
        messages.success(request, _("Document « %(titre)s » ajouté au kit.") % {"titre": piece.titre})
        return redirect("appels:documents", slug=appel.slug)
    contexte = {"appel": appel, "form": form, "kit": appel.kit.all(), "fil": fil(appel)}
    return render(request, "appels/documents.html", contexte)


@require_POST
def document_supprimer(request, slug, pk):
    appel = get_object_or_404(Appel, slug=slug)
    if not autorise(request.user, "appels.gerer_appel", appel):
        return refuser(request)
    piece = get_object_or_404(appel.kit, pk=pk)
    piece.delete()
    messages.success(request, _("Document « %(titre)s » retiré du kit.") % {"titre": piece.titre})
    return redirect("appels:documents", slug=appel.slug)
