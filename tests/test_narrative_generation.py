"""The narrative parts are written by the portal from the data; people type only reasons.

For each seed, the generated narrative is compared with the published one sentence by
sentence: every figure the published text states correctly is stated again, and where the
published text is wrong the generated text has the right figure."""

import re
from decimal import Decimal

import pytest

from budgets import models as m
from budgets.narrative import generate, missing_reasons
from budgets.narrative.checker import check_published, check_text
from budgets.narrative.figures import Facts

from .seed_text import SEED_DIR
from .test_seed_figures import SEEDS, budget_for

SIB = "tianmen-social-insurance-bureau-2026"
HRSS = "tianmen-hrss-info-center-2026"
WUHAN = "wuhan-hrss-info-center-2026"

# The figures each published narrative gets wrong: (fact, kind, as printed).
PUBLISHED_ERRORS = {
    HRSS: set(),
    SIB: {("economic.30228", "amount", "2.77 万元"),       # 工会经费: the table says 20.77
          ("economic.30231", "amount", "0.92 万元"),       # 公务用车运行维护费: 3.50
          ("running_cost.total", "sum", "88.94万元"),      # its items add to 68.36
          ("running_cost.total", "rate", "9.33 %"),        # 7.65 / 81.29 = 9.41 %
          ("procurement.total", "rate", "100 %")},         # a growth rate from zero
    WUHAN: set(),
}
# Correct published figures the generated text does not repeat: a class the budget spends
# nothing on is not listed among the classes it spends on.
NOT_LISTED = {(SIB, "class.201")}


def section_path(title):
    """("第二部分", "一", None) for "第二部分 一、…", with the sub-section ordinal if any."""
    part = re.match(r"第[一二三四]部分", title)
    number = re.search(r"([一二三四五六七八九十]+)、", title)
    sub = re.search(r"[（(]([一二三四五六七八九十]+)[)）]", title)
    return (part.group(0) if part else "", number.group(1) if number else None,
            sub.group(1) if sub else None)


def generated_report(facts, sections, title):
    """The checker's reading of the generated section(s) matching a published title."""
    want = section_path(title)
    chosen = [s for s in sections
              if section_path(s.key)[:2] == want[:2] and want[2] in (None, section_path(s.key)[2])]
    return check_text(facts, [(s.key, "\n".join(s.paragraphs)) for s in chosen])


def normalised(text):
    text = re.sub(r"(?m)^\s*[-#*]+\s", "", text)
    return re.sub(r"\s+|</?[a-z]+>|[#*]", "", text)


@pytest.fixture
def narrative(request):
    seed = request.param
    budget = budget_for(seed)
    facts = Facts(budget)
    return seed, budget, facts, generate(budget, facts=facts)


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS)
def test_the_published_narrative_compared_with_is_the_seed_text(seed):
    budget = budget_for(seed)
    text = normalised((SEED_DIR / f"{seed}.txt").read_text(encoding="utf-8"))
    sections = list(budget.published_narrative.all())
    assert len(sections) >= 6
    assert [s.section for s in sections if normalised(s.text) not in text] == []


@pytest.mark.django_db
@pytest.mark.parametrize("narrative", SEEDS, indirect=True)
def test_every_figure_the_published_text_states_correctly_is_stated_again(narrative):
    seed, budget, facts, sections = narrative
    published = check_published(budget, facts)
    missing = []
    for title in dict.fromkeys(f.section for f in published.confirmed):
        generated = generated_report(facts, sections, title).findings
        for figure in (f for f in published.confirmed if f.section == title):
            if (seed, figure.key) in NOT_LISTED:
                continue
            if not any(g.key == figure.key and g.kind == figure.kind
                       and g.stated == figure.stated and g.ok for g in generated):
                missing.append(f"{title}：“{figure.sentence}” {figure.printed} ({figure.key})")
    assert len(published.confirmed) > 10
    assert missing == []


@pytest.mark.django_db
@pytest.mark.parametrize("narrative", SEEDS, indirect=True)
def test_where_the_published_text_is_wrong_the_generated_text_has_the_right_figure(narrative):
    seed, budget, facts, sections = narrative
    published = check_published(budget, facts)
    errors = {(f.key, f.kind, f.printed) for f in published.mismatches}
    assert errors == PUBLISHED_ERRORS[seed], [f.message for f in published.mismatches]
    for error in published.mismatches:
        generated = generated_report(facts, sections, error.section).findings
        same = [g for g in generated if g.key == error.key and g.kind == error.kind]
        if error.kind == "sum" or error.expected is None:
            # The generated list adds up; a growth rate from zero is not printed at all.
            assert same == [], error.message
        else:
            assert [g.stated for g in same] == [error.expected], error.message


@pytest.mark.django_db
@pytest.mark.parametrize("narrative", SEEDS, indirect=True)
def test_the_generated_narrative_agrees_with_the_data_everywhere(narrative):
    seed, budget, facts, sections = narrative
    report = check_text(facts, [(s.key, "\n".join(s.paragraphs)) for s in sections])
    assert [f.message for f in report.mismatches + report.wording] == []
    assert [u for u in report.unchecked if "万元" in u[1] or "%" in u[1]] == []
    assert missing_reasons(budget, sections=sections) == []


