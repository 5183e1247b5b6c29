"""Settings for the test suite (pytest-django). Database still comes from DATABASE_URL."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

# Tests never need a real key; set one before base.py insists on it.
os.environ.setdefault("SECRET_KEY", "test-only-secret-key")

from config.settings.base import *  # noqa: E402, F403

# Fast hashing: password strength is irrelevant in tests and PBKDF2 dominates run time.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Uploaded and generated files go to a private directory removed at exit.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="budget-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": "/media/"},
    },
    # No manifest: tests must not depend on collectstatic having run.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True

# Tasks run in-process even when REDIS_URL is set; REDIS_URL stays readable for tests
# that want a real server (scripts/with-redis.sh).
CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
