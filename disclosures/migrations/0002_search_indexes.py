"""Trigram indexes for the public search (disclosures/search.py) on PostgreSQL.

The search matches parts of Chinese names (信息中心, 社会保险) with icontains, which Django
writes as UPPER(name::text) LIKE UPPER('%…%'); a pg_trgm GIN index on that expression serves
it without a sequential scan. SQLite has no pg_trgm: there the migration does nothing and the
search scans, which is fine at the scale a SQLite install serves.
"""

from django.db import migrations

INDEXES = (
    # Search by part of a unit's or department's name: Chinese text (no case) is matched with
    # LIKE on the column, text with Latin letters with UPPER(…) LIKE UPPER(…).
    ("budgets_organisation", "organisation_name_trgm", "name gin_trgm_ops", "gin"),
    ("budgets_organisation", "organisation_name_upper_trgm",
     "UPPER((name)::text) gin_trgm_ops", "gin"),
    # Search by part of a project's name (所有单位的“社保工作经费”).
    ("budgets_project", "project_name_trgm", "name gin_trgm_ops", "gin"),
    ("budgets_project", "project_name_upper_trgm", "UPPER((name)::text) gin_trgm_ops", "gin"),
    # Search by a full project code, typed in any case.
    ("budgets_project", "project_code_upper", "UPPER((code)::text)", "btree"),
    # Search results and the API list the newest publications first, a page at a time.
    ("budgets_budget", "budget_published_newest", "published_at DESC, id DESC", "btree"),
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, name, expression, method in INDEXES:
        # Only published revisions are searched: the index on them stays small.
        where = " WHERE status = 'published'" if table == "budgets_budget" else ""
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
                              f"USING {method} ({expression}){where}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, name, _expression, _method in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("budgets", "0003_workbook_uploads"),
        ("disclosures", "0001_disclosure_files"),
    ]

    operations = [migrations.RunPython(create, drop)]
