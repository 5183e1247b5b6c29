"""Admin of reference data and of the rows inside a budget; every class is scoped through
budgets/admin/scoping.py."""

from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from budgets import models as m
from budgets import permissions
from budgets.code_catalogs import EconomicCodeResource, FunctionCodeResource
from budgets.code_mappings import EconomicMappingResource, FunctionMappingResource

from .entry import CatalogYearForm, catalog_search
from .scoping import InlineOfBudget, ScopedToBudget, SiteAdminOnly


@admin.register(m.Region)
class RegionAdmin(SiteAdminOnly, admin.ModelAdmin):
    list_display = ("code", "name", "parent")
    search_fields = ("code", "name")
    autocomplete_fields = ("parent",)


@admin.register(m.Organisation)
class OrganisationAdmin(SiteAdminOnly, admin.ModelAdmin):
    list_display = ("code", "name", "kind", "parent", "region")
    list_filter = ("kind", "region")
    search_fields = ("code", "name")
    autocomplete_fields = ("region", "parent")
    list_select_related = ("region", "parent")

    def get_queryset(self, request):
        return permissions.visible_organisations(request.user, super().get_queryset(request))


@admin.register(m.FiscalYear)
class FiscalYearAdmin(SiteAdminOnly, admin.ModelAdmin):
    list_display = ("year",)
    search_fields = ("year",)


class CatalogAdmin(SiteAdminOnly, ImportExportModelAdmin):
    list_display = ("code", "name", "level", "year")
    list_filter = ("year", "level")
    search_fields = ("code", "name")
    readonly_fields = ("level", "parent")
    list_select_related = ("year",)

    def get_search_results(self, request, queryset, search_term):
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        return catalog_search(request, queryset), duplicates


@admin.register(m.FunctionCode)
class FunctionCodeAdmin(CatalogAdmin):
    resource_classes = [FunctionCodeResource]


@admin.register(m.EconomicCode)
class EconomicCodeAdmin(CatalogAdmin):
    resource_classes = [EconomicCodeResource]


@admin.register(m.CodeMapping)
class CodeMappingAdmin(SiteAdminOnly, ImportExportModelAdmin):
    """The crosswalk between catalog years, imported one year pair per file."""

    resource_classes = [FunctionMappingResource, EconomicMappingResource]
    list_display = ("kind", "from_year", "from_code", "to_year", "to_code", "note")
    list_filter = ("kind", "from_year")
    search_fields = ("from_code", "to_code", "note")
    list_select_related = ("from_year", "to_year")


class TabularSection(InlineOfBudget, admin.TabularInline):
    """A section of the budget page; `feeds` names the standard tables its rows feed, whose
    validation problems it shows above its rows."""

    feeds = ()
    template = "admin/budgets/budget/tabular_with_problems.html"


class StackedSection(InlineOfBudget, admin.StackedInline):
    feeds = ()
    template = "admin/budgets/budget/stacked_with_problems.html"


class RevenueItemInline(TabularSection):
    feeds = ("表1", "表2", "表4")
    model = m.RevenueItem
    extra = 0
    autocomplete_fields = ("unit",)


class RevenueDetailInline(TabularSection):
    feeds = ("表1", "表4")
    model = m.RevenueDetail
    extra = 0


class ExpenditureItemInline(TabularSection):
    feeds = ("表1", "表3", "表4", "表5", "表8", "表9")
    form = CatalogYearForm
    model = m.ExpenditureItem
    extra = 0
    autocomplete_fields = ("unit", "function_code")


class BasicExpenditureItemInline(TabularSection):
    feeds = ("表6", "表7")
    form = CatalogYearForm
    model = m.BasicExpenditureItem
    extra = 0
    autocomplete_fields = ("economic_code",)


class ThreePublicInline(StackedSection):
    feeds = ("表7",)
    model = m.ThreePublicBudget


class GovFundThreePublicInline(StackedSection):
    """Left empty when the budget states no government-fund "三公" (四川 表4-1)."""

    feeds = ("表7",)     # its sheet is 表7-1
    model = m.GovFundThreePublicBudget
    extra = 0


class ProjectEconomicInline(TabularSection):
    """Projects' appropriations by economic 款 (四川 表2-1): none, or every fund in full."""

    form = CatalogYearForm
    model = m.ProjectEconomicItem
    extra = 0
    autocomplete_fields = ("economic_code",)


class ProjectInline(TabularSection):
    feeds = ("表10",)
    model = m.Project
    extra = 0
    fields = ("position", "code", "name", "unit", "group_name", "category", "current_general",
              "current_gov_fund", "current_soe", "carryover_general", "fiscal_special",
              "unit_funds")
    autocomplete_fields = ("unit",)
    show_change_link = True


