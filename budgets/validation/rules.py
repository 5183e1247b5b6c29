"""The rules every budget must satisfy, stored or uploaded (domain.md, "Arithmetic the tables
must satisfy"). Each is a small function of the facts (budgets.validation.facts) registered
with its code, its severity and its title; it yields (where, detail, expected, found).

Within-table sums of a stored budget hold by construction (budgets.statements computes them);
for an uploaded workbook they are checked against the printed figures in `printed.py`.
"""

from collections import defaultdict

from budgets import models as m
from budgets import statements
from budgets.workbook import layout as L

from .core import ABSURD, Amount, rule, show, total

E, B, P = "expenditure", "basic", "projects"


@rule("V101", "金额不能为负数")
def non_negative(facts):
    for where, column, amount in facts.all_amounts():
        if amount.hi < 0:
            yield where, f"“{column}”为负数", "不小于 0 的金额", show(amount)


@rule("V102", "金额超出合理范围（超过 1 万亿元），请检查是否把万元填成了元或多填了位数")
def absurd(facts):
    for where, _column, amount in facts.all_amounts():
        if amount.lo > ABSURD:
            yield where, "", "小于 1 万亿元", show(amount)


@rule("V111", "功能分类科目须为当年科目目录中的项级（7 位）科目")
def function_codes(facts):
    for leaf in facts.expenditure:
        code = leaf.key["function"]
        level = facts.function_codes.get(code, (None,))[0]
        if level != m.CodeLevel.ITEM:
            found = "目录中没有此科目" if level is None else f"{m.CodeLevel(level).label}级科目"
            yield leaf.where, f"科目“{code}”", f"{facts.year} 年目录中的项级科目", found


@rule("V112", "经济分类科目须为当年科目目录中的款级（5 位）科目")
def economic_codes(facts):
    for leaf in facts.basic:
        code = leaf.key["economic"]
        level = facts.economic_codes.get(code, (None,))[0]
        if level != m.CodeLevel.SECTION:
            found = "目录中没有此科目" if level is None else f"{m.CodeLevel(level).label}级科目"
            yield leaf.where, f"科目“{code}”", f"{facts.year} 年目录中的款级科目", found


@rule("V113", "项目的功能科目须为当年目录中的项级科目", fatal=False)
def project_function_codes(facts):
    for leaf in facts.projects:
        code = leaf.key.get("function")
        if code and facts.function_codes.get(code, (None,))[0] != m.CodeLevel.ITEM:
            yield leaf.where, f"科目“{code}”", f"{facts.year} 年目录中的项级科目", "不在目录中"


@rule("V114", "支出、收入的单位须是本预算的单位")
def unit_codes(facts):
    for leaf in (*facts.expenditure, *facts.revenue):
        if leaf.key["unit"] not in facts.unit_codes:
            yield (leaf.where, f"单位代码“{leaf.key['unit']}”",
                   "“单位构成”中列出的单位", "不在本预算单位中")


@rule("V115", "同一单位、资金性质和科目只能有一行")
def duplicate_expenditure(facts):
    seen = set()
    for leaf in facts.expenditure:
        key = (leaf.key["unit"], leaf.key["fund"], leaf.key["function"])
        if key in seen:
            yield leaf.where, f"“{'、'.join(key)}”重复", "", ""
        seen.add(key)


def _pair(facts, table_a, column_a, table_b, column_b):
    return facts.cell(table_a, "", column_a), facts.cell(table_b, "", column_b)


@rule("V201", "一般公共预算支出表的基本支出人员经费合计应等于基本支出表的人员经费合计")
def personnel_matches_basic(facts):
    a, b = _pair(facts, "general_budget", "personnel", B, "personnel")
    if not a.agrees(b):
        yield "表5/表6", "", f"表6 为 {show(b)}", f"表5 为 {show(a)}"


@rule("V202", "一般公共预算支出表的基本支出公用经费合计应等于基本支出表的公用经费合计")
def public_matches_basic(facts):
    a, b = _pair(facts, "general_budget", "public", B, "public")
    if not a.agrees(b):
        yield "表5/表6", "", f"表6 为 {show(b)}", f"表5 为 {show(a)}"


@rule("V203", "支出总表的项目支出合计应等于项目支出表的合计")
def projects_match(facts):
    a, b = _pair(facts, E, "project", P, "total")
    if not a.agrees(b):
        yield "表3/表10", "", f"表10 为 {show(b)}", f"表3 为 {show(a)}"


