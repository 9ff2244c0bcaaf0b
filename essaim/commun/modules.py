"""The modules shown on the home page and in the main navigation.

An app opts in by declaring on its AppConfig::

    module_public = {"titre": _("Annuaire"), "url": "annuaire:liste", "description": _("..."), "ordre": 10}
"""

from django.apps import apps
from django.urls import NoReverseMatch, reverse


def modules_publics() -> list[dict]:
    modules = []
    for config in apps.get_app_configs():
        module = getattr(config, "module_public", None)
        if not module:
            continue
        try:
            url = reverse(module["url"])
        except NoReverseMatch:
            continue
        modules.append({**module, "href": url, "app": config.label})
    return sorted(modules, key=lambda m: m.get("ordre", 100))
