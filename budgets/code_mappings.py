"""Importing the crosswalk between two catalog years (科目对照) from a spreadsheet.

One file per kind and pair of years, with the columns 原年度, 原科目编码, 新年度, 新科目编码 and
optionally 说明, one line per changed code (docs/catalog-crosswalk.md). Both catalogs must be
imported first: every code is checked against its year's catalog. Importing a file replaces
the lines of the year pairs it names, so a corrected file is simply imported again.
"""

import tablib
from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from .code_catalogs import import_all_or_nothing
from .models import CatalogKind, CodeMapping, EconomicCode, FiscalYear, FunctionCode

COLUMNS = ("原年度", "原科目编码", "新年度", "新科目编码", "说明")
# The level budgets are entered at: the crosswalk maps what budgets store (项 / 款).
LEAF_LENGTH = {CatalogKind.FUNCTION: 7, CatalogKind.ECONOMIC: 5}
CATALOGS = {CatalogKind.FUNCTION: FunctionCode, CatalogKind.ECONOMIC: EconomicCode}


class CodeMappingResource(resources.ModelResource):
    from_year = fields.Field(attribute="from_year", column_name="原年度",
                             widget=widgets.ForeignKeyWidget(FiscalYear, "year"))
    from_code = fields.Field(attribute="from_code", column_name="原科目编码")
    to_year = fields.Field(attribute="to_year", column_name="新年度",
                           widget=widgets.ForeignKeyWidget(FiscalYear, "year"))
    to_code = fields.Field(attribute="to_code", column_name="新科目编码")
    note = fields.Field(attribute="note", column_name="说明")

    kind = ""

    class Meta:
        model = CodeMapping
        import_id_fields = ("from_year", "from_code", "to_code")
        fields = ("from_year", "from_code", "to_year", "to_code", "note")
        export_order = ("from_year", "from_code", "to_year", "to_code", "note")
        skip_unchanged = False
        report_skipped = False
        use_transactions = True

    def get_queryset(self):
        return super().get_queryset().filter(kind=self.kind)

    def before_import(self, dataset, **kwargs):
        missing = [c for c in COLUMNS[:4] if c not in (dataset.headers or [])]
        if missing:
            raise ValidationError(f"缺少列：{'、'.join(missing)}；"
                                  f"对照表的列应为 {'、'.join(COLUMNS)}")
        # The file is the whole crosswalk of its year pairs: earlier lines of them go.
        pairs = {(str(a).strip(), str(b).strip())
                 for a, b in zip(dataset["原年度"], dataset["新年度"], strict=True)}
        for from_year, to_year in pairs:
            if from_year.isdigit() and to_year.isdigit():
                CodeMapping.objects.filter(kind=self.kind, from_year__year=int(from_year),
                                           to_year__year=int(to_year)).delete()

    def before_import_row(self, row, **kwargs):
        for key in COLUMNS:
            value = row.get(key)
            row[key] = "" if value is None else str(value).strip()
        from_year, to_year = row["原年度"], row["新年度"]
        if not (from_year.isdigit() and to_year.isdigit()):
            raise ValidationError("原年度和新年度应为四位年份，如 2025、2026")
        if int(to_year) != int(from_year) + 1:
            raise ValidationError(f"新年度应为原年度的下一年（原年度 {from_year}，新年度 "
                                  f"{to_year}）；跨多年的对照请逐年导入")
        catalog, length = CATALOGS[self.kind], LEAF_LENGTH[self.kind]
        level = "项" if self.kind == CatalogKind.FUNCTION else "款"
        for column, year, code, required in (("原科目编码", from_year, row["原科目编码"], True),
                                             ("新科目编码", to_year, row["新科目编码"], False)):
            if not code and not required:
                continue
            if not (code.isdigit() and len(code) == length):
                raise ValidationError(f"{column}“{code}”应为 {length} 位数字的{level}级科目")
            if not catalog.objects.filter(year__year=int(year), code=code).exists():
                raise ValidationError(f"{column} {code} 不在 {year} 年的"
                                      f"{CatalogKind(self.kind).label}科目目录中，"
                                      "请先导入该年度的科目目录或改正编码")

    def before_save_instance(self, instance, row, **kwargs):
        instance.kind = self.kind


class FunctionMappingResource(CodeMappingResource):
    kind = CatalogKind.FUNCTION

    class Meta(CodeMappingResource.Meta):
        name = "支出功能分类科目对照"


class EconomicMappingResource(CodeMappingResource):
    kind = CatalogKind.ECONOMIC

    class Meta(CodeMappingResource.Meta):
        name = "经济分类科目对照"


RESOURCES = {CatalogKind.FUNCTION: FunctionMappingResource,
             CatalogKind.ECONOMIC: EconomicMappingResource}


def import_crosswalk(dataset: tablib.Dataset, *, kind: str, source: str = ""):
    """Import one crosswalk file; all lines or none. Returns the import-export Result."""
    return import_all_or_nothing(RESOURCES[kind](), dataset, source=source)
