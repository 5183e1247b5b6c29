"""Year-over-year across catalog revisions: an earlier year's figures restated in a later
year's codes, through the crosswalk (CodeMapping) between each pair of catalog years.

A code without a crosswalk line keeps its code when the next catalog has it. Amounts are
attributed as follows (docs/catalog-crosswalk.md):
- renamed or moved (one line to one code) and merged (several codes to one): the whole
  amount goes to the later code;
- split (one code to several): the budget does not say how the amount divides, so it goes to
  the nearest row that holds every later code (the 款 when they stay in one 款, else the 类,
  else only the 合计), and the rows below that are not comparable;
- abolished (a line without a later code), or missing from the later catalog without a line:
  only the 合计 keeps the amount;
- a later code with no earlier counterpart (new, and no line leads to it): not comparable.

`restate` is the one function pages call; `load` + `Crosswalk.restate` serve pages that
restate several years at once (two queries in all). Inputs and outputs are exact 元.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .models import CatalogKind, CodeMapping, EconomicCode, FunctionCode

ZERO = Decimal("0")
LEVELS = {CatalogKind.FUNCTION: (3, 5, 7), CatalogKind.ECONOMIC: (3, 5)}
CATALOGS = {CatalogKind.FUNCTION: FunctionCode, CatalogKind.ECONOMIC: EconomicCode}
LEVEL_NAMES = {3: "class", 5: "section", 7: "item"}


@dataclass(frozen=True)
class Change:
    """A code whose figures were restated, for the note under a comparison."""

    from_year: int
    from_code: str
    from_name: str
    to_year: int
    to_codes: tuple             # ((code, name), ...); empty when there is no counterpart
    note: str = ""

    @property
    def text(self):
        before = f"{self.from_year}年 {self.from_code} {self.from_name}"
        after = "、".join(f"{code} {name}" for code, name in self.to_codes)
        if not self.to_codes:
            said = f"{self.to_year}年无对应科目，上年数只计入合计"
        elif len(self.to_codes) > 1:
            said = f"{self.to_year}年拆分为 {after}，上年数无法拆分，仅在共同的上级科目中比较"
        elif self.to_codes[0][0] == self.from_code:
            said = f"{self.to_year}年更名为“{self.to_codes[0][1]}”"
        else:
            said = f"{self.to_year}年对应 {after}"
        return f"{before}：{said}" + (f"（{self.note}）" if self.note else "")


@dataclass
class Restated:
    """An earlier year's amounts in the later year's codes."""

    year: int                   # the later year, whose codes these are
    amounts: dict               # code (类/款/项; "" the 合计) → earlier amount
    not_comparable: set = field(default_factory=set)
    changes: list = field(default_factory=list)

    def prior(self, code):
        """The earlier year's amount of a later-year row; None where it cannot be known."""
        if code in self.not_comparable:
            return None
        return self.amounts.get(code, ZERO)

    def rows(self):
        """Every row with an amount or marked not comparable: [(code, level)], code order."""
        codes = (set(self.amounts) | self.not_comparable) - {""}
        return [(code, LEVEL_NAMES[len(code)]) for code in sorted(codes)]


class Crosswalk:
    """The catalogs and crosswalk lines of one kind over a span of years, loaded once."""

    def __init__(self, kind, catalogs, lines):
        self.kind = CatalogKind(kind)
        self.levels = LEVELS[self.kind]
        self.catalogs = catalogs        # year → {code: name}
        self.lines = lines              # (from_year, to_year) → {from_code: [(to_code, note)]}

    def names(self, year):
        return self.catalogs.get(year, {})

    def restate(self, leaves, *, from_year, to_year):
        """`leaves`: {leaf code of from_year: amount}. Returns a Restated in to_year's codes."""
        placed = {code: amount for code, amount in leaves.items() if amount}
        pending = []            # (amount, frozenset of codes): a split, not yet divisible
        fresh = set()           # codes with no earlier counterpart
        lost = ZERO
        changes = []
        years = [y for y in sorted(self.catalogs) if from_year <= y <= to_year]
        for before, after in zip(years, years[1:], strict=False):
            step = _Step(self, before, after)
            placed, pending, lost, fresh = step.apply(placed, pending, lost, fresh, changes)
        return self._resolve(to_year, placed, pending, lost, fresh, changes)

    def _resolve(self, year, placed, pending, lost, fresh, changes):
        amounts = {"": lost}
        not_comparable = set()

        def add(code, amount):
            amounts[""] += amount
            for length in self.levels:
                if len(code) >= length:
                    amounts[code[:length]] = amounts.get(code[:length], ZERO) + amount

        for code, amount in placed.items():
            add(code, amount)
        for amount, codes in pending:
            common = self._common_ancestor(codes)
            add(common, amount)
            for code in codes:
                not_comparable.update(code[:n] for n in self.levels if len(common) < n)
        for code in fresh:
            not_comparable.add(code)
        return Restated(year, amounts, not_comparable, changes)

    def _common_ancestor(self, codes):
        for length in reversed(self.levels):
            prefixes = {code[:length] for code in codes}
            if len(prefixes) == 1 and all(len(c) >= length for c in codes):
                return prefixes.pop()
        return ""


