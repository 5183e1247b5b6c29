"""The pieces every rule shares: the Issue it reports, amounts as intervals, and the rule
registry.

An amount is an interval of exact 元. A figure given in 元 is a point; a figure printed in
万元 with two decimals stands for any exact amount that rounds to it, x ± 50 元. An equation
between figures holds when some exact amounts inside every interval satisfy it: the sum of
intervals is an interval, and two sides agree when their intervals overlap. A rounding tail
(114.52 printed while its parts add to 114.53) passes exactly when rounding can explain it,
and nothing else does: there is no fixed tolerance.
"""

from dataclasses import dataclass
from decimal import Decimal

from budgets.importing.errors import Problem

ZERO = Decimal("0")
WAN = Decimal("10000")
CENT = Decimal("0.01")
HALF_WAN = Decimal("50")   # half of 0.01 万元, in 元
ABSURD = Decimal("1000000000000")   # 1 万亿元: more than any unit budget; a unit mistake


@dataclass(frozen=True)
class Issue(Problem):
    """A validation finding: Problem's where/message/fatal plus the rule's code."""

    code: str = ""
    expected: str = ""
    found: str = ""

    @property
    def severity(self):
        return "fatal" if self.fatal else "warning"

    @property
    def severity_label(self):
        return "错误" if self.fatal else "提示"

    def as_dict(self):
        return {"code": self.code, "fatal": self.fatal, "where": self.where,
                "message": self.message, "expected": self.expected, "found": self.found}

    @classmethod
    def from_dict(cls, data):
        return cls(where=data.get("where", ""), message=data.get("message", ""),
                   fatal=bool(data.get("fatal", True)), code=data.get("code", ""),
                   expected=data.get("expected", ""), found=data.get("found", ""))


@dataclass(frozen=True)
class Amount:
    """An exact amount known to lie in [lo, hi] (元)."""

    lo: Decimal
    hi: Decimal
    wan: bool = False   # shown in 万元 in messages (the figure was given in 万元)

    @classmethod
    def exact(cls, value):
        value = Decimal(value)
        return cls(value, value)

    @classmethod
    def given(cls, value, multiplier=1):
        """A figure as read from a sheet whose unit line says 元 (1) or 万元 (10000)."""
        value = Decimal(value)
        if multiplier == 1:
            return cls(value, value)
        if not value:
            # Blank or 0.00: nothing there. (Published tables leave real zeros blank; an
            # amount under 50 元 printed as 0.00 would be a table no one can check.)
            return cls(value, value, wan=True)
        return cls(value - HALF_WAN, value + HALF_WAN, wan=True)

    @property
    def mid(self):
        return (self.lo + self.hi) / 2

    def __add__(self, other):
        if isinstance(other, (int, Decimal)):
            other = Amount.exact(other)
        return Amount(self.lo + other.lo, self.hi + other.hi, self.wan or other.wan)

    __radd__ = __add__

    def __sub__(self, other):
        return Amount(self.lo - other.hi, self.hi - other.lo, self.wan or other.wan)

    def agrees(self, other):
        """Some exact amount lies in both intervals."""
        return self.lo <= other.hi and other.lo <= self.hi

    def at_most(self, other):
        """Possibly ≤ other (only a certain excess is an error)."""
        return self.lo <= other.hi


def total(amounts):
    return sum(amounts, Amount.exact(ZERO))


def show(amount, wan=None):
    """An amount as a message quotes it: in 万元 when it was given in 万元, else in 元."""
    wan = amount.wan if wan is None and isinstance(amount, Amount) else wan
    value = amount.mid if isinstance(amount, Amount) else Decimal(amount)
    if wan:
        text = f"{(value / WAN).quantize(CENT):,f} 万元"
        if isinstance(amount, Amount) and amount.hi - amount.lo > 2 * HALF_WAN:
            text += (f"（各数按万元四舍五入后可在 {(amount.lo / WAN).quantize(CENT):,f}～"
                     f"{(amount.hi / WAN).quantize(CENT):,f} 万元之间）")
        return text
    return f"{value.quantize(CENT):,f} 元"


@dataclass(frozen=True)
class Rule:
    code: str
    fatal: bool
    title: str          # the rule in words, quoted in every message
    check: object       # check(facts) yields (where, message, expected, found)


RULES = []


def rule(code, title, *, fatal=True):
    """Register a fact rule: a function of the facts yielding (where, detail, expected, found)."""
    def register(check):
        RULES.append(Rule(code, fatal, title, check))
        return check
    return register


def issue(rule_, where, detail, expected="", found=""):
    text = f"{rule_.title}：{detail}" if detail else rule_.title
    if expected or found:
        text += f"。应为 {expected}，实际为 {found}"
    return Issue(where=where, message=text, fatal=rule_.fatal, code=rule_.code,
                 expected=expected, found=found)


def run(rules, facts):
    found = []
    for rule_ in rules:
        for where, detail, expected, found_ in rule_.check(facts):
            found.append(issue(rule_, where, detail, expected, found_))
    return found
