"""Production settings: `DJANGO_SETTINGS_MODULE=essaim.settings.production`.

Everything secret comes from the environment; a missing SECRET_KEY is an error.
"""

import os

if not os.environ.get("SECRET_KEY"):
    raise RuntimeError("SECRET_KEY doit être défini dans l'environnement en production.")
os.environ.setdefault("DEBUG", "false")

from whitenoise.compress import Compressor

from . import *  # noqa: F403
from . import env

DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost"])
# Hashed file names (far-future caching) always; gzip/brotli copies unless disabled (the smoke
# test disables them: compressing the API documentation's bundles takes about a minute).
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("ESSAIM_STATIQUES_COMPRESSES", default=True)
        else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}
# Source maps are only read by developer tools: not worth compressing (half the bytes).
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True

# Base map: Plan IGN from the Géoplateforme unless CARTE_TUILES_URL says otherwise (empty: none).
CARTE_TUILES_URL = env.str(
    "CARTE_TUILES_URL",
    default="https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM&FORMAT=image/png"
    "&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}",
)
CARTE_TUILES_ATTRIBUTION = env.str("CARTE_TUILES_ATTRIBUTION", default="© IGN — Plan IGN")
CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] = img_src_avec_tuiles(  # noqa: F405
    [SELF, "data:"],  # noqa: F405
    CARTE_TUILES_URL,
)

# Rate limits (allauth, DRF throttles, magic links) count in the cache: in production it must be
# shared by every worker and every server. Redis when REDIS_URL is set, else the database cache
# (`manage.py createcachetable`, run by `make serve` after migrate). Never per-process memory:
# with 3 gunicorn workers, 14 of 20 magic-link requests passed a 5/hour limit.
if env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("REDIS_URL"),
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="essaim"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "essaim_cache",
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="essaim"),
        }
    }