class ProjectFormInline(TabularSection):
    feeds = ("表12",)
    model = m.ProjectForm
    extra = 0
    fields = ("position", "name", "code", "amount_unit", "current_budget")
    show_change_link = True


class PersonnelInline(InlineOfBudget, admin.TabularInline):
    model = m.PersonnelCount
    extra = 0


class ProcurementInline(InlineOfBudget, admin.StackedInline):
    model = m.ProcurementBudget


class AssetInline(InlineOfBudget, admin.StackedInline):
    model = m.AssetHolding


class PriorYearInline(InlineOfBudget, admin.TabularInline):
    model = m.PriorYearFigure
    extra = 0


class NarrativeInline(InlineOfBudget, admin.StackedInline):
    model = m.NarrativeText
    extra = 0


class GlossaryInline(InlineOfBudget, admin.StackedInline):
    form = CatalogYearForm
    model = m.GlossaryTerm
    extra = 0
    autocomplete_fields = ("function_code",)


class ProjectFormLineInline(InlineOfBudget, admin.TabularInline):
    parent_budget_path = "budget"
    model = m.ProjectFormLine
    extra = 0


class RecentSpendingInline(InlineOfBudget, admin.TabularInline):
    parent_budget_path = "budget"
    model = m.RecentSpending
    extra = 0


class MeasurementInline(InlineOfBudget, admin.TabularInline):
    parent_budget_path = "budget"
    model = m.MeasurementLine
    extra = 0
    autocomplete_fields = ("economic_code",)


class ProcurementLineInline(InlineOfBudget, admin.TabularInline):
    parent_budget_path = "budget"
    model = m.ProcurementLine
    extra = 0


class GoalInline(InlineOfBudget, admin.StackedInline):
    parent_budget_path = "budget"
    model = m.PerformanceGoal
    extra = 0
    fields = ("position", "term", "label", "text")
    show_change_link = True


@admin.register(m.Project)
class ProjectAdmin(ScopedToBudget, admin.ModelAdmin):
    budget_path = "budget"
    list_display = ("name", "code", "budget", "category", "current_general")
    list_filter = ("category", "budget__fiscal_year")
    search_fields = ("name", "code", "budget__organisation__name")
    autocomplete_fields = ("budget", "unit", "function_code")
    list_select_related = ("budget__organisation", "budget__fiscal_year")


@admin.register(m.ProjectForm)
class ProjectFormAdmin(ScopedToBudget, admin.ModelAdmin):
    budget_path = "budget"
    list_display = ("name", "code", "budget", "current_budget")
    search_fields = ("name", "code", "budget__organisation__name")
    autocomplete_fields = ("budget", "projects")
    list_select_related = ("budget__organisation", "budget__fiscal_year")
    inlines = [ProjectFormLineInline, RecentSpendingInline, MeasurementInline,
               ProcurementLineInline, GoalInline]


class OverallProjectInline(InlineOfBudget, admin.TabularInline):
    parent_budget_path = "budget"
    model = m.OverallPerformanceProject
    extra = 0


@admin.register(m.OverallPerformance)
class OverallPerformanceAdmin(ScopedToBudget, admin.ModelAdmin):
    budget_path = "budget"
    list_display = ("budget", "filler", "fill_date")
    search_fields = ("budget__organisation__name",)
    autocomplete_fields = ("budget",)
    inlines = [OverallProjectInline]


class IndicatorInline(InlineOfBudget, admin.TabularInline):
    parent_budget_path = "budget"
    model = m.PerformanceIndicator
    extra = 0
    fields = ("position", "level1", "level2", "name", "prior2", "prior1", "value", "basis")


@admin.register(m.PerformanceGoal)
class PerformanceGoalAdmin(ScopedToBudget, admin.ModelAdmin):
    budget_path = "budget"
    list_display = ("__str__", "term", "budget", "project_form")
    list_filter = ("term",)
    search_fields = ("label", "text", "budget__organisation__name")
    autocomplete_fields = ("budget", "project_form")
    list_select_related = ("budget__organisation", "budget__fiscal_year", "project_form")
    inlines = [IndicatorInline]


@admin.register(m.PerformanceIndicator)
class PerformanceIndicatorAdmin(ScopedToBudget, admin.ModelAdmin):
    budget_path = "goal__budget"
    list_display = ("__str__", "value", "goal")
    list_filter = ("level1", "level2")
    search_fields = ("name", "value", "level1", "level2")
    autocomplete_fields = ("goal",)
    list_select_related = ("goal",)


