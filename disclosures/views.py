"""Public pages: the index of published disclosures and the disclosure document itself.
Thin views: the document is built by disclosures.presentation."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from budgets.models import Budget, Status

from .downloads import current_revision
from .presentation import document_context


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
def document(request, region, year, org):
    budget = current_revision(region, year, org)
    context = document_context(budget)
    context["for_pdf"] = False
    context["pdf_url"] = reverse("disclosures:pdf", kwargs={"region": region, "year": year,
                                                            "org": org})
    return render(request, "disclosures/document.html", context)