@rule("V204", "本年支出不能超过收入总计（本年收入 + 上年结转结余）")
def spending_within_revenue(facts):
    revenue = facts.cell("overview", "revenue_total", "amount")
    spending = facts.cell("overview", "expenditure_current", "amount")
    if not spending.at_most(revenue):
        yield "表1", "", f"不超过 {show(revenue)}", show(spending)


@rule("V205", "收入明细行之和不能超过其所属的收入来源")
def details_within_source(facts):
    details = defaultdict(list)
    for leaf in facts.revenue_details:
        details[leaf.key["source"]].append(leaf)
    for source, leaves in details.items():
        parts = total(leaf.amounts["amount"] for leaf in leaves)
        whole = facts.cell("overview", f"revenue:{source}", "amount")
        if not parts.at_most(whole):
            yield (leaves[0].where, f"“{m.Source(source).label}”的明细行",
                   f"不超过 {show(whole)}", show(parts))


@rule("V206", "财政拨款支出不能超过财政拨款收入（本年 + 上年结转）")
def appropriation_balance(facts):
    revenue = facts.cell("appropriation", "revenue_total", "amount")
    spending = facts.cell("appropriation", "expenditure_current", "amount")
    if not spending.at_most(revenue):
        yield "表4", "", f"不超过 {show(revenue)}", show(spending)


@rule("V207", "一般公共预算支出表的合计应等于支出总表中一般公共预算资金的支出", fatal=False)
def general_budget_within_total(facts):
    a, b = _pair(facts, "general_budget", "total", E, "total")
    if not a.at_most(b):
        yield "表5/表3", "", f"不超过 {show(b)}", show(a)


# fund → the project fields of its money (current, carried over), for the 财政拨款 funds.
APPROPRIATION_FIELDS = {f: statements.PROJECT_FUND_FIELDS[f] for f in m.APPROPRIATION_FUNDS}


SPLIT_CLASSES = (m.ProjectCategory.PERSONNEL, m.ProjectCategory.OPERATING)


def _projects_by_function(facts):
    """{(unit, fund, 项): (the projects' money there, its carried-over part, whether any of it
    moves a split column)}, and the projects that would move one but name no 项. Carry-over
    (四川表3 上年结转安排) and the 人员类/其他运转类 classes (天门国有资本经营预算支出表) are
    placed by 项; 特定目标类 is what is left, so projects of that class move nothing."""
    sums, unplaced = {}, []
    for leaf in facts.projects:
        classed = leaf.key.get("category") in SPLIT_CLASSES
        for fund, (current, carried) in APPROPRIATION_FIELDS.items():
            money = leaf.amounts[current] + leaf.amounts[carried]
            if money.hi <= 0:
                continue
            moves = classed or leaf.amounts[carried].hi > 0
            if not leaf.key.get("function"):
                if moves:
                    unplaced.append((leaf, fund))
                continue
            key = (leaf.key.get("unit"), fund, leaf.key["function"])
            whole, part, moving = sums.get(key, (Amount.exact(0), Amount.exact(0), False))
            sums[key] = (whole + money, part + leaf.amounts[carried], moving or moves)
    return sums, unplaced


def _project_spending(facts):
    return {(leaf.key["unit"], leaf.key["fund"], leaf.key["function"]): (leaf.amounts["project"],
                                                                          leaf.where)
            for leaf in facts.expenditure}


@rule("V208", "项目的上年结转不能超过其功能科目在该单位、该资金性质下的项目支出")
def carryover_within_function(facts):
    spending = _project_spending(facts)
    for (unit, fund, function), (_, carried, _) in _projects_by_function(facts)[0].items():
        project, where = spending.get((unit, fund, function), (Amount.exact(0), "表10"))
        if not carried.at_most(project):
            yield (where, f"单位 {unit}、{m.Fund(fund).label}、科目 {function}",
                   f"不超过 {show(project)}", show(carried))


@rule("V209", "有上年结转或属人员类、运转类的项目应填列功能科目，且各科目的项目之和应等于该科目的"
              "项目支出；否则四川表3的上年结转安排、天门国有资本经营预算支出表的项目类别无法准确列示",
      fatal=False)
