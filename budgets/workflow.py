"""Budget state changes: one atomic function per transition, each taking the acting user and
recording a BudgetEvent. Nothing else writes Budget.status.

draft → submitted → returned (with the reviewer's comment) → submitted … → approved →
published. A published revision is never edited: `correct` starts a new draft revision copied
from it, and publishing that revision marks the earlier one superseded (still public at its
own URL). Role checks are the callers' (budgets.permissions); these functions keep the state
machine consistent when two people act at once: each locks the budget's revisions first.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from . import audit
from .models import OPEN_STATUSES, Budget, BudgetEvent, Status

Action = BudgetEvent.Action

# Sent after the commit that published a revision (sender=Budget, budget=…): the disclosure
# documents (PDF first) are generated from it.
published = Signal()
# Sent inside the publishing transaction (sender=Budget, budget=…, superseded=[…]): data kept
# beside the published revisions (the public search index) changes with them or not at all.
publishing = Signal()

# The states each action may start from.
ALLOWED_FROM = {
    Action.SUBMIT: (Status.DRAFT, Status.RETURNED),
    Action.RETURN: (Status.SUBMITTED,),
    Action.APPROVE: (Status.SUBMITTED,),
    Action.PUBLISH: (Status.APPROVED,),
}
RESULT = {
    Action.SUBMIT: Status.SUBMITTED,
    Action.RETURN: Status.RETURNED,
    Action.APPROVE: Status.APPROVED,
    Action.PUBLISH: Status.PUBLISHED,
}


class SubmissionRefused(ValidationError):
    """Submitting found problems; `problems` lists them as the validator reported them."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__([describe(p) for p in self.problems])


def describe(problem):
    where = getattr(problem, "where", "")
    message = getattr(problem, "message", None) or str(problem)
    return f"{where}：{message}" if where else message


def validation_problems(budget, *, fatal_only=True):
    """The full validation of the tables (budgets.validation)."""
    from . import validation

    return [p for p in validation.problems(budget) if p.fatal or not fatal_only]


def _lock_revisions(budget):
    """Lock every revision of the budget's disclosure, in a fixed order (no deadlocks)."""
    return list(Budget.objects.select_for_update()
                .filter(organisation_id=budget.organisation_id,
                        fiscal_year_id=budget.fiscal_year_id, scope=budget.scope)
                .order_by("pk"))


def _event(budget, action, acting_user, old, note="", via=""):
    BudgetEvent.objects.create(budget=budget, action=action, actor=acting_user,
                               from_status=old, to_status=budget.status, note=note, via=via)


def _transition(budget, action, *, acting_user, note="", via="", check=None):
    with transaction.atomic(), audit.acting(acting_user, via or audit.VIA_FORM):
        revisions = {b.pk: b for b in _lock_revisions(budget)}
        locked = revisions[budget.pk]
        if locked.status not in ALLOWED_FROM[action]:
            raise ValidationError(
                f"当前状态为“{locked.get_status_display()}”，不能{action.label}")
        if check:
            check(locked)
        old = locked.status
        now = timezone.now()
        superseded = []
        if action == Action.PUBLISH:
            for earlier in revisions.values():
                if earlier.status == Status.PUBLISHED:
                    _supersede(earlier, locked, acting_user, now, via)
                    superseded.append(earlier)
            locked.published_at = now
        locked.status = RESULT[action]
        locked.save()
        _event(locked, action, acting_user, old, note, via)
        if action == Action.PUBLISH:
            publishing.send(sender=Budget, budget=locked, superseded=superseded)
            transaction.on_commit(lambda: published.send(sender=Budget, budget=locked))
    budget.refresh_from_db()
    return budget


def _supersede(earlier, correction, acting_user, now, via):
    earlier.status = Status.SUPERSEDED
    earlier.superseded_at = now
    earlier.save()
    _event(earlier, Action.CORRECT, acting_user, Status.PUBLISHED, via=via,
           note=f"已由第 {correction.revision} 版更正：{correction.correction_reason}")


def _refuse_problems(budget):
    # The tables must check out, and every generated sentence stating a change needs its
    # typed reason (budgets.narrative).
    from .narrative import missing_reasons

    problems = validation_problems(budget) + missing_reasons(budget)
    if problems:
        raise SubmissionRefused(problems)


def submit(budget, *, acting_user, via="form"):
    """Refused with the list of problems while the full validation finds any."""
    return _transition(budget, Action.SUBMIT, acting_user=acting_user, via=via,
                       check=_refuse_problems)


def return_budget(budget, *, acting_user, comment, via="form"):
    if not comment.strip():
        raise ValidationError("退回时请写明需要修改的内容")
    return _transition(budget, Action.RETURN, acting_user=acting_user, note=comment, via=via)


def approve(budget, *, acting_user, via="form"):
    return _transition(budget, Action.APPROVE, acting_user=acting_user, via=via)


def publish(budget, *, acting_user, via="form"):
    """Publish the revision; a correction supersedes the revision published before it."""
    if acting_user is None:
        raise PermissionDenied("公开操作必须记录操作人")
    return _transition(budget, Action.PUBLISH, acting_user=acting_user, via=via)


def correct(budget, *, acting_user, reason, via="form"):
    """Start a correction (更正) of a published revision: a new draft revision with the same
    data, carrying the reason; the published revision stays as it is until the correction is
    published."""
    if not reason.strip():
        raise ValidationError("请写明更正原因，它将与更正后的版本一同公开")
    from .exporting import budget_to_document
    from .importing.document import save_document

    with transaction.atomic(), audit.acting(acting_user, via):
        revisions = _lock_revisions(budget)
        current = next(b for b in revisions if b.pk == budget.pk)
        if current.status != Status.PUBLISHED:
            raise ValidationError(
                f"只有已公开的版本可以更正，当前状态为“{current.get_status_display()}”")
        if any(b.status in OPEN_STATUSES for b in revisions):
            raise ValidationError("该预算已有正在办理的更正版本，请在该版本上继续修改")
        document = budget_to_document(current)
        draft = Budget.objects.create(
            organisation_id=current.organisation_id, fiscal_year_id=current.fiscal_year_id,
            scope=current.scope, layout=current.layout,
            revision=max(b.revision for b in revisions) + 1, status=Status.DRAFT,
            running_cost_applicable=current.running_cost_applicable,
            correction_reason=reason.strip())
        # The importer fills the newest open revision: the draft just created.
        save_document(document)
        _event(draft, Action.CORRECT, acting_user, "", note=reason.strip(), via=via)
    return draft
