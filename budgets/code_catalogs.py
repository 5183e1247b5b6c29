"""Importing the code catalogs (支出功能分类, 部门预算支出经济分类) from a spreadsheet.

The spreadsheet has the columns 年度, 科目编码, 科目名称 and optionally 说明, one row per code.
The level and the parent come from the code itself (类 3 digits, 款 5, 项 7), so a catalog can
be imported in any row order as long as every parent is in the file or already stored.
"""

from pathlib import Path

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from import_export import fields, resources, widgets

from .models import EconomicCode, FiscalYear, FunctionCode
from .models.catalogs import ECONOMIC_LEVELS, FUNCTION_LEVELS

CATALOG_DIR = Path(__file__).resolve().parent / "catalogs"


class CatalogResource(resources.ModelResource):
    year = fields.Field(attribute="year", column_name="年度",
                        widget=widgets.ForeignKeyWidget(FiscalYear, "year"))
    code = fields.Field(attribute="code", column_name="科目编码")
    name = fields.Field(attribute="name", column_name="科目名称")
    description = fields.Field(attribute="description", column_name="说明")

    levels: dict = {}

    class Meta:
        import_id_fields = ("year", "code")
        fields = ("year", "code", "name", "description")
        export_order = ("year", "code", "name", "description")
        skip_unchanged = True
        report_skipped = False
        use_transactions = True

    def before_import(self, dataset, **kwargs):
        # Years are created on first use; parents must be imported before their children.
        for year in {str(y).strip() for y in dataset["年度"] if str(y).strip()}:
            if year.isdigit():
                FiscalYear.objects.get_or_create(year=int(year))
        dataset_sorted = sorted(dataset.dict, key=lambda r: str(r.get("科目编码", "")).strip())
        dataset.wipe()
        dataset.headers = list(dataset_sorted[0].keys()) if dataset_sorted else []
        for row in dataset_sorted:
            dataset.append([row[h] for h in dataset.headers])

    def before_import_row(self, row, **kwargs):
        for key in ("年度", "科目编码", "科目名称", "说明"):
            if row.get(key) is not None:
                row[key] = str(row[key]).strip()
        row.setdefault("说明", "")
        code = row.get("科目编码", "")
        if not code.isdigit() or len(code) not in self.levels:
            lengths = "/".join(str(n) for n in sorted(self.levels))
            raise ValidationError(f"科目编码“{code}”应为 {lengths} 位数字")
        if not row.get("科目名称"):
            raise ValidationError(f"科目编码 {code} 缺少科目名称")

    def before_save_instance(self, instance, row, **kwargs):
        model = type(instance)
        instance.level = self.levels[len(instance.code)]
        parent_length = max((n for n in self.levels if n < len(instance.code)), default=None)
        instance.parent = None
        if parent_length:
            parent_code = instance.code[:parent_length]
            instance.parent = model.objects.filter(year=instance.year, code=parent_code).first()
            if instance.parent is None:
                raise ValidationError(
                    f"科目 {instance.code} 的上级科目 {parent_code} 不在 "
                    f"{instance.year.year} 年目录中，请先导入上级科目")


class FunctionCodeResource(CatalogResource):
    levels = FUNCTION_LEVELS

    class Meta(CatalogResource.Meta):
        model = FunctionCode


class EconomicCodeResource(CatalogResource):
    levels = ECONOMIC_LEVELS

    class Meta(CatalogResource.Meta):
        model = EconomicCode


RESOURCES = {"function": FunctionCodeResource, "economic": EconomicCodeResource}


class CatalogImportError(Exception):
    def __init__(self, messages):
        super().__init__("\n".join(messages))
        self.messages = messages


def import_catalog(dataset: tablib.Dataset, *, kind: str, source: str = ""):
    """Import one catalog; all rows or none. Returns the import-export Result."""
    return import_all_or_nothing(RESOURCES[kind](), dataset, source=source)


def import_all_or_nothing(resource, dataset: tablib.Dataset, *, source: str = ""):
    """Import a dataset through a resource; on any row error nothing is kept and
    CatalogImportError lists the rows (of `source`) with what is wrong."""
    with transaction.atomic():
        result = resource.import_data(dataset, dry_run=False, raise_errors=False,
                                      use_transactions=True)
        messages = catalog_errors(result, source)
        if messages:
            transaction.set_rollback(True)
            raise CatalogImportError(messages)
    return result


def catalog_errors(result, source=""):
    """Readable messages naming the spreadsheet row (the header is row 1)."""
    prefix = f"{source}：" if source else ""
    messages = [f"{prefix}{error.error}" for error in result.base_errors]
    for line, errors in result.row_errors():
        for error in errors:
            messages.append(f"{prefix}第 {line + 1} 行：{error.error}")
    for invalid in result.invalid_rows:
        for field, errs in invalid.error_dict.items():
            messages.append(f"{prefix}第 {invalid.number + 1} 行 {field}：{'；'.join(errs)}")
    return messages


def read_catalog_file(path: Path) -> tablib.Dataset:
    fmt = "xlsx" if path.suffix.lower() == ".xlsx" else "csv"
    mode = "rb" if fmt == "xlsx" else "r"
    with open(path, mode, **({} if fmt == "xlsx" else {"encoding": "utf-8-sig"})) as fh:
        return tablib.Dataset().load(fh.read(), format=fmt)


def load_shipped_catalogs():
    """Import every catalog file shipped in budgets/catalogs/ (function-YYYY, economic-YYYY)."""
    for path in sorted(CATALOG_DIR.glob("*.csv")):
        kind = path.stem.split("-")[0]
        import_catalog(read_catalog_file(path), kind=kind, source=path.name)
