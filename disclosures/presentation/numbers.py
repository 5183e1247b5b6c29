"""Amounts as printed: 元 → 万元 rounded half-up once, then formatted per the layout."""

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

TEN_THOUSAND = Decimal(10000)
CENT = Decimal("0.01")
ZERO = Decimal(0)


def wan(yuan):
    """Exact 元 → 万元, rounded half-up to 0.01: the one rounding of every printed figure."""
    return (yuan / TEN_THOUSAND).quantize(CENT, rounding=ROUND_HALF_UP)


def _plain(value, decimals):
    if decimals is None:
        value = value.quantize(CENT, rounding=ROUND_HALF_UP).normalize()
        # normalize() turns 100 into 1E+2; format as a plain number.
        return format(value, "f")
    return format(value, f".{decimals}f")


def format_number(value, fmt):
    """A rounded amount (Decimal) as the layout prints it; zero per fmt.zero."""
    if value is None:
        return ""
    if value == 0:
        return fmt.zero
    if fmt.thousands:
        text = _plain(abs(value), fmt.decimals)
        whole, _, fraction = text.partition(".")
        text = f"{int(whole):,}" + (f".{fraction}" if fraction else "")
        return ("-" if value < 0 else "") + text
    return _plain(value, fmt.decimals)


# A page prints a few thousand figures, most of them repeats (zeros, subtotals shown in several
# tables): each distinct amount is rounded and formatted once. The text depends only on the
# value and the format, never on how the Decimal is written.
@lru_cache(maxsize=16384)
def format_wan(yuan, fmt):
    return "" if yuan is None else format_number(wan(yuan), fmt)


def format_in(yuan, unit, fmt):
    """An amount in the unit a form prints ("元" or "万元")."""
    if yuan is None:
        return ""
    if unit == "元":
        return format_number(yuan, fmt)
    return format_number(yuan / TEN_THOUSAND, fmt)


def share(part, whole, decimals):
    """part / whole as a printed percentage ("85.87%", "100%", "73%")."""
    if not whole:
        return "0"
    if not part:
        return "0"
    value = (part * 100 / whole).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    return f"{text}%"
