"""The narrative checker reads a typed narrative, finds every figure it states and compares it
with the data: it reports the drift the seeds' transcribers found and raises no false alarm
on a sentence that agrees with the tables, rounding included."""

from decimal import Decimal

import pytest

from budgets.narrative.checker import check_published, check_text
from budgets.narrative.figures import Facts

from .test_seed_figures import SEEDS, budget_for

SIB = "tianmen-social-insurance-bureau-2026"
HRSS = "tianmen-hrss-info-center-2026"
WUHAN = "wuhan-hrss-info-center-2026"
RUNNING = "第二部分 二、机关运行经费预算安排及增减变化情况"

# (fact, kind, printed, stated, expected) of every figure drift in the seeds' narratives.
DRIFT = {
    SIB: {("economic.30228", "amount", "2.77 万元", Decimal("2.77"), Decimal("20.77")),
          ("economic.30231", "amount", "0.92 万元", Decimal("0.92"), Decimal("3.50")),
          ("running_cost.total", "sum", "88.94万元", Decimal("68.36"), Decimal("88.94")),
          ("running_cost.total", "rate", "9.33 %", Decimal("9.33"), Decimal("9.41")),
          ("procurement.total", "rate", "100 %", Decimal("100"), None)},
    HRSS: set(),
    WUHAN: set(),
}
# Wording drift: a class called by its former name (the figure itself is right).
FORMER_NAMES = {SIB: ["医疗卫生支出"], HRSS: ["医疗卫生支出"], WUHAN: []}


@pytest.fixture
def sib():
    return Facts(budget_for(SIB))


def read(facts, text, section=RUNNING):
    return check_text(facts, [(section, text)])


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS)
def test_the_checker_reports_exactly_the_drift_each_seed_contains(seed):
    report = check_published(budget_for(seed))
    found = {(f.key, f.kind, f.printed, f.stated, f.expected) for f in report.mismatches}
    assert found == DRIFT[seed], [f.message for f in report.mismatches]
    assert [f.printed for f in report.wording] == FORMER_NAMES[seed]
    assert len(report.confirmed) > 10


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS)
def test_every_amount_and_percentage_of_the_published_narratives_is_checked(seed):
    report = check_published(budget_for(seed))
    # Only counts inside typed reasons ("新考进公务员 6 名", "内设机构 6 个") stay unchecked.
    assert [u for u in report.unchecked if "万元" in u[1] or "%" in u[1]] == []


@pytest.mark.django_db
def test_the_tianmen_running_cost_errors_read_as_an_officer_would_fix_them():
    report = check_published(budget_for(SIB))
    messages = [f.message for f in report.mismatches]
    assert any("工会经费 2.77 万元" in m and "应为 20.77" in m for m in messages)
    assert any("所列各项合计 68.36 万元，与所述总额 88.94 万元不符" in m for m in messages)
    assert any("上年预算为 0，增长率无从计算" in m for m in messages)


@pytest.mark.django_db
def test_a_figure_printed_with_fewer_decimals_is_right_when_it_rounds_to_the_data(sib):
    report = read(sib, "其中：办公费 8.8 万元、邮电费 3 万元、培训费 0.5 万元、"
                       "工会经费 20.77 万元。")
    assert report.mismatches == []
    assert [f.stated for f in report.confirmed] == [Decimal("8.8"), Decimal("3"),
                                                    Decimal("0.5"), Decimal("20.77")]


@pytest.mark.django_db
def test_a_figure_that_is_not_the_rounding_of_the_data_is_reported(sib):
    report = read(sib, "其中：工会经费 20.78 万元、培训费 0.51 万元。")
    assert [(f.key, f.expected) for f in report.mismatches] == [
        ("economic.30228", Decimal("20.77")), ("economic.30216", Decimal("0.50"))]


@pytest.mark.django_db
def test_a_change_in_the_wrong_direction_is_reported(sib):
    report = read(sib, "2026 年机关运行经费预算总额 88.94 万元，"
                       "比上年预算减少 7.65 万元，下降 9.41%。")
    assert [(f.kind, f.stated, f.expected) for f in report.mismatches] == [
        ("change", Decimal("-7.65"), Decimal("7.65")), ("rate", Decimal("-9.41"), Decimal("9.41"))]


@pytest.mark.django_db
def test_saying_unchanged_when_the_figure_changed_is_reported(sib):
    report = read(sib, "2026 年机关运行经费预算总额 88.94 万元，与上年持平。")
    assert [(f.kind, f.printed, f.expected) for f in report.mismatches] == [
        ("change", "持平", Decimal("7.65"))]


@pytest.mark.django_db
def test_shares_are_computed_from_exact_amounts():
    facts = Facts(budget_for(HRSS))
    # 95.31 / 106.14 is 89.80 % but the exact 元 amounts give 89.79 %.
    title = "第二部分 一、预算收支"
    right = read(facts, "社会保障和就业支出 95.31 万元，占本年支出 89.79%。", title)
    wrong = read(facts, "社会保障和就业支出 95.31 万元，占本年支出 89.80%。", title)
    assert right.mismatches == []
    assert [(f.kind, f.expected) for f in wrong.mismatches] == [("share", Decimal("89.79"))]


@pytest.mark.django_db
def test_a_list_with_a_rounding_tail_adds_up_and_a_short_list_does_not():
    facts = Facts(budget_for(HRSS))
    title = "第二部分 一、预算收支"
    tail = read(facts, "预算支出总额 106.14 万元。本年支出构成为：社会保障和就业支出 95.31 万元；"
                       "卫生健康支出 3.3 万元；住房保障支出 7.54 万元。", title)
    assert tail.mismatches == []
    short = read(facts, "预算支出总额 106.14 万元。本年支出构成为：社会保障和就业支出 95.31 万元；"
                        "卫生健康支出 3.3 万元；住房保障支出 6.54 万元。", title)
    assert [f.kind for f in short.mismatches] == ["amount", "sum"]


@pytest.mark.django_db
def test_the_same_words_mean_what_the_section_is_about(sib):
    three_public = "第二部分 三、一般公共预算“三公”经费及增减变化情况"
    report = read(sib, "公务用车运行维护费 3.5 万元，较上年增加 0.5 万元，增加 16.67 %。",
                  three_public)
    assert {f.key for f in report.findings} == {"three_public.vehicle_operation"}
    assert report.mismatches == []
    running = read(sib, "其中：公务用车运行维护费 3.50 万元。")
    assert [f.key for f in running.findings] == ["economic.30231"]


@pytest.mark.django_db
def test_thresholds_and_reason_counts_are_not_taken_for_figures():
    facts = Facts(budget_for(WUHAN))
    report = read(facts, "单价 100 万元(含)以上设备(不含车辆)5 台(套)。调入副处级干部 1 人。",
                  "(五) 国有资产占有使用情况")
    assert [(f.key, f.stated) for f in report.findings] == [("assets.large_equipment", 5)]
    assert [u[1] for u in report.unchecked] == ["1 人"]


@pytest.mark.django_db
def test_amounts_in_yuan_are_compared_in_yuan(sib):
    report = read(sib, "其中：工会经费 207700 元、培训费 5002 元。")
    assert report.mismatches == []
    assert len(report.confirmed) == 2
