"""The standard workbook of a published disclosure: /disclosures/<region>/<year>/<org>.xlsx.

A published revision never changes, so its workbook is generated once and kept in the cache;
the ETag names the revision (and the workbook format), so a client revalidates without the
file being generated again. The address moves to a correction when one is published.
"""

import hashlib

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.http import parse_etags
from django.views.decorators.http import require_safe

from budgets.workbook import write_workbook

from .downloads import attachment, current_revision

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Bump when the workbook layout changes: cached files and ETags of the old layout expire.
WORKBOOK_FORMAT = 1
CACHE_SECONDS = 24 * 3600


def _etag(budget):
    key = f"{budget.pk}-{budget.revision}-{WORKBOOK_FORMAT}"
    return f'"xlsx-{hashlib.sha256(key.encode()).hexdigest()[:24]}"'


@require_safe
def workbook(request, region, year, org):
    budget = current_revision(region, year, org)
    etag = _etag(budget)
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponseNotModified()
    else:
        key = f"disclosure-xlsx:{etag.strip(chr(34))}"
        body = cache.get(key)
        if body is None:
            body = write_workbook(budget)
            cache.set(key, body, CACHE_SECONDS)
        response = HttpResponse(body, content_type=XLSX)
        response["Content-Length"] = str(len(body))
        name = f"{budget.organisation.name}{year}年预算公开（第{budget.revision}版）.xlsx"
        response["Content-Disposition"] = attachment(
            name, f"{region}-{year}-{org}-r{budget.revision}.xlsx")
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=300"
    return response
