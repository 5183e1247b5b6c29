"""Workbook uploads: every file an officer (or the batch command) sent, with its validation
report, kept whether it was imported or not, so that nothing they did is lost."""

from django.conf import settings
from django.db import models

from .budget import Budget
from .organisations import Organisation


class UploadStatus(models.TextChoices):
    REJECTED = "rejected", "无法读取"          # not a readable standard workbook
    INVALID = "invalid", "未通过校验"          # read, but fatal errors: cannot be imported
    PREVIEWED = "previewed", "待确认"          # read and checked; waiting for the officer
    IMPORTED = "imported", "已导入"
    DISCARDED = "discarded", "已放弃"          # a later upload or the officer dropped it


class WorkbookUpload(models.Model):
    file = models.FileField("工作簿文件", upload_to="uploads/workbooks/%Y/%m/", max_length=200)
    original_name = models.CharField("原文件名", max_length=255)
    size = models.PositiveIntegerField("文件大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    via = models.CharField("途径", max_length=20, help_text="上传、命令")
    organisation = models.ForeignKey(Organisation, verbose_name="单位", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    fiscal_year = models.PositiveIntegerField("预算年度", null=True, blank=True)
    budget = models.ForeignKey(Budget, verbose_name="预算", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="uploads")
    status = models.CharField("状态", max_length=12, choices=UploadStatus.choices)
    report = models.JSONField("校验报告", default=dict, blank=True,
                              help_text="problems: 问题列表；preview: 各表将新增、修改、删除的行")
    fatal_count = models.PositiveIntegerField("错误数", default=0)
    warning_count = models.PositiveIntegerField("提示数", default=0)
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    decided_at = models.DateTimeField("确认时间", null=True, blank=True)

    class Meta:
        verbose_name = "工作簿上传"
        verbose_name_plural = "工作簿上传"
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The upload list of an organisation (officers and reviewers), newest first.
            models.Index(fields=["organisation", "-created_at"], name="upload_org_recent"),
        ]

    def __str__(self):
        return f"{self.original_name}（{self.get_status_display()}）"


class WarningExplanation(models.Model):
    """An officer's written explanation of a validation warning; reviewers read it."""

    budget = models.ForeignKey(Budget, verbose_name="预算", on_delete=models.CASCADE,
                               related_name="warning_explanations")
    upload = models.ForeignKey(WorkbookUpload, verbose_name="上传", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="explanations")
    code = models.CharField("规则编号", max_length=12)
    where = models.CharField("位置", max_length=200, blank=True)
    message = models.TextField("提示内容")
    text = models.TextField("说明")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="说明人", null=True,
                               on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "校验提示说明"
        verbose_name_plural = "校验提示说明"
        ordering = ["budget", "created_at", "pk"]

    def __str__(self):
        return f"{self.code} {self.where}"
