"""The narrative parts of a disclosure (概况, 情况说明, 名词解释), generated from the data.

`generate(budget)` returns the sections as the budget's layout prints them; every figure,
share and change comes from `figures.Facts`, and only reasons and descriptions are typed
(NarrativeText). `missing_reasons(budget)` lists the sentences whose reason is still empty;
the workflow refuses to submit while there are any. `checker.check_text` reads a typed
narrative and reports every figure that disagrees with the data.
"""

from dataclasses import dataclass

from . import tianmen, wuhan
from .checker import check_published, check_text
from .figures import Facts

__all__ = ["Facts", "MissingReason", "check_published", "check_text", "generate",
           "missing_reasons"]

LAYOUTS = {"hubei-tianmen": tianmen.sections, "hubei-wuhan": wuhan.sections}
# A budget whose layout has no narrative template of its own reads like the Wuhan one, which
# states every figure the standard tables hold.
DEFAULT_LAYOUT = "hubei-wuhan"


def generate(budget, *, facts=None):
    """The narrative sections of the budget: each has `part_title`, `title`, `subtitle`,
    `heading` and `paragraphs` (plain text), and `sentences` with their reason keys."""
    facts = facts or Facts(budget)
    return LAYOUTS.get(budget.layout, LAYOUTS[DEFAULT_LAYOUT])(facts)


@dataclass(frozen=True)
class MissingReason:
    key: str           # the NarrativeText key to fill in
    section: str       # the section heading the sentence is in
    sentence: str      # the generated sentence, without its reason

    @property
    def message(self):
        return f"“{self.section}”中“{self.sentence}”需要说明原因，请填写“{self.key}”"


def missing_reasons(budget, *, sections=None):
    """Every sentence that states a change (or a figure needing a description) whose typed
    reason is still empty, in the order the narrative prints them."""
    found = []
    for section in sections if sections is not None else generate(budget):
        for block in section.blocks:
            stated = ""
            for sentence in block:
                # A reason of its own ("收入增长主要原因是…") explains the sentence before it.
                stated = sentence.text.strip("，。；").split("。")[0] or stated
                if sentence.reason_missing:
                    found.append(MissingReason(sentence.reason_key, section.heading,
                                               stated or section.heading))
    return found
