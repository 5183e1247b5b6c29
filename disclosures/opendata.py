"""Open data of published disclosures: the JSON of one budget, CSV per standard table, and
the Fiscal Data Package (datapackage.json + CSV) of a region and year.

Figures come from budgets.statements (never recomputed here) and are rounded to 万元 by
disclosures.presentation.numbers.wan, the portal's one rounding. docs/open-data.md documents
the formats; docs/schema/budget.schema.json is the JSON Schema of the budget JSON.
"""

import csv
import io

from django.urls import reverse

from budgets import statements
from budgets.exporting import budget_to_document, money
from budgets.models import (
    BasicExpenditureItem,
    Budget,
    EconomicCode,
    ExpenditureItem,
    FunctionCode,
    Fund,
    Status,
)
from budgets.statements import TABLE_TITLES, column_label

from .presentation.numbers import wan

SCHEMA_VERSION = 1

LEVEL_LABELS = {"total": "合计", "class": "类", "section": "款", "item": "项", "group": "分类",
                "unit": "单位", "department": "部门", "detail": "明细"}


def addresses(budget):
    org = budget.organisation
    kwargs = {"region": org.region.code, "year": budget.fiscal_year.year, "org": org.code}
    return {
        "page": reverse("disclosures:document", kwargs=kwargs),
        "json": reverse("disclosures:json", kwargs=kwargs),
        "pdf": reverse("disclosures:pdf", kwargs=kwargs),
        "xlsx": reverse("disclosures:xlsx", kwargs=kwargs),
        "csv": {key: reverse("disclosures:table_csv", kwargs={**kwargs, "table": key})
                for key in statements.TABLES},
    }


def table_json(table):
    return {
        "title": TABLE_TITLES[table.key],
        "columns": [{"key": c, "label": column_label(c)} for c in table.columns],
        "rows": [{"code": row.code, "name": row.name, "level": row.level,
                  "yuan": {c: money(row[c]) for c in table.columns},
                  "wan": {c: f"{wan(row[c]):f}" for c in table.columns}}
                 for row in table.rows],
    }


def budget_json(budget):
    """The open-data JSON of one public budget revision (docs/schema/budget.schema.json)."""
    tables = statements.all_tables(budget)
    document = budget_to_document(budget)
    year = budget.fiscal_year_id
    return {
        "schema_version": SCHEMA_VERSION,
        "title": budget.title,
        "region": document["region"],
        "year": document["year"],
        "scope": document["scope"],
        "organisation": document["organisation"],
        "revision": budget.revision,
        "status": budget.status,
        "published_at": budget.published_at.isoformat() if budget.published_at else None,
        "correction_reason": budget.correction_reason,
        "amount_units": {"yuan": "元，两位小数的精确数", "wan": "万元，由元四舍五入到两位小数"},
        "links": addresses(budget),
        "tables": {key: table_json(table) for key, table in tables.items()},
        "function_codes": dict(FunctionCode.objects.filter(year_id=year)
                               .filter(code__in=_function_codes(document))
                               .values_list("code", "name")),
        "economic_codes": dict(EconomicCode.objects.filter(year_id=year)
                               .filter(code__in=_economic_codes(document))
                               .values_list("code", "name")),
        "document": document,
    }


def _function_codes(document):
    codes = set()
    for item in document["expenditure"]:
        code = item["function"]
        codes.update({code[:3], code[:5], code})
    return sorted(codes)


def _economic_codes(document):
    codes = set()
    for item in document["basic_expenditure"]:
        codes.update({item["economic"][:3], item["economic"]})
    return sorted(codes)


def table_csv(budget, key):
    """One standard table as CSV: code, name, level, then each column in 元 and in 万元."""
    table = statements.TABLES[key](statements.BudgetData(budget))
    out = io.StringIO()
    out.write("\ufeff")    # Excel opens UTF-8 CSV correctly only with a BOM.
    writer = csv.writer(out)
    writer.writerow(["编码", "名称", "级次"]
                    + [f"{column_label(c)}（元）" for c in table.columns]
                    + [f"{column_label(c)}（万元）" for c in table.columns])
    for row in table.rows:
        writer.writerow([row.code, row.name, LEVEL_LABELS.get(row.level, row.level)]
                        + [money(row[c]) for c in table.columns]
                        + [f"{wan(row[c]):f}" for c in table.columns])
    return out.getvalue()


# --- Fiscal Data Package ---------------------------------------------------------------

EXPENDITURE_TYPES = (("personnel", "基本支出", "人员经费"), ("public", "基本支出", "公用经费"),
                     ("project", "项目支出", ""), ("operating", "事业单位经营支出", ""),
                     ("remit", "上缴上级支出", ""), ("subsidy", "对附属单位补助支出", ""))
FUNCTION_FIELDS = (
    "region_code", "region_name", "fiscal_year", "disclosure_org_code", "scope",
    "department_code", "department_name", "unit_code", "unit_name", "fund", "fund_name",
    "function_class_code", "function_class_name", "function_section_code",
    "function_section_name", "function_item_code", "function_item_name", "expenditure_type",
    "expenditure_subtype", "amount_yuan", "amount_wan")
ECONOMIC_FIELDS = (
    "region_code", "region_name", "fiscal_year", "disclosure_org_code", "scope",
    "department_code", "department_name", "economic_class_code", "economic_class_name",
    "economic_section_code", "economic_section_name", "cost_type", "amount_yuan", "amount_wan")


