from .budget import (
    APPROPRIATION_FUNDS,
    APPROPRIATION_SOURCES,
    OPEN_STATUSES,
    PUBLIC_STATUSES,
    BasicExpenditureItem,
    Budget,
    BudgetEvent,
    ExpenditureItem,
    Fund,
    GovFundThreePublicBudget,
    RevenueDetail,
    RevenueItem,
    Scope,
    Source,
    Status,
    ThreePublicBudget,
)
from .catalogs import CatalogKind, CodeLevel, CodeMapping, EconomicCode, FunctionCode
from .narrative import (
    AssetHolding,
    GlossaryTerm,
    Measure,
    NarrativeText,
    PersonnelCategory,
    PersonnelCount,
    PriorYearFigure,
    ProcurementBudget,
    PublishedNarrative,
)
from .organisations import FiscalYear, Organisation, OrganisationKind, Region
from .performance import (
    GoalTerm,
    OverallPerformance,
    OverallPerformanceProject,
    PerformanceGoal,
    PerformanceIndicator,
    SpendingSplit,
)
from .projects import (
    AmountUnit,
    MeasurementLine,
    ProcurementLine,
    Project,
    ProjectCategory,
    ProjectEconomicItem,
    ProjectForm,
    ProjectFormLine,
    ProjectFormLineKind,
    RecentSpending,
)
from .roles import Role, RoleAssignment
from .uploads import UploadStatus, WarningExplanation, WorkbookUpload

__all__ = [
    "APPROPRIATION_FUNDS", "APPROPRIATION_SOURCES", "OPEN_STATUSES", "PUBLIC_STATUSES", "Role",
    "RoleAssignment", "AmountUnit", "AssetHolding", "BasicExpenditureItem", "Budget",
    "BudgetEvent", "CodeLevel", "EconomicCode", "ExpenditureItem", "FiscalYear", "FunctionCode",
    "Fund", "GovFundThreePublicBudget", "GlossaryTerm", "GoalTerm", "Measure", "MeasurementLine",
    "NarrativeText", "Organisation", "OrganisationKind", "OverallPerformance",
    "OverallPerformanceProject", "PerformanceGoal", "PerformanceIndicator", "PersonnelCategory",
    "PersonnelCount", "PriorYearFigure", "ProcurementBudget", "ProcurementLine", "Project",
    "ProjectCategory", "ProjectEconomicItem", "ProjectForm", "ProjectFormLine",
    "ProjectFormLineKind", "PublishedNarrative", "RecentSpending", "Region", "RevenueDetail",
    "RevenueItem", "Scope", "SpendingSplit", "Source", "Status", "ThreePublicBudget",
    "UploadStatus", "WarningExplanation", "WorkbookUpload", "CatalogKind", "CodeMapping",
]
