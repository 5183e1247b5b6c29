"""Each seed disclosure round-trips through its standard workbook: downloaded from its public
address, imported into an empty database by the upload importer, downloaded again: the same
data and the same figures."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from budgets import models as m
from budgets.demo import load_demo, system_user
from budgets.exporting import budget_to_document
from budgets.importing.upload import import_workbook
from budgets.workbook import write_workbook

pytestmark = pytest.mark.django_db

SEEDS = [("429006", "213011"), ("429006", "213002"), ("420100", "503019")]


def published(region, org):
    return m.Budget.objects.get(organisation__region__code=region, organisation__code=org,
                                status=m.Status.PUBLISHED)


def sheet_values(book):
    wb = load_workbook(BytesIO(book), read_only=True)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    finally:
        wb.close()


def empty_database():
    """Every budget and organisation gone; the code catalogs (reference data) stay."""
    m.WorkbookUpload.objects.all().delete()
    m.Budget.objects.all().delete()
    m.RoleAssignment.objects.all().delete()
    m.Organisation.objects.filter(parent__isnull=False).delete()   # units before departments
    m.Organisation.objects.all().delete()
    m.Region.objects.filter(parent__isnull=False).delete()
    m.Region.objects.all().delete()


@pytest.mark.parametrize(("region", "org"), SEEDS)
def test_a_seed_downloaded_imported_into_an_empty_database_and_downloaded_again_is_the_same(
        client, region, org):
    budget = published(region, org)
    response = client.get(f"/disclosures/{region}/2026/{org}.xlsx")
    assert response.status_code == 200
    book = b"".join(response.streaming_content) if response.streaming else response.content
    document = budget_to_document(budget)

    empty_database()
    assert not m.Budget.objects.exists()
    upload = import_workbook(book, acting_user=system_user(), via="command", name="seed.xlsx")

    assert upload.status == m.UploadStatus.IMPORTED, upload.report.get("problems")
    assert (upload.fatal_count, upload.warning_count) == (0, 0)
    assert budget_to_document(upload.budget) == document
    assert sheet_values(write_workbook(upload.budget)) == sheet_values(book)


def test_the_demo_loader_imports_the_seeds_through_the_upload_importer():
    uploads = m.WorkbookUpload.objects.filter(status=m.UploadStatus.IMPORTED)
    assert sorted(u.budget.organisation.code for u in uploads) == ["213002", "213011", "503019"]
    assert all(u.uploaded_by.username == "demo-loader" for u in uploads)
    assert load_demo(log=lambda *a: None) == []   # idempotent: nothing imported twice


def test_the_published_workbook_is_cached_by_revision_and_revalidates_with_its_etag(client):
    url = "/disclosures/429006/2026/213011.xlsx"
    first = client.get(url)
    assert first["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in first["Content-Disposition"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert client.get("/disclosures/429006/2026/999999.xlsx").status_code == 404