class _Step:
    """One year to the next."""

    def __init__(self, crosswalk, before, after):
        self.before, self.after = before, after
        self.old = crosswalk.names(before)
        self.new = crosswalk.names(after)
        self.lines = crosswalk.lines.get((before, after), {})
        self.leaf = max(crosswalk.levels)

    def targets(self, code):
        if code in self.lines:
            return tuple(to for to, _ in self.lines[code] if to)
        return (code,) if code in self.new else ()

    def apply(self, placed, pending, lost, fresh, changes):
        moved, still_pending = {}, []
        for code, amount in placed.items():
            targets = self.targets(code)
            self.record(code, targets, changes)
            if len(targets) == 1:
                moved[targets[0]] = moved.get(targets[0], ZERO) + amount
            elif targets:
                still_pending.append((amount, frozenset(targets)))
            else:
                lost += amount
        for amount, codes in pending:
            targets = frozenset(t for code in codes for t in self.targets(code))
            if len(targets) == 1:       # a split merged back together
                (target,) = targets
                moved[target] = moved.get(target, ZERO) + amount
            elif targets:
                still_pending.append((amount, targets))
            else:
                lost += amount
        reached = {t for targets in self.lines.values() for t, _ in targets if t}
        new_codes = {c for c in self.new if len(c) == self.leaf} - set(self.old) - reached
        fresh = {t for code in fresh for t in self.targets(code)} | new_codes
        return moved, still_pending, lost, fresh

    def record(self, code, targets, changes):
        if code in self.lines or not targets or self.old.get(code) != self.new.get(code):
            note = "；".join(dict.fromkeys(n for _, n in self.lines.get(code, ()) if n))
            changes.append(Change(self.before, code, self.old.get(code, ""), self.after,
                                  tuple((t, self.new.get(t, "")) for t in targets), note))


def load(kind, years):
    """The Crosswalk of `kind` over the span of `years` (two queries; none for one year)."""
    kind = CatalogKind(kind)
    low, high = min(years), max(years)
    if low == high:
        return Crosswalk(kind, {low: {}}, {})
    catalogs = {}
    for year, code, name in (CATALOGS[kind].objects.filter(year__year__range=(low, high))
                             .values_list("year__year", "code", "name")):
        catalogs.setdefault(year, {})[code] = name
    lines = {}
    for from_year, from_code, to_year, to_code, note in (
            CodeMapping.objects.filter(kind=kind, from_year__year__gte=low,
                                       to_year__year__lte=high)
            .values_list("from_year__year", "from_code", "to_year__year", "to_code", "note")):
        lines.setdefault((from_year, to_year), {}).setdefault(from_code, []).append(
            (to_code, note))
    return Crosswalk(kind, catalogs, lines)


def restate(leaves, *, kind, from_year, to_year):
    """An earlier year's leaf amounts ({code: 元}) in the later year's codes (Restated)."""
    return load(kind, (from_year, to_year)).restate(leaves, from_year=from_year,
                                                     to_year=to_year)


def restate_facts(prior, year):
    """The narrative's prior-year Facts (budgets.narrative.figures) with their code-keyed values
    ("function.*", "class.*", "appropriation.class.*", "economic.*") restated in `year`'s
    codes; a value that cannot be known becomes None, so no change is stated for it."""
    from_year = prior.year
    if from_year == year:
        return
    from . import statements
    from .models import APPROPRIATION_SOURCES

    data = prior.data
    funds = {str(s) for s in APPROPRIATION_SOURCES}
    walks = {kind: load(kind, (from_year, year)) for kind in CatalogKind}
    families = (
        ("function.", CatalogKind.FUNCTION, statements.general_budget_table(data), "item", None),
        ("class.", CatalogKind.FUNCTION, statements.function_table(data), "item", 3),
        ("appropriation.class.", CatalogKind.FUNCTION,
         statements.function_table(data, funds=funds), "item", 3),
        ("economic.", CatalogKind.ECONOMIC, statements.basic_table(data), "section", None),
    )
    values = {k: v for k, v in prior.values.items()
              if not k.startswith(tuple(prefix for prefix, *_ in families))}
    for prefix, kind, table, leaf, only in families:
        leaves = {r.code: r["total"] for r in table.rows if r.level == leaf}
        restated = walks[kind].restate(leaves, from_year=from_year, to_year=year)
        for code, _level in restated.rows():
            if only is None or len(code) == only:
                values[prefix + code] = restated.prior(code)
    prior.values = values
