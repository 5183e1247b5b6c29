from django.core.management.base import BaseCommand

from budgets.demo import load_demo


class Command(BaseCommand):
    help = "加载演示数据：科目目录与三份样例预算公开文件（幂等，可重复运行）"

    def handle(self, *args, **options):
        load_demo(log=self.stdout.write)
