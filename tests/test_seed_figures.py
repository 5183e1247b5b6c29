"""The demo data reproduces the three published seed disclosures figure for figure.

Each seed text is read table by table; every printed figure must equal the rounding to
0.01 万元 of the figure the portal computes from its stored 元 amounts."""

from decimal import ROUND_HALF_UP, Decimal

import pytest

from budgets import statements
from budgets.demo import demo_workbooks
from budgets.models import Budget, FunctionCode

from .seed_text import SEED_DIR, printed_figures, printed_names

SEEDS = sorted(p.stem for p in SEED_DIR.glob("*.txt"))


def wan(yuan):
    return (yuan / Decimal(10000)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def budget_for(seed):
    from budgets.workbook.reader import read_workbook

    path = next(p for p in demo_workbooks() if p.stem == seed)
    doc = read_workbook(path.read_bytes())
    return Budget.objects.get(organisation__region__code=doc["region"]["code"],
                              organisation__code=doc["organisation"]["code"],
                              fiscal_year__year=doc["year"], scope=doc["scope"])


def computed(tables, figure):
    table = tables[figure.table]
    if figure.row.startswith("name:"):
        name = figure.row.removeprefix("name:")
        row = next((r for r in table.rows if r.level == "item" and r.name == name), None)
    elif figure.row == "" and figure.table != "overview":
        row = table.total
    else:
        row = table.row(figure.row)
    return row[figure.column] if row is not None else Decimal(0)


def test_every_seed_has_a_demo_workbook():
    assert SEEDS, f"no seed texts found in {SEED_DIR}"
    assert {p.stem for p in demo_workbooks()} >= set(SEEDS)


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS)
def test_every_printed_table_figure_is_reproduced(seed):
    budget = budget_for(seed)
    text = (SEED_DIR / f"{seed}.txt").read_text(encoding="utf-8")
    classes = dict(FunctionCode.objects.filter(year=budget.fiscal_year, level="class")
                   .values_list("name", "code"))
    tables = statements.all_tables(budget)
    figures = list(printed_figures(text, classes))
    assert len(figures) > 100, "the seed's tables were not found in its text"
    wrong = [f"{f}: computed {wan(computed(tables, f))}" for f in figures
             if wan(computed(tables, f)) != f.value]
    assert wrong == []


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS)
def test_every_printed_code_row_is_stored_and_named_as_in_the_catalog(seed):
    budget = budget_for(seed)
    text = (SEED_DIR / f"{seed}.txt").read_text(encoding="utf-8")
    tables = statements.all_tables(budget)
    printed = printed_names(text)
    for (table, code), name in printed.items():
        row = tables[table].row(code)
        assert row is not None, f"{table} {code} {name} is printed but not stored"
        assert row.name == name
    for table in {t for t, _ in printed}:
        stored = {r.code for r in tables[table].rows if r.level != "total"}
        assert stored == {c for t, c in printed if t == table}, table
