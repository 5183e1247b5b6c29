"""Layout presets: which parts a disclosure prints, in which order, which tables with which
printed numbers, titles, columns and notes, and how amounts are printed. A region is added by
writing a preset (data) and, for a new kind of table, one template; models never change.

`Budget.layout` names the preset; `layout_for(budget)` returns it."""

from .hubei import TIANMEN, WUHAN
from .sichuan import DAZHOU
from .spec import Layout, chinese_number, ordinal

PRESETS = {layout.key: layout for layout in (TIANMEN, WUHAN, DAZHOU)}
DEFAULT = TIANMEN.key


class UnknownLayout(LookupError):
    pass


def get_layout(key):
    try:
        return PRESETS[key]
    except KeyError:
        raise UnknownLayout(
            f"未知的公开版式“{key}”，可选：{'、'.join(PRESETS)}。请在预算的“公开版式”中选择其一。"
        ) from None


def layout_for(budget):
    return get_layout(budget.layout or DEFAULT)


__all__ = ["DEFAULT", "PRESETS", "Layout", "UnknownLayout", "chinese_number", "get_layout",
           "layout_for", "ordinal"]
