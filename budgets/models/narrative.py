"""The facts behind the narrative parts: personnel, procurement, assets, prior-year figures,
the text people type, and the glossary."""

from django.db import models

from .budget import Budget
from .catalogs import FunctionCode
from .fields import money, position
from .history import audited


class PersonnelCategory(models.TextChoices):
    AUTHORISED = "authorised", "编制人数"
    IN_SERVICE = "in_service", "在职实有人数"
    RETIRED = "retired", "离退休人员"


class PersonnelCount(models.Model):
    """人员构成: a category total (kind blank) or one printed sub-kind of it."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="personnel",
                               verbose_name="预算")
    category = models.CharField("类别", max_length=12, choices=PersonnelCategory.choices)
    kind = models.CharField("其中", max_length=50, blank=True)
    count = models.PositiveIntegerField("人数")
    position = position()

    history = audited()

    class Meta:
        verbose_name = "人员构成"
        verbose_name_plural = "人员构成"
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "category", "kind"],
                                    name="one_personnel_count"),
        ]

    def __str__(self):
        return f"{self.get_category_display()} {self.kind}".strip()


class ProcurementBudget(models.Model):
    """政府采购预算 by goods, works and services."""

    budget = models.OneToOneField(Budget, on_delete=models.CASCADE, related_name="procurement",
                                  verbose_name="预算")
    goods = money("货物类")
    works = money("工程类")
    services = money("服务类")

    history = audited()

    class Meta:
        verbose_name = "政府采购预算"
        verbose_name_plural = "政府采购预算"

    def __str__(self):
        return "政府采购预算"

    @property
    def total(self):
        return self.goods + self.works + self.services


class AssetHolding(models.Model):
    """国有资产占用情况; blank where the document does not state a figure."""

    budget = models.OneToOneField(Budget, on_delete=models.CASCADE, related_name="assets",
                                  verbose_name="预算")
    total = money("资产总额", null=True)
    fixed = money("固定资产", null=True)
    vehicles = models.PositiveIntegerField("车辆数", null=True, blank=True)
    large_equipment = models.PositiveIntegerField("单价100万元以上设备", null=True, blank=True)
    disposed = money("处置国有资产", null=True)

    history = audited()

    class Meta:
        verbose_name = "国有资产占用"
        verbose_name_plural = "国有资产占用"

    def __str__(self):
        return "国有资产占用"


class Measure(models.TextChoices):
    REVENUE_TOTAL = "revenue_total", "收入总额"
    EXPENDITURE_TOTAL = "expenditure_total", "支出总额"
    GENERAL_BUDGET_TOTAL = "general_budget_total", "一般公共预算拨款"
    BASIC_TOTAL = "basic_total", "基本支出"
    PROJECT_TOTAL = "project_total", "项目支出"
    PERSONNEL_TOTAL = "personnel_total", "人员经费"
    PUBLIC_TOTAL = "public_total", "公用经费"
    FUNCTION = "function", "功能科目"
    THREE_PUBLIC_TOTAL = "three_public_total", "“三公”经费合计"
    THREE_PUBLIC_OVERSEAS = "three_public_overseas", "因公出国（境）费"
    THREE_PUBLIC_VEHICLE = "three_public_vehicle", "公务用车购置及运行费"
    THREE_PUBLIC_VEHICLE_PURCHASE = "three_public_vehicle_purchase", "公务用车购置费"
    THREE_PUBLIC_VEHICLE_OPERATION = "three_public_vehicle_operation", "公务用车运行费"
    THREE_PUBLIC_RECEPTION = "three_public_reception", "公务接待费"
    RUNNING_COST_TOTAL = "running_cost_total", "机关运行经费"
    PROCUREMENT_TOTAL = "procurement_total", "政府采购预算"
    REVENUE_FISCAL = "revenue_fiscal", "收入·财政拨款"
    REVENUE_OTHER = "revenue_other", "收入·其他资金"
    REVENUE_FISCAL_SPECIAL = "revenue_fiscal_special", "收入·财政专户管理资金"
    REVENUE_UNIT_FUNDS = "revenue_unit_funds", "收入·单位资金"
    EXPENDITURE_BASIC = "expenditure_basic", "支出·基本支出"
    EXPENDITURE_PROJECT = "expenditure_project", "支出·项目支出"
    EXPENDITURE_PERSONNEL_CLASS = "expenditure_personnel_class", "支出·人员类项目"
    EXPENDITURE_OPERATING_CLASS = "expenditure_operating_class", "支出·运转类项目"
    EXPENDITURE_SPECIFIC_CLASS = "expenditure_specific_class", "支出·特定目标类项目"
    PROJECT = "project", "项目"


class PriorYearFigure(models.Model):
    """A published figure of an earlier year, for year-on-year comparison. Used only where
    the portal holds no budget of that year for the organisation."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="prior_figures",
                               verbose_name="预算")
    year = models.PositiveSmallIntegerField("年度")
    measure = models.CharField("口径", max_length=40, choices=Measure.choices)
    code = models.CharField("科目编码/项目", max_length=200, blank=True)
    amount = money("金额（元）", non_negative=False)

    history = audited()

    class Meta:
        verbose_name = "以前年度数"
        verbose_name_plural = "以前年度数"
        ordering = ["year", "measure", "code"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "year", "measure", "code"],
                                    name="one_prior_figure"),
        ]

    def __str__(self):
        return f"{self.year} {self.get_measure_display()} {self.code}".strip()


class NarrativeText(models.Model):
    """Text that people type: duties, structure, the reasons for changes, descriptions.
    Keys are listed in docs/document-format.md."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="narrative",
                               verbose_name="预算")
    key = models.CharField("栏目", max_length=80)
    text = models.TextField("内容", blank=True)

    history = audited()

    class Meta:
        verbose_name = "说明文字"
        verbose_name_plural = "说明文字"
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "key"], name="one_narrative_text"),
        ]

    def __str__(self):
        return self.key


class PublishedNarrative(models.Model):
    """A section of a narrative as the organisation published it, kept verbatim so that the
    text checker can compare its figures with the data."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE,
                               related_name="published_narrative", verbose_name="预算")
    section = models.CharField("章节", max_length=200)
    text = models.TextField("原文")
    position = position()

    history = audited()

    class Meta:
        verbose_name = "公开说明原文"
        verbose_name_plural = "公开说明原文"
        ordering = ["position"]

    def __str__(self):
        return self.section


class GlossaryTerm(models.Model):
    """名词解释, in published order."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="glossary",
                               verbose_name="预算")
    term = models.CharField("名词", max_length=200)
    definition = models.TextField("解释")
    function_code = models.ForeignKey(FunctionCode, verbose_name="所释科目", null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="+")
    position = position()

    history = audited()

    class Meta:
        verbose_name = "名词解释"
        verbose_name_plural = "名词解释"
        ordering = ["position"]

    def __str__(self):
        return self.term
