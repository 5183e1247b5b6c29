"""The words a narrative uses for each fact, so that the checker can tell which figure a number
in a typed text states. Built per budget: class, economic and project names come from its
catalog year and its data; the fixed phrases are those the published narratives use."""

import re
from dataclasses import dataclass

from .figures import Facts

# Unit families: what a number's unit says it counts.
MONEY, PEOPLE, VEHICLES, EQUIPMENT, ITEMS = "money", "people", "vehicles", "equipment", "items"

# phrase → fact key (or {section context: key}); longer phrases win over shorter ones.
MONEY_TERMS = {
    "预算收入总额": "revenue.total", "收入总额": "revenue.total", "收入预算": "revenue.total",
    "收入总计": "revenue.total", "收支总预算": "revenue.total", "本年收入合计": "revenue.current",
    "预算支出总额": "expenditure.total",
    "支出总额": "expenditure.total",
    "支出预算": "expenditure.total",
    "预算支出": "expenditure.total",
    "本年支出合计": "expenditure.total",
    "财政拨款收支总预算": "appropriation.total",
    "一般公共预算财政拨款本年收入": "revenue.general_budget",
    "一般公共预算财政拨款收入": "revenue.general_budget",
    "一般公共预算财政拨款": "revenue.general_budget",
    "一般公共预算拨款收入": "revenue.general_budget",
    "一般公共预算拨款": "general_budget.total",
    "一般公共预算支出": "general_budget.total",
    "本年预算": "general_budget.current",
    "政府性基金预算财政拨款收入": "revenue.gov_fund",
    "政府性基金预算财政拨款本年收入": "revenue.gov_fund",
    "政府性基金预算财政拨款": "revenue.gov_fund",
    "政府性基金预算拨款收入": "revenue.gov_fund",
    "国有资本经营预算财政拨款收入": "revenue.soe_capital",
    "国有资本经营预算财政拨款本年收入": "revenue.soe_capital",
    "国有资本经营预算财政拨款": "revenue.soe_capital",
    "国有资本经营预算拨款收入": "revenue.soe_capital",
    "财政专户管理资金收入": "revenue.fiscal_special",
    "财政专户管理资金": "revenue.fiscal_special",
    "单位资金收入": "revenue.unit_funds",
    "单位资金": "revenue.unit_funds",
    "事业收入": "revenue.business",
    "事业单位经营收入": "revenue.operating",
    "上级补助收入": "revenue.superior_subsidy",
    "附属单位上缴收入": "revenue.subordinate_remit",
    "其他收入": "revenue.other",
    "上年结余结转": "revenue.carryover",
    "上年结转结余": "revenue.carryover",
    "上年结转": "revenue.carryover",
    "人员类项目支出": "category.personnel",
    "公用经费项目支出": "category.public",
    "其他运转类项目支出": "category.operating",
    "运转类项目支出": "category.operating",
    "特定目标类项目支出": "category.specific",
    "一般公共预算基本支出": "basic.total",
    "基本支出": {None: "expenditure.basic", "general_budget": "general_budget.basic"},
    "项目支出": {None: "expenditure.project", "general_budget": "general_budget.project",
                 "projects": "projects.total"},
    "人员经费": {None: "expenditure.personnel", "general_budget": "general_budget.personnel"},
    "公用经费": {None: "expenditure.public", "general_budget": "general_budget.public"},
    "机关运行经费预算总额": "running_cost.total",
    "机关运行经费预算": "running_cost.total",
    "机关运行经费": "running_cost.total",
    "“三公”经费预算": "three_public.total",
    "“三公”经费支出": "three_public.total",
    "“三公”经费": "three_public.total",
    "\"三公\"经费": "three_public.total",
    "三公经费": "three_public.total",
    "因公出国（境）经费": "three_public.overseas",
    "因公出国(境)经费": "three_public.overseas",
    "因公出国（境）费": "three_public.overseas",
    "因公出国(境)费": "three_public.overseas",
    "公务用车购置及运行维护费": "three_public.vehicle",
    "公务用车购置及运行费": "three_public.vehicle",
    "公务用车购置费": "three_public.vehicle_purchase",
    "公务用车运行维护费": {None: "three_public.vehicle_operation",
                           "running_cost": "economic.30231"},
    "公车运行维护费": {None: "three_public.vehicle_operation", "running_cost": "economic.30231"},
    "公务用车运行费": "three_public.vehicle_operation",
    "公务接待费": {None: "three_public.reception", "running_cost": "economic.30217"},
    "政府采购预算": "procurement.total",
    "政府采购预算支出合计": "procurement.total",
    "政府采购预算支出": "procurement.total",
    "货物类政府采购预算": "procurement.goods",
    "货物类": "procurement.goods",
    "工程类政府采购预算": "procurement.works",
    "工程类": "procurement.works",
    "服务类政府采购预算": "procurement.services",
    "服务类": "procurement.services",
    "国有资产": "assets.total", "资产总额": "assets.total", "固定资产": "assets.fixed",
    "处置国有资产": "assets.disposed",
    "一般公共预算本年拨款": "projects.current_general",
    "政府性基金预算本年拨款": "projects.current_gov_fund",
    "国有资本经营预算本年拨款": "projects.current_soe",
}
COUNT_TERMS = {
    PEOPLE: {"编制人数": "personnel.authorised", "在职实有人数": "personnel.in_service",
             "实有人数": "personnel.in_service", "在职人数": "personnel.in_service",
             "离退休人员": "personnel.retired", "离退休人数": "personnel.retired"},
    VEHICLES: {"车辆": "assets.vehicles", "公务用车": "assets.vehicles", "用车": "assets.vehicles"},
    EQUIPMENT: {"设备": "assets.large_equipment"},
    ITEMS: {"项目预算": "projects.count", "项目支出绩效目标": "project_forms.count",
            "项目绩效目标": "project_forms.count"},
}
# Former catalog names still found in texts: the figure is checked, the name is reported.
FORMER_NAMES = {"医疗卫生支出": "210", "医疗卫生与计划生育支出": "210"}

