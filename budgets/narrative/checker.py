"""Checking a typed narrative against the data.

`check_text(facts, sections)` finds every figure the text states — amounts in 万元 (or 元),
percentages, counts of people, vehicles, pieces of equipment and projects — works out which
fact it states from the words before it (the phrase, the section's subject, "比上年…增加",
"占…"), and compares it with the figure computed from the data. A stated figure is right when
it is the rounding of the exact value: to two decimals, or to the fewer decimals it is printed
with ("3.3" for 3.30, "15.1%" for 15.10%). Lists introduced by "其中" are also added up and
compared with the total they belong to, allowing for rounding tails the way domain.md says.
Figures the checker cannot tie to a fact are returned as unchecked, never as errors.
"""

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .figures import ZERO, is_count, percent, wan
from .vocabulary import (
    MONEY,
    Vocabulary,
    contexts_of,
    default_base,
    partitions,
    share_base,
    unit_family,
)

NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*"
                    r"(万元|元|%|％|人|名|个|辆|台\s*[（(]套[)）]|台|套)")
UP, DOWN = ("增加", "增长", "上升"), ("减少", "下降", "降低")
CHANGE = re.compile("|".join(UP + DOWN))
UNCHANGED = re.compile(r"无变化|持平|无增减变化|与上年一致")
SENTENCE_END = "。；;\n"


@dataclass(frozen=True)
class Finding:
    section: str
    sentence: str
    key: str                 # the fact the figure states
    kind: str                # amount | count | change | rate | share | sum | name
    printed: str             # as the text prints it
    stated: Decimal = None
    expected: Decimal = None  # rounded as the text would print it; None when undefined
    ok: bool = None           # None: the data cannot tell (e.g. last year unknown)
    note: str = ""

    @property
    def message(self):
        if self.kind == "name":
            return f"“{self.section}”：{self.note}"
        want = self.note or (f"应为 {self.expected}" if self.expected is not None else "")
        return f"“{self.section}”：“{self.sentence}”中 {self.printed} 有误，{want}"


@dataclass
class Report:
    findings: list = field(default_factory=list)
    unchecked: list = field(default_factory=list)     # (section, printed figure, sentence)

    @property
    def mismatches(self):
        return [f for f in self.findings if f.ok is False and f.kind != "name"]

    @property
    def wording(self):
        return [f for f in self.findings if f.kind == "name"]

    @property
    def confirmed(self):
        return [f for f in self.findings if f.ok]


def check_text(facts, sections):
    """`sections`: (title, text) pairs, e.g. the budget's PublishedNarrative rows."""
    vocabulary = Vocabulary(facts)
    report = Report()
    for title, text in sections:
        _Section(facts, vocabulary, title, text, report).read()
    return report


def check_published(budget, facts=None):
    from .figures import Facts

    facts = facts or Facts(budget)
    return check_text(facts, [(p.section, p.text) for p in budget.published_narrative.all()])


def rounds_to(exact, stated, decimals):
    """Whether `stated` (printed with `decimals` places) is the rounding of `exact`: to two
    decimals, or to the places it is printed with (fewer, or more for amounts in 元)."""
    def at(places):
        return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return stated == at(2) or stated == at(decimals)


