"""Settings of Essaim, read from environment variables with safe defaults.

Development defaults need nothing: a SQLite database under ``var/`` (WAL mode),
a secret key generated into ``var/`` on first run, e-mails printed to the console,
a local-memory cache and an embedded database-backed task queue.
Production overrides live in ``essaim.settings.production``.
"""

import secrets
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("ESSAIM_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env()


def _secret_key() -> str:
    """Use SECRET_KEY from the environment, else a key generated once into var/."""
    if env.str("SECRET_KEY", default=""):
        return env.str("SECRET_KEY")
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.sites",
    # Third parties
    "allauth",
    "allauth.account",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # Essaim, one app per domain
    "essaim.commun",
    "essaim.territoires",
    "essaim.comptes",
    "essaim.annuaire",
    "essaim.carte",
    "essaim.opendata",
    "essaim.observatoire",
    "essaim.appels",
    "essaim.conference",
    "essaim.ressources",
    "essaim.accompagnement",
    "essaim.pilotage",
    "essaim.adherents",
    "essaim.clubs",
    "essaim.espace",
]

MIDDLEWARE = [
    "essaim.commun.sante.SanteMiddleware",  # /sante/ for load balancers, before host checks
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "essaim.commun.middleware.BaseOccupeeMiddleware",  # SQLite lock timeout → 503, never 500
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "essaim.commun.retry_after.RetryAfterMiddleware",
]

ROOT_URLCONF = "essaim.urls"
FORM_RENDERER = "essaim.commun.forms.EssaimFormRenderer"
WSGI_APPLICATION = "essaim.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "essaim" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "essaim.commun.context_processors.essaim",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'essaim.sqlite3'}"),
}
SQLITE_BUSY_TIMEOUT = env.int("SQLITE_BUSY_TIMEOUT", default=10000)  # ms a write waits for the lock
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write transactions take turns fairly between processes (essaim/commun/sqlite/base.py).
    DATABASES["default"]["ENGINE"] = "essaim.commun.sqlite"
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers and the task worker run while a writer writes.
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
                f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT};PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when REDIS_URL is set, else local memory --------------------
if env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("REDIS_URL"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background tasks: one mechanism (django-tasks), database queue by default -
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.backend.DatabaseBackend"),
    }
}

# --- Accounts -------------------------------------------------------------------
AUTH_USER_MODEL = "comptes.Utilisateur"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "espace:mon_espace"
LOGOUT_REDIRECT_URL = "accueil"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Essaim] "
# --- Client address behind proxies ------------------------------------------------
# How many reverse proxies (nginx, load balancer) append to X-Forwarded-For in front of
# gunicorn. 0: the client is REMOTE_ADDR and X-Forwarded-For is ignored, so a client cannot
# dodge a rate limit by forging the header. Every rate limit (API throttle, allauth, the
# site's forms) reads the client address through this one number.
PROXIES_DE_CONFIANCE = env.int("PROXIES_DE_CONFIANCE", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = PROXIES_DE_CONFIANCE

# allauth counts failed logins per IP and per account in the cache.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}

# --- E-mail ---------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Essaim <ne-pas-repondre@essaim.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation: French first, English available -----------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "essaim" / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "essaim" / "static"]
# Public media (structure logos) under MEDIA_URL, served by Django (essaim.commun.fichiers.media)
# unless ESSAIM_SERVIR_MEDIAS=false because the proxy serves MEDIA_ROOT itself.
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("ESSAIM_MEDIA_DIR", default=str(VAR_DIR / "media")))
ESSAIM_SERVIR_MEDIAS = env.bool("ESSAIM_SERVIR_MEDIAS", default=True)
# Private files (application attachments, call kits, imported files, task results) live outside
# MEDIA_ROOT, in the "prive" storage, and are only sent by views that check permissions; with
# ESSAIM_ENVOI_FICHIERS=x-accel-redirect (nginx) or x-sendfile (Apache), the view only checks and
# the proxy sends the file from its internal location ESSAIM_PRIVE_URL_INTERNE.
ESSAIM_PRIVE_ROOT = Path(env.str("ESSAIM_PRIVE_DIR", default=str(VAR_DIR / "prive")))
ESSAIM_ENVOI_FICHIERS = env.str("ESSAIM_ENVOI_FICHIERS", default="django")
ESSAIM_PRIVE_URL_INTERNE = env.str("ESSAIM_PRIVE_URL_INTERNE", default="/prive-interne/")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "prive": {"BACKEND": "essaim.commun.fichiers.StockagePrive"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Security headers -------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}

