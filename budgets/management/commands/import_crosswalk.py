from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from budgets.code_catalogs import CatalogImportError, read_catalog_file
from budgets.code_mappings import import_crosswalk


class Command(BaseCommand):
    help = ("从表格（CSV 或 XLSX，列：原年度、原科目编码、新年度、新科目编码、说明）"
            "导入两个年度之间的科目对照；同一年度对之前导入的对照被替换")

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["function", "economic"],
                            help="function 支出功能分类；economic 部门预算支出经济分类")
        parser.add_argument("path", type=Path)

    def handle(self, *args, kind, path, **options):
        if not path.exists():
            raise CommandError(f"找不到文件 {path}，请检查路径")
        try:
            result = import_crosswalk(read_catalog_file(path), kind=kind, source=path.name)
        except CatalogImportError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        self.stdout.write(f"导入科目对照 {result.totals.get('new', 0)} 条")
