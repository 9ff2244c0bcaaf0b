"""The admin's login under the same lockout as the site's login.

django-allauth limits the site's logins (``ACCOUNT_RATE_LIMITS``: ``login`` per address,
``login_failed`` per address and per account). Django's admin login knows nothing of it, so
it would let a password be guessed without limit. Here the admin login form authenticates
through allauth's adapter, which counts failures in the same cache buckets as the site's
login (a lock earned on one holds on the other), and the admin login view consumes the
``login`` limit as allauth's login view does (429 page beyond it).
"""

from allauth.account.adapter import get_adapter
from allauth.decorators import rate_limit
from django.contrib.admin.forms import AdminAuthenticationForm


class FormulaireConnexionAdmin(AdminAuthenticationForm):
    def clean(self):
        identifiant = self.cleaned_data.get("username")
        mot_de_passe = self.cleaned_data.get("password")
        if identifiant is not None and mot_de_passe:
            # Raises "Trop de tentatives de connexion échouées…" once the account or the
            # address is locked, even when the password is right.
            self.user_cache = get_adapter(self.request).authenticate(
                self.request, email=identifiant.strip(), password=mot_de_passe
            )
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


def proteger(site):
    """Give ``site`` (an AdminSite) the site's login rate limits; call before ``site.urls``."""
    if getattr(site, "connexion_protegee", False):  # the URL conf may be imported again (tests)
        return
    site.login_form = FormulaireConnexionAdmin
    site.login = rate_limit(action="login")(site.login)
    site.connexion_protegee = True
