"""Filters of the portal templates: amounts in 万元 as the portal prints them."""

from decimal import Decimal

from django import template

from ..presentation.numbers import wan as to_wan

register = template.Library()


@register.filter
def wan(yuan):
    """Exact 元 → "1,234.56" (万元); empty for None."""
    if yuan is None or yuan == "":
        return ""
    return f"{to_wan(Decimal(yuan)):,.2f}"


@register.filter
def wan_plain(yuan):
    """Exact 元 → "1234.56" (万元) for data attributes the charts read."""
    if yuan is None or yuan == "":
        return ""
    return f"{to_wan(Decimal(yuan)):.2f}"


@register.filter
def signed(value):
    """A change in 万元 with its sign: "+1.20", "-0.35", "0.00"."""
    if value is None:
        return ""
    return f"{value:+,.2f}" if value else "0.00"


@register.filter
def percent(value):
    return "" if value is None else f"{value:.2f}%"


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def wan_signed(yuan):
    """An exact 元 difference as signed 万元: "+1.20", "-0.35"."""
    if yuan is None:
        return ""
    return f"{to_wan(Decimal(yuan)):+,.2f}"
