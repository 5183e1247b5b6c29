"""Editing a workbook as a person would in Excel, for the tests that upload or read one."""

from io import BytesIO

from openpyxl import load_workbook


def edited(book, change):
    """The workbook `book` (bytes) after `change(openpyxl workbook)`, saved again."""
    wb = load_workbook(BytesIO(book))
    change(wb)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
