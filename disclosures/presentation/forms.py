"""The performance forms (整体支出绩效目标表, 项目支出绩效目标表 / 项目申报表) as printed:
labelled fields, money tables and indicator tables with merged 一级/二级 cells."""

from dataclasses import dataclass, field

from budgets.models import APPROPRIATION_SOURCES, GoalTerm, Measure, Source

from ..layouts.spec import table_template
from . import markup
from .numbers import ZERO, format_in, share


@dataclass
class Goal:
    label: str
    text: str
    term: str
    yearly: bool                       # annual indicators with 前年/上年 values
    indicators: list = field(default_factory=list)   # rows of cells (text, rowspan)
    rows_html: str = ""                               # the same rows as <tr>s



@dataclass
class Form:
    """A form; `heading` is what is printed above it ("附件1", "表12-1")."""

    number: str
    title: str
    anchor: str
    unit_line: str
    kind: str = ""
    fields: list = field(default_factory=list)        # (label, value) pairs
    money: dict = field(default_factory=dict)
    projects: list = field(default_factory=list)
    lines: dict = field(default_factory=dict)
    measurements: list = field(default_factory=list)
    procurements: list = field(default_factory=list)
    recent: list = field(default_factory=list)
    summaries: list = field(default_factory=list)     # (label, text)
    goals: list = field(default_factory=list)
    flat: bool = False

    @property
    def heading(self):
        return self.number if self.number.startswith("附件") else f"表{self.number}"

    @property
    def template(self):
        return table_template(self.kind)


def _merged(values):
    """rowspans for consecutive equal values: [("产出指标", 3), ("", 0), ("", 0), …]."""
    out = []
    for i, value in enumerate(values):
        if i and value == values[i - 1] and value:
            out.append((value, 0))
            j = i - 1
            while out[j][1] == 0:
                j -= 1
            out[j] = (out[j][0], out[j][1] + 1)
        else:
            out.append((value, 1))
    return out


def goal_view(goal, *, flat):
    indicators = list(goal.indicators.all())
    yearly = any(i.prior1 or i.prior2 for i in indicators) or (
        goal.term == GoalTerm.ANNUAL and not flat)
    level1 = _merged([i.level1 for i in indicators])
    level2 = _merged([(i.level1, i.level2) for i in indicators])
    rows = []
    for n, indicator in enumerate(indicators):
        cells = [level1[n], (level2[n][0][1] if level2[n][0] else "", level2[n][1]),
                 (indicator.name, 1)]
        if flat:
            values = (indicator.nature, indicator.value, indicator.unit, indicator.weight,
                      indicator.direction)
        elif yearly:
            values = (indicator.prior2, indicator.prior1, indicator.value, indicator.basis)
        else:
            values = (indicator.value, indicator.basis)
        cells += [(v, 1) for v in values]
        rows.append(cells)
    return Goal(goal.label or goal.get_term_display(), goal.text, goal.term, yearly, rows,
                markup.indicator_rows(rows))


