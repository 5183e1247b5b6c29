"""The Tianmen 国有资本经营预算支出表 splits each 项 by project class, every column from data:
人员类 = basic personnel spending + personnel projects, 公用经费项目支出 = basic public spending,
其他运转类 = operating projects, 特定目标类 = every other project (unclassified ones too, as the
narrative counts them)."""

from decimal import Decimal

import pytest

from budgets import statements
from budgets.importing.document import save_document

from .test_disclosure_page import figures_on_page, page_url, parse
from .test_sichuan_layout import publish, row, seed_in_dazhou

pytestmark = pytest.mark.django_db

CLASSES = ("total", "personnel_class", "public", "operating_class", "specific_class")


def soe_project(template, name, category, amount):
    return {**template, "code": "", "name": name, "category": category, "function": "2080199",
            **{k: "0.00" for k in template if k.startswith(("current_", "carryover_"))},
            "current_soe": amount}


def tianmen_with_soe_capital():
    """The social insurance seed with 15.00 万元 of 国有资本经营预算 under 2080199: 3.00
    personnel and 2.00 public basic spending, and projects of every class (10.00)."""
    doc = seed_in_dazhou()
    doc.update(region={"code": "429099", "name": "测试市"}, layout="hubei-tianmen")
    doc["expenditure"].append({
        "unit": "213002", "fund": "soe_capital", "function": "2080199", "personnel": "30000.00",
        "public": "20000.00", "project": "100000.00", "operating": "0.00", "remit": "0.00",
        "subsidy": "0.00"})
    template = doc["projects"][0]
    doc["projects"] += [soe_project(template, "国企退休人员补助", "personnel", "10000.00"),
                        soe_project(template, "系统运维", "operating", "40000.00"),
                        soe_project(template, "改革专项", "specific", "30000.00"),
                        soe_project(template, "未分类项目", "", "20000.00")]
    doc["revenue"].append({"unit": "213002", "source": "soe_capital", "carryover": False,
                           "amount": "150000.00"})
    return doc


def test_every_class_column_of_the_tianmen_soe_table_comes_from_data(client):
    budget = publish(tianmen_with_soe_capital())
    html = client.get(page_url(budget)).content.decode()
    cells = figures_on_page(parse(html).tables["soe_capital"])
    assert tuple(cells[("2080199@213002", c)] for c in CLASSES) == \
        ("15.00", "4.00", "2.00", "4.00", "5.00")
    assert tuple(cells[("", c)] for c in CLASSES) == ("15.00", "4.00", "2.00", "4.00", "5.00")


def test_the_class_columns_add_up_to_the_total_and_ignore_other_funds():
    doc = tianmen_with_soe_capital()
    # A general-budget operating project under the same 项 is not 国有资本经营预算 money.
    row(doc["projects"], name="企业离休人员经费")["category"] = "operating"
    data = statements.BudgetData(save_document(doc))
    total = statements.soe_capital_table(data).total
    assert total["operating_class"] == Decimal("40000.00")
    assert sum(total[c] for c in CLASSES[1:]) == total["total"] == Decimal("150000.00")
    general = statements.general_budget_table(data)
    assert general.row("2080199")["operating_class"] == Decimal("300000.00")
    assert general.row("2080199")["specific_class"] == Decimal("0.00")
