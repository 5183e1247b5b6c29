"""Public pages: the index of published disclosures, the disclosure document, each earlier
revision at its own address and what a correction changed. Thin views: the document is built
by disclosures.presentation, the differences by budgets.revisions. The document pages are
served from the publication-stamped cache (disclosures.public_cache) until the next
publication or correction."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from budgets import revisions, statements
from budgets.models import Budget, Status

from .downloads import current_revision, public_revision
from .layouts.spec import GROUPED
from .presentation import document_context
from .presentation.numbers import format_wan
from .public_cache import cached_public


@require_safe
def index(request):
    """Every published disclosure, latest revision only, newest year first."""
    budgets = (Budget.objects.filter(status=Status.PUBLISHED)
               .select_related("organisation__region", "fiscal_year")
               .order_by("-fiscal_year__year", "organisation__region__code",
                         "organisation__code", "-revision"))
    latest = {}
    for budget in budgets:
        org = budget.organisation
        latest.setdefault((budget.fiscal_year.year, org.region.code, org.code), budget)
    return render(request, "disclosures/index.html", {"budgets": list(latest.values())})


@require_safe
@cached_public
def document(request, region, year, org):
    return _document(request, current_revision(region, year, org))


@require_safe
@cached_public
def revision(request, region, year, org, revision):
    """An earlier (or the current) public revision, readable at its own address."""
    return _document(request, public_revision(region, year, org, revision))


def _document(request, budget):
    address = _address(budget)
    context = document_context(budget)
    context["for_pdf"] = False
    if budget.status == Status.PUBLISHED:
        context["pdf_url"] = reverse("disclosures:pdf", kwargs=address)
    else:
        context["pdf_url"] = reverse("disclosures:revision_pdf",
                                     kwargs={**address, "revision": budget.revision})
    context["budget"] = budget
    context["revisions"] = revisions.revisions_of(budget) if budget.revision > 1 or \
        budget.status == Status.SUPERSEDED else []
    context["address"] = address
    return render(request, "disclosures/document.html", context)


@require_safe
def changes(request, region, year, org, revision):
    """Side by side: what the correction published as `revision` changed."""
    new = public_revision(region, year, org, revision)
    old = revisions.previous_revision(new)
    if old is None:
        raise Http404("这是该预算的第一版，没有更正内容")
    diff = revisions.diff(old, new)
    figures = [{"table": f.table, "code": _printed_code(f.code), "name": f.name,
                "column": statements.column_label(f.column),
                "old": format_wan(f.old, GROUPED), "new": format_wan(f.new, GROUPED)}
               for f in diff.figures]
    return render(request, "disclosures/changes.html", {
        "budget": new, "old": old, "figures": figures, "texts": diff.texts,
        "address": _address(new), "title": f"{new.title}更正内容"})


def _printed_code(key):
    """Row keys of the summary tables ("class:221", "revenue_total") print only real codes."""
    key = key.removeprefix("class:")
    return key if key.isdigit() else ""


def _address(budget):
    org = budget.organisation
    return {"region": org.region.code, "year": budget.fiscal_year.year, "org": org.code}
