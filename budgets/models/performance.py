"""Performance goals (绩效目标) and the three-level indicator tree (绩效指标)."""

from django.db import models

from .budget import Budget
from .fields import money, position
from .history import audited
from .projects import AmountUnit, ProjectForm


class SpendingSplit(models.TextChoices):
    BASIC_PROJECT = "basic_project", "基本支出/项目支出"
    PROJECT_CLASS = "project_class", "人员类/运转类/特定目标类"


class OverallPerformance(models.Model):
    """整体支出绩效目标表: one per budget. Current-year money is computed from the budget."""

    budget = models.OneToOneField(Budget, on_delete=models.CASCADE,
                                  related_name="overall_performance", verbose_name="预算")
    title = models.CharField("表名", max_length=100, default="整体支出绩效目标表")
    amount_unit = models.CharField("金额单位", max_length=4, choices=AmountUnit.choices,
                                   default=AmountUnit.WAN_YUAN)
    fill_date = models.DateField("填报日期", null=True, blank=True)
    filler = models.CharField("填报人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    spending_split = models.CharField("支出构成口径", max_length=16,
                                      choices=SpendingSplit.choices,
                                      default=SpendingSplit.BASIC_PROJECT)
    functions_summary = models.TextField("部门职能概述", blank=True)
    annual_tasks = models.TextField("年度工作任务", blank=True)
    long_term_summary = models.TextField("长期目标", blank=True)
    annual_summary = models.TextField("年度目标", blank=True)

    history = audited()

    class Meta:
        verbose_name = "整体支出绩效目标表"
        verbose_name_plural = "整体支出绩效目标表"

    def __str__(self):
        return self.title


class OverallPerformanceProject(models.Model):
    """A row of the 项目支出情况 list of the overall form, as published."""

    overall = models.ForeignKey(OverallPerformance, on_delete=models.CASCADE,
                                related_name="projects", verbose_name="整体绩效")
    name = models.CharField("项目名称", max_length=200)
    project_type = models.CharField("项目类型", max_length=50, blank=True)
    total = money("项目总预算", null=True)
    current = money("项目本年度预算", null=True)
    purpose = models.TextField("主要支出方向和用途", blank=True)
    position = position()

    history = audited()

    class Meta:
        verbose_name = "整体绩效·项目支出情况"
        verbose_name_plural = "整体绩效·项目支出情况"
        ordering = ["position"]

    def __str__(self):
        return self.name


class GoalTerm(models.TextChoices):
    LONG = "long", "长期目标"
    ANNUAL = "annual", "年度目标"


class PerformanceGoal(models.Model):
    """A long-term or annual goal of the organisation (no form) or of a project form."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE,
                               related_name="performance_goals", verbose_name="预算")
    project_form = models.ForeignKey(ProjectForm, on_delete=models.CASCADE, null=True,
                                     blank=True, related_name="goals", verbose_name="项目表")
    term = models.CharField("目标类型", max_length=8, choices=GoalTerm.choices)
    label = models.CharField("目标名称", max_length=50, blank=True)
    text = models.TextField("目标内容", blank=True)
    position = position()

    history = audited()

    class Meta:
        verbose_name = "绩效目标"
        verbose_name_plural = "绩效目标"
        ordering = ["position"]

    def __str__(self):
        return self.label or self.get_term_display()


class PerformanceIndicator(models.Model):
    """A 三级 indicator under its 一级 (产出/效益/满意度) and 二级 (数量/质量/…) headings."""

    goal = models.ForeignKey(PerformanceGoal, on_delete=models.CASCADE,
                             related_name="indicators", verbose_name="绩效目标")
    level1 = models.CharField("一级指标", max_length=50, blank=True)
    level2 = models.CharField("二级指标", max_length=50, blank=True)
    name = models.CharField("三级指标", max_length=200, blank=True)
    value = models.TextField("指标值", blank=True)
    prior2 = models.TextField("前年指标值", blank=True)
    prior1 = models.TextField("上年指标值", blank=True)
    basis = models.TextField("指标值确定依据", blank=True)
    nature = models.CharField("指标性质", max_length=10, blank=True)
    unit = models.CharField("度量单位", max_length=20, blank=True)
    weight = models.CharField("权重", max_length=10, blank=True)
    direction = models.CharField("指标方向性", max_length=10, blank=True)
    position = position()

    history = audited()

    class Meta:
        verbose_name = "绩效指标"
        verbose_name_plural = "绩效指标"
        ordering = ["position"]

    def __str__(self):
        return " / ".join(p for p in (self.level1, self.level2, self.name) if p)
