"""The narrative parts as the "hubei-wuhan" layout prints them: 第一部分 概况, 第三部分
预算情况说明 (eleven sections, 五 and 十一 with sub-sections), 第四部分 名词解释 (with the
function 项 used)."""

from budgets import models as m

from .sections import Phrases, Section, money
from .shared import glossary_section

SOURCE_LABELS = {
    m.Source.GENERAL_BUDGET: "一般公共预算财政拨款收入",
    m.Source.GOV_FUND: "政府性基金预算财政拨款收入",
    m.Source.SOE_CAPITAL: "国有资本经营预算财政拨款收入",
    m.Source.FISCAL_SPECIAL: "财政专户管理资金收入",
    m.Source.BUSINESS: "事业收入", m.Source.OPERATING: "事业单位经营收入",
    m.Source.SUPERIOR_SUBSIDY: "上级补助收入", m.Source.SUBORDINATE_REMIT: "附属单位上缴收入",
    m.Source.OTHER: "其他收入",
}
APPROPRIATION_LABELS = {m.Source.GENERAL_BUDGET: "一般公共预算财政拨款本年收入",
                        m.Source.GOV_FUND: "政府性基金预算财政拨款本年收入",
                        m.Source.SOE_CAPITAL: "国有资本经营预算财政拨款本年收入"}
PROJECT_FUNDS = (("current_general", "一般公共预算本年拨款"),
                 ("current_gov_fund", "政府性基金预算本年拨款"),
                 ("current_soe", "国有资本经营预算本年拨款"),
                 ("carryover_general", "一般公共预算上年结转"),
                 ("carryover_gov_fund", "政府性基金预算上年结转"),
                 ("carryover_soe", "国有资本经营预算上年结转"),
                 ("fiscal_special", "财政专户管理资金"), ("unit_funds", "单位资金"))


def sections(facts):
    word = "部门" if facts.budget.scope == m.Scope.DEPARTMENT else "单位"
    name = facts.budget.organisation.name
    p = Phrases(facts)
    one = ("第一部分", f"第一部分 {name}概况")
    three = ("第三部分", f"第三部分 {name}{facts.year}年{word}预算情况说明")
    duties = Section(*one, f"一、{word}主要职责")
    duties.add(*facts.text("duties").splitlines())
    structure = Section(*one, f"二、{word}机构设置")
    structure.add(*facts.text("structure").splitlines())
    result = [duties, structure]
    result += overall(facts, p, three)
    result += general_budget(facts, p, three)
    result += [basic(facts, p, three), three_public(facts, p, three),
               fund(facts, three, "八、政府性基金预算支出安排情况", facts.gov_fund,
                    "政府性基金预算"),
               fund(facts, three, "九、国有资本经营预算支出安排情况", facts.soe_capital,
                    "国有资本经营预算"),
               projects(facts, p, three)]
    result += other_matters(facts, p, three, name)
    result.append(glossary_section(facts, "第四部分", "第四部分 名词解释", with_functions=True,
                                   numbering="wuhan"))
    return result


def _classes(facts, prefix="class."):
    return sorted(k for k in facts.values if k.startswith(prefix) and facts.value(k))


def overall(facts, p, part):
    year = facts.year
    one = Section(*part, "一、收支预算总体安排情况")
    one.add(facts.text("budget.principle"))
    sources = [s for s in SOURCE_LABELS if facts.value(f"revenue.{s.value}")]
    classes = _classes(facts)
    one.add("收入包括：" + "、".join(SOURCE_LABELS[s] for s in sources) + "。",
            "支出包括：" + "、".join(facts.name(k) for k in classes) + "。")
    change = p.change("revenue.total", against=f"比{year - 1}年预算")
    one.add(f"{year}年收支总预算{p.amount('revenue.total')}。",
            p.reason("revenue.total", "reason.revenue_change", change, prefix="，")
            if change else None)
    two = Section(*part, "二、收入预算安排情况")
    two.add(f"{year}年收入预算{p.amount('revenue.total')}，其中：" + "；".join(
        f"{SOURCE_LABELS[s]}{p.amount(f'revenue.{s.value}')}，占"
        f"{p.share(f'revenue.{s.value}', 'revenue.total')}" for s in sources)
        + (f"；上年结转{p.amount('revenue.carryover')}，占"
           f"{p.share('revenue.carryover', 'revenue.total')}"
           if facts.value("revenue.carryover") else "") + "。")
    three = Section(*part, "三、支出预算安排情况")
    parts = [("expenditure.basic", "基本支出"), ("expenditure.project", "项目支出")]
    three.add(f"{year}年支出预算{p.amount('expenditure.total')}，其中：" + "；".join(
        f"{label}{p.amount(key)}，占{p.share(key, 'expenditure.total')}"
        for key, label in parts if facts.value(key)) + "。")
    four = Section(*part, "四、财政拨款收支预算总体情况")
    appropriation = [s for s in m.APPROPRIATION_SOURCES if facts.value(f"revenue.{s.value}")]
    four.add(f"{year}年财政拨款收支总预算{p.amount('appropriation.total')}。",
             "收入包括：" + "、".join(f"{APPROPRIATION_LABELS[s]}{p.amount(f'revenue.{s.value}')}"
                                 for s in appropriation) + "。",
             "支出包括：" + "、".join(f"{facts.name(k.removeprefix('appropriation.'))}"
                                 f"{p.amount(k)}" for k in _classes(facts, "appropriation.class."))
             + "。")
    return [one, two, three, four]


