"""Who may do what, and where: a user's roles, each scoped to an organisation or a region.

A unit officer works on the budgets of exactly one organisation (a unit, or a department for
its own 部门预算); a department reviewer reviews a department and every unit under it; a
finance-bureau publisher publishes and corrects in a region and the regions below it; a site
administrator manages accounts and roles. budgets/permissions.py turns these into answers.
"""

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models
from simple_history import register

from budgets.audit import history_user

from .history import AuditedChange, audited
from .organisations import Organisation, Region


class Role(models.TextChoices):
    UNIT_OFFICER = "unit_officer", "预算单位财务人员"
    DEPARTMENT_REVIEWER = "department_reviewer", "部门审核人员"
    FINANCE_PUBLISHER = "finance_publisher", "财政局公开人员"
    SITE_ADMIN = "site_admin", "平台管理员"


# Which scope each role needs: an organisation, a region, or nothing.
ORGANISATION_ROLES = (Role.UNIT_OFFICER, Role.DEPARTMENT_REVIEWER)
REGION_ROLES = (Role.FINANCE_PUBLISHER,)


class RoleAssignment(models.Model):
    """One role of one user in one organisation or region."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户",
                             on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField("角色", max_length=24, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, verbose_name="单位/部门", null=True, blank=True, on_delete=models.PROTECT,
        related_name="role_assignments",
        help_text="预算单位财务人员填本单位；部门审核人员填主管部门")
    region = models.ForeignKey(
        Region, verbose_name="行政区划", null=True, blank=True, on_delete=models.PROTECT,
        related_name="role_assignments", help_text="财政局公开人员填所辖行政区划")
    history = audited()

    class Meta:
        verbose_name = "角色授权"
        verbose_name_plural = "角色授权"
        ordering = ["user__username", "role"]
        constraints = [
            # The same grant twice would make revoking it ambiguous.
            models.UniqueConstraint(fields=["user", "role", "organisation", "region"],
                                    name="one_grant_per_scope"),
            # permissions.py relies on every grant carrying exactly the scope its role needs.
            models.CheckConstraint(
                condition=(
                    models.Q(role__in=ORGANISATION_ROLES, organisation__isnull=False,
                             region__isnull=True)
                    | models.Q(role__in=REGION_ROLES, organisation__isnull=True,
                               region__isnull=False)
                    | models.Q(role=Role.SITE_ADMIN, organisation__isnull=True,
                               region__isnull=True)),
                name="role_has_its_scope"),
        ]

    def __str__(self):
        scope = self.organisation or self.region
        return f"{self.get_role_display()}（{scope}）" if scope else self.get_role_display()

    def clean(self):
        if self.role in ORGANISATION_ROLES and (self.organisation_id is None or self.region_id):
            raise ValidationError({"organisation": "该角色须指定单位或部门，且不填行政区划"})
        if self.role in REGION_ROLES and (self.region_id is None or self.organisation_id):
            raise ValidationError({"region": "财政局公开人员须指定行政区划，且不填单位"})
        if self.role == Role.SITE_ADMIN and (self.region_id or self.organisation_id):
            raise ValidationError("平台管理员不限定单位或行政区划，请清空单位和行政区划")


# Account changes (staff flag, activation, names) belong to the audit trail of roles too; the
# password hash and the last sign-in are no one's business there.
register(User, app="budgets", bases=[AuditedChange], get_user=history_user,
         excluded_fields=["password", "last_login"])
