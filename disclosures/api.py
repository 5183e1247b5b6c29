"""Open data endpoints: a budget's JSON and table CSVs, the region-year Fiscal Data Package,
and the read-only JSON API for listing and search (documented at /api/docs/).

Thin views: the documents are built by disclosures.opendata and disclosures.search."""

import json
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from budgets import statements

from .downloads import attachment, current_revision
from .opendata import (
    ECONOMIC_FIELDS,
    FUNCTION_FIELDS,
    budget_json,
    datapackage,
    economic_rows,
    function_rows,
    rows_csv,
    table_csv,
)
from .presentation.numbers import wan
from .public_cache import cached_public
from .search import SearchError, search_disclosures

SCHEMA_PATH = Path(settings.BASE_DIR) / "docs" / "schema" / "budget.schema.json"
OPENAPI_PATH = Path(settings.BASE_DIR) / "docs" / "schema" / "openapi.json"
JSON_OPTIONS = {"ensure_ascii": False, "indent": 1}


def _json(data, *, download=None):
    response = JsonResponse(data, json_dumps_params=JSON_OPTIONS)
    response["Content-Type"] = "application/json; charset=utf-8"
    response["Access-Control-Allow-Origin"] = "*"
    if download:
        response["Content-Disposition"] = attachment(download, download)
    return response


def _csv(text, filename):
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = attachment(filename, filename)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@cached_public
def budget_document(request, region, year, org):
    budget = current_revision(region, year, org)
    return _json(budget_json(budget))


@require_safe
@cached_public
def budget_table_csv(request, region, year, org, table):
    if table not in statements.TABLES:
        raise Http404("没有这张表；可用的表见 /api/docs/")
    budget = current_revision(region, year, org)
    return _csv(table_csv(budget, table), f"{region}-{year}-{org}-{table}.csv")


def _package_urls(region, year):
    kwargs = {"region": region, "year": year}
    return {"function": reverse("disclosures:bulk_function_csv", kwargs=kwargs),
            "economic": reverse("disclosures:bulk_economic_csv", kwargs=kwargs)}


@require_safe
@cached_public
def region_datapackage(request, region, year):
    urls = {k: request.build_absolute_uri(v) for k, v in _package_urls(region, year).items()}
    return _json(datapackage(region, year, urls))


@require_safe
@cached_public
def bulk_function_csv(request, region, year):
    return _csv(rows_csv(FUNCTION_FIELDS, function_rows(region, year)),
                f"{region}-{year}-expenditure-by-function.csv")


@require_safe
@cached_public
def bulk_economic_csv(request, region, year):
    return _csv(rows_csv(ECONOMIC_FIELDS, economic_rows(region, year)),
                f"{region}-{year}-basic-expenditure-by-economic.csv")


def _yuan(amount):
    return None if amount is None else f"{amount:.2f}"


def hit_json(hit):
    budget, org = hit.budget, hit.organisation
    kwargs = {"region": org.region.code, "year": hit.year, "org": org.code}
    return {
        "region": {"code": org.region.code, "name": org.region.name},
        "year": hit.year, "scope": budget.scope, "revision": budget.revision,
        "organisation": {"code": org.code, "name": org.name, "kind": org.kind},
        "department": ({"code": org.parent.code, "name": org.parent.name}
                       if org.parent_id else None),
        "total": {"yuan": _yuan(hit.total), "wan": f"{wan(hit.total):f}"},
        "three_public_total": {"yuan": _yuan(hit.three_public_total),
                               "wan": f"{wan(hit.three_public_total):f}"},
        "function_class_total": (None if hit.class_total is None else
                                 {"yuan": _yuan(hit.class_total),
                                  "wan": f"{wan(hit.class_total):f}"}),
        "published_at": budget.published_at.isoformat() if budget.published_at else None,
        "matching_projects": [str(p).replace("<mark>", "").replace("</mark>", "")
                              for p in hit.projects],
        "url": reverse("disclosures:document", kwargs=kwargs),
        "json_url": reverse("disclosures:json", kwargs=kwargs),
    }


@require_safe
@cached_public
def disclosures_list(request):
    params = {k: request.GET.get(k) for k in ("q", "region", "department", "year",
                                              "function_class", "page")}
    try:
        result = search_disclosures(**params)
    except SearchError as error:
        return JsonResponse({"error": str(error)}, status=400,
                            json_dumps_params=JSON_OPTIONS)
    return _json({"count": result.count, "page": result.page, "pages": result.pages,
                  "per_page": result.per_page,
                  "results": [hit_json(h) for h in result.hits]})


@require_safe
def openapi(request):
    return _json(json.loads(OPENAPI_PATH.read_text(encoding="utf-8")))


@require_safe
def budget_schema(request):
    return _json(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


@require_safe
def docs(request):
    spec = json.loads(OPENAPI_PATH.read_text(encoding="utf-8"))
    operations = [{"path": path, "method": method.upper(), **op}
                  for path, item in spec["paths"].items() for method, op in item.items()]
    return render(request, "portal/api_docs.html", {"spec": spec, "operations": operations})
