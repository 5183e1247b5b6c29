"""Field helpers shared by the budget models."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models


def money(verbose_name, *, null=False, non_negative=True):
    """An exact amount in 元 (two decimals). Rounding to 万元 happens only in presentation."""
    validators = [MinValueValidator(Decimal("0"))] if non_negative else []
    return models.DecimalField(
        verbose_name,
        max_digits=16,
        decimal_places=2,
        default=None if null else Decimal("0"),
        null=null,
        blank=null,
        validators=validators,
    )


def position():
    """Published order of a row within its table."""
    return models.PositiveIntegerField("顺序", default=0)
