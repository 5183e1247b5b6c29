"""Validation of a budget, in one place: the upload, the admin forms and the workflow's submit
all ask here (domain.md, "Arithmetic the tables must satisfy").

`problems(budget)` checks a stored budget; `check_workbook(doc, printed)` checks a budget
document just read from a workbook, including every figure the workbook prints for computed
rows (类/款/合计, the summary tables) against the facts, with interval arithmetic where a
sheet is in 万元. Both return Issues (budgets.validation.core): `.fatal` blocks submitting,
a warning needs a written explanation that reviewers see.
"""

from . import rules  # noqa: F401  (registers the rules)
from .core import RULES, Issue, run
from .facts import document_facts, stored_facts
from .printed import check_printed

__all__ = ["Issue", "RULES", "check_workbook", "problems"]


def problems(budget):
    """Every rule on a stored budget, fatal ones first."""
    found = run(RULES, stored_facts(budget))
    return sorted(found, key=lambda issue: not issue.fatal)


def check_workbook(doc, printed):
    """Every rule on a document read from a workbook, and its printed computed figures."""
    facts = document_facts(doc, printed.multipliers, printed.figures)
    found = check_printed(printed, facts) + run(RULES, facts)
    return sorted(found, key=lambda issue: not issue.fatal)
