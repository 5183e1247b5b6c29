"""Finding published disclosures: one query function for the search page, the JSON API and
the .xlsx export, so the three always agree.

Chinese has no word boundaries, so matching is by substring (信息中心, 社保, 社会保险) on the
unit's name, its department's name, its code, and the names of its projects. Criteria are
asked of the search index (disclosures.models.SearchEntry, one row per published
revision, kept by disclosures.search_index), never of the joined organisations, projects and
expenditure rows: at province scale (benchmarks/portal.py) counting is then cheap. On
PostgreSQL the substring matches are served by bigram GIN indexes (migration
0003_search_entries), which also serve two-character queries (社保) that no trigram index
can; on SQLite they are plain LIKE scans, which is fine at demo scale.

List figures (支出合计, “三公”经费合计, one function class) are database sums of the same
stored leaf facts budgets.statements adds up (tests/test_search.py checks they agree),
computed for the rows of the page only, so a page of twenty results costs two queries instead
of twenty table computations.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import (
    BooleanField,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils.html import escape
from django.utils.safestring import mark_safe

from budgets.models import Budget, ExpenditureItem, FunctionCode, Organisation, Project

from .models import SearchEntry

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
    # A line break or another control character cannot be part of a name (and PostgreSQL
    # refuses NUL): they are dropped.
    q = re.sub(r"[\x00-\x1f\x7f]", "", q or "").strip()
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
    SQLite and PostgreSQL agree; icontains otherwise."""
    return Q(**{f"{field}__{'icontains' if q.lower() != q.upper() else 'contains'}": q})


def _has_terms(sql, q):
    """PostgreSQL only: the entry's search terms (a generated array column with a GIN index,
    migration 0003_search_entries) include these; the index answers it exactly without
    reading rows. `sql` makes the terms of `q` (%s)."""
    # Unqualified: no other table of the query has the column, and the search index may be
    # aliased (U0) when it is a subquery.
    return Q(RawSQL(f"search_terms @> {sql}", (q,), output_field=BooleanField()))


def _candidates(q):
    """The terms every entry matching `q` has, one alternative per kind of match; only
    worth asking when the names' alternative has a bigram to look up."""
    candidates = (_has_terms("disclosures_bigrams(UPPER(%s))", q)   # part of a name
                  | _has_terms("ARRAY['^' || %s]", q)                # start of the unit code
                  | _has_terms("ARRAY['=' || %s]", q))               # the department code
    if q.isascii():
        candidates |= _has_terms("ARRAY['#' || UPPER(%s)]", q)       # a whole project code
    return candidates


def _matching_projects(q):
    """The projects `q` matches (asked for the projects of the page shown only)."""
    # Project codes are Latin letters and digits: a Chinese query cannot be one.
    if q.isascii():
        return Project.objects.filter(_contains("name", q) | Q(code__iexact=q))
    return Project.objects.filter(_contains("name", q))


def _entries(p):
    """The search index rows (disclosures.models.SearchEntry) matching every criterion: one
    table, so that counting thousands of results reads no other."""
    entries = SearchEntry.objects.all()
    if p["region"]:
        # A region includes the regions below it (a city includes its districts).
        entries = entries.filter(organisation_id__in=Organisation.objects.filter(
            Q(region__code=p["region"]) | Q(region__parent__code=p["region"])).values("pk"))
    if p["department"]:
        # The department and its units.
        entries = entries.filter(Q(unit_code=p["department"])
                                 | Q(department_code=p["department"]))
    if p["year"]:
        entries = entries.filter(year=p["year"])
    if p["function_class"]:
        entries = entries.filter(function_classes__contains=f" {p['function_class']} ")
    if p["q"]:
        q = p["q"]
        # The unit's, its department's and its projects' names; the start of the unit's
        # code; the department's code; a whole project code (Latin letters and digits).
        codes = Q(unit_code__startswith=q) | Q(department_code=q)
        needle = f"\n{q.upper()}\n"
        matches = _contains("names", q) | codes
        if q.isascii():
            matches |= _contains("project_codes", needle)
        if connection.vendor == "postgresql" and len(q) >= 2:
            # The same alternatives, each answered by the index of search terms: PostgreSQL
            # ORs the index results and reads only those rows.
            entries = entries.filter(_candidates(q))
            if len(q) == 2:
                # Two characters are one bigram: the terms are then exactly the matches, and
                # counting reads the index alone (no row is checked).
                return entries.order_by("-published_at", "-budget_id")
        # The exact check, cheap per row.
        entries = entries.filter(matches)
    # Newest publications first: the index search_newest serves a page without a sort.
    return entries.order_by("-published_at", "-budget_id")


def _page(p, entries, start, stop):
    """One page of budgets with their list figures, newest first like the entries."""
    row_total = ExpressionWrapper(F("personnel") + F("public") + F("project") + F("operating")
                                  + F("remit") + F("subsidy"), output_field=MONEY)

    def spent(items):
        return Coalesce(Subquery(items.values("budget").annotate(s=Sum(row_total))
                                 .values("s")[:1], output_field=MONEY),
                        Value(ZERO), output_field=MONEY)

    items = ExpenditureItem.objects.filter(budget=OuterRef("pk"))
    budgets = (Budget.objects
               # The page's ids in a subquery: the figures are computed for its rows only.
               .filter(pk__in=entries.values("budget_id")[start:stop])
               .annotate(spent=spent(items)))
    if p["function_class"]:
        codes = FunctionCode.objects.filter(code__startswith=p["function_class"]).values("pk")
        budgets = budgets.annotate(class_spent=spent(items.filter(function_code_id__in=codes)))
    return list(budgets
                .select_related("organisation__region", "organisation__parent", "fiscal_year",
                                "three_public")
                .order_by("-published_at", "-pk"))


def search_disclosures(*, q=None, region=None, department=None, year=None,
                       function_class=None, page=1, per_page=PER_PAGE):
    """Published disclosures matching every given criterion, one page of them.

    q: part of a unit's or department's name, a unit code, or part of a project name;
    region: a region code (includes its sub-regions); department: a department code
    (the department and its units); year; function_class: a 3-digit function 类 code
    (only budgets spending in it, with that class's amount). Raises SearchError for
    parameters the user must correct. Three queries: count, page, the page's matching
    projects (none when nothing was typed or nothing was found)."""
    p = _clean(q, region, department, year, function_class, page)
    entries = _entries(p)
    count = entries.count()
    pages = max(1, -(-count // per_page))
    # Past the last page, the last page.
    number = min(p["page"], pages)
    start = (number - 1) * per_page
    budgets = _page(p, entries, start, start + per_page) if count else []
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
    return SearchResult(hits=hits, count=count, page=number, pages=pages, per_page=per_page,
                        params=p)


def _has_three_public(budget):
    try:
        budget.three_public  # noqa: B018 - select_related filled it or raised
    except Budget.three_public.RelatedObjectDoesNotExist:
        return False
    return True
