"""The public search's index (disclosures.models.SearchEntry, kept by
disclosures.search_index), filled from the revisions already published.

On PostgreSQL every search condition on it is also answered by one GIN index, on a generated
array column of search terms (the model does not know the column; PostgreSQL fills it on
every write):
- the bigrams (every two consecutive characters) of the upper-cased names, rather than
  pg_trgm trigrams: a two-character query such as 社保 has no trigram, so a trigram index
  cannot serve it, and bigrams need no UTF-8 locale to split Chinese text;
- ^ and every prefix of the unit code, = and the department code, # and each project code.
disclosures.search asks for the terms of the query (each alternative an exact index
condition, so PostgreSQL ORs the index results and never re-reads the arrays) and for the
substring itself (the exact check, on the text columns); SQLite checks the latter alone.
"""

import django.db.models.deletion
from django.db import migrations, models

FUNCTIONS = (
    """
    CREATE OR REPLACE FUNCTION disclosures_bigrams(t text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(DISTINCT substr(t, i, 2)), '{}')
        FROM generate_series(1, char_length(t) - 1) AS i
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION disclosures_search_terms(
        names text, unit_code text, department_code text, project_codes text)
    RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT disclosures_bigrams(UPPER(names))
            || ARRAY(SELECT '^' || left(unit_code, i)
                     FROM generate_series(1, char_length(unit_code)) AS i)
            || ('=' || department_code)
            || ARRAY(SELECT '#' || c FROM unnest(string_to_array(project_codes, E'\\n')) AS c
                     WHERE c <> '')
    $$
    """,
)
STATEMENTS = (
    "ALTER TABLE disclosures_searchentry ADD COLUMN search_terms text[] GENERATED ALWAYS AS "
    "(disclosures_search_terms(names, unit_code, department_code, project_codes)) STORED",
    # fastupdate off: a publication is one row and rare, a search is frequent and would
    # otherwise also scan the pending list of the rows written since the last vacuum.
    "CREATE INDEX search_terms ON disclosures_searchentry USING gin (search_terms) "
    "WITH (fastupdate = off)",
)


def create_search_terms(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in (*FUNCTIONS, *STATEMENTS):
        schema_editor.execute(statement)


def drop_search_terms(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE disclosures_searchentry DROP COLUMN search_terms")
    schema_editor.execute("DROP FUNCTION disclosures_search_terms(text, text, text, text)")
    schema_editor.execute("DROP FUNCTION disclosures_bigrams(text)")


def fill(apps, schema_editor):
    from disclosures.search_index import rebuild

    rebuild(apps=apps)


class Migration(migrations.Migration):

    dependencies = [
        ("budgets", "0003_workbook_uploads"),
        ("disclosures", "0002_search_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("budget", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name="search_entry", serialize=False, to="budgets.budget", verbose_name="预算")),
                ("year", models.PositiveSmallIntegerField(verbose_name="年度")),
                ("published_at", models.DateTimeField(verbose_name="公开时间")),
                ("unit_code", models.CharField(db_index=True, max_length=32, verbose_name="单位代码")),
                ("department_code", models.CharField(blank=True, db_index=True, max_length=32, verbose_name="主管部门代码")),
                ("names", models.TextField(help_text="单位名称、主管部门名称和各项目名称，每行一个", verbose_name="名称")),
                ("project_codes", models.TextField(blank=True, help_text="大写，每行一个，首尾各有一个换行", verbose_name="项目编码")),
                ("function_classes", models.TextField(help_text="有支出的类级科目，以空格分隔，首尾各有一个空格", verbose_name="支出功能分类（类）")),
                ("organisation", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="budgets.organisation", verbose_name="预算单位")),
            ],
            options={
                "verbose_name": "查询索引",
                "verbose_name_plural": "查询索引",
                "indexes": [models.Index(fields=["-published_at", "-budget"], name="search_newest"), models.Index(fields=["year", "-published_at", "-budget"], name="search_year_newest")],
            },
        ),
        migrations.RunPython(create_search_terms, drop_search_terms),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
