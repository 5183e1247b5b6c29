"""The standard workbook (.xlsx) of one budget: the official tables 表1–表10 as published,
plus data sheets carrying everything else exactly. `write_workbook(budget)` produces it and
`read_workbook(file)` turns it back into a budget document (docs/document-format.md).

Modules: layout (the declarations both sides share), writer and xlsx (writing), reader,
read_tables, read_data and sheets (reading)."""

from .reader import read_workbook
from .writer import write_workbook

__all__ = ["read_workbook", "write_workbook"]