def overall_form(spec, layout, overall, goals, tables, priors, org_name, year):
    """整体支出绩效目标表: current money from the statements, earlier years as published."""
    unit = overall.amount_unit
    fmt = spec.fmt
    overview = {r.code: r["amount"] for r in tables["overview"].rows}
    fiscal = sum((overview.get(f"revenue:{s}", ZERO) for s in APPROPRIATION_SOURCES), ZERO)
    total = overview.get("revenue_total", ZERO)
    special = overview.get(f"revenue:{Source.FISCAL_SPECIAL}", ZERO)
    years = (year - 2, year - 1)

    def prior(measures):
        """The published figure of each earlier year, under the first measure that has one."""
        measures = (measures,) if isinstance(measures, str) else measures
        return [format_in(next((priors[(y, k)] for k in measures if (y, k) in priors), None),
                          unit, fmt) for y in years]

    revenue_values = {"fiscal": fiscal, "fiscal_special": special,
                      "other": total - fiscal, "unit_funds": total - fiscal - special}
    revenue = [(label, revenue_values[key], measure)
               for label, key, measure in layout.revenue_rows]
    spending_total = tables["expenditure"].total
    spending = [(label, spending_total[column], measure)
                for label, column, measure in layout.spending_rows]
    spent = spending_total["total"]

    def money_rows(rows, whole, total_measure):
        out = [(label, format_in(value, unit, fmt), share(value, whole, layout.share_decimals),
                prior(measure)) for label, value, measure in rows]
        out.append(("合计", format_in(whole, unit, fmt), share(whole, whole,
                                                              layout.share_decimals),
                    prior(total_measure)))
        return out

    form = Form(spec.number, overall.title or spec.title, f"table-{spec.key}",
                f"单位：{unit}", spec.kind)
    form.fields = [("部门（单位）名称", org_name), ("填报人", overall.filler),
                   ("联系电话", overall.phone),
                   ("填报日期", f"{overall.fill_date:%Y年%-m月%-d日}" if overall.fill_date else "")]
    form.money = {"years": [f"{y}年" for y in years],
                  "revenue": money_rows(revenue, total, Measure.REVENUE_TOTAL),
                  "spending": money_rows(spending, spent, Measure.EXPENDITURE_TOTAL)}
    form.summaries = [("部门职能概述", overall.functions_summary),
                      ("年度工作任务", overall.annual_tasks)]
    form.projects = [(p.name, p.project_type, format_in(p.total, unit, fmt),
                      format_in(p.current, unit, fmt), p.purpose)
                     for p in overall.projects.all()]
    form.lines = {"long": overall.long_term_summary, "annual": overall.annual_summary}
    form.goals = [goal_view(g, flat=False) for g in goals]
    return form


def project_form(spec, form_obj, number, *, flat):
    unit = form_obj.amount_unit
    fmt = spec.fmt
    form = Form(number, form_obj.title or spec.title, f"table-{spec.key}-{form_obj.pk}",
                f"单位：{unit}", spec.kind, flat=flat)
    years = ""
    if form_obj.start_year or form_obj.end_year:
        years = f"{form_obj.start_year or ''}—{form_obj.end_year or ''}"
    pairs = [("项目名称", form_obj.name), ("项目编码", form_obj.code),
             ("项目主管部门", form_obj.department), ("项目执行单位", form_obj.executing_unit),
             ("项目负责人", form_obj.manager), ("联系电话", form_obj.phone),
             ("单位地址", form_obj.address), ("邮政编码", form_obj.postcode),
             ("项目属性", form_obj.attribute), ("项目类型", form_obj.project_type),
             ("支出项目类别", form_obj.category), ("起止年度", years),
             ("支出功能分类", form_obj.function_text),
             ("填报日期", f"{form_obj.fill_date:%Y年%-m月%-d日}" if form_obj.fill_date else ""),
             ("项目总预算", format_in(form_obj.total_budget, unit, fmt)),
             ("项目当年预算", format_in(form_obj.current_budget, unit, fmt)),
             ("项目前两年预算", form_obj.prior_budgets_text)]
    form.fields = [(label, value) for label, value in pairs if value]
    form.summaries = [(label, text) for label, text in (
        ("项目立项依据", form_obj.basis), ("项目主要内容", form_obj.content),
        ("预算变动情况", form_obj.change_text), ("测算依据", form_obj.calculation_basis),
        ("项目绩效总目标", form_obj.overall_goal), ("长期绩效目标", form_obj.long_term_summary),
        ("年度绩效目标", form_obj.annual_summary)) if text]
    lines = {"funding": [], "detail": []}
    for line in form_obj.lines.all():
        lines[line.kind].append((line.label, format_in(line.amount, unit, fmt)))
    form.lines = lines
    form.recent = [(f"{r.year}年", r.label, format_in(r.amount, unit, fmt), r.note)
                   for r in form_obj.recent_spending.all()]
    form.measurements = [(m.activity, m.description, m.economic_name,
                          format_in(m.amount, unit, fmt), m.basis, m.remark)
                         for m in form_obj.measurements.all()]
    form.procurements = [(p.item, p.quantity, format_in(p.amount, unit, fmt))
                         for p in form_obj.procurements.all()]
    form.goals = [goal_view(g, flat=flat) for g in form_obj.goal_list]
    return form
