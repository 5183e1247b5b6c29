"""Two people acting on one budget at the same moment leave one consistent state.

The actions run in threads, each on its own database connection and its own transaction,
against data committed outside the test transaction (a budget of a dedicated test unit,
removed afterwards together with its audit records, so the demo budgets stay as they were).
On PostgreSQL the loser waits for the winner's row lock and is then refused by the state
machine; on SQLite the loser may instead be refused by the database lock itself.
"""

import copy
import threading
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection
from django.utils import timezone

from budgets import workflow
from budgets.exporting import budget_to_document
from budgets.importing.document import save_document
from budgets.importing.errors import ImportFailed
from budgets.models import Budget, BudgetEvent, Organisation, Status

CODE = "213099"
REFUSED = (ValidationError, ImportFailed, OperationalError)


@pytest.fixture
def db(django_db_setup, django_db_blocker):
    """Autocommit access to the test database, replacing pytest-django's `db` (which would
    wrap the test in a transaction the threads cannot see into); the name makes pytest-django
    create the test database even when these are the only tests run. Everything written
    inside is removed afterwards."""
    start = timezone.now()
    with django_db_blocker.unblock():
        try:
            yield
        finally:
            Budget.objects.filter(organisation__code=CODE).delete()
            Organisation.objects.filter(code=CODE).delete()
            User.objects.filter(username__startswith="race-").delete()
            for model in apps.get_app_config("budgets").get_models():
                if model.__name__.startswith("Historical"):
                    model.objects.filter(history_date__gte=start).delete()
            connection.close()


def dedicated_draft():
    """A draft with the information centre's tables, for a unit no other test uses."""
    source = Budget.objects.get(organisation__code="213011", status=Status.PUBLISHED)
    doc = copy.deepcopy(budget_to_document(source))
    doc["organisation"] = {**doc["organisation"], "code": CODE, "name": "并发测试单位"}
    doc["units"] = [{"code": CODE, "name": "并发测试单位"}]
    for key in ("revenue", "expenditure", "projects"):
        for item in doc[key]:
            item["unit"] = CODE
    return save_document(doc), doc


def race(*actions):
    """Run the actions at the same moment, each in its own thread and connection; return
    what each returned or raised."""
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(i, action):
        try:
            barrier.wait()
            outcomes[i] = action()
        except Exception as error:  # the outcome under test, reported to the main thread
            outcomes[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


def test_two_reviewers_approving_at_once_approve_once(db):
    budget, _ = dedicated_draft()
    officer = User.objects.create_user("race-officer")
    workflow.submit(budget, acting_user=officer)
    reviewers = [User.objects.create_user(f"race-reviewer-{i}") for i in range(2)]

    outcomes = race(*[lambda r=r: workflow.approve(Budget.objects.get(pk=budget.pk),
                                                  acting_user=r) for r in reviewers])

    approved = [o for o in outcomes if isinstance(o, Budget)]
    assert len(approved) == 1, outcomes
    assert all(isinstance(o, REFUSED) for o in outcomes if o not in approved), outcomes
    budget.refresh_from_db()
    assert budget.status == Status.APPROVED
    assert budget.events.filter(action=BudgetEvent.Action.APPROVE).count() == 1


def test_an_upload_racing_a_submission_leaves_either_the_old_or_the_new_tables_submitted(
        db):
    budget, doc = dedicated_draft()
    before = sorted(budget.expenditure_items.values_list("project", flat=True))
    changed = copy.deepcopy(doc)
    changed["expenditure"] = changed["expenditure"][:1]
    officer = User.objects.create_user("race-officer")

    outcomes = race(lambda: save_document(changed),
                    lambda: workflow.submit(Budget.objects.get(pk=budget.pk),
                                            acting_user=officer))

    assert all(isinstance(o, (Budget, *REFUSED)) for o in outcomes), outcomes
    budget.refresh_from_db()
    after = sorted(budget.expenditure_items.values_list("project", flat=True))
    submitted = isinstance(outcomes[1], Budget)
    uploaded = isinstance(outcomes[0], Budget)
    assert submitted or uploaded
    assert budget.status == (Status.SUBMITTED if submitted else Status.DRAFT)
    # Never a mixture: the tables are the old ones or the uploaded ones, whole.
    assert after == ([Decimal(changed["expenditure"][0]["project"])] if uploaded else before)
    assert budget.events.filter(action=BudgetEvent.Action.SUBMIT).count() == int(submitted)
