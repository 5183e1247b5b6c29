"""The citizen portal's pages: browse, search, a unit's years with charts, and a region's
comparison. Thin views: search in disclosures.search, region figures in
disclosures.comparison, a unit's figures in disclosures.unit_figures."""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from budgets.models import Budget, FiscalYear, Organisation, OrganisationKind, Region, Status

from .comparison import SORT_KEYS, THREE_PUBLIC_ITEMS, region_figures
from .pair_comparison import compare_budgets, public_budget
from .public_cache import cached_public
from .search import SearchError, search_disclosures
from .spreadsheets import compare_xlsx, search_xlsx, xlsx_response
from .unit_figures import KEY_FIGURES, function_history, unit_years

SEARCH_PARAMS = ("q", "region", "department", "year", "function_class")
LATEST_COUNT = 10
COMPARE_COLUMNS = (
    ("name", "单位"), ("total", "支出合计"), ("basic", "基本支出"), ("project", "项目支出"),
    ("basic_share", "基本支出占比"), ("personnel", "人员经费"), ("public", "公用经费"),
    ("running_cost", "机关运行经费"), ("three_public", "“三公”经费合计"),
    ("overseas", "因公出国（境）费"), ("vehicle_purchase", "公务用车购置费"),
    ("vehicle_operation", "公务用车运行费"), ("reception", "公务接待费"),
)


@require_safe
@cached_public
def browse(request):
    """The portal's front page: regions as a tree, departments, years, latest publications."""
    regions = list(Region.objects.filter(organisations__budgets__status=Status.PUBLISHED)
                   .select_related("parent").distinct().order_by("code"))
    tree = {}
    for region in regions:
        parent = region.parent if region.parent_id else None
        tree.setdefault(parent, []).append(region)
    departments = (Organisation.objects.filter(kind=OrganisationKind.DEPARTMENT,
                                               units__budgets__status=Status.PUBLISHED)
                   .select_related("region").distinct().order_by("region__code", "code"))
    years = (FiscalYear.objects.filter(budgets__status=Status.PUBLISHED).distinct()
             .order_by("-year"))
    latest = (Budget.objects.filter(status=Status.PUBLISHED)
              .select_related("organisation__region", "fiscal_year")
              .order_by("-published_at", "pk")[:LATEST_COUNT])
    return render(request, "portal/browse.html", {
        "tree": sorted(tree.items(), key=lambda kv: kv[0].code if kv[0] else ""),
        "departments": list(departments), "years": list(years), "latest": list(latest),
        "year_numbers": [y.year for y in years]})


def _search_params(request):
    return {k: request.GET.get(k, "") for k in SEARCH_PARAMS}


@require_safe
@cached_public
def search(request):
    params = _search_params(request)
    error, result = "", None
    try:
        result = search_disclosures(**params, page=request.GET.get("page", 1))
    except SearchError as exc:
        error = str(exc)
    query = urlencode({k: v for k, v in params.items() if v})
    return render(request, "portal/search.html", {
        "params": params, "result": result, "error": error,
        "years": list(FiscalYear.objects.filter(budgets__status=Status.PUBLISHED)
                      .distinct().order_by("-year").values_list("year", flat=True)),
        "query_string": query}, status=400 if error else 200)


@require_safe
@cached_public
def search_export(request):
    try:
        result = search_disclosures(**_search_params(request), per_page=5000)
    except SearchError as exc:
        return render(request, "portal/search.html", {"error": str(exc), "params": {}},
                      status=400)
    return xlsx_response(search_xlsx(result), "search-results.xlsx")


@require_safe
@cached_public
def unit(request, region, org):
    """Every year a unit published, side by side, with charts and the year-on-year change."""
    organisation = get_object_or_404(Organisation.objects.select_related("region", "parent"),
                                     region__code=region, code=org)
    years = unit_years(organisation)
    if not years:
        raise Http404("该单位没有已公开的预算")
    return render(request, "portal/unit.html", {
        "organisation": organisation, "years": years, "latest": years[-1],
        "history": function_history(years),
        "key_figures": KEY_FIGURES, "three_public_keys": THREE_PUBLIC_ITEMS,
        "compare_url": reverse("disclosures:compare", kwargs={
            "region": region, "year": years[-1].year})})


def _year(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@require_safe
@cached_public
def unit_compare(request, region, org):
    """Two budgets table by table: this unit in two years (?year=&with_year=), or this unit and
    another of its department in one year (?with=<org code>)."""
    organisation = get_object_or_404(Organisation.objects.select_related("region", "parent"),
                                     region__code=region, code=org)
    years = list(Budget.objects.filter(organisation=organisation, status=Status.PUBLISHED)
                 .values_list("fiscal_year__year", flat=True).order_by("-fiscal_year__year"))
    if not years:
        raise Http404("该单位没有已公开的预算")
    year = _year(request.GET.get("year"), years[0])
    siblings = list(Organisation.objects.filter(
        parent_id=organisation.parent_id, region=organisation.region,
        budgets__status=Status.PUBLISHED, budgets__fiscal_year__year=year)
        .exclude(pk=organisation.pk).distinct().order_by("code")) \
        if organisation.parent_id else []
    other, other_year = organisation, _year(request.GET.get("with_year"),
                                            years[1] if len(years) > 1 else year)
    if request.GET.get("with") or (len(years) < 2 and siblings):
        code = request.GET.get("with") or siblings[0].code
        other = next((s for s in siblings if s.code == code), None)
        if other is None:
            raise Http404("只能与同一部门、同一年度已公开预算的单位比较")
        other_year = year
    a, b = public_budget(other, other_year), public_budget(organisation, year)
    if a is None or b is None or a.pk == b.pk:
        raise Http404("没有可以比较的两份已公开预算")
    return render(request, "portal/unit_compare.html", {
        "organisation": organisation, "a": a, "b": b, "comparison": compare_budgets(a, b),
        "years": years, "siblings": siblings, "year": year})


def _sort(request):
    sort = request.GET.get("sort", "total")
    return (sort if sort in SORT_KEYS else "total"), request.GET.get("dir", "desc") != "asc"


@require_safe
@cached_public
def compare(request, region, year):
    place = get_object_or_404(Region, code=region)
    sort, descending = _sort(request)
    rows, classes = region_figures(region, year, sort=sort, descending=descending)
    if not rows:
        raise Http404("该地区该年度没有已公开的预算")
    return render(request, "portal/compare.html", {
        "region": place, "year": year, "rows": rows, "classes": classes, "sort": sort,
        "descending": descending, "columns": COMPARE_COLUMNS,
        "three_public_keys": THREE_PUBLIC_ITEMS})


@require_safe
@cached_public
def compare_export(request, region, year):
    sort, descending = _sort(request)
    rows, classes = region_figures(region, year, sort=sort, descending=descending)
    if not rows:
        raise Http404("该地区该年度没有已公开的预算")
    return xlsx_response(compare_xlsx(rows, classes), f"{region}-{year}-compare.xlsx")
