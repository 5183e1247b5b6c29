"""An import writes in bulk yet keeps the guarantees: the audit history of a replaced draft
is complete (every removed row and every new row, with who and from where), and a
confirmation in a later request uses what was checked only for the very bytes checked."""

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile

from budgets import audit, workflow
from budgets import models as m
from budgets.demo import demo_workbooks
from budgets.exporting import budget_to_document
from budgets.importing import upload as upload_flow
from budgets.importing.document import save_document

pytestmark = pytest.mark.django_db

AUDITED = (m.RevenueItem, m.ExpenditureItem, m.BasicExpenditureItem, m.ThreePublicBudget,
           m.Project, m.ProjectForm, m.ProjectFormLine, m.MeasurementLine, m.PerformanceGoal,
           m.PerformanceIndicator, m.OverallPerformance, m.GlossaryTerm)


@pytest.fixture
def draft():
    published = m.Budget.objects.get(organisation__region__code="429006",
                                     organisation__code="213011", status=m.Status.PUBLISHED)
    return workflow.correct(published, acting_user=User.objects.get(username="demo-publisher"),
                            reason="批量写入测试")


def rows_of(model, budget):
    field = next(f.name for f in model._meta.fields if f.name in ("budget", "form", "goal"))
    lookup = {"budget": "budget", "form": "form__budget", "goal": "goal__budget"}[field]
    return set(model.objects.filter(**{lookup: budget}).values_list("pk", flat=True))


def test_replacing_a_draft_records_every_removed_and_every_new_row(draft, officer):
    before = {model: rows_of(model, draft) for model in AUDITED}
    assert all(before.values()), "the draft should have rows in every audited table"
    with audit.acting(officer, audit.VIA_UPLOAD):
        save_document(budget_to_document(draft))
    for model in AUDITED:
        after = rows_of(model, draft)
        assert not after & before[model], model
        removed = model.history.filter(id__in=before[model], history_type="-")
        added = model.history.filter(id__in=after, history_type="+")
        assert removed.count() == len(before[model]), model
        assert added.count() == len(after), model
        for records in (removed, added):
            assert set(records.values_list("history_user", "via")) == {
                (officer.pk, audit.VIA_UPLOAD)}, model


def info_centre_workbook():
    return next(p for p in demo_workbooks() if p.stem == "tianmen-hrss-info-center-2026") \
        .read_bytes()


def previewed(draft, officer):
    received = upload_flow.receive(info_centre_workbook(), acting_user=officer, budget=draft)
    assert received.status == m.UploadStatus.PREVIEWED, received.report.get("problems")
    fresh = m.WorkbookUpload.objects.get(pk=received.pk)   # as a later request sees it
    return fresh, dict.fromkeys(range(len(upload_flow.warnings_of(fresh))), "已核对")


def test_a_later_confirmation_does_not_read_the_workbook_again(draft, officer, monkeypatch):
    upload, explanations = previewed(draft, officer)

    def read_again(*args, **kwargs):
        raise AssertionError("the checked workbook was read a second time")

    monkeypatch.setattr(upload_flow, "read_workbook_printed", read_again)
    budget = upload_flow.confirm(upload, acting_user=officer, explanations=explanations)
    assert budget == draft
    assert m.WorkbookUpload.objects.get(pk=upload.pk).status == m.UploadStatus.IMPORTED


def test_a_stored_file_that_changed_since_the_check_is_read_again(draft, officer, monkeypatch):
    upload, explanations = previewed(draft, officer)
    upload.file.save(upload.file.name, ContentFile(b"PK\x03\x04 not the checked bytes"),
                     save=True)
    reads = []

    def read_again(data, *args, **kwargs):
        reads.append(data)
        raise AssertionError("read again")

    monkeypatch.setattr(upload_flow, "read_workbook_printed", read_again)
    with pytest.raises(AssertionError, match="read again"):
        upload_flow.confirm(upload, acting_user=officer, explanations=explanations)
    assert reads == [b"PK\x03\x04 not the checked bytes"]
