"""The narrative parts as the "hubei-tianmen" layout prints them: 第一部分 概况, 第二部分
编制情况说明 (six sections), 第四部分 名词解释 (general terms)."""

from budgets import models as m

from .figures import ZERO
from .sections import Phrases, Section, Sentence, money
from .shared import glossary_section, personnel_sentences

SOURCES = (("revenue.general_budget", "一般公共预算财政拨款"),
           ("revenue.gov_fund", "政府性基金预算财政拨款收入"),
           ("revenue.soe_capital", "国有资本经营预算财政拨款收入"),
           ("revenue.fiscal_special", "财政专户管理资金收入"),
           ("revenue.unit_funds", "单位资金收入"),
           ("revenue.carryover", "上年结转结余"))
CATEGORIES = (("category.personnel", "人员类项目支出"), ("category.public", "公用经费项目支出"),
              ("category.operating", "其他运转类项目支出"),
              ("category.specific", "特定目标类项目支出"))
THREE_PUBLIC = (("reception", "公务接待费"), ("overseas", "因公出国（境）经费"),
                ("vehicle_purchase", "公务用车购置费"),
                ("vehicle_operation", "公务用车运行维护费"))
PROCUREMENT = (("goods", "货物类"), ("works", "工程类"), ("services", "服务类"))


def sections(facts):
    word = "部门" if facts.budget.scope == m.Scope.DEPARTMENT else "单位"
    p = Phrases(facts)
    one = ("第一部分", f"第一部分 {word}概况")
    two = ("第二部分", f"第二部分 {word}预算编制情况说明")
    duties = Section(*one, "一、主要职责及机构设置情况", "（一）主要职责")
    for line in facts.text("duties").splitlines():
        duties.add(line)
    structure = Section(*one, "一、主要职责及机构设置情况", "（二）机构设置情况")
    for line in facts.text("structure").splitlines():
        structure.add(line)
    units = Section(*one, f"二、{word}预算单位构成")
    units.add(facts.text("unit_composition") or
              f"纳入{facts.budget.organisation.name}{facts.year}年{word}预算编制范围的预算单位"
              f"共{facts.budget.units.count()}个。")
    personnel = Section(*one, "三、人员构成")
    for block in personnel_sentences(facts, facts.budget.organisation.name):
        personnel.add(*block)
    return [duties, structure, units, personnel,
            revenue_and_expenditure(facts, p, two), running_cost(facts, p, two, word),
            three_public(facts, p, two), procurement(facts, p, two),
            assets(facts, two, word), performance(facts, two, word),
            glossary_section(facts, "第四部分", "第四部分 名词解释", with_functions=False)]


def revenue_and_expenditure(facts, p, part):
    section = Section(*part, "一、预算收支安排及增减变化情况")
    year = facts.year
    revenue = (f"1、预算收入情况：{year}年预算收入总额{p.amount('revenue.total')}"
               + _clause(p.change("revenue.total", against="比上年预算")) + "。其中："
               + "，".join(f"{label}{p.amount(key)}" for key, label in SOURCES) + "。")
    section.add(revenue, _why(p, "revenue.total", "reason.revenue_change", "收入"))
    classes = sorted(key for key in facts.values if key.startswith("class.")
                     and facts.value(key))
    expenditure = (f"2、预算支出情况：{year}年预算支出总额{p.amount('expenditure.total')}"
                   + _clause(p.change("expenditure.total", against="比上年预算")) + "。其中："
                   + "，".join(f"{label}{p.amount(key)}" for key, label in CATEGORIES) + "。"
                   + "本年支出构成为："
                   + "；".join(f"{facts.name(key)}{p.amount(key)}，占本年支出"
                              f"{p.share(key, 'expenditure.total')}" for key in classes) + "。")
    section.add(expenditure, _why(p, "expenditure.total", "reason.expenditure_change", "支出"))
    return section