@admin.register(m.BudgetEvent)
class BudgetEventAdmin(ScopedToBudget, admin.ModelAdmin):
    """The record of state changes: read-only, it is written by budgets.workflow."""

    budget_path = "budget"
    list_display = ("budget", "action", "actor", "at", "from_status", "to_status", "via")
    list_filter = ("action", "via")
    search_fields = ("budget__organisation__name", "note", "actor__username")
    list_select_related = ("budget__organisation", "budget__fiscal_year", "actor")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class BudgetLineAdmin(ScopedToBudget, admin.ModelAdmin):
    """Line items are edited on their budget's page; these lists are for finding them."""

    budget_path = "budget"
    list_select_related = ("budget__organisation", "budget__fiscal_year")
    autocomplete_fields = ("budget",)
    search_fields = ("budget__organisation__name",)


@admin.register(m.RevenueItem)
class RevenueItemAdmin(BudgetLineAdmin):
    list_display = ("budget", "unit", "source", "carryover", "amount")
    list_filter = ("source", "carryover")
    autocomplete_fields = ("budget", "unit")


@admin.register(m.ExpenditureItem)
class ExpenditureItemAdmin(BudgetLineAdmin):
    list_display = ("budget", "function_code", "fund", "personnel", "public", "project")
    list_filter = ("fund", "budget__fiscal_year")
    search_fields = ("function_code__code", "function_code__name", "budget__organisation__name")
    autocomplete_fields = ("budget", "unit", "function_code")
    list_select_related = BudgetLineAdmin.list_select_related + ("function_code",)


@admin.register(m.BasicExpenditureItem)
class BasicExpenditureItemAdmin(BudgetLineAdmin):
    list_display = ("budget", "economic_code", "personnel", "public")
    search_fields = ("economic_code__code", "economic_code__name", "budget__organisation__name")
    autocomplete_fields = ("budget", "economic_code")
    list_select_related = BudgetLineAdmin.list_select_related + ("economic_code",)


@admin.register(m.PriorYearFigure)
class PriorYearFigureAdmin(BudgetLineAdmin):
    list_display = ("budget", "year", "measure", "code", "amount")
    list_filter = ("measure", "year")


@admin.register(m.GlossaryTerm)
class GlossaryTermAdmin(BudgetLineAdmin):
    list_display = ("term", "budget", "function_code")
    search_fields = ("term", "definition", "budget__organisation__name")
    autocomplete_fields = ("budget", "function_code")


@admin.register(m.NarrativeText)
class NarrativeTextAdmin(BudgetLineAdmin):
    list_display = ("key", "budget")
    search_fields = ("key", "text", "budget__organisation__name")


@admin.register(m.PublishedNarrative)
class PublishedNarrativeAdmin(BudgetLineAdmin):
    list_display = ("section", "budget")
    search_fields = ("section", "text", "budget__organisation__name")


@admin.register(m.PersonnelCount)
class PersonnelCountAdmin(BudgetLineAdmin):
    list_display = ("budget", "category", "kind", "count")
    list_filter = ("category",)


for model in (m.RevenueDetail, m.ThreePublicBudget, m.GovFundThreePublicBudget,
              m.ProjectEconomicItem, m.ProcurementBudget, m.AssetHolding):
    admin.site.register(model, BudgetLineAdmin)


@admin.register(m.MeasurementLine)
class MeasurementLineAdmin(ScopedToBudget, admin.ModelAdmin):
    budget_path = "form__budget"
    list_display = ("activity", "economic_name", "amount", "form")
    search_fields = ("activity", "economic_name", "form__name")
    autocomplete_fields = ("form", "economic_code")
    list_select_related = ("form",)


for model, fields in ((m.ProjectFormLine, ("label", "kind", "amount", "form")),
                      (m.RecentSpending, ("year", "label", "amount", "form")),
                      (m.ProcurementLine, ("item", "quantity", "amount", "form"))):
    admin.site.register(model, type(f"{model.__name__}Admin", (ScopedToBudget, admin.ModelAdmin), {
        "budget_path": "form__budget", "list_display": fields, "autocomplete_fields": ("form",),
        "list_select_related": ("form",), "search_fields": ("form__name",)}))


@admin.register(m.OverallPerformanceProject)
class OverallPerformanceProjectAdmin(ScopedToBudget, admin.ModelAdmin):
    budget_path = "overall__budget"
    list_display = ("name", "project_type", "current", "overall")
    search_fields = ("name", "overall__budget__organisation__name")
    autocomplete_fields = ("overall",)
