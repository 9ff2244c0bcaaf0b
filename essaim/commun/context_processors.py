from django.conf import settings

from .modules import modules_publics


def essaim(request):
    return {
        "ESSAIM_NOM": settings.ESSAIM_NOM,
        "modules_publics": modules_publics(),
        "ADMIN_ACTIF": bool(settings.ESSAIM_ADMIN_URL),
    }
