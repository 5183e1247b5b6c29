"""python manage.py import_workbook PATH --region CODE --year YEAR: import standard workbooks
in batch. PATH is an .xlsx file or a directory of them. Each file goes through the same flow
as an upload in the admin (read, validate, preview, confirm) and is kept with its report."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from budgets import audit
from budgets.demo import system_user
from budgets.importing.upload import import_workbook, warnings_of
from budgets.models import UploadStatus


class Command(BaseCommand):
    help = "批量导入标准格式工作簿（.xlsx 文件或包含 .xlsx 的目录），每个文件校验通过后整体导入"

    def add_arguments(self, parser):
        parser.add_argument("path", help="工作簿文件或目录")
        parser.add_argument("--region", required=True, help="区划代码，须与工作簿封面一致")
        parser.add_argument("--year", required=True, type=int, help="预算年度，须与工作簿封面一致")
        parser.add_argument("--explanation", default="",
                            help="对校验提示（非错误）的统一说明；不提供时，有提示的工作簿不导入，"
                                 "留待在后台逐条说明后确认")

    def handle(self, *args, path, region, year, explanation, **options):
        root = Path(path)
        if root.is_dir():
            files = sorted(p for p in root.iterdir() if p.suffix.lower() == ".xlsx")
        elif root.is_file():
            files = [root]
        else:
            raise CommandError(f"找不到“{path}”：请给出 .xlsx 文件或包含 .xlsx 文件的目录")
        if not files:
            raise CommandError(f"目录“{path}”中没有 .xlsx 文件")
        actor = system_user()
        failed = 0
        for file in files:
            upload = import_workbook(file.read_bytes(), acting_user=actor, via=audit.VIA_COMMAND,
                                     name=file.name, region=region, year=year,
                                     explanation=explanation)
            if upload.status == UploadStatus.IMPORTED:
                self.stdout.write(f"已导入：{file.name} → {upload.budget}"
                                  + (f"（{upload.warning_count} 条提示已说明）"
                                     if upload.warning_count else ""))
                continue
            failed += 1
            self.stderr.write(f"未导入：{file.name}（{upload.get_status_display()}，"
                              f"上传记录 #{upload.pk}）")
            problems = upload.report.get("problems", [])
            if upload.status == UploadStatus.PREVIEWED:
                problems = [w.as_dict() for w in warnings_of(upload)]
                self.stderr.write("  有校验提示，请用 --explanation 说明，或在后台逐条说明后确认：")
            for problem in problems:
                where = f"{problem['where']}：" if problem.get("where") else ""
                self.stderr.write(f"  [{problem.get('code', '')}] {where}{problem['message']}")
        imported = len(files) - failed
        self.stdout.write(f"共 {len(files)} 个文件，导入 {imported} 个，未导入 {failed} 个")
        if failed:
            raise CommandError(f"{failed} 个工作簿未导入，见上方说明")
