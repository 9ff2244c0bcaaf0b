"""Small helpers shared by the views."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def refuser(request):
    """Anonymous visitors are sent to log in; signed-in users without the right get a 403."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def base_url(request) -> str:
    """The site's origin, for absolute links in e-mails."""
    return request.build_absolute_uri("/")


def fil(appel=None, *suite):
    """Breadcrumb trail: the calls list, then the call, then whatever pages lead here."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    liens = [{"titre": _("Appels à candidatures"), "href": reverse("appels:liste")}]
    if appel is not None:
        liens.append({"titre": appel.titre, "href": appel.get_absolute_url()})
    liens.extend({"titre": titre, "href": href} for titre, href in suite)
    return liens


def autorise(user, permission: str, obj=None) -> bool:
    """Ask the rule itself: Django's superuser shortcut would skip state conditions (call open,
    application submitted), which bind administrators too."""
    import rules

    return rules.has_perm(permission, user, obj)
