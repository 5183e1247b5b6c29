"""Projects (项目支出表) and their application / performance forms."""

from django.db import models

from .budget import APPROPRIATION_FUNDS, Budget
from .catalogs import EconomicCode, FunctionCode
from .fields import money, position
from .history import audited
from .organisations import Organisation


class ProjectCategory(models.TextChoices):
    PERSONNEL = "personnel", "人员类"
    OPERATING = "operating", "运转类"
    SPECIFIC = "specific", "特定目标类"
    UNKNOWN = "", "未分类"


class Project(models.Model):
    """A row of 项目支出表: one project with its amounts by fund."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="projects",
                               verbose_name="预算")
    unit = models.ForeignKey(Organisation, verbose_name="项目单位", on_delete=models.PROTECT,
                             related_name="+")
    code = models.CharField("项目编码", max_length=40, blank=True)
    name = models.CharField("项目名称", max_length=200)
    group_code = models.CharField("项目分类/上级项目编码", max_length=40, blank=True)
    group_name = models.CharField("项目分类/上级项目名称", max_length=200, blank=True)
    category = models.CharField("项目类别", max_length=12, choices=ProjectCategory.choices,
                                blank=True)
    function_code = models.ForeignKey(FunctionCode, verbose_name="功能分类科目", null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="+")
    current_general = money("本年拨款·一般公共预算")
    current_gov_fund = money("本年拨款·政府性基金预算")
    current_soe = money("本年拨款·国有资本经营预算")
    carryover_general = money("结转结余·一般公共预算")
    carryover_gov_fund = money("结转结余·政府性基金预算")
    carryover_soe = money("结转结余·国有资本经营预算")
    fiscal_special = money("财政专户管理资金")
    unit_funds = money("单位资金")
    position = position()

    AMOUNT_FIELDS = ("current_general", "current_gov_fund", "current_soe", "carryover_general",
                     "carryover_gov_fund", "carryover_soe", "fiscal_special", "unit_funds")

    history = audited()

    class Meta:
        verbose_name = "项目"
        verbose_name_plural = "项目"
        ordering = ["position"]
        indexes = [
            # Public search looks projects up by name across budgets.
            models.Index(fields=["name"], name="project_name"),
        ]

    def __str__(self):
        return self.name

    @property
    def total(self):
        return sum(getattr(self, f) for f in self.AMOUNT_FIELDS)


class ProjectEconomicItem(models.Model):
    """项目支出 by economic 款 and appropriation fund (四川 表2-1). Optional: a budget either
    lists none, or lists each fund's project appropriations in full (validation V210)."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE,
                               related_name="project_economic_items", verbose_name="预算")
    fund = models.CharField("资金性质", max_length=20,
                            choices=[(f.value, f.label) for f in APPROPRIATION_FUNDS])
    economic_code = models.ForeignKey(EconomicCode, verbose_name="经济分类科目",
                                      on_delete=models.PROTECT, related_name="+")
    amount = money("金额（元）")

    history = audited()

    class Meta:
        verbose_name = "项目支出（经济分类）"
        verbose_name_plural = "项目支出（经济分类）"
        constraints = [
            # One row per fund and 款: the table sums rows, a second row would be counted twice.
            models.UniqueConstraint(fields=["budget", "fund", "economic_code"],
                                    name="one_project_economic_row"),
        ]

    def __str__(self):
        return f"{self.economic_code.code} {self.get_fund_display()}"


class AmountUnit(models.TextChoices):
    YUAN = "元", "元"
    WAN_YUAN = "万元", "万元"


