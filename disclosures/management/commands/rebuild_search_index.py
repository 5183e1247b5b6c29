from django.core.management.base import BaseCommand

from disclosures.search_index import rebuild


class Command(BaseCommand):
    help = ("重建公开查询索引：为每个已公开的预算版本生成一条查询记录（批量导入绕过审核流程后、"
            "或索引与公开数据不一致时运行；可重复运行）")

    def handle(self, *args, **options):
        written = rebuild(log=self.stdout.write)
        self.stdout.write(f"查询索引已重建：{written} 份已公开预算")