def running_cost(facts, p, part, word):
    section = Section(*part, "二、机关运行经费预算安排及增减变化情况")
    if not facts.budget.running_cost_applicable:
        section.add(f"{facts.year}年本{word}没有机关运行经费预算安排。")
        return section
    items = [r for r in facts.basic_rows if r.level == "section" and r["public"]]
    text = (f"{facts.year}年机关运行经费预算总额{p.amount('running_cost.total')}"
            + _clause(p.change("running_cost.total", against="比上年预算")) + "。")
    if items:
        text += "其中：" + "、".join(f"{r.name}{money(r['public'])}万元" for r in items) + "。"
    section.add(text, _why(p, "running_cost.total", "reason.running_cost_change", ""))
    return section


def three_public(facts, p, part):
    section = Section(*part, "三、一般公共预算“三公”经费及增减变化情况")
    parts = []
    for item, label in THREE_PUBLIC:
        key = f"three_public.{item}"
        if item == "vehicle_purchase" and not facts.value(key) and not facts.prior(key):
            continue
        clause = f"{label}{p.amount(key)}" + _clause(
            p.change(key, against="较上年", same="较上年无变化"))
        parts.append(p.reason(key, f"reason.three_public.{item}", clause, prefix="，原因是",
                              suffix=""))
    head = (f"{facts.year}年“三公”经费预算{p.amount('three_public.total')}"
            + _clause(p.change("three_public.total", against="较上年预算",
                               same="较上年预算无变化")) + "，其中：")
    sentences = [Sentence(head)]
    for i, sentence in enumerate(parts):
        sentence.text += "。" if i == len(parts) - 1 else "；"
        sentences.append(sentence)
    section.add(*sentences)
    return section


def procurement(facts, p, part):
    section = Section(*part, "四、政府采购预算安排情况")
    if not facts.has_procurement:
        section.add(f"{facts.year}年未安排政府采购预算。")
        return section
    text = (f"{facts.year}年政府采购预算{p.amount('procurement.total')}"
            + _clause(p.change("procurement.total", against="较上年预算",
                               same="较上年预算无变化")) + "，其中："
            + "，".join(f"{label}政府采购预算{p.amount(f'procurement.{item}')}" + _clause(
                p.change(f"procurement.{item}", against="较上年预算", same="较上年无变化"))
                for item, label in PROCUREMENT) + "。")
    description = facts.text("procurement.description")
    needs = bool(facts.value("procurement.total"))
    section.add(Sentence(text), Sentence(
        _sentence(description), reason_key="procurement.description" if needs else "",
        reason_missing=needs and not description))
    return section


def assets(facts, part, word):
    section = Section(*part, "五、国有资产占用情况")
    total, fixed = facts.value("assets.total"), facts.value("assets.fixed")
    description = facts.text("assets.description")
    if total:
        text = f"截至上年底，本{word}占有使用国有资产{money(total)}万元"
        if fixed is not None:
            text += f"，主要资产为：固定资产{money(fixed)}万元"
        section.add(text + "。", description)
    elif total == ZERO and not description:
        section.add(f"截至上年底，本{word}无占有使用国有资产情况。")
    else:
        section.add(description)
    return section


def performance(facts, part, word):
    section = Section(*part, "六、重点项目预算的绩效目标")
    description = facts.text("performance.description")
    count = facts.value("projects.count")
    if not count:
        section.add(description or f"{facts.year}年度本{word}无项目预算。")
        return section
    text = (f"{facts.year}年度本{word}项目预算{count}个，为"
            + "、".join(project.name for project in facts.projects)
            + f"，合计{money(facts.value('projects.total'))}万元")
    if description.startswith(("以", "用于", "主要")):
        section.add(f"{text}，{_sentence(description)}")
    else:
        section.add(text + "。", description)
    return section


def _clause(text):
    return f"，{text}" if text else ""


def _sentence(text):
    return text if not text or text.endswith(("。", "；")) else text + "。"


def _why(p, key, reason_key, subject):
    sign = p.direction(key)
    if not sign:
        return None
    lead = f"{subject}{'增长' if sign > 0 else '减少'}主要原因是"
    return p.reason(key, reason_key, "", prefix=lead) if p.facts.text(reason_key) else \
        Sentence("", reason_key=reason_key, reason_missing=True)
