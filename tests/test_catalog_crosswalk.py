"""Year over year survives catalog changes: between 2031 and 2032 the catalogs differ (a
renamed 项, a 项 moved to another 款, a merged pair, a split 项, a merged economic 款), the
crosswalk is imported from a CSV, and the unit page, the two-year comparison and the
narrative's prior-year figures compare in the 2032 codes. A split 项 says it has no
comparable figure instead of showing a false change.

The budgets are the Wuhan seed's tables under a new unit, saved through the real importer
(save_document) and published through the workflow."""

import copy
import csv
from decimal import Decimal

import pytest
import tablib
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from budgets import crosswalk, statements, workflow
from budgets.code_catalogs import CATALOG_DIR, CatalogImportError, import_catalog
from budgets.code_mappings import import_crosswalk
from budgets.demo import demo_document, system_user
from budgets.importing.document import save_document
from budgets.models import CatalogKind, CodeMapping
from budgets.narrative import missing_reasons
from budgets.narrative.figures import Facts

from .test_seed_figures import wan

pytestmark = pytest.mark.django_db

BEFORE, AFTER = 2031, 2032
UNIT = "503098"
RENAMED = ("2080150", "事业运行（信息系统运维）")
MOVED = ("2080506", "2089906")                   # 款 20805 → 款 20899
MERGED = (("2210202", "2210203"), "2210202")      # 提租补贴 + 购房补贴 → one 项
SPLIT = ("2101102", ("2101102", "2101105"))       # 事业单位医疗, split in two
ECONOMIC_MERGED = (("30107", "30199"), "30199")   # 绩效工资 into 其他工资福利支出
RAISE = Decimal("10000.00")                       # 2032 pays one 万元 more on the moved 项

FUNCTION_CROSSWALK = [
    ["原年度", "原科目编码", "新年度", "新科目编码", "说明"],
    [BEFORE, MOVED[0], AFTER, MOVED[1], "移至其他社会保障和就业支出"],
    [BEFORE, MERGED[0][1], AFTER, MERGED[1], "提租补贴与购房补贴合并"],
    [BEFORE, SPLIT[0], AFTER, SPLIT[1][0], "拆分"],
    [BEFORE, SPLIT[0], AFTER, SPLIT[1][1], "拆分"],
]
ECONOMIC_CROSSWALK = [
    ["原年度", "原科目编码", "新年度", "新科目编码", "说明"],
    [BEFORE, ECONOMIC_MERGED[0][0], AFTER, ECONOMIC_MERGED[1], ""],
]


def shipped_catalog(kind, year, *, drop=(), add=(), rename=()):
    """The shipped 2026 catalog as `year`'s, with codes dropped, added or renamed."""
    with open(CATALOG_DIR / f"{kind}-2026.csv", encoding="utf-8-sig") as fh:
        rows = [r for r in csv.reader(fh)][1:]
    names = dict(rename)
    rows = [[str(year), code, names.get(code, name), note]
            for _, code, name, note in rows if code not in drop]
    rows += [[str(year), code, name, ""] for code, name in add]
    return tablib.Dataset(*rows, headers=["年度", "科目编码", "科目名称", "说明"])


def dataset(rows):
    return tablib.Dataset(*rows[1:], headers=rows[0])


@pytest.fixture
def catalogs():
    """Two catalog years that differ, and the crosswalk between them, imported for real."""
    import_catalog(shipped_catalog("function", BEFORE), kind="function")
    import_catalog(shipped_catalog("function", AFTER, drop=(MOVED[0], MERGED[0][1]),
                                   add=((MOVED[1], "机关事业单位职业年金缴费支出"),
                                        (SPLIT[1][1], "事业单位医疗（补充）")),
                                   rename=(RENAMED,)), kind="function")
    import_catalog(shipped_catalog("economic", BEFORE), kind="economic")
    import_catalog(shipped_catalog("economic", AFTER, drop=(ECONOMIC_MERGED[0][0],)),
                   kind="economic")
    import_crosswalk(dataset(FUNCTION_CROSSWALK), kind="function")
    import_crosswalk(dataset(ECONOMIC_CROSSWALK), kind="economic")


def unit_document(year):
    """The Wuhan seed's tables as a new unit's budget of `year` (2031 codes)."""
    doc = copy.deepcopy(demo_document("wuhan-hrss-info-center-2026"))
    old = doc["organisation"]["code"]
    doc["year"] = year
    doc["organisation"] = {**doc["organisation"], "code": UNIT, "name": "演示对照单位"}
    doc["units"] = [{"code": UNIT, "name": "演示对照单位"}]
    for key in ("revenue", "expenditure", "projects"):
        for row in doc.get(key, []):
            if row.get("unit") == old:
                row["unit"] = UNIT
    doc["prior_year"] = []
    return doc