# Words in a section title that decide which fact an ambiguous phrase means.
CONTEXTS = (("机关运行经费", "running_cost"), ("三公", "three_public"),
            ("一般公共预算", "general_budget"), ("财政拨款收支", "appropriation"),
            ("项目支出", "projects"))

PATH = re.compile(r"([^\s（(）)，。；：、\d.]+)\s*[（(]类[)）]\s*([^（(）)]+?)\s*[（(]款[)）]"
                  r"\s*([^（(）)]+?)\s*[（(]项[)）]")


def contexts_of(title):
    return {tag for word, tag in CONTEXTS if word in title}


def normal(name):
    return re.sub(r"\s+", "", name).replace("(", "（").replace(")", "）")


@dataclass(frozen=True)
class Match:
    key: str
    start: int
    end: int
    phrase: str
    former_name: str = ""      # set when the phrase is an outdated catalog name


class Vocabulary:
    def __init__(self, facts: Facts):
        self.facts = facts
        self.terms = {MONEY: dict(MONEY_TERMS)}
        for family, terms in COUNT_TERMS.items():
            self.terms[family] = dict(terms)
        money_terms = self.terms[MONEY]
        for code, name in facts.function_names.items():
            if len(code) == 3:
                money_terms.setdefault(name, {None: f"class.{code}",
                                              "appropriation": f"appropriation.class.{code}"})
        for code, name in facts.economic_names.items():
            money_terms.setdefault(name, f"economic.{code}")
        for project in facts.projects:
            key = f"project.{project.code or project.name}"
            money_terms.setdefault(project.name, {None: key})
            short = project.name.removesuffix("项目")
            if short != project.name:
                money_terms.setdefault(short, {None: key})
        for row in facts.personnel:
            if row.kind:
                self.terms[PEOPLE].setdefault(row.kind, f"personnel.{row.category}.{row.kind}")
        for former, code in FORMER_NAMES.items():
            money_terms.setdefault(former, {None: f"class.{code}",
                                            "appropriation": f"appropriation.class.{code}"})
        self.items = {normal(name): code for code, name in facts.function_names.items()}

    def last(self, text, family, contexts):
        """The phrase of the given unit family that ends last in `text` (the longest of
        those), resolved for the section's contexts; None when there is none."""
        best = None
        for phrase, target in self.terms.get(family, {}).items():
            at = text.rfind(phrase)
            if at < 0:
                continue
            end = at + len(phrase)
            if best is None or (end, len(phrase)) > (best.end, len(best.phrase)):
                key = self._resolve(target, contexts)
                if key:
                    former = phrase if phrase in FORMER_NAMES else ""
                    best = Match(key, at, end, phrase, former)
        if family == MONEY:
            path = self.last_path(text)
            if path and (best is None or path.end >= best.end):
                best = path
        return best

    def last_path(self, text):
        """"X（类）Y（款）Z（项）" → the function 项 it names."""
        found = None
        for match in PATH.finditer(text):
            found = match
        if found is None:
            return None
        names = [normal(n) for n in found.groups()]
        for code, name in self.facts.function_names.items():
            if len(code) == 7 and normal(name) == names[2] \
                    and normal(self.facts.function_names.get(code[:5], "")) == names[1] \
                    and normal(self.facts.function_names.get(code[:3], "")) == names[0]:
                return Match(f"function.{code}", found.start(), found.end(), found.group(0))
        return None

    @staticmethod
    def _resolve(target, contexts):
        if isinstance(target, str):
            return target
        for context in contexts:
            if context in target:
                return target[context]
        return target.get(None)

    def catalog_name(self, key):
        code = key.rsplit(".", 1)[-1]
        return self.facts.function_names.get(code, "")


def default_base(key):
    """What "占 x%" of a figure is a share of, when the sentence does not say."""
    family = key.split(".", 1)[0]
    if key.startswith("appropriation.class."):
        return "appropriation.total"
    return {"revenue": "revenue.total", "class": "expenditure.total",
            "category": "expenditure.total", "expenditure": "expenditure.total",
            "general_budget": "general_budget.total", "function": "general_budget.total",
            "economic": "basic.total", "project": "projects.total",
            "three_public": "three_public.total",
            "procurement": "procurement.total"}.get(family)


def partitions(facts, key):
    """The ways the parts of `key` add up to it, for the checker's sum test."""
    from .figures import PARTITIONS

    found = list(PARTITIONS.get(key, ()))
    if key == "expenditure.total":
        found.append(tuple(k for k in facts.values if k.startswith("class.")))
    if key == "running_cost.total":
        found.append(tuple(f"economic.{r.code}" for r in facts.basic_rows
                           if r.level == "section" and r["public"]))
    return found


def share_base(text):
    if re.search(r"占[^占]*?(本年)?支出", text):
        return "expenditure.total"
    if re.search(r"占[^占]*?(本年)?收入", text):
        return "revenue.total"
    return None


UNIT_FAMILIES = {"万元": MONEY, "元": MONEY, "人": PEOPLE, "名": PEOPLE, "辆": VEHICLES,
                 "台": EQUIPMENT, "套": EQUIPMENT, "个": ITEMS}


def unit_family(unit):
    if unit.startswith("台"):
        return EQUIPMENT
    return UNIT_FAMILIES.get(unit)
