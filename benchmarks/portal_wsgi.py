"""WSGI application of the benchmark server (benchmarks/portal.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.portal_settings")
application = get_wsgi_application()
