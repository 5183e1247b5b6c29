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


class CatalogKind(models.TextChoices):
    FUNCTION = "function", "支出功能分类"
    ECONOMIC = "economic", "部门预算支出经济分类"


class CodeMapping(models.Model):
    """One line of the crosswalk between two catalog years (科目对照): a code of the earlier
    year and the later year's code its spending is counted under. Several lines from one code
    mean it was split, several codes onto one that they were merged, a line without a later
    code that it was abolished. Codes not listed keep their code. budgets/crosswalk.py applies
    the lines; docs/catalog-crosswalk.md describes how amounts are attributed."""

    kind = models.CharField("科目类别", max_length=10, choices=CatalogKind.choices)
    from_year = models.ForeignKey(FiscalYear, verbose_name="原年度", on_delete=models.PROTECT,
                                  related_name="+")
    from_code = models.CharField("原科目编码", max_length=7)
    to_year = models.ForeignKey(FiscalYear, verbose_name="新年度", on_delete=models.PROTECT,
                                related_name="+")
    to_code = models.CharField("新科目编码", max_length=7, blank=True,
                               help_text="留空表示该科目已取消，新年度没有对应科目")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "科目对照（跨年度）"
        verbose_name_plural = "科目对照（跨年度）"
        ordering = ["kind", "from_year", "from_code", "to_code"]
        constraints = [
            # The import identifies a line by these; its leading columns also serve the
            # crosswalk's load of one kind between two years.
            models.UniqueConstraint(fields=["kind", "from_year", "from_code", "to_code"],
                                    name="one_code_mapping"),
        ]

    def __str__(self):
        return f"{self.from_code} → {self.to_code or '（取消）'}"