def projects_cover_functions(facts):
    sums, unplaced = _projects_by_function(facts)
    for leaf, fund in unplaced:
        yield (leaf.where, f"项目“{leaf.key['name']}”有{m.Fund(fund).label}资金但未填功能科目",
               "项级功能科目编码", "空白")
    spending = _project_spending(facts)
    for key, (whole, _, moving) in sorted(sums.items()):
        project, where = spending.get(key, (Amount.exact(0), "表10"))
        if moving and not whole.agrees(project):
            unit, fund, function = key
            yield (where, f"单位 {unit}、{m.Fund(fund).label}、科目 {function} 的项目之和",
                   show(project), show(whole))


@rule("V210", "项目支出经济分类各资金性质之和应等于项目支出表中该资金的本年拨款与结转结余之和")
def project_economy_adds_up(facts):
    if not facts.project_economic:
        return
    for fund, fields in APPROPRIATION_FIELDS.items():
        rows = [leaf for leaf in facts.project_economic if leaf.key["fund"] == fund]
        split = total(leaf.amounts["amount"] for leaf in rows)
        projects = total(leaf.amounts[f] for leaf in facts.projects for f in fields)
        if not split.agrees(projects):
            where = rows[0].where if rows else L.PROJECT_ECONOMIC.name
            yield where, f"“{m.Fund(fund).label}”", f"表10 为 {show(projects)}", show(split)


def _economic(facts, code, column="public"):
    return total(leaf.amounts[column] for leaf in facts.basic if leaf.key["economic"] == code)


def _general_projects(facts):
    return total(leaf.amounts[c] for leaf in facts.projects
                 for c in ("current_general", "carryover_general"))


THREE_PUBLIC_LINES = (
    ("reception", "公务接待费", ("30217",)),
    ("vehicle_operation", "公务用车运行费", ("30231",)),
    ("vehicle_purchase", "公务用车购置费", ("31013", "30913")),
    ("overseas", "因公出国（境）费", ("30212",)),
)


@rule("V301", "“三公”经费不能超过对应经济科目的基本支出与一般公共预算项目支出之和")
def three_public_within_lines(facts):
    if not facts.three_public:
        return
    projects = _general_projects(facts)
    for column, label, codes in THREE_PUBLIC_LINES:
        amount = facts.three_public.amounts[column]
        limit = total(_economic(facts, code, c) for code in codes
                      for c in ("personnel", "public")) + projects
        if not amount.at_most(limit):
            yield (facts.cells.get(column, facts.three_public.where),
                   f"{label}（对应科目 {'、'.join(codes)}）",
                   f"不超过 {show(limit)}", show(amount))


@rule("V302", "“三公”经费超过对应经济科目的基本支出，需由项目支出安排，请说明", fatal=False)
def three_public_beyond_basic(facts):
    if not facts.three_public:
        return
    for column, label, codes in THREE_PUBLIC_LINES[:2]:
        amount = facts.three_public.amounts[column]
        line = total(_economic(facts, code) for code in codes)
        projects = _general_projects(facts)
        if not amount.at_most(line) and amount.at_most(line + projects):
            yield (facts.cells.get(column, facts.three_public.where),
                   f"{label}（对应科目 {codes[0]}）",
                   f"不超过 {show(line)}", show(amount))


@rule("V303", "政府性基金预算“三公”经费不能超过政府性基金预算支出合计")
def gov_fund_three_public_within_spending(facts):
    three = facts.gov_fund_three_public
    if not three:
        return
    amount = total(three.amounts.values())
    spending = facts.cell("gov_fund", "", "total")
    if not amount.at_most(spending):
        yield three.where, "", f"不超过 {show(spending)}", show(amount)


@rule("V401", "项目支出明细测算之和应等于项目当年预算")
def measurements_add_up(facts):
    for form in facts.forms:
        if not form.measurements:
            continue
        budget = form.current_budget or form.total_budget
        if budget is None:
            continue
        parts = total(amount for _, amount in form.measurements)
        if form.wan:
            parts = Amount(parts.lo, parts.hi, wan=True)
        if not parts.agrees(budget):
            yield form.where, f"项目“{form.name}”", show(budget), show(parts)


@rule("V501", "人员构成中各“其中”项之和不能超过该类别的合计", fatal=False)
def personnel_parts(facts):
    totals, parts = {}, defaultdict(int)
    for category, kind, count in facts.personnel:
        if kind:
            parts[category] += count or 0
        else:
            totals[category] = count or 0
    for category, count in totals.items():
        if parts[category] > count:
            label = m.PersonnelCategory(category).label if category in \
                m.PersonnelCategory.values else category
            yield "人员构成", f"“{label}”", f"不超过 {count} 人", f"{parts[category]} 人"