def public_budgets(region, year):
    """The current published revision of every disclosure of a region (and its sub-regions)
    in a year."""
    return (Budget.objects.filter(status=Status.PUBLISHED, fiscal_year__year=year)
            .filter(organisation__region__code=region)
            .select_related("organisation__region", "organisation__parent", "fiscal_year")
            .order_by("organisation__code", "scope"))


def _department(org):
    dept = org if org.kind == "department" or not org.parent_id else org.parent
    return dept.code, dept.name


def _names(model, year):
    return dict(model.objects.filter(year__year=year).values_list("code", "name"))


def function_rows(region, year):
    budgets = {b.pk: b for b in public_budgets(region, year)}
    names = _names(FunctionCode, year)
    items = (ExpenditureItem.objects.filter(budget_id__in=budgets)
             .select_related("unit__parent", "function_code").order_by("budget_id", "pk"))
    for item in items:
        budget = budgets[item.budget_id]
        org = budget.organisation
        code = item.function_code.code
        dept_code, dept_name = _department(item.unit)
        for column, kind, subtype in EXPENDITURE_TYPES:
            amount = getattr(item, column)
            if not amount:
                continue
            yield (org.region.code, org.region.name, year, org.code, budget.scope,
                   dept_code, dept_name, item.unit.code, item.unit.name, item.fund,
                   Fund(item.fund).label, code[:3], names.get(code[:3], ""), code[:5],
                   names.get(code[:5], ""), code, names.get(code, ""), kind, subtype,
                   money(amount), f"{wan(amount):f}")


def economic_rows(region, year):
    budgets = {b.pk: b for b in public_budgets(region, year)}
    names = _names(EconomicCode, year)
    items = (BasicExpenditureItem.objects.filter(budget_id__in=budgets)
             .select_related("economic_code").order_by("budget_id", "economic_code__code"))
    for item in items:
        budget = budgets[item.budget_id]
        org = budget.organisation
        code = item.economic_code.code
        dept_code, dept_name = _department(org)
        for column, label in (("personnel", "人员经费"), ("public", "公用经费")):
            amount = getattr(item, column)
            if amount:
                yield (org.region.code, org.region.name, year, org.code, budget.scope,
                       dept_code, dept_name, code[:3], names.get(code[:3], ""), code,
                       names.get(code, ""), label, money(amount), f"{wan(amount):f}")


def rows_csv(fields, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(fields)
    writer.writerows(rows)
    return out.getvalue()


def _field(name, kind="string", title=""):
    return {"name": name, "type": kind, "title": title or name}


def datapackage(region, year, urls):
    """The Fiscal Data Package descriptor (https://fiscal.datapackage.org) of a region's
    budgets in a year: one resource by function, one by economic classification."""
    number_fields = {"amount_yuan", "amount_wan"}

    def schema(fields):
        return {"fields": [_field(f, "number" if f in number_fields else
                                  "integer" if f == "fiscal_year" else "string")
                           for f in fields]}

    admin = {"attributes": {
        "department_code": {"source": "department_code", "title": "部门编码"},
        "department_name": {"source": "department_name", "title": "部门名称"}},
        "primaryKey": ["department_code"], "dimensionType": "entity",
        "classificationType": "administrative"}
    return {
        "profile": "fiscal-data-package",
        "name": f"budget-{region}-{year}",
        "title": f"{region} {year}年部门（单位）预算公开数据",
        "fiscalPeriod": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
        "currency": "CNY",
        "regionCode": region,
        "granularity": "transactional",
        "status": "approved",
        "licenses": [{"name": "public-disclosure", "title": "政府信息公开"}],
        "resources": [
            {"name": "expenditure-by-function", "path": urls["function"],
             "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
             "schema": schema(FUNCTION_FIELDS)},
            {"name": "basic-expenditure-by-economic", "path": urls["economic"],
             "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
             "schema": schema(ECONOMIC_FIELDS)},
        ],
        "model": {
            "measures": {"amount": {"source": "amount_yuan", "currency": "CNY",
                                    "title": "金额（元）"}},
            "dimensions": {
                "administrative": admin,
                "functional": {
                    "attributes": {
                        "class_code": {"source": "function_class_code", "title": "类"},
                        "class_name": {"source": "function_class_name", "labelfor": "class_code"},
                        "section_code": {"source": "function_section_code", "parent": "class_code"},
                        "item_code": {"source": "function_item_code", "parent": "section_code",
                                      "title": "项"},
                        "item_name": {"source": "function_item_name", "labelfor": "item_code"}},
                    "primaryKey": ["item_code"], "dimensionType": "classification",
                    "classificationType": "functional"},
                "economic": {
                    "attributes": {
                        "class_code": {"source": "economic_class_code", "title": "类"},
                        "section_code": {"source": "economic_section_code",
                                         "parent": "class_code", "title": "款"},
                        "section_name": {"source": "economic_section_name",
                                         "labelfor": "section_code"}},
                    "primaryKey": ["section_code"], "dimensionType": "classification",
                    "classificationType": "economic"},
                "fund": {"attributes": {"fund": {"source": "fund", "title": "资金性质"}},
                         "primaryKey": ["fund"], "dimensionType": "fact"},
                "date": {"attributes": {"year": {"source": "fiscal_year", "title": "年度"}},
                         "primaryKey": ["year"], "dimensionType": "datetime"},
            },
        },
    }

