"""Saving a budget document: all or nothing, and never over a published revision."""

import copy

import pytest

from budgets.demo import demo_workbooks
from budgets.importing.document import save_document
from budgets.importing.errors import ImportFailed
from budgets.models import Budget, ExpenditureItem, Status
from budgets.workbook.reader import read_workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def wuhan_document():
    path = next(p for p in demo_workbooks() if p.stem.startswith("wuhan"))
    return read_workbook(path.read_bytes())


def as_new_draft(doc, code="503099"):
    """The same tables for another (new) unit, so that nothing published is involved."""
    doc = copy.deepcopy(doc)
    doc["organisation"] = {**doc["organisation"], "code": code, "name": "演示新单位"}
    doc["units"] = [{"code": code, "name": "演示新单位"}]
    for key in ("revenue", "expenditure", "projects"):
        for item in doc[key]:
            item["unit"] = code
    return doc


def test_a_document_for_a_new_unit_becomes_its_first_draft(wuhan_document):
    budget = save_document(as_new_draft(wuhan_document))
    assert (budget.status, budget.revision) == (Status.DRAFT, 1)
    assert budget.expenditure_items.count() == len(wuhan_document["expenditure"])


def test_saving_again_replaces_the_draft_instead_of_adding_to_it(wuhan_document):
    doc = as_new_draft(wuhan_document)
    first = save_document(doc)
    second = save_document(doc)
    assert first.pk == second.pk
    assert second.expenditure_items.count() == len(doc["expenditure"])


def test_an_unknown_function_code_is_named_and_nothing_is_saved(wuhan_document):
    doc = as_new_draft(wuhan_document)
    doc["expenditure"][0]["function"] = "2089998"
    doc["expenditure"][0]["_where"] = "支出明细!C3"
    budgets, items = Budget.objects.count(), ExpenditureItem.objects.count()
    with pytest.raises(ImportFailed) as failed:
        save_document(doc)
    problem = failed.value.problems[0]
    assert problem.where == "支出明细!C3" and "2089998" in problem.message
    assert (Budget.objects.count(), ExpenditureItem.objects.count()) == (budgets, items)


def test_a_class_code_where_an_item_is_required_is_refused(wuhan_document):
    doc = as_new_draft(wuhan_document)
    doc["expenditure"][0]["function"] = "20801"
    with pytest.raises(ImportFailed) as failed:
        save_document(doc)
    assert "项级" in failed.value.problems[0].message


def test_a_published_budget_is_never_overwritten_by_an_upload(wuhan_document):
    published = Budget.objects.get(organisation__code=wuhan_document["organisation"]["code"],
                                   status=Status.PUBLISHED)
    before = list(published.expenditure_items.values_list("personnel", "public", "project"))
    changed = copy.deepcopy(wuhan_document)
    changed["expenditure"][0]["personnel"] = "1.00"
    with pytest.raises(ImportFailed) as failed:
        save_document(changed)
    assert "已公开" in failed.value.problems[0].message
    assert list(published.expenditure_items.values_list(
        "personnel", "public", "project")) == before
