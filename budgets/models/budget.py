"""A budget disclosure and the line items behind its standard tables.

Only leaf facts are stored: expenditure per function 项, basic expenditure per economic 款,
revenue per unit and source. 类/款 rows, 合计 rows and columns and the summary tables are
computed (budgets/statements.py), so a figure cannot disagree with its parts.
"""

from django.db import models

from .catalogs import EconomicCode, FunctionCode
from .fields import money
from .history import audited
from .organisations import FiscalYear, Organisation


class Scope(models.TextChoices):
    DEPARTMENT = "department", "部门预算"
    UNIT = "unit", "单位预算"


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    RETURNED = "returned", "已退回"
    APPROVED = "approved", "已审核"
    PUBLISHED = "published", "已公开"
    # A published revision replaced by the publication of its correction: still public at
    # its own URL, never edited.
    SUPERSEDED = "superseded", "已被更正"


# Revisions still being worked on; a budget has at most one of them at a time.
OPEN_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.APPROVED)
# Revisions the public may read.
PUBLIC_STATUSES = (Status.PUBLISHED, Status.SUPERSEDED)


class Budget(models.Model):
    """One revision of one organisation's disclosure for one fiscal year and scope."""

    organisation = models.ForeignKey(Organisation, verbose_name="预算单位",
                                     on_delete=models.PROTECT, related_name="budgets")
    fiscal_year = models.ForeignKey(FiscalYear, verbose_name="年度", on_delete=models.PROTECT,
                                    related_name="budgets")
    scope = models.CharField("预算类型", max_length=12, choices=Scope.choices)
    layout = models.CharField("公开版式", max_length=40,
                              help_text="表格组成、顺序和列的版式，如 hubei-tianmen、hubei-wuhan")
    revision = models.PositiveSmallIntegerField("版本", default=1)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFT)
    units = models.ManyToManyField(Organisation, verbose_name="预算单位构成",
                                   related_name="covered_by", blank=True)
    running_cost_applicable = models.BooleanField(
        "编列机关运行经费", default=True,
        help_text="机关运行经费即一般公共预算基本支出中的公用经费；不适用的单位不编列")
    published_at = models.DateTimeField("公开时间", null=True, blank=True)
    correction_reason = models.TextField("更正原因", blank=True,
                                         help_text="更正版本说明更正了什么、为什么更正")
    superseded_at = models.DateTimeField("被更正时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    history = audited()

    class Meta:
        verbose_name = "预算"
        verbose_name_plural = "预算"
        ordering = ["-fiscal_year__year", "organisation__code", "-revision"]
        constraints = [
            # One disclosure per organisation, year and scope; corrections are new revisions.
            models.UniqueConstraint(fields=["organisation", "fiscal_year", "scope", "revision"],
                                    name="one_revision_number_per_budget"),
            # The public page shows the one published revision; earlier ones are superseded.
            models.UniqueConstraint(fields=["organisation", "fiscal_year", "scope"],
                                    condition=models.Q(status="published"),
                                    name="one_published_revision"),
            # A correction is started once: two publishers correcting at the same time must
            # not leave two open drafts.
            models.UniqueConstraint(fields=["organisation", "fiscal_year", "scope"],
                                    condition=models.Q(status__in=[
                                        "draft", "submitted", "returned", "approved"]),
                                    name="one_open_revision"),
        ]
        indexes = [
            # The public site lists published budgets by year.
            models.Index(fields=["status", "fiscal_year"], name="budget_status_year"),
        ]

    def __str__(self):
        return f"{self.organisation.name}{self.fiscal_year.year}年{self.get_scope_display()}"

    @property
    def title(self):
        return f"{self.organisation.name}{self.fiscal_year.year}年{self.get_scope_display()}"


class Source(models.TextChoices):
    GENERAL_BUDGET = "general_budget", "一般公共预算"
    GOV_FUND = "gov_fund", "政府性基金预算"
    SOE_CAPITAL = "soe_capital", "国有资本经营预算"
    FISCAL_SPECIAL = "fiscal_special", "财政专户管理资金"
    BUSINESS = "business", "事业收入"
    OPERATING = "operating", "事业单位经营收入"
    SUPERIOR_SUBSIDY = "superior_subsidy", "上级补助收入"
    SUBORDINATE_REMIT = "subordinate_remit", "附属单位上缴收入"
    OTHER = "other", "其他收入"
    UNIT_FUNDS = "unit_funds", "单位资金"


# Sources that are 财政拨款 (表4 财政拨款收支总表).
APPROPRIATION_SOURCES = (Source.GENERAL_BUDGET, Source.GOV_FUND, Source.SOE_CAPITAL)


class Fund(models.TextChoices):
    GENERAL_BUDGET = "general_budget", "一般公共预算"
    GOV_FUND = "gov_fund", "政府性基金预算"
    SOE_CAPITAL = "soe_capital", "国有资本经营预算"
    FISCAL_SPECIAL = "fiscal_special", "财政专户管理资金"
    UNIT_FUNDS = "unit_funds", "单位资金"


# Funds that are 财政拨款 (四川 表2-1 财政拨款支出预算表).
APPROPRIATION_FUNDS = (Fund.GENERAL_BUDGET, Fund.GOV_FUND, Fund.SOE_CAPITAL)


class RevenueItem(models.Model):
    """Revenue of one unit from one source (收入总表 cell)."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="revenue_items",
                               verbose_name="预算")
    unit = models.ForeignKey(Organisation, verbose_name="单位", on_delete=models.PROTECT,
                             related_name="+")
    source = models.CharField("收入来源", max_length=20, choices=Source.choices)
    carryover = models.BooleanField("上年结转结余", default=False)
    amount = money("金额（元）")

    history = audited()

    class Meta:
        verbose_name = "收入"
        verbose_name_plural = "收入"
        constraints = [
            models.UniqueConstraint(fields=["budget", "unit", "source", "carryover"],
                                    name="one_revenue_cell"),
        ]

    def __str__(self):
        return f"{self.unit.code} {self.get_source_display()}"


class RevenueDetail(models.Model):
    """A sub-row of a revenue source in 收支总表 (e.g. 经费拨款（补助） under 一般公共预算)."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="revenue_details",
                               verbose_name="预算")
    source = models.CharField("收入来源", max_length=20, choices=Source.choices)
    label = models.CharField("明细项目", max_length=60)
    amount = money("金额（元）")
    position = models.PositiveIntegerField("顺序", default=0)

    history = audited()

    class Meta:
        verbose_name = "收入明细"
        verbose_name_plural = "收入明细"
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "source", "label"],
                                    name="one_revenue_detail"),
        ]

    def __str__(self):
        return self.label


