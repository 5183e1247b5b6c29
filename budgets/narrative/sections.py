"""What a generated narrative is made of, and the phrases every layout shares.

A `Section` has the part and title the layout prints and paragraphs of `Sentence`s. A
sentence that states a change needs a reason typed by a person (a NarrativeText key); the
sentence carries that key so the admin can show the field beside it and submit can refuse
when it is empty.
"""

from dataclasses import dataclass, field

from .figures import ZERO, percent, wan

CHINESE_DIGITS = "〇一二三四五六七八九"


@dataclass
class Sentence:
    text: str
    reason_key: str = ""       # the NarrativeText key this sentence needs, if any
    reason_missing: bool = False


@dataclass
class Section:
    part: str                  # e.g. "第二部分"
    part_title: str            # e.g. "第二部分 部门预算编制情况说明"
    title: str                 # e.g. "一、预算收支安排及增减变化情况"
    subtitle: str = ""         # e.g. "(一) 机关运行经费情况"
    blocks: list = field(default_factory=list)     # paragraphs, each a list of Sentence

    @property
    def key(self):
        """As PublishedNarrative.section names the same section."""
        return " ".join(p for p in (self.part, self.title, self.subtitle) if p)

    @property
    def heading(self):
        return self.subtitle or self.title

    @property
    def paragraphs(self):
        """Plain text, one string per paragraph."""
        return ["".join(s.text for s in block) for block in self.blocks if block]

    @property
    def sentences(self):
        return [s for block in self.blocks for s in block]

    def add(self, *sentences):
        """Start a paragraph with the given sentences (str or Sentence)."""
        block = [s if isinstance(s, Sentence) else Sentence(s) for s in sentences if s]
        if block:
            self.blocks.append(block)
        return block


def ordinal(n):
    """1 → 一, 12 → 十二, 21 → 二十一 (as section titles print them)."""
    if n < 10:
        return CHINESE_DIGITS[n]
    tens, ones = divmod(n, 10)
    return f"{CHINESE_DIGITS[tens] if tens > 1 else ''}十{CHINESE_DIGITS[ones] if ones else ''}"


def money(value):
    """万元 with two decimals, as the tables print it."""
    return f"{wan(value or ZERO)}"


def pct(ratio):
    return f"{percent(ratio)}%"


class Phrases:
    """Sentence parts that read the facts: amounts, changes, shares, reasons."""

    def __init__(self, facts):
        self.facts = facts
        self.year = facts.year

    def amount(self, key):
        return f"{money(self.facts.value(key))}万元"

    def share(self, key, base):
        ratio = self.facts.share(key, base)
        return pct(ratio) if ratio is not None else ""

    def direction(self, key):
        """+1, -1 or 0 as the printed change reads; None when last year is unknown."""
        change = self.facts.change(key)
        if change is None:
            return None
        shown = wan(change)
        return (shown > 0) - (shown < 0)

    def change(self, key, *, against, up="增长", down="下降", same=None, rate=True):
        """"比上年预算增加5.97万元，增长5.96%" / "…减少…，下降…%" / "与上年预算持平";
        "" when last year's figure is unknown."""
        sign = self.direction(key)
        if sign is None:
            return ""
        if sign == 0:
            return same if same is not None else f"与{against.removeprefix('比')}持平"
        change = self.facts.change(key)
        text = f"{against}{'增加' if sign > 0 else '减少'}{money(abs(change))}万元"
        ratio = self.facts.change_ratio(key)
        if rate and ratio is not None:
            text += f"，{up if sign > 0 else down}{pct(abs(ratio))}"
        return text

    def reason(self, key, reason_key, text, *, prefix="", suffix="。"):
        """`text` followed by the typed reason when the change needs one: a Sentence that
        knows its reason key, and is flagged when the reason is still empty."""
        needed = bool(self.direction(key))
        if not needed:
            return Sentence(text + suffix)
        typed = self.facts.text(reason_key)
        if not typed:
            return Sentence(text + suffix, reason_key=reason_key, reason_missing=True)
        return Sentence(text + prefix + typed.rstrip("。；;") + suffix, reason_key=reason_key)

    def function_path(self, code):
        """"社会保障和就业支出（类）人力资源和社会保障管理事务（款）事业运行（项）"."""
        # Each 项's path is printed twice (its sentence and its 名词解释): built once.
        paths = self.facts.function_paths
        path = paths.get(code)
        if path is None:
            names = self.facts.function_names
            path = paths[code] = "".join(
                f"{names.get(code[:n], '')}（{level}）"
                for n, level in ((3, "类"), (5, "款"), (7, "项")) if len(code) >= n)
        return path
