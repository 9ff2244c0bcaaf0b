from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .accueil import chiffres_cles
from .services import a_faire


def accueil(request):
    return render(request, "accueil.html", {"chiffres": chiffres_cles(request.user)})


@login_required
def mon_espace(request):
    return render(request, "espace/mon_espace.html", {"blocs": a_faire(request.user)})


def page(request, nom):
    """Footer pages: content from the templates, publisher details from the settings."""
    import datetime

    from django.conf import settings

    contexte = {
        "editeur": settings.ESSAIM_EDITEUR,
        "editeur_adresse": settings.ESSAIM_EDITEUR_ADRESSE,
        "directeur_publication": settings.ESSAIM_DIRECTEUR_PUBLICATION,
        "hebergeur": settings.ESSAIM_HEBERGEUR,
        "contact_email": settings.ESSAIM_CONTACT_EMAIL,
        "date_declaration": datetime.date.fromisoformat(settings.ESSAIM_ACCESSIBILITE_DATE),
    }
    return render(request, f"espace/pages/{nom}.html", contexte)
