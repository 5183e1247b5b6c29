"""Who publishes: administrative regions and the departments and units inside them."""

from django.db import models


class Region(models.Model):
    """An administrative division (行政区划), at any level: province, city, district."""

    code = models.CharField("区划代码", max_length=12, unique=True)
    name = models.CharField("区划名称", max_length=100)
    parent = models.ForeignKey(
        "self", verbose_name="上级区划", null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class OrganisationKind(models.TextChoices):
    DEPARTMENT = "department", "部门"
    UNIT = "unit", "单位"


class Organisation(models.Model):
    """A department (部门, 一级预算单位) or a unit (单位) it owns; codes are per region."""

    region = models.ForeignKey(Region, verbose_name="行政区划", on_delete=models.PROTECT,
                               related_name="organisations")
    code = models.CharField("单位代码", max_length=32)
    name = models.CharField("单位名称", max_length=200)
    kind = models.CharField("类型", max_length=12, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="主管部门", null=True, blank=True, on_delete=models.PROTECT,
        related_name="units",
    )

    class Meta:
        verbose_name = "预算单位"
        verbose_name_plural = "预算单位"
        ordering = ["region__code", "code"]
        constraints = [
            # The disclosure URL is /<region-code>/<year>/<org-code>/: the code must be unique
            # within its region (the same code is reused by other regions).
            models.UniqueConstraint(fields=["region", "code"], name="organisation_code_per_region"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"


class FiscalYear(models.Model):
    """A fiscal year; the code catalogs and budgets hang off it."""

    year = models.PositiveSmallIntegerField("年度", unique=True)

    class Meta:
        verbose_name = "预算年度"
        verbose_name_plural = "预算年度"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}年"
