"""Celery application; ``celery -A config worker`` finds it through config/__init__.py."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

app = Celery("config")
# All Celery options live in Django settings under the CELERY_ prefix (see settings/base.py).
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
