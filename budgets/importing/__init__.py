"""Getting budgets in: the document saver, and the workbook reader that feeds it."""
