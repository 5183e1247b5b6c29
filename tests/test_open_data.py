"""Open data: each published budget as JSON carrying every published figure and valid against
its documented schema, CSV per table, the search API, the Fiscal Data Package of a region and
year, the OpenAPI document and the sitemap; cached until the next publication."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from jsonschema import Draft202012Validator

from budgets import statements
from budgets.exporting import budget_to_document
from budgets.models import Budget, FunctionCode, Status
from disclosures.public_cache import refresh_stamp

from .seed_text import SEED_DIR, printed_figures
from .test_seed_figures import budget_for

pytestmark = pytest.mark.django_db
SEEDS = sorted(p.stem for p in SEED_DIR.glob("*.txt"))
SCHEMA = json.loads((Path(settings.BASE_DIR) / "docs/schema/budget.schema.json").read_text())


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def kwargs_of(budget):
    org = budget.organisation
    return {"region": org.region.code, "year": budget.fiscal_year.year, "org": org.code}


def budget_json(client, budget):
    response = client.get(reverse("disclosures:json", kwargs=kwargs_of(budget)))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def json_figure(tables, figure):
    """The 万元 figure the JSON gives for a printed figure, found as the seed tests find it."""
    table = tables[figure.table]
    if figure.row.startswith("name:"):
        name = figure.row.removeprefix("name:")
        row = next((r for r in table["rows"] if r["level"] == "item" and r["name"] == name),
                   None)
    elif figure.row == "" and figure.table != "overview":
        row = next(r for r in table["rows"] if r["level"] == "total")
    else:
        row = next((r for r in table["rows"] if r["code"] == figure.row), None)
    return Decimal(row["wan"][figure.column]) if row else Decimal(0)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_json_of_each_seed_validates_against_its_schema(seed, client):
    data = budget_json(client, budget_for(seed))
    errors = sorted(Draft202012Validator(SCHEMA).iter_errors(data), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


@pytest.mark.parametrize("seed", SEEDS)
def test_the_json_carries_every_published_figure_of_the_seed(seed, client):
    budget = budget_for(seed)
    data = budget_json(client, budget)
    classes = dict(FunctionCode.objects.filter(year=budget.fiscal_year, level="class")
                   .values_list("name", "code"))
    figures = list(printed_figures((SEED_DIR / f"{seed}.txt").read_text(encoding="utf-8"),
                                   classes))
    assert len(figures) > 100
    wrong = [f"{f}: JSON {json_figure(data['tables'], f)}" for f in figures
             if json_figure(data["tables"], f) != f.value]
    assert not wrong, "\n".join(wrong[:20])


def test_the_json_gives_exact_yuan_beside_wan_and_the_full_document(client):
    budget = budget_for("tianmen-social-insurance-bureau-2026")
    data = budget_json(client, budget)
    three = data["tables"]["three_public"]["rows"][0]
    assert (three["yuan"]["total"], three["wan"]["total"]) == ("44200.00", "4.42")
    assert data["document"] == json.loads(json.dumps(budget_to_document(budget)))
    assert data["function_codes"]["208"] == "社会保障和就业支出"
    assert data["organisation"]["name"] == "天门市社会保险事业管理局"


def test_each_table_downloads_as_csv_with_yuan_and_wan(client):
    budget = budget_for("tianmen-hrss-info-center-2026")
    for key in statements.TABLES:
        response = client.get(reverse("disclosures:table_csv",
                                      kwargs={**kwargs_of(budget), "table": key}))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        table = statements.TABLES[key](statements.BudgetData(budget))
        assert len(rows) == len(table.rows) + 1
        assert rows[0][:3] == ["编码", "名称", "级次"]
    response = client.get(reverse("disclosures:table_csv",
                                  kwargs={**kwargs_of(budget), "table": "expenditure"}))
    total = next(r for r in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
                 if r[2] == "合计")
    assert total[3] == "1061440.00"     # 支出总表 合计, 元
    assert "106.14" in total            # and 万元, as printed in the seed


def test_an_unknown_table_or_budget_is_not_found(client):
    budget = budget_for("tianmen-hrss-info-center-2026")
    assert client.get(reverse("disclosures:table_csv", kwargs={
        **kwargs_of(budget), "table": "nonsense"})).status_code == 404
    assert client.get(reverse("disclosures:json", kwargs={
        "region": "429006", "year": 2026, "org": "999999"})).status_code == 404


def test_the_api_lists_and_searches_with_pagination(client, django_assert_num_queries):
    with django_assert_num_queries(4):    # publication stamp, count, page, projects
        response = client.get(reverse("disclosures:api_list"), {"q": "社保"})
    data = response.json()
    assert (data["count"], data["page"], data["pages"]) == (1, 1, 1)
    hit = data["results"][0]
    assert hit["organisation"]["name"] == "天门市社会保险事业管理局"
    assert hit["matching_projects"] == ["社保工作经费"]
    assert hit["three_public_total"] == {"yuan": "44200.00", "wan": "4.42"}
    assert client.get(hit["json_url"]).status_code == 200
    everything = client.get(reverse("disclosures:api_list")).json()
    assert everything["count"] == Budget.objects.filter(status=Status.PUBLISHED).count()


def test_the_api_explains_a_bad_parameter(client):
    response = client.get(reverse("disclosures:api_list"), {"year": "明年"})
    assert response.status_code == 400
    assert "年度应为四位数字" in response.json()["error"]


def test_the_openapi_document_describes_every_endpoint_and_each_answers(client):
    spec = client.get(reverse("disclosures:openapi")).json()
    assert spec["openapi"].startswith("3.")
    values = {"region": "429006", "year": "2026", "org": "213002", "table": "three_public"}
    for path in spec["paths"]:
        url = path.format(**values)
        assert client.get(url).status_code == 200, url
    docs = client.get(reverse("disclosures:api_docs"))
    assert docs.status_code == 200
    for path in spec["paths"]:
        assert path in docs.content.decode()


def test_the_fiscal_data_package_adds_up_to_the_standard_tables(client):
    package = client.get(reverse("disclosures:datapackage",
                                 kwargs={"region": "429006", "year": 2026})).json()
    assert package["profile"] == "fiscal-data-package"
    dimensions = package["model"]["dimensions"]
    assert {d.get("classificationType") for d in dimensions.values()} >= {
        "functional", "economic", "administrative"}
    by_budget = {}
    for resource in package["resources"]:
        text = client.get(resource["path"]).content.decode()
        rows = list(csv.DictReader(io.StringIO(text)))
        assert list(rows[0]) == [f["name"] for f in resource["schema"]["fields"]]
        if resource["name"] == "expenditure-by-function":
            for row in rows:
                key = row["disclosure_org_code"]
                by_budget[key] = by_budget.get(key, Decimal(0)) + Decimal(row["amount_yuan"])
    for budget in Budget.objects.filter(status=Status.PUBLISHED,
                                        organisation__region__code="429006"):
        overview = statements.overview(statements.BudgetData(budget))
        assert by_budget[budget.organisation.code] == overview.row(
            "expenditure_current")["amount"]


def test_the_sitemap_lists_every_published_disclosure(client):
    text = client.get("/sitemap.xml").content.decode()
    for budget in Budget.objects.filter(status=Status.PUBLISHED):
        assert reverse("disclosures:document", kwargs=kwargs_of(budget)) in text


def test_pages_are_cached_until_the_next_publication(client, django_assert_num_queries):
    budget = budget_for("tianmen-hrss-info-center-2026")
    url = reverse("disclosures:json", kwargs=kwargs_of(budget))
    first = client.get(url)
    with django_assert_num_queries(0):
        again = client.get(url)
        revalidated = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.content == first.content
    assert revalidated.status_code == 304
    assert first["Last-Modified"]
    refresh_stamp(budget=budget)       # what budgets.workflow.published triggers
    fresh = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert fresh.status_code == 200 and fresh["ETag"] != first["ETag"]
