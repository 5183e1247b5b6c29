"""The approval workflow: submit (validated), return with a comment, approve, publish, and
correct a published budget by a new revision that supersedes it when published."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from budgets import revisions, validation, workflow
from budgets.exporting import budget_to_document
from budgets.importing.document import save_document
from budgets.importing.errors import ImportFailed, Problem
from budgets.models import Budget, BudgetEvent, NarrativeText, Status

pytestmark = pytest.mark.django_db

TIANMEN = "429006"


@pytest.fixture
def published():
    return Budget.objects.get(organisation__region__code=TIANMEN, organisation__code="213011",
                              status=Status.PUBLISHED)


@pytest.fixture
def draft(published, publisher):
    """A correction draft of the information centre's published budget."""
    return workflow.correct(published, acting_user=publisher, reason="更正项目支出表中的金额")


@pytest.fixture
def validation_finds(monkeypatch):
    """Make budgets.validation.problems report the given problems."""
    def install(*problems):
        monkeypatch.setattr(validation, "problems", lambda budget: list(problems))
    return install


def change_url(budget):
    return reverse("admin:budgets_budget_change", args=[budget.pk])


def act(client, user, budget, action, **data):
    client.force_login(user)
    return client.post(reverse("admin:budgets_budget_workflow", args=[budget.pk, action]),
                       data, follow=True)


def test_submitting_refuses_with_every_fatal_problem_the_validation_finds(
        draft, officer, validation_finds):
    validation_finds(Problem("表3 支出总表!C7", "合计不等于各类之和"),
                     Problem("表6", "人员经费合计与表5不一致"),
                     Problem("表1", "上年结转为空，请确认", fatal=False))
    with pytest.raises(workflow.SubmissionRefused) as refused:
        workflow.submit(draft, acting_user=officer)
    assert refused.value.messages == ["表3 支出总表!C7：合计不等于各类之和",
                                      "表6：人员经费合计与表5不一致"]
    assert Budget.objects.get(pk=draft.pk).status == Status.DRAFT
    assert not draft.events.filter(action=BudgetEvent.Action.SUBMIT).exists()


def test_the_officer_sees_the_problems_that_refused_the_submission(
        client, draft, officer, validation_finds):
    validation_finds(Problem("表3 支出总表!C7", "合计不等于各类之和"))
    page = act(client, officer, draft, "submit").content.decode()
    assert "预算未通过校验" in page and "合计不等于各类之和" in page


def test_warnings_alone_do_not_block_submission(draft, officer, validation_finds):
    validation_finds(Problem("表1", "上年结转为空，请确认", fatal=False))
    assert workflow.submit(draft, acting_user=officer).status == Status.SUBMITTED


def test_a_returned_budget_shows_the_comment_and_goes_round_again_to_publication(
        client, draft, officer, reviewer, publisher):
    act(client, officer, draft, "submit")
    act(client, reviewer, draft, "return", comment="请补充项目支出绩效目标")
    draft.refresh_from_db()
    assert draft.status == Status.RETURNED
    client.force_login(officer)
    assert "请补充项目支出绩效目标" in client.get(change_url(draft)).content.decode()

    act(client, officer, draft, "submit")
    act(client, reviewer, draft, "approve")
    act(client, publisher, draft, "publish")
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    events = list(draft.events.values_list("action", "actor__username", "to_status"))
    assert events[-5:] == [
        ("submit", "demo-officer", "submitted"), ("return", "demo-reviewer", "returned"),
        ("submit", "demo-officer", "submitted"), ("approve", "demo-reviewer", "approved"),
        ("publish", "demo-publisher", "published")]


def test_returning_without_a_comment_is_refused(draft, officer, reviewer):
    workflow.submit(draft, acting_user=officer)
    with pytest.raises(ValidationError, match="退回时请写明"):
        workflow.return_budget(draft, acting_user=reviewer, comment="  ")


def test_an_action_from_the_wrong_status_is_refused_with_a_message(draft, reviewer):
    with pytest.raises(ValidationError, match="当前状态为“草稿”，不能审核通过"):
        workflow.approve(draft, acting_user=reviewer)