class _Section:
    def __init__(self, facts, vocabulary, title, text, report):
        self.facts, self.vocabulary, self.title, self.text = facts, vocabulary, title, text
        self.report = report
        self.contexts = contexts_of(title)
        self.subject = {}          # unit family → key of the last figure stated
        self.amounts = []          # (key, stated, decimals) of the amounts, in order

    def read(self):
        previous_end = 0
        for match in NUMBER.finditer(self.text):
            before = self.text[previous_end:match.start()]
            self.number(match, before)
            previous_end = match.end()
        self.unchanged(self.text[previous_end:], None)
        self.sums()

    # -- one number -------------------------------------------------------------------------

    def number(self, match, before):
        whole, fraction, unit = match.groups()
        printed = match.group(0).strip()
        decimals = len(fraction) - 1 if fraction else 0
        value = Decimal(whole.replace(",", "") + (fraction or ""))
        sentence = self.sentence_at(match.start())
        if unit in ("%", "％"):
            return self.percentage(before, value, decimals, printed, sentence)
        family = unit_family(re.sub(r"\s", "", unit))
        if unit == "元":
            value, decimals = value / 10000, decimals + 4
        if family == MONEY and re.search(r"单价\s*$", before):
            return None            # a threshold ("单价100万元以上"), not a figure
        term = self.vocabulary.last(before, family, self.contexts)
        if term is None and family != MONEY:
            after = re.split(r"[，。；、：,]", self.text[match.end():], maxsplit=1)[0]
            term = self.vocabulary.last(after, family, self.contexts)
            if term is not None:
                term = type(term)(term.key, len(before), len(before), term.phrase)
        tail = before[term.end:] if term else before
        if term and term.key.startswith("project.") and re.search(r"合计|共计|总计", tail):
            term = type(term)("projects.total", term.start, len(before), term.phrase)
            tail = ""
        self.unchanged(before[:term.start] if term else before, family)
        change = CHANGE.search(tail)
        if change and self.subject.get(family):
            sign = -1 if change.group(0) in DOWN else 1
            return self.changed(self.subject[family], sign * value, decimals, printed, sentence)
        if term is None:
            self.report.unchecked.append((self.title, printed, sentence))
            return None
        if term.former_name:
            self.add(sentence, term.key, "name", term.phrase, ok=False,
                     note=f"“{term.phrase}”现称“{self.vocabulary.catalog_name(term.key)}”")
        self.subject[family] = term.key
        return self.stated(term.key, value, decimals, printed, sentence)

    def stated(self, key, value, decimals, printed, sentence):
        exact = self.facts.value(key)
        if exact is None:
            self.report.unchecked.append((self.title, printed, sentence))
            return None
        if is_count(key):
            return self.add(sentence, key, "count", printed, value, Decimal(exact),
                            value == exact)
        self.amounts.append((key, value, decimals, sentence))
        exact_wan = Decimal(exact) / 10000
        return self.add(sentence, key, "amount", printed, value, wan(exact),
                        rounds_to(exact_wan, value, decimals))

    def changed(self, key, value, decimals, printed, sentence):
        change = self.facts.change(key)
        if change is None or is_count(key):
            self.report.unchecked.append((self.title, printed, sentence))
            return None
        return self.add(sentence, key, "change", printed, value, wan(change),
                        rounds_to(change / 10000, value, decimals))

    def percentage(self, before, value, decimals, printed, sentence):
        key = self.subject.get(MONEY)
        change = CHANGE.search(before)
        if key and "占" in before and not change:
            base = share_base(before) or default_base(key)
            ratio = self.facts.share(key, base) if base else None
            if ratio is None:
                self.report.unchecked.append((self.title, printed, sentence))
                return None
            return self.add(sentence, key, "share", printed, value, percent(ratio),
                            rounds_to(ratio * 100, value, decimals))
        if key and change:
            sign = -1 if change.group(0) in DOWN else 1
            ratio = self.facts.change_ratio(key)
            if ratio is None:
                if self.facts.prior(key) is None:
                    self.report.unchecked.append((self.title, printed, sentence))
                    return None
                return self.add(sentence, key, "rate", printed, sign * value, None, False,
                                note="上年预算为 0，增长率无从计算，不应列示")
            return self.add(sentence, key, "rate", printed, sign * value, percent(ratio),
                            rounds_to(ratio * 100, sign * value, decimals))
        self.report.unchecked.append((self.title, printed, sentence))
        return None

    def unchanged(self, text, family):
        """"较上年无变化" said of the figure before: its change must print as zero."""
        words = UNCHANGED.search(text)
        key = self.subject.get(MONEY if family is None else family)
        if not words or not key or is_count(key):
            return
        change = self.facts.change(key)
        if change is None:
            return
        sentence = self.sentence_at(self.text.find(text) + words.start())
        self.add(sentence, key, "change", words.group(0), ZERO, wan(change), wan(change) == 0)
        if wan(change) == 0 and self.facts.change_ratio(key) is not None:
            # "无变化" also says the growth rate is zero.
            ratio = self.facts.change_ratio(key)
            self.add(sentence, key, "rate", words.group(0), ZERO, percent(ratio),
                     rounds_to(ratio * 100, ZERO, 2))

    # -- lists that should add up ------------------------------------------------------------

    def sums(self):
        for i, (key, total, total_decimals, sentence) in enumerate(self.amounts):
            later = {}
            for part, value, decimals, _ in self.amounts[i + 1:]:
                if part == key:
                    break
                later.setdefault(part, (value, decimals))
            for members in partitions(self.facts, key):
                listed = [k for k in members if k in later]
                needed = [k for k in members if self.facts.value(k)]
                if len(listed) < 2 or not set(needed) <= set(listed):
                    continue
                stated = sum((later[k][0] for k in listed), ZERO)
                slack = sum((Decimal("0.5").scaleb(-later[k][1]) for k in listed), ZERO) + \
                    Decimal("0.5").scaleb(-total_decimals)
                if abs(stated - total) > slack:
                    self.add(sentence, key, "sum", f"{total}万元", stated, total, False,
                             note=f"所列各项合计 {stated} 万元，与所述总额 {total} 万元不符")

    # -- helpers -------------------------------------------------------------------------------

    def sentence_at(self, position):
        start = max(self.text.rfind(c, 0, position) for c in SENTENCE_END) + 1
        ends = [self.text.find(c, position) for c in SENTENCE_END]
        end = min((e for e in ends if e >= 0), default=len(self.text))
        return self.text[start:end + 1].strip()

    def add(self, sentence, key, kind, printed, stated=None, expected=None, ok=None, note=""):
        finding = Finding(self.title, sentence, key, kind, printed, stated, expected, ok, note)
        self.report.findings.append(finding)
        return finding