def general_budget(facts, p, part):
    year = facts.year
    title = "五、一般公共预算支出安排情况"
    scale = Section(*part, title, "(一) 一般公共预算拨款规模变化情况。")
    change = p.change("general_budget.current", against=f"比{year - 1}年预算")
    scale.add(f"{year}年一般公共预算拨款{p.amount('general_budget.total')}。", p.reason(
        "general_budget.current", "reason.expenditure_change",
        f"其中：本年预算{p.amount('general_budget.current')}" + (f"，{change}" if change else ""),
        prefix="，"))
    structure = Section(*part, title, "(二) 一般公共预算拨款结构情况。")
    structure.add(
        f"基本支出{p.amount('general_budget.basic')}，占"
        f"{p.share('general_budget.basic', 'general_budget.total')}，其中：人员经费"
        f"{p.amount('general_budget.personnel')}、公用经费{p.amount('general_budget.public')}；"
        f"项目支出{p.amount('general_budget.project')}，占"
        f"{p.share('general_budget.project', 'general_budget.total')}。")
    use = Section(*part, title, "(三) 一般公共预算拨款具体使用情况。")
    items = [r for r in facts.general_rows if r.level == "item" and r["total"]]
    for n, row in enumerate(items, start=1):
        key = f"function.{row.code}"
        change = p.change(key, against=f"比{year - 1}年预算")
        use.add(p.reason(key, f"reason.function.{row.code}",
                         f"{n}. {p.function_path(row.code)}{year}年预算数{p.amount(key)}"
                         + (f"，{change}" if change else ""), prefix="，"))
    return [scale, structure, use]


def basic(facts, p, part):
    section = Section(*part, "六、一般公共预算基本支出安排情况")
    section.add(f"{facts.year}年一般公共预算基本支出{p.amount('basic.total')}，其中：")
    rows = facts.basic_rows
    for label, column, n in (("人员经费", "personnel", "一"), ("公用经费", "public", "二")):
        classes = [r for r in rows if r.level == "class" and r[column]]
        head = f"（{n}）{label}{p.amount(f'basic.{column}')}"
        if column == "public" or len(classes) < 2:
            names = [r.name for r in rows if r.level == "section" and r[column]]
            section.add(f"{head}，主要用于：{'、'.join(names)}。")
            continue
        section.add(f"{head}，包括：")
        for cls in classes:
            names = [r.name for r in rows if r.level == "section" and r[column]
                     and r.code.startswith(cls.code)]
            section.add(f"{cls.name}{money(cls[column])}万元，主要用于：{'、'.join(names)}。")
    return section


def three_public(facts, p, part):
    year = facts.year
    section = Section(*part, "七、一般公共预算“三公”经费支出安排情况")
    change = p.change("three_public.total", against=f"比{year - 1}年",
                      same=f"比{year - 1}年无增减变化")
    section.add(p.reason("three_public.total", "reason.three_public_change",
                         f"{year}年一般公共预算“三公”经费支出{p.amount('three_public.total')}，"
                         f"{change}", prefix="，主要原因是", suffix="。") if change else
                f"{year}年一般公共预算“三公”经费支出{p.amount('three_public.total')}。",
                "具体包括：")
    items = (("overseas", "因公出国(境)经费", ""),
             ("vehicle", "公务用车购置及运行维护费",
              f"(公务用车购置费{p.amount('three_public.vehicle_purchase')}，公务用车运行维护费"
              f"{p.amount('three_public.vehicle_operation')})"),
             ("reception", "公务接待费", ""))
    for n, (item, label, detail) in enumerate(items, start=1):
        key = f"three_public.{item}"
        change = p.change(key, against="比上年", same="与上年一致，无变化")
        section.add(f"{n}. {label}{p.amount(key)}{detail}" + (f"，{change}" if change else "")
                    + "。")
    return section


