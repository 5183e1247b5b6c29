"""Data entry helpers for the budget page: codes from the budget's own catalog year, at the
level each table needs, and the progress list of the standard tables."""

import re

from django import forms

from budgets import models as m
from budgets import permissions

# Which catalog level a code field of a row accepts (the importer enforces the same).
CODE_LEVELS = {("expenditureitem", "function_code"): m.CodeLevel.ITEM,
               ("basicexpenditureitem", "economic_code"): m.CodeLevel.SECTION,
               ("projecteconomicitem", "economic_code"): m.CodeLevel.SECTION}


def catalog_search(request, queryset):
    """Narrow a code autocomplete to the catalog years of the budgets the user may edit and
    to the level the row needs."""
    if permissions.is_site_admin(request.user) or not request.path.endswith("/autocomplete/"):
        return queryset
    from .scoping import editable_budgets

    years = set(editable_budgets(request.user).values_list("fiscal_year", flat=True))
    queryset = queryset.filter(year__in=years)
    level = CODE_LEVELS.get((request.GET.get("model_name"), request.GET.get("field_name")))
    return queryset.filter(level=level) if level else queryset


class CatalogYearForm(forms.ModelForm):
    """A row's codes must come from its budget's catalog year."""

    def clean(self):
        data = super().clean()
        budget = getattr(self.instance, "budget", None) if self.instance.budget_id else None
        for name in ("function_code", "economic_code"):
            code = data.get(name)
            if budget is not None and code is not None and code.year_id != budget.fiscal_year_id:
                self.add_error(name, f"科目 {code.code} 属于 {code.year.year} 年目录，本预算为 "
                                     f"{budget.fiscal_year.year} 年，请重新选择")
            level = CODE_LEVELS.get((self._meta.model._meta.model_name, name))
            if code is not None and level and code.level != level:
                self.add_error(name, f"科目 {code.code} 是{code.get_level_display()}级科目，"
                                     f"本表应填列到{m.CodeLevel(level).label}级科目")
        return data


TABLE_NUMBER = re.compile(r"表(\d+)")


def tables_named(issue):
    """The standard tables an issue names in its location ("表5/表6" → {"表5", "表6"})."""
    return {f"表{n}" for n in TABLE_NUMBER.findall(issue.where)}


def problems_for(issues, tables):
    """The issues about any of the tables a section of the page feeds, as printed lines."""
    from budgets.workflow import describe

    return [describe(i) for i in issues if tables_named(i) & set(tables)]


def table_progress(budget, issues):
    """The standard tables in print order, each with whether it has figures yet and the
    validation problems that name it."""
    from budgets.statements import TABLE_TITLES, all_tables
    from budgets.workflow import describe

    problems = [describe(p) for p in issues]
    tables = all_tables(budget)
    return [{"title": title, "filled": key in tables and not tables[key].is_empty,
             "problems": [p for p in problems if title in p]}
            for key, title in TABLE_TITLES.items()], problems
