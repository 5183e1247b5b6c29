"""Finding published disclosures: one query function for the search page, the JSON API and
the .xlsx export, so the three always agree.

Chinese has no word boundaries, so matching is by substring (信息中心, 社保, 社会保险) on the
unit's name, its department's name, its code, and the names of its projects. On PostgreSQL
the substring matches are served by pg_trgm GIN indexes (migration 0002_search_indexes);
on SQLite they are plain LIKE scans, which is fine at demo scale.

List figures (支出合计, “三公”经费合计, one function class) are database sums of the same
stored leaf facts budgets.statements adds up (tests/test_search.py checks they agree), so a
page of twenty results costs two queries instead of twenty table computations.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import EmptyPage, Paginator
from django.db.models import (
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.html import escape
from django.utils.safestring import mark_safe

from budgets.models import Budget, ExpenditureItem, FunctionCode, Organisation, Project, Status

PER_PAGE = 20
MAX_QUERY_LENGTH = 50
ZERO = Decimal(0)
MONEY = DecimalField(max_digits=18, decimal_places=2)


class SearchError(ValueError):
    """A search parameter the user can fix; the message says which and how."""


@dataclass
class Hit:
    budget: Budget
    total: Decimal              # 支出合计, exact 元
    three_public_total: Decimal  # “三公”经费合计, exact 元
    class_total: Decimal | None  # the requested function class, exact 元
    name_html: str
    department_html: str
    projects: list              # [(project name html)] of projects matching q

    @property
    def organisation(self):
        return self.budget.organisation

    @property
    def region(self):
        return self.budget.organisation.region

    @property
    def year(self):
        return self.budget.fiscal_year.year


@dataclass
class SearchResult:
    hits: list
    count: int
    page: int
    pages: int
    per_page: int
    params: dict

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages


def highlight(text, q):
    """`text` escaped for HTML with every occurrence of `q` wrapped in <mark>.

    The raw text is split on the raw query first and each piece escaped afterwards, so a query
    can never match inside an entity (&amp;) or inject markup."""
    if not q:
        return escape(text)
    pieces = re.split(f"({re.escape(q)})", text, flags=re.IGNORECASE)
    return mark_safe("".join(f"<mark>{escape(p)}</mark>" if i % 2 else escape(p)
                             for i, p in enumerate(pieces)))


def _clean(q, region, department, year, function_class, page):
    q = (q or "").strip()
    if len(q) > MAX_QUERY_LENGTH:
        raise SearchError(f"搜索词不能超过 {MAX_QUERY_LENGTH} 个字，请缩短后重试。")
    if year not in (None, ""):
        try:
            year = int(year)
        except (TypeError, ValueError):
            raise SearchError("年度应为四位数字，如 2026。") from None
    else:
        year = None
    function_class = (function_class or "").strip()
    if function_class and not re.fullmatch(r"\d{3}", function_class):
        raise SearchError("功能分类应为三位类级科目编码，如 221（住房保障支出）。")
    try:
        page = max(int(page or 1), 1)
    except (TypeError, ValueError):
        raise SearchError("页码应为正整数。") from None
    return {"q": q, "region": (region or "").strip(), "department": (department or "").strip(),
            "year": year, "function_class": function_class, "page": page}


def _contains(field, q):
    """A substring lookup: plain LIKE where case cannot matter (Chinese, digits), so that
    PostgreSQL can use the trigram index on the column itself; icontains otherwise."""
    return Q(**{f"{field}__{'icontains' if q.lower() != q.upper() else 'contains'}": q})


def _matching_projects(q):
    # Project codes are Latin letters and digits: a Chinese query cannot be one, and leaving
    # the code out lets PostgreSQL answer from the name index alone.
    if q.isascii():
        return Project.objects.filter(_contains("name", q) | Q(code__iexact=q))
    return Project.objects.filter(_contains("name", q))


def _queryset(p):
    budgets = Budget.objects.filter(status=Status.PUBLISHED)
    if p["region"]:
        # A region includes the regions below it (a city includes its districts).
        budgets = budgets.filter(Q(organisation__region__code=p["region"])
                                 | Q(organisation__region__parent__code=p["region"]))
    if p["department"]:
        budgets = budgets.filter(organisation_id__in=Organisation.objects.filter(
            Q(code=p["department"]) | Q(parent__code=p["department"])).values("pk"))
    if p["year"]:
        budgets = budgets.filter(fiscal_year__year=p["year"])
    if p["q"]:
        q = p["q"]
        # Name conditions are asked of the organisation table (20,000 rows in a province)
        # once, as a subquery, rather than of every budget row joined to it.
        named = Organisation.objects.filter(
            _contains("name", q) | _contains("parent__name", q)
            | Q(code__startswith=q) | Q(parent__code=q))
        budgets = budgets.filter(Q(organisation_id__in=named.values("pk"))
                                 | Q(pk__in=_matching_projects(q).values("budget_id")))
    row_total = ExpressionWrapper(F("personnel") + F("public") + F("project") + F("operating")
                                  + F("remit") + F("subsidy"), output_field=MONEY)

    def spent(items):
        return Coalesce(Subquery(items.values("budget").annotate(s=Sum(row_total))
                                 .values("s")[:1], output_field=MONEY),
                        Value(ZERO), output_field=MONEY)

    items = ExpenditureItem.objects.filter(budget=OuterRef("pk"))
    budgets = budgets.annotate(spent=spent(items))
    if p["function_class"]:
        codes = FunctionCode.objects.filter(code__startswith=p["function_class"]).values("pk")
        in_class = items.filter(function_code_id__in=codes)
        # EXISTS per budget: PostgreSQL chooses a semi-join (measured: benchmarks/portal.py).
        budgets = budgets.filter(Exists(in_class)).annotate(class_spent=spent(in_class))
    return (budgets
            .select_related("organisation__region", "organisation__parent", "fiscal_year",
                            "three_public")
            # Newest publications first: on PostgreSQL a partial index on published_at
            # (migration 0002_search_indexes) serves the first page without sorting them all.
            .order_by("-published_at", "-pk"))


def search_disclosures(*, q=None, region=None, department=None, year=None,
                       function_class=None, page=1, per_page=PER_PAGE):
    """Published disclosures matching every given criterion, one page of them.

    q: part of a unit's or department's name, a unit code, or part of a project name;
    region: a region code (includes its sub-regions); department: a department code
    (the department and its units); year; function_class: a 3-digit function 类 code
    (only budgets spending in it, with that class's amount). Raises SearchError for
    parameters the user must correct."""
    p = _clean(q, region, department, year, function_class, page)
    paginator = Paginator(_queryset(p), per_page)
    try:
        current = paginator.page(p["page"])
    except EmptyPage:
        current = paginator.page(paginator.num_pages)
    budgets = list(current.object_list)
    projects = {}
    if p["q"] and budgets:
        for budget_id, name in (_matching_projects(p["q"])
                                .filter(budget_id__in=[b.pk for b in budgets])
                                .order_by("position", "pk").values_list("budget_id", "name")):
            projects.setdefault(budget_id, []).append(highlight(name, p["q"]))
    hits = []
    for budget in budgets:
        org = budget.organisation
        tp = budget.three_public if _has_three_public(budget) else None
        hits.append(Hit(
            budget=budget, total=budget.spent,
            three_public_total=tp.total if tp else ZERO,
            class_total=budget.class_spent if p["function_class"] else None,
            name_html=highlight(org.name, p["q"]),
            department_html=highlight(org.parent.name, p["q"]) if org.parent_id else "",
            projects=projects.get(budget.pk, [])))
    return SearchResult(hits=hits, count=paginator.count, page=current.number,
                        pages=paginator.num_pages, per_page=per_page, params=p)


def _has_three_public(budget):
    try:
        budget.three_public  # noqa: B018 - select_related filled it or raised
    except Budget.three_public.RelatedObjectDoesNotExist:
        return False
    return True
