"""Test settings: the same as development, with fast hashing and synchronous tasks."""

import os
import tempfile

os.environ.setdefault("ESSAIM_VAR_DIR", os.path.join(tempfile.gettempdir(), "essaim-test-var"))

from . import *  # noqa: F403
from . import VAR_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = VAR_DIR / "media"
ESSAIM_DONNEES_DEMO = False
LANGUAGE_CODE = "fr"
