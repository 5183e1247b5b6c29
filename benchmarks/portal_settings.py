"""Settings of the gunicorn server benchmarks/portal.py starts: production settings plus one
route, the disclosure page behind disclosures.public_cache.cached_public."""

from config.settings.base import *  # noqa: F403

ROOT_URLCONF = "benchmarks.portal_urls"