@pytest.mark.django_db
def test_sections_carry_the_titles_the_layout_prints():
    tianmen = [s.key for s in generate(budget_for(SIB))]
    assert tianmen[4:10] == [
        "第二部分 一、预算收支安排及增减变化情况",
        "第二部分 二、机关运行经费预算安排及增减变化情况",
        "第二部分 三、一般公共预算“三公”经费及增减变化情况", "第二部分 四、政府采购预算安排情况",
        "第二部分 五、国有资产占用情况", "第二部分 六、重点项目预算的绩效目标"]
    wuhan = generate(budget_for(WUHAN))
    assert wuhan[2].part_title == "第三部分 武汉市人力资源和社会保障信息中心2026年单位预算情况说明"
    assert [s.heading for s in wuhan if s.title.startswith("十一、")][0] == "(一) 机关运行经费情况"
    assert all(isinstance(p, str) for s in wuhan for p in s.paragraphs)


@pytest.mark.django_db
def test_a_decrease_reads_as_such_and_cannot_be_submitted_without_its_reason():
    budget = budget_for(SIB)
    m.PriorYearFigure.objects.filter(budget=budget, measure="running_cost_total").update(
        amount=Decimal("1000000.00"))
    m.NarrativeText.objects.filter(budget=budget, key="reason.running_cost_change").delete()
    section = generate(budget)[5]
    assert "比上年预算减少11.06万元，下降11.06%。" in section.paragraphs[0]
    assert "主要原因是" not in section.paragraphs[0]
    missing = missing_reasons(budget)
    assert [r.key for r in missing] == ["reason.running_cost_change"]
    assert missing[0].message == (
        "“二、机关运行经费预算安排及增减变化情况”中“2026年机关运行经费预算总额88.94万元，"
        "比上年预算减少11.06万元，下降11.06%”需要说明原因，请填写“reason.running_cost_change”")


@pytest.mark.django_db
def test_an_unchanged_figure_reads_持平_and_needs_no_reason():
    budget = budget_for(SIB)
    m.PriorYearFigure.objects.filter(budget=budget, measure="running_cost_total").update(
        amount=Decimal("889402.00"))
    m.NarrativeText.objects.filter(budget=budget, key="reason.running_cost_change").delete()
    text = generate(budget)[5].paragraphs[0]
    assert "88.94万元，与上年预算持平。" in text
    assert missing_reasons(budget) == []


@pytest.mark.django_db
def test_without_a_prior_figure_no_change_is_stated_and_no_reason_asked():
    budget = budget_for(WUHAN)
    m.PriorYearFigure.objects.filter(budget=budget, measure="function",
                                     code="2080150").delete()
    m.NarrativeText.objects.filter(budget=budget, key="reason.function.2080150").delete()
    use = next(s for s in generate(budget) if s.heading.startswith("(三)"))
    assert use.paragraphs[0].endswith("事业运行（项）2026年预算数699.63万元。")
    assert missing_reasons(budget) == []


@pytest.mark.django_db
def test_last_year_comes_from_the_portals_own_budget_when_it_has_one():
    budget = budget_for(WUHAN)
    year, _ = m.FiscalYear.objects.get_or_create(year=2025)
    previous = m.Budget.objects.create(organisation=budget.organisation, fiscal_year=year,
                                       scope=budget.scope, layout=budget.layout,
                                       status=m.Status.PUBLISHED)
    m.ProcurementBudget.objects.create(budget=previous, goods=Decimal("100000.00"))
    facts = Facts(budget)
    # The published 2025 budget wins over the 202410.00 元 typed with the 2026 one.
    assert facts.prior("procurement.total") == Decimal("100000.00")
    assert facts.prior("revenue.total") == Decimal("0")
    procurement = next(s for s in generate(budget, facts=facts)
                       if s.heading.startswith("(二) 政府采购"))
    assert "比上年度增加12.94万元，增长129.40%" in procurement.paragraphs[0]


@pytest.mark.django_db
def test_the_glossary_explains_each_function_item_the_budget_uses():
    wuhan = generate(budget_for(WUHAN))[-1]
    assert wuhan.key == "第四部分 名词解释"
    used = [p for p in wuhan.paragraphs if re.match(r"\d+\. ", p)]
    assert len(used) == 11
    assert used[0].startswith(
        "1. 社会保障和就业支出（类）人力资源和社会保障管理事务（款）事业运行（项）：反映")
    tianmen = generate(budget_for(HRSS))[-1]
    assert [p.split("：")[0] for p in tianmen.paragraphs][:2] == ["一、一般公共预算财政拨款收入",
                                                                "二、人员类项目"]
    assert not any(re.match(r"\d+\. ", p) for p in tianmen.paragraphs)
