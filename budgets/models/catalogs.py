"""The two code catalogs of 《政府收支分类科目》, one set per fiscal year."""

from django.db import models

from .organisations import FiscalYear


class CodeLevel(models.TextChoices):
    CLASS = "class", "类"
    SECTION = "section", "款"
    ITEM = "item", "项"


class CatalogCode(models.Model):
    year = models.ForeignKey(FiscalYear, verbose_name="年度", on_delete=models.PROTECT)
    code = models.CharField("科目编码", max_length=7)
    name = models.CharField("科目名称", max_length=100)
    description = models.TextField("说明", blank=True)
    level = models.CharField("级次", max_length=8, choices=CodeLevel.choices)
    parent = models.ForeignKey("self", verbose_name="上级科目", null=True, blank=True,
                               on_delete=models.CASCADE, related_name="children")

    class Meta:
        abstract = True
        ordering = ["year", "code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def class_code(self):
        return self.code[:3]


class FunctionCode(CatalogCode):
    """支出功能分类科目: 类 (3 digits) → 款 (5) → 项 (7)."""

    class Meta(CatalogCode.Meta):
        verbose_name = "支出功能分类科目"
        verbose_name_plural = "支出功能分类科目"
        constraints = [
            # Import and the budget forms look codes up by (year, code).
            models.UniqueConstraint(fields=["year", "code"], name="function_code_per_year"),
        ]


class EconomicCode(CatalogCode):
    """部门预算支出经济分类科目: 类 (3 digits) → 款 (5)."""

    class Meta(CatalogCode.Meta):
        verbose_name = "部门预算支出经济分类科目"
        verbose_name_plural = "部门预算支出经济分类科目"
        constraints = [
            models.UniqueConstraint(fields=["year", "code"], name="economic_code_per_year"),
        ]


FUNCTION_LEVELS = {3: CodeLevel.CLASS, 5: CodeLevel.SECTION, 7: CodeLevel.ITEM}
ECONOMIC_LEVELS = {3: CodeLevel.CLASS, 5: CodeLevel.SECTION}