# --- Base map ---------------------------------------------------------------------------
# Tile layer under the territory outlines (URL template with {z}/{x}/{y}, attribution, max zoom).
# Empty: outlines alone (development, tests, offline). Production defaults to Plan IGN
# (settings/production.py). Its origin, and nothing else, is added to the CSP img-src.
CARTE_TUILES_URL = env.str("CARTE_TUILES_URL", default="")
CARTE_TUILES_ATTRIBUTION = env.str("CARTE_TUILES_ATTRIBUTION", default="")
CARTE_TUILES_ZOOM_MAX = env.int("CARTE_TUILES_ZOOM_MAX", default=18)
# The embeddable map (/carte/embed/) draws tiles only when this is true.
CARTE_TUILES_EMBED = env.bool("CARTE_TUILES_EMBED", default=False)


def img_src_avec_tuiles(img_src: list, url: str) -> list:
    """img-src plus the scheme and host of the tile URL template, when there is one."""
    from urllib.parse import urlsplit

    morceaux = urlsplit(url)
    if not (morceaux.scheme and morceaux.netloc):
        return img_src
    return [*img_src, f"{morceaux.scheme}://{morceaux.netloc}"]


CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] = img_src_avec_tuiles(
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"], CARTE_TUILES_URL
)

# --- API ----------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Documents 400/403/404/429 (and Retry-After) on every operation.
    "DEFAULT_SCHEMA_CLASS": "essaim.commun.schema.SchemaEssaim",
    # Session only: no HTTP Basic (passwords on every request, brute force outside the
    # login's lockout). A token scheme would be added here on purpose.
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PAGINATION_CLASS": "essaim.commun.pagination.PaginationStricte",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env.str("API_ANON_RATE", default="600/min")},
    "NUM_PROXIES": PROXIES_DE_CONFIANCE,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Essaim",
    "DESCRIPTION": "API publique de l'annuaire et de l'observatoire de l'ESS en transition.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI served from our own static files (no CDN), compatible with the strict CSP.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "OPTIONS", "HEAD"]

# --- Essaim -------------------------------------------------------------------------
# Demo data (fictitious records, clearly marked) are loaded by `make run` unless disabled.
ESSAIM_DONNEES_DEMO = env.bool("ESSAIM_DONNEES_DEMO", default=True)
ESSAIM_NOM = env.str("ESSAIM_NOM", default="Essaim")
# Footer pages (legal notice, accessibility, personal data, contact): who publishes the site.
ESSAIM_EDITEUR = env.str(
    "ESSAIM_EDITEUR", default="CRESS (chambre régionale de l'économie sociale et solidaire)"
)
ESSAIM_EDITEUR_ADRESSE = env.str("ESSAIM_EDITEUR_ADRESSE", default="")
ESSAIM_DIRECTEUR_PUBLICATION = env.str("ESSAIM_DIRECTEUR_PUBLICATION", default="")
ESSAIM_HEBERGEUR = env.str("ESSAIM_HEBERGEUR", default="")
# Cover of the documents (conference report, portraits) per région: the CRESS's name and logo
# (a path under the static files or an absolute path) and its partners, as JSON, e.g.
# {"32": {"nom": "CRESS Hauts-de-France", "logo": "/srv/cress/logo.png",
#         "partenaires": ["État (SGAR)", "Région Hauts-de-France"]}}. See essaim/commun/identite.py.
ESSAIM_IDENTITE_REGIONS = env.json("ESSAIM_IDENTITE_REGIONS", default={})
ESSAIM_CONTACT_EMAIL = env.str("ESSAIM_CONTACT_EMAIL", default="contact@essaim.local")
# Date of the accessibility statement (RGAA); its conformity level is stated on the page.
ESSAIM_ACCESSIBILITE_DATE = env.str("ESSAIM_ACCESSIBILITE_DATE", default="2026-12-01")
# Largest uploaded image, in pixels (width × height), checked from the header before decoding.
ESSAIM_IMAGE_PIXELS_MAX = env.int("IMAGE_PIXELS_MAX", default=25_000_000)
# Magic edit links (directory): single-use, dead when the record changes, and expiring after:
ESSAIM_LIEN_MAGIQUE_HEURES = env.int("LIEN_MAGIQUE_HEURES", default=48)
# Path of the Django admin ("admin/" by default); empty disables the admin.
ESSAIM_ADMIN_URL = env.str("ESSAIM_ADMIN_URL", default="admin/").strip("/")
ESSAIM_ADMIN_URL = f"{ESSAIM_ADMIN_URL}/" if ESSAIM_ADMIN_URL else ""
# /sante/ flags the task queue when its oldest ready task waits longer than this (seconds).
ESSAIM_SANTE_RETARD_MAX = env.int("ESSAIM_SANTE_RETARD_MAX", default=300)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