def test_a_correction_starts_as_a_draft_with_the_published_data_and_its_reason(
        published, draft):
    assert (draft.revision, draft.status) == (published.revision + 1, Status.DRAFT)
    assert draft.correction_reason == "更正项目支出表中的金额"
    assert budget_to_document(draft) == budget_to_document(published)
    assert Budget.objects.get(pk=published.pk).status == Status.PUBLISHED


def test_a_second_correction_while_one_is_open_is_refused(published, draft, publisher):
    with pytest.raises(ValidationError, match="已有正在办理的更正版本"):
        workflow.correct(published, acting_user=publisher, reason="再次更正")


def test_a_correction_needs_a_reason(published, publisher):
    with pytest.raises(ValidationError, match="更正原因"):
        workflow.correct(published, acting_user=publisher, reason="")


def test_a_published_revision_is_never_overwritten(published, client, officer):
    with pytest.raises(ImportFailed):
        save_document(budget_to_document(published) | {"layout": "changed"})
    client.force_login(officer)
    assert client.post(change_url(published), {"layout": "changed"}).status_code == 403


def publish_correction(draft, officer, reviewer, publisher):
    for step, user in ((workflow.submit, officer), (workflow.approve, reviewer),
                       (workflow.publish, publisher)):
        step(draft, acting_user=user)
    return draft


def test_publishing_a_correction_supersedes_the_earlier_revision_which_stays_public(
        published, draft, officer, reviewer, publisher):
    publish_correction(draft, officer, reviewer, publisher)
    published.refresh_from_db()
    assert published.status == Status.SUPERSEDED and published.superseded_at is not None
    assert revisions.revisions_of(draft) == [published, draft]
    assert list(revisions.latest_published().filter(organisation=draft.organisation)) == [draft]
    assert revisions.previous_revision(draft) == published
    note = published.events.get(action=BudgetEvent.Action.CORRECT).note
    assert "更正项目支出表中的金额" in note


def test_the_diff_of_a_correction_lists_the_changed_figures_and_texts(
        published, draft, officer, reviewer, publisher, validation_finds):
    # Only one figure changes, which the other tables would contradict: not this test's topic.
    validation_finds()
    item = draft.expenditure_items.order_by("pk").first()
    item.project += Decimal("10000.00")
    item.save()
    text = draft.narrative.first()
    text.text = "更正后的说明"
    text.save()
    publish_correction(draft, officer, reviewer, publisher)

    diff = revisions.diff(published, draft)
    total = next(f for f in diff.figures if f.table == "支出总表" and f.name == "合计"
                 and f.column == "project")
    assert total.new - total.old == Decimal("10000.00")
    assert [(t.part, t.new) for t in diff.texts] == [("情况说明", "更正后的说明")]
    assert not revisions.diff(published, published)


def test_publishing_announces_the_revision_for_its_documents(
        draft, officer, reviewer, publisher, django_capture_on_commit_callbacks):
    received = []
    workflow.published.connect(lambda sender, budget, **kw: received.append(budget.pk),
                               weak=False, dispatch_uid="test-published")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            publish_correction(draft, officer, reviewer, publisher)
    finally:
        workflow.published.disconnect(dispatch_uid="test-published")
    assert received == [draft.pk]


def test_each_role_is_offered_only_its_own_buttons(client, draft, officer, reviewer):
    client.force_login(officer)
    page = client.get(change_url(draft)).content.decode()
    assert 'id="workflow-submit"' in page and 'id="workflow-approve"' not in page
    client.force_login(reviewer)
    page = client.get(change_url(draft)).content.decode()
    assert 'id="workflow-submit"' not in page and 'id="workflow-approve"' not in page


def test_submit_is_refused_while_a_needed_reason_is_missing(draft, officer):
    NarrativeText.objects.filter(budget=draft, key="reason.running_cost_change").delete()
    with pytest.raises(workflow.SubmissionRefused) as refused:
        workflow.submit(draft, acting_user=officer)
    assert any("reason.running_cost_change" in m for m in refused.value.messages)
