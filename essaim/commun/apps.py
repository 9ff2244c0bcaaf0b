from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunConfig(AppConfig):
    name = "essaim.commun"
    verbose_name = _("Commun")

    def ready(self):
        from django.conf import settings
        from PIL import Image

        from .convertisseurs import enregistrer

        enregistrer()
        # Every app's named computations (essaim/<app>/indicateurs.py), see commun/indicateurs.py.
        from .indicateurs import decouvrir

        decouvrir()
        # Pillow's own decompression-bomb guard at the site's pixel budget (it warns above
        # it and refuses at twice it); uploads are also checked from their header first.
        Image.MAX_IMAGE_PIXELS = settings.ESSAIM_IMAGE_PIXELS_MAX
