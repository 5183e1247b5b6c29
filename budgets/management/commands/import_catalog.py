from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from budgets.code_catalogs import CatalogImportError, import_catalog, read_catalog_file


class Command(BaseCommand):
    help = "从表格（CSV 或 XLSX，列：年度、科目编码、科目名称、说明）导入科目目录"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["function", "economic"],
                            help="function 支出功能分类；economic 部门预算支出经济分类")
        parser.add_argument("path", type=Path)

    def handle(self, *args, kind, path, **options):
        try:
            result = import_catalog(read_catalog_file(path), kind=kind, source=path.name)
        except CatalogImportError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        totals = result.totals
        self.stdout.write(f"新增 {totals.get('new', 0)}，更新 {totals.get('update', 0)}")