def fund(facts, part, title, table, label):
    section = Section(*part, title)
    total = table.total["total"] if table.total else 0
    if not total:
        section.add(f"{facts.year}年没有使用{label}拨款安排的支出。")
        return section
    classes = [r for r in table.rows if r.level == "class" and r["total"]]
    section.add(f"{facts.year}年{label}拨款支出{money(total)}万元，其中："
                + "、".join(f"{r.name}{money(r['total'])}万元" for r in classes) + "。")
    return section


def projects(facts, p, part):
    section = Section(*part, "十、项目支出安排情况")
    if not facts.projects:
        section.add(f"{facts.year}年没有项目支出。")
        return section
    funds = [(f, label) for f, label in PROJECT_FUNDS if facts.value(f"projects.{f}")]
    section.add(f"{facts.year}年项目支出{p.amount('projects.total')}，其中："
                + "、".join(f"{label}{p.amount(f'projects.{f}')}" for f, label in funds)
                + "。具体使用情况如下：")
    for project in facts.projects:
        purpose = facts.text(f"other.project-purpose-{project.code or project.name}")
        section.add(f"{project.name}{money(project.total)}万元" + (f"，{purpose}" if purpose
                                                                 else "。"))
    return section


def other_matters(facts, p, part, name):
    year = facts.year
    title = "十一、其他重要事项的情况说明"
    running = Section(*part, title, "(一) 机关运行经费情况")
    if facts.budget.running_cost_applicable:
        change = p.change("running_cost.total", against=f"比{year - 1}年预算")
        running.add(p.reason("running_cost.total", "reason.running_cost_change",
                             f"{year}年机关运行经费预算{p.amount('running_cost.total')}"
                             + (f"，{change}" if change else ""), prefix="，主要原因是"))
    else:
        running.add(f"{year}年没有使用机关运行经费拨款安排的支出。")
    procurement = Section(*part, title, "(二) 政府采购预算情况")
    if facts.value("procurement.total"):
        change = p.change("procurement.total", against="比上年度")
        parts = [(k, label) for k, label in (("goods", "货物类"), ("works", "工程类"),
                                             ("services", "服务类"))
                 if facts.value(f"procurement.{k}")]
        procurement.add(p.reason("procurement.total", "reason.procurement",
                                 f"{year}年政府采购预算支出合计{p.amount('procurement.total')}"
                                 + (f"，{change}" if change else ""), prefix="，"),
                        "其中：" + "，".join(f"{label}{p.amount(f'procurement.{k}')}"
                                          for k, label in parts) + "。")
    else:
        procurement.add(f"{year}年没有使用政府采购预算拨款安排的支出。")
    services = Section(*part, title, "(三) 政府购买服务预算安排情况")
    services.add(facts.text("other.government-purchase-services")
                 or f"{year}年没有使用政府购买服务预算拨款安排的支出。")
    entrusted = Section(*part, title, "(四) 委托业务费预算情况")
    entrusted.add(facts.text("other.entrusted-business")
                  or f"{year}年没有使用委托业务费预算拨款安排的支出。")
    assets = Section(*part, title, "(五) 国有资产占有使用情况")
    sentences = [facts.text("assets.description")]
    for key, label in (("assets.total", "资产总额"), ("assets.fixed", "其中固定资产")):
        if facts.value(key) is not None:
            sentences.append(f"{label}{money(facts.value(key))}万元。")
    if facts.value("assets.disposed"):
        disposal = facts.text("other.assets-disposal")
        sentences.append(f"{year - 1}年处置国有资产{money(facts.value('assets.disposed'))}万元"
                         + (f"，{disposal}" if disposal else "。"))
    assets.add(*sentences)
    performance = Section(*part, title, "(六) 预算绩效管理情况")
    performance.add(f"{year}年，预算支出{p.amount('expenditure.total')}全面实施预算绩效目标管理。",
                    facts.text("performance.description"))
    return [running, procurement, services, entrusted, assets, performance]
