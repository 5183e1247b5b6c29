"""Generated documents of a published budget revision (PDF, Excel, JSON), kept in storage.

A revision never changes once published, so each document is generated once and served from
storage (a file system by default, object storage in production) for as long as it exists.
"""

from django.db import models

from budgets.models import Budget


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