def merge_rows(rows, key, mapping, columns):
    """Rows keyed by `key` with codes renamed through `mapping`, duplicates summed."""
    merged = {}
    for row in rows:
        row = dict(row, **{key: mapping.get(row[key], row[key])})
        ident = (row.get("unit"), row.get("fund"), row[key])
        if ident in merged:
            for column in columns:
                merged[ident][column] = str(Decimal(merged[ident][column] or 0)
                                            + Decimal(row.get(column) or 0))
        else:
            merged[ident] = row
    return list(merged.values())


def in_2032_codes(doc):
    """The same unit's 2032 budget: its rows under the 2032 codes, half of the split 项's
    spending under the new 项, and one 万元 more on the moved 项."""
    doc["year"] = AFTER
    columns = ("personnel", "public", "project", "operating", "remit", "subsidy")
    doc["expenditure"] = merge_rows(doc["expenditure"], "function",
                                    {MOVED[0]: MOVED[1], MERGED[0][1]: MERGED[1]}, columns)
    split = next(r for r in doc["expenditure"] if r["function"] == SPLIT[0])
    half = {c: str((Decimal(split.get(c) or 0) / 2).quantize(Decimal("0.01")))
            for c in columns}
    doc["expenditure"].append({**split, "function": SPLIT[1][1], **half})
    for column in columns:
        split[column] = str(Decimal(split.get(column) or 0) - Decimal(half[column]))
    moved = next(r for r in doc["expenditure"] if r["function"] == MOVED[1])
    moved["personnel"] = str(Decimal(moved["personnel"]) + RAISE)
    economic = {ECONOMIC_MERGED[0][0]: ECONOMIC_MERGED[1]}
    doc["basic_expenditure"] = merge_rows(doc["basic_expenditure"], "economic", economic,
                                          ("personnel", "public"))
    if doc.get("project_economic"):
        doc["project_economic"] = merge_rows(doc["project_economic"], "economic", economic,
                                             ("amount",))
    # The extra 万元 is paid on the economic side and by the general budget.
    basic = next(r for r in doc["basic_expenditure"] if r["economic"] == "30101")
    basic["personnel"] = str(Decimal(basic["personnel"]) + RAISE)
    general = next(r for r in doc["revenue"] if r["source"] == "general_budget"
                   and not r.get("carryover"))
    general["amount"] = str(Decimal(general["amount"]) + RAISE)
    return doc


def published(doc):
    """Saved, its change reasons typed where the narrative asks for them, and published."""
    budget = save_document(doc)
    missing = missing_reasons(budget)
    if missing:
        keys = {m.key for m in missing}
        doc["narrative"] = [n for n in doc.get("narrative", []) if n["key"] not in keys] + \
            [{"key": key, "text": "工作任务调整"} for key in sorted(keys)]
        budget = save_document(doc)
    user = system_user()
    for step in (workflow.submit, workflow.approve, workflow.publish):
        step(budget, acting_user=user, via="command")
    return budget


@pytest.fixture
def two_years(catalogs):
    before = published(unit_document(BEFORE))
    after = published(in_2032_codes(unit_document(BEFORE)))
    return before, after


def leaves(budget, table="expenditure"):
    data = statements.BudgetData(budget)
    if table == "basic":
        return {r.code: r["total"] for r in statements.basic_table(data).rows
                if r.level == "section"}
    return {r.code: r["total"] for r in statements.function_table(data).rows
            if r.level == "item"}


def row(table, code):
    found = table.row(code)
    return found["total"] if found else Decimal(0)


# -- the crosswalk itself ----------------------------------------------------------------------

def test_a_prior_year_is_restated_in_the_later_codes(two_years):
    before, after = two_years
    old = leaves(before)
    restated = crosswalk.restate(old, kind=CatalogKind.FUNCTION, from_year=BEFORE,
                                 to_year=AFTER)
    # Moved: the whole amount under its new code and 款; the old 款 no longer holds it.
    assert restated.prior(MOVED[1]) == old[MOVED[0]]
    assert restated.prior("20899") == old[MOVED[0]] + old["2089999"]
    assert restated.prior("20805") == sum(v for k, v in old.items()
                                          if k.startswith("20805") and k != MOVED[0])
    # Merged: both amounts under the one code.
    assert restated.prior(MERGED[1]) == old[MERGED[0][0]] + old[MERGED[0][1]]
    # Split: no 项 figure, but the 款 holding both halves compares.
    assert restated.prior(SPLIT[1][0]) is None and restated.prior(SPLIT[1][1]) is None
    assert restated.prior("21011") == sum(v for k, v in old.items() if k.startswith("21011"))
    # Renamed: same code, same amount; and the 合计 is untouched.
    assert restated.prior(RENAMED[0]) == old[RENAMED[0]]
    assert restated.prior("") == sum(old.values())
    texts = [c.text for c in restated.changes]
    assert any(RENAMED[1] in t and "更名" in t for t in texts), texts
    assert any(MOVED[0] in t and MOVED[1] in t for t in texts), texts
    assert any("拆分" in t for t in texts), texts


