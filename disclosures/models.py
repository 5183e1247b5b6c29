"""Generated documents of a published budget revision (PDF, Excel, JSON), kept in storage.

A revision never changes once published, so each document is generated once and served from
storage (a file system by default, object storage in production) for as long as it exists.
"""

from django.db import models

from budgets.models import Budget, Organisation


class DisclosureKind(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "Excel"
    JSON = "json", "JSON"


def disclosure_upload_to(instance, filename):
    """region/year/org/revision/<kind>: one folder per revision, so files of two revisions
    never overwrite each other and an old revision's file stays where it was."""
    budget = instance.budget
    org = budget.organisation
    return (f"disclosures/{org.region.code}/{budget.fiscal_year.year}/{org.code}/"
            f"{budget.scope}-r{budget.revision}/{filename}")


class DisclosureFile(models.Model):
    """One generated document of one budget revision."""

    budget = models.ForeignKey(Budget, verbose_name="预算", on_delete=models.CASCADE,
                               related_name="files")
    kind = models.CharField("文件类型", max_length=8, choices=DisclosureKind.choices)
    file = models.FileField("文件", upload_to=disclosure_upload_to, max_length=300)
    sha256 = models.CharField("SHA-256", max_length=64,
                              help_text="文件内容的摘要，用作下载的 ETag")
    size = models.PositiveIntegerField("大小（字节）")
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = "公开文件"
        verbose_name_plural = "公开文件"
        constraints = [
            # The download views and the generation task look a file up by (budget, kind), and
            # the task relies on this constraint so that two workers never store two copies.
            models.UniqueConstraint(fields=["budget", "kind"], name="one_file_per_budget_kind"),
        ]

    def __str__(self):
        return f"{self.budget} {self.get_kind_display()}"


class SearchEntry(models.Model):
    """What the public search matches for one published revision, in one row: the
    names, codes and function classes that otherwise take joins over organisations, projects
    and 400,000 expenditure rows at province scale. Kept by disclosures.search_index on
    publication, correction and renaming; the figures shown stay computed from the facts."""

    budget = models.OneToOneField(Budget, verbose_name="预算", primary_key=True,
                                  on_delete=models.CASCADE, related_name="search_entry")
    # Region and department filters select organisations first, then their entries.
    organisation = models.ForeignKey(Organisation, verbose_name="预算单位",
                                     on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    published_at = models.DateTimeField("公开时间")
    # A query matches the start of a unit code (430105 → its units): prefix LIKE, for which
    # PostgreSQL also gets a varchar_pattern_ops index from db_index.
    unit_code = models.CharField("单位代码", max_length=32, db_index=True)
    # A query equal to a department code finds its units' budgets.
    department_code = models.CharField("主管部门代码", max_length=32, blank=True, db_index=True)
    names = models.TextField("名称", help_text="单位名称、主管部门名称和各项目名称，每行一个")
    project_codes = models.TextField("项目编码", blank=True,
                                     help_text="大写，每行一个，首尾各有一个换行")
    function_classes = models.TextField("支出功能分类（类）",
                                        help_text="有支出的类级科目，以空格分隔，首尾各有一个空格")

    class Meta:
        verbose_name = "查询索引"
        verbose_name_plural = "查询索引"
        indexes = [
            # Results are listed newest first, a page at a time (LIMIT without sorting all).
            models.Index(fields=["-published_at", "-budget"], name="search_newest"),
            # The same within one year, the filter most searches carry.
            models.Index(fields=["year", "-published_at", "-budget"], name="search_year_newest"),
        ]
        # The substring matches on names and project codes are served on PostgreSQL by
        # bigram GIN indexes created in migration 0003_search_entries.

    def __str__(self):
        return str(self.budget_id)