class ExpenditureItem(models.Model):
    """Expenditure of one unit under one function 项 from one fund, by column."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE,
                               related_name="expenditure_items", verbose_name="预算")
    unit = models.ForeignKey(Organisation, verbose_name="单位", on_delete=models.PROTECT,
                             related_name="+")
    fund = models.CharField("资金性质", max_length=20, choices=Fund.choices)
    function_code = models.ForeignKey(FunctionCode, verbose_name="功能分类科目",
                                      on_delete=models.PROTECT, related_name="+")
    personnel = money("人员经费")
    public = money("公用经费")
    project = money("项目支出")
    operating = money("事业单位经营支出")
    remit = money("上缴上级支出")
    subsidy = money("对附属单位补助支出")

    history = audited()

    class Meta:
        verbose_name = "支出（功能分类）"
        verbose_name_plural = "支出（功能分类）"
        constraints = [
            models.UniqueConstraint(fields=["budget", "unit", "fund", "function_code"],
                                    name="one_expenditure_row"),
        ]

    def __str__(self):
        return f"{self.function_code.code} {self.get_fund_display()}"

    @property
    def basic(self):
        return self.personnel + self.public

    @property
    def total(self):
        return self.personnel + self.public + self.project + self.operating + self.remit + \
            self.subsidy


class BasicExpenditureItem(models.Model):
    """一般公共预算基本支出 by economic 款 (表6); listed rows may be zero."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE,
                               related_name="basic_items", verbose_name="预算")
    economic_code = models.ForeignKey(EconomicCode, verbose_name="经济分类科目",
                                      on_delete=models.PROTECT, related_name="+")
    personnel = money("人员经费")
    public = money("公用经费")

    history = audited()

    class Meta:
        verbose_name = "基本支出（经济分类）"
        verbose_name_plural = "基本支出（经济分类）"
        constraints = [
            models.UniqueConstraint(fields=["budget", "economic_code"], name="one_basic_row"),
        ]

    def __str__(self):
        return str(self.economic_code)

    @property
    def total(self):
        return self.personnel + self.public


class ThreePublicAmounts(models.Model):
    """The four "三公" items; 合计 and 车小计 are computed."""

    overseas = money("因公出国（境）费")
    vehicle_purchase = money("公务用车购置费")
    vehicle_operation = money("公务用车运行费")
    reception = money("公务接待费")

    FIELDS = ("overseas", "vehicle_purchase", "vehicle_operation", "reception")

    class Meta:
        abstract = True

    @property
    def vehicle(self):
        return self.vehicle_purchase + self.vehicle_operation

    @property
    def total(self):
        return self.overseas + self.vehicle + self.reception


class ThreePublicBudget(ThreePublicAmounts):
    """一般公共预算"三公"经费 (表7). `budget.three_public` always means this one."""

    budget = models.OneToOneField(Budget, on_delete=models.CASCADE, related_name="three_public",
                                  verbose_name="预算")

    history = audited()

    class Meta:
        verbose_name = "“三公”经费"
        verbose_name_plural = "“三公”经费"

    def __str__(self):
        return "“三公”经费"


class GovFundThreePublicBudget(ThreePublicAmounts):
    """政府性基金预算"三公"经费 (四川 表4-1); absent when the budget states none."""

    budget = models.OneToOneField(Budget, on_delete=models.CASCADE,
                                  related_name="gov_fund_three_public", verbose_name="预算")

    history = audited()

    class Meta:
        verbose_name = "政府性基金“三公”经费"
        verbose_name_plural = "政府性基金“三公”经费"

    def __str__(self):
        return "政府性基金“三公”经费"


class BudgetEvent(models.Model):
    """A recorded state change of a budget: who did what, when, and why."""

    class Action(models.TextChoices):
        IMPORT = "import", "导入"
        SUBMIT = "submit", "提交"
        RETURN = "return", "退回"
        APPROVE = "approve", "审核通过"
        PUBLISH = "publish", "公开"
        CORRECT = "correct", "更正"

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="events",
                               verbose_name="预算")
    action = models.CharField("操作", max_length=12, choices=Action.choices)
    actor = models.ForeignKey("auth.User", verbose_name="操作人", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("时间", auto_now_add=True)
    from_status = models.CharField("原状态", max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField("新状态", max_length=12, choices=Status.choices, blank=True)
    note = models.TextField("说明", blank=True)
    via = models.CharField("途径", max_length=20, blank=True, help_text="表单、上传、命令")

    class Meta:
        verbose_name = "预算操作记录"
        verbose_name_plural = "预算操作记录"
        ordering = ["budget", "at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"
