"""Caching of the public portal pages for the publication-season burst.

Every cached response is keyed on the publication stamp: the time of the latest publication
or correction. Publishing changes the stamp (budgets.workflow.published → `refresh_stamp`),
so every page built before it is simply never looked up again: no list of keys to purge, and
an HTTP client revalidating with If-None-Match / If-Modified-Since gets 304 until then.
"""

import hashlib
from functools import wraps

from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from budgets.models import PUBLIC_STATUSES, Budget

STAMP_KEY = "portal:publication-stamp"
PAGE_TIMEOUT = 24 * 3600
# Browsers and proxies may reuse a page this long without asking; a publication shows up
# after at most this delay for them, immediately for everyone else.
CLIENT_MAX_AGE = 60


def publication_stamp():
    """The latest publication time (a datetime), cached until the next publication."""
    stamp = cache.get(STAMP_KEY)
    if stamp is None:
        stamp = (Budget.objects.filter(status__in=PUBLIC_STATUSES)
                 .aggregate(latest=Max("published_at"))["latest"]
                 or timezone.now().replace(year=2000, month=1, day=1, microsecond=0))
        stamp = stamp.replace(microsecond=0)
        cache.set(STAMP_KEY, stamp, None)
    return stamp


def refresh_stamp(sender=None, budget=None, **kwargs):
    """Receiver of budgets.workflow.published: the new revision's publication time."""
    stamp = (budget.published_at if budget is not None and budget.published_at
             else timezone.now()).replace(microsecond=0)
    current = cache.get(STAMP_KEY)
    # Same-second publications must still change the stamp.
    if current is not None and stamp <= current:
        stamp = current + timezone.timedelta(seconds=1)
    cache.set(STAMP_KEY, stamp, None)


def cached_public(view):
    """Serve the view from the cache while nothing new has been published, with ETag and
    Last-Modified so that clients revalidate for free. Only GET/HEAD 200s are cached."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        stamp = publication_stamp()
        path = request.get_full_path()
        digest = hashlib.sha1(f"{path}|{stamp.isoformat()}".encode()).hexdigest()
        etag = f'"{digest}"'
        last_modified = stamp.timestamp()
        not_modified = get_conditional_response(request, etag=etag,
                                                last_modified=int(last_modified))
        if not_modified is not None:
            return not_modified
        key = f"portal:page:{digest}"
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if request.method in ("GET", "HEAD") and response.status_code == 200 \
                    and not response.streaming:
                response["ETag"] = etag
                response["Last-Modified"] = http_date(last_modified)
                response["Cache-Control"] = f"public, max-age={CLIENT_MAX_AGE}"
                cache.set(key, response, PAGE_TIMEOUT)
        return response
    return wrapper