class ProjectForm(models.Model):
    """项目支出绩效目标表 / 项目申报表 as published; one form may cover several projects."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="project_forms",
                               verbose_name="预算")
    projects = models.ManyToManyField(Project, verbose_name="所含项目", blank=True,
                                      related_name="forms")
    title = models.CharField("表名", max_length=100, default="项目支出绩效目标表")
    name = models.CharField("项目名称", max_length=200)
    code = models.CharField("项目编码", max_length=40, blank=True)
    amount_unit = models.CharField("金额单位", max_length=4, choices=AmountUnit.choices,
                                   default=AmountUnit.WAN_YUAN)
    fill_date = models.DateField("填报日期", null=True, blank=True)
    department = models.CharField("项目主管部门", max_length=200, blank=True)
    executing_unit = models.CharField("项目执行单位", max_length=200, blank=True)
    manager = models.CharField("项目负责人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    address = models.CharField("单位地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=10, blank=True)
    attribute = models.CharField("项目属性", max_length=50, blank=True)
    project_type = models.CharField("项目类型", max_length=50, blank=True)
    category = models.CharField("支出项目类别", max_length=50, blank=True)
    start_year = models.PositiveSmallIntegerField("起始年度", null=True, blank=True)
    end_year = models.PositiveSmallIntegerField("终止年度", null=True, blank=True)
    function_text = models.CharField("支出功能分类", max_length=200, blank=True)
    basis = models.TextField("立项依据", blank=True)
    content = models.TextField("项目主要内容", blank=True)
    total_budget = money("项目总预算", null=True)
    current_budget = money("项目当年预算", null=True)
    prior_budgets_text = models.TextField("项目前两年预算", blank=True)
    change_text = models.TextField("预算变动情况", blank=True)
    calculation_basis = models.TextField("测算依据", blank=True)
    overall_goal = models.TextField("项目绩效总目标", blank=True)
    long_term_summary = models.TextField("长期绩效目标", blank=True)
    annual_summary = models.TextField("年度绩效目标", blank=True)
    position = position()

    history = audited()

    class Meta:
        verbose_name = "项目支出绩效目标表"
        verbose_name_plural = "项目支出绩效目标表"
        ordering = ["position"]

    def __str__(self):
        return self.name


class ProjectFormLineKind(models.TextChoices):
    FUNDING = "funding", "项目资金来源"
    DETAIL = "detail", "项目支出明细"


class ProjectFormLine(models.Model):
    """A labelled amount of a form: 资金来源 lines or the 支出明细 list."""

    form = models.ForeignKey(ProjectForm, on_delete=models.CASCADE, related_name="lines",
                             verbose_name="项目表")
    kind = models.CharField("类型", max_length=10, choices=ProjectFormLineKind.choices)
    label = models.CharField("项目", max_length=200)
    amount = money("金额（元）", null=True)
    position = position()

    history = audited()

    class Meta:
        verbose_name = "资金来源/支出明细"
        verbose_name_plural = "资金来源/支出明细"
        ordering = ["kind", "position"]

    def __str__(self):
        return self.label


class RecentSpending(models.Model):
    """近年来项目支出情况 (Tianmen): 申报数 / 执行数 by year."""

    form = models.ForeignKey(ProjectForm, on_delete=models.CASCADE,
                             related_name="recent_spending", verbose_name="项目表")
    year = models.PositiveSmallIntegerField("年度")
    label = models.CharField("口径", max_length=20)
    amount = money("金额（元）", null=True)
    note = models.TextField("金额变化及相关说明", blank=True)
    position = position()

    history = audited()

    class Meta:
        verbose_name = "近年来项目支出"
        verbose_name_plural = "近年来项目支出"
        ordering = ["position"]

    def __str__(self):
        return f"{self.year} {self.label}"


class MeasurementLine(models.Model):
    """项目支出明细测算: an activity, its economic item and amount; lines sum to the budget."""

    form = models.ForeignKey(ProjectForm, on_delete=models.CASCADE,
                             related_name="measurements", verbose_name="项目表")
    activity = models.CharField("项目活动", max_length=200, blank=True)
    description = models.TextField("活动内容表述", blank=True)
    economic_name = models.CharField("支出经济分类", max_length=100, blank=True,
                                     help_text="按公开表印制的名称")
    economic_code = models.ForeignKey(EconomicCode, verbose_name="经济分类科目", null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="+")
    amount = money("金额（元）")
    basis = models.TextField("测算依据及说明", blank=True)
    remark = models.CharField("备注", max_length=200, blank=True)
    position = position()

    history = audited()

    class Meta:
        verbose_name = "支出明细测算"
        verbose_name_plural = "支出明细测算"
        ordering = ["position"]

    def __str__(self):
        return self.activity or self.economic_name


class ProcurementLine(models.Model):
    """项目采购: item, quantity and amount."""

    form = models.ForeignKey(ProjectForm, on_delete=models.CASCADE,
                             related_name="procurements", verbose_name="项目表")
    item = models.CharField("品名", max_length=200)
    quantity = models.CharField("数量", max_length=40, blank=True)
    amount = money("金额（元）", null=True)
    position = position()

    history = audited()

    class Meta:
        verbose_name = "项目采购"
        verbose_name_plural = "项目采购"
        ordering = ["position"]

    def __str__(self):
        return self.item
