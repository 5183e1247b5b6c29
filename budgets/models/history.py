"""Audit trail of budget data, statuses and roles (django-simple-history).

Every historical record carries, besides simple-history's who and when, where the change came
from (`via`: 表单, 上传, 命令); budgets/audit.py supplies both from the acting context.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from budgets.audit import history_user


class AuditedChange(models.Model):
    via = models.CharField("途径", max_length=20, blank=True)

    class Meta:
        abstract = True


def audited(**options):
    """The history manager every audited model declares."""
    return HistoricalRecords(app="budgets", bases=[AuditedChange], get_user=history_user,
                             **options)
