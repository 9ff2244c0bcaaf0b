from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComptesConfig(AppConfig):
    name = "essaim.comptes"
    verbose_name = _("Comptes")

    def ready(self):
        from . import rgpd  # noqa: F401  (registers the account's own personal data)