def test_a_year_restated_into_itself_is_unchanged_and_costs_no_query(
        two_years, django_assert_num_queries):
    before, _ = two_years
    old = leaves(before)
    with django_assert_num_queries(0):
        restated = crosswalk.restate(old, kind="function", from_year=BEFORE, to_year=BEFORE)
    table = statements.function_table(statements.BudgetData(before))
    for table_row in table.rows:
        assert restated.prior(table_row.code) == table_row["total"]
    assert not restated.changes and not restated.not_comparable


# -- the pages --------------------------------------------------------------------------------

def test_the_two_year_comparison_compares_in_the_later_codes(
        two_years, client, django_assert_num_queries):
    before, after = two_years
    old, new = leaves(before), leaves(after)
    cache.clear()
    url = reverse("disclosures:unit_compare", kwargs={"region": "420100", "org": UNIT})
    # As two units of one year (tests/test_portal_pages.py), plus the catalogs and the
    # crosswalk lines of each kind: four queries, however many codes changed.
    with django_assert_num_queries(26):
        response = client.get(url, {"year": AFTER, "with_year": BEFORE})
    assert response.status_code == 200
    html = response.content.decode()
    # The moved 项: last year's amount under its new code, the difference only the raise.
    assert f"<td>{MOVED[1]}</td><th scope=\"row\">机关事业单位职业年金缴费支出</th>" \
           f"<td class=\"num\">{wan(old[MOVED[0]]):,}</td>" \
           f"<td class=\"num\">{wan(new[MOVED[1]]):,}</td>" in html
    assert f"<strong>{wan(RAISE):+,}</strong>" in html
    # The merged pair compares as one row: no change.
    merged = old[MERGED[0][0]] + old[MERGED[0][1]]
    assert merged == new[MERGED[1]]
    assert f"<td class=\"num\">{wan(merged):,}</td><td class=\"num\">{wan(merged):,}</td>" \
           f"<td class=\"num\">—</td>" in html
    # The split 项 says it has no comparable figure; no false change is shown for it.
    assert f"该科目{AFTER}年已调整，无可比数" in html
    assert f"<td>{SPLIT[1][1]}</td><th scope=\"row\">事业单位医疗（补充）</th>" \
           f"<td class=\"num\"><span class=\"not-comparable\">" in html
    # The renamed 项 under its new name; the note lists what was restated.
    assert f"<th scope=\"row\">{RENAMED[1]}</th>" in html
    assert "科目调整说明" in html and "移至其他社会保障和就业支出" in html
    # Economic: the merged 款.
    old_basic, new_basic = leaves(before, "basic"), leaves(after, "basic")
    assert f"<td class=\"num\">{wan(old_basic['30107'] + old_basic['30199']):,}</td>" \
           f"<td class=\"num\">{wan(new_basic['30199']):,}</td>" in html


def test_the_earlier_year_can_be_the_one_asked_for_first(two_years, client):
    url = reverse("disclosures:unit_compare", kwargs={"region": "420100", "org": UNIT})
    html = client.get(url, {"year": BEFORE, "with_year": AFTER}).content.decode()
    assert f"该科目{AFTER}年已调整，无可比数" in html
    assert f"<td>{MOVED[1]}</td>" in html and f"<td>{MOVED[0]}</td>" not in html


def test_the_unit_page_shows_years_side_by_side_in_the_later_codes(
        two_years, client, django_assert_num_queries):
    before, after = two_years
    old, new = leaves(before), leaves(after)
    cache.clear()
    url = reverse("disclosures:unit", kwargs={"region": "420100", "org": UNIT})
    # The unit, its budgets and each year's tables, plus the function catalogs and crosswalk.
    with django_assert_num_queries(21):
        response = client.get(url)
    html = response.content.decode()
    assert "历年支出按功能分类" in html and f"按{AFTER}年科目" in html
    moved = (f"<th scope=\"row\">{MOVED[1]} 机关事业单位职业年金缴费支出</th>"
             f"<td class=\"num\">{wan(old[MOVED[0]]):,}</td>"
             f"<td class=\"num\">{wan(new[MOVED[1]]):,}</td>"
             f"<td class=\"num up\">{wan(RAISE):+,}</td>")
    assert moved in html
    split = (f"<th scope=\"row\">{SPLIT[1][1]} 事业单位医疗（补充）</th>"
             f"<td class=\"num\"><span class=\"not-comparable\">该科目{AFTER}年已调整，无可比数"
             f"</span></td><td class=\"num\">{wan(new[SPLIT[1][1]]):,}</td>"
             f"<td class=\"num\">—</td>")
    assert split in html
    section = sum(v for k, v in old.items() if k.startswith("21011"))
    assert f"<td class=\"num\">{wan(section):,}</td>" in html
    assert "科目调整说明" in html and "提租补贴与购房补贴合并" in html


def test_the_narrative_compares_last_year_in_this_years_codes(two_years):
    before, after = two_years
    facts = Facts(after)
    general = statements.general_budget_table(statements.BudgetData(before))
    assert facts.prior(f"function.{MOVED[1]}") == row(general, MOVED[0])
    assert facts.change(f"function.{MOVED[1]}") == RAISE
    assert facts.prior(f"function.{MERGED[1]}") == \
        row(general, MERGED[0][0]) + row(general, MERGED[0][1])
    assert facts.prior(f"function.{SPLIT[1][1]}") is None
    assert facts.change(f"function.{SPLIT[1][1]}") is None
    basic = statements.basic_table(statements.BudgetData(before))
    assert facts.prior("economic.30199") == row(basic, "30107") + row(basic, "30199")


# -- importing the crosswalk ------------------------------------------------------------------

def test_the_command_imports_a_year_pair_and_replaces_it_on_reimport(catalogs, tmp_path):
    path = tmp_path / "function-2031-2032.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(FUNCTION_CROSSWALK[:2])
    call_command("import_crosswalk", "function", str(path))
    lines = CodeMapping.objects.filter(kind="function", from_year__year=BEFORE)
    assert list(lines.values_list("from_code", "to_code")) == [MOVED]


def test_a_code_missing_from_its_catalog_is_refused_naming_the_row(catalogs):
    rows = FUNCTION_CROSSWALK[:2] + [[BEFORE, "2080199", AFTER, "2089998", ""]]
    before = CodeMapping.objects.count()
    with pytest.raises(CatalogImportError) as refused:
        import_crosswalk(dataset(rows), kind="function", source="对照.csv")
    assert any("第 3 行" in m and "2089998" in m and "2032" in m
               for m in refused.value.messages), refused.value.messages
    assert CodeMapping.objects.count() == before


def test_a_crosswalk_over_more_than_one_year_or_of_a_section_is_refused(catalogs, tmp_path):
    rows = [FUNCTION_CROSSWALK[0], [BEFORE, "20805", AFTER, "20899", ""],
            [2030, "2080150", AFTER, "2080150", ""]]
    path = tmp_path / "bad.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    with pytest.raises(CommandError) as refused:
        call_command("import_crosswalk", "function", str(path))
    assert "7 位数字的项级科目" in str(refused.value)
    assert "新年度应为原年度的下一年" in str(refused.value)


def test_the_admin_offers_the_crosswalk_import(admin_client):
    response = admin_client.get(reverse("admin:budgets_codemapping_import"))
    assert response.status_code == 200
    assert "支出功能分类科目对照" in response.content.decode()


def test_a_split_merged_back_compares_again_and_abolished_or_new_codes_are_said_so():
    """Three catalog years, held in memory: 2089901 is split in 2032 and its halves merged
    again in 2033; 2089902 is abolished; 2089903 is new in 2033."""
    names = {"208": "社会保障和就业支出", "20899": "其他社会保障和就业支出"}
    catalogs = {
        2031: {**names, "2089901": "甲", "2089902": "乙"},
        2032: {**names, "2089904": "甲一", "2089905": "甲二"},
        2033: {**names, "2089906": "甲", "2089903": "丙"},
    }
    lines = {(2031, 2032): {"2089901": [("2089904", ""), ("2089905", "")],
                            "2089902": [("", "取消")]},
             (2032, 2033): {"2089904": [("2089906", "")], "2089905": [("2089906", "")]}}
    walk = crosswalk.Crosswalk("function", catalogs, lines)
    amounts = {"2089901": Decimal("300.00"), "2089902": Decimal("50.00")}

    halfway = walk.restate(amounts, from_year=2031, to_year=2032)
    assert halfway.prior("2089904") is None and halfway.prior("2089905") is None
    assert halfway.prior("20899") == Decimal("300.00")       # both halves stay in the 款
    assert halfway.prior("") == Decimal("350.00")            # the abolished 项 in the 合计 only

    later = walk.restate(amounts, from_year=2031, to_year=2033)
    assert later.prior("2089906") == Decimal("300.00")
    assert later.prior("2089903") is None                    # new: no earlier counterpart
    assert later.prior("") == Decimal("350.00")
    assert any("乙" in c.text and "无对应科目" in c.text and "取消" in c.text
               for c in later.changes)
