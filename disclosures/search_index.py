"""The public search's index: one SearchEntry per published revision, holding the text and
codes disclosures.search matches, so that a search reads one table instead of joining
organisations, projects and every expenditure row.

It follows the published revisions and nothing else writes it:
- budgets.workflow.publishing (inside the publishing transaction): the new revision gets its
  entry and the revision it corrects loses its own, atomically with the publication;
- an organisation saved with another name, code or department (the admin, a workbook import)
  refreshes the entries that carry its old name or code;
- `manage.py rebuild_search_index` (and migration 0003_search_entries) rebuilds it from the
  published revisions, e.g. after a bulk load that bypassed the workflow.
"""

from django.apps import apps as installed_apps
from django.db import transaction
from django.db.models import Q

BATCH = 2000
PUBLISHED = "published"  # budgets.models.Status.PUBLISHED, also for migration-time models


def _models(apps):
    return (apps.get_model("budgets", "Budget"), apps.get_model("budgets", "Project"),
            apps.get_model("budgets", "ExpenditureItem"),
            apps.get_model("disclosures", "SearchEntry"))


def names_text(unit_name, department_name, project_names):
    """Line 1 the unit, line 2 its department (empty for a department), then the projects.
    Queries never contain a line break, so no match spans two names."""
    return "\n".join([unit_name, department_name or "", *project_names])


def reindex(budget_ids, *, apps=installed_apps):
    """Make the entries of these budgets match them: one for each published revision, none
    for any other. Returns the number of entries written."""
    Budget, Project, ExpenditureItem, SearchEntry = _models(apps)
    ids = list(budget_ids)
    with transaction.atomic():
        SearchEntry.objects.filter(budget_id__in=ids).delete()
        rows = list(Budget.objects.filter(pk__in=ids, status=PUBLISHED).values_list(
            "pk", "organisation_id", "fiscal_year__year", "published_at", "organisation__code",
            "organisation__name", "organisation__parent__code", "organisation__parent__name"))
        live = [row[0] for row in rows]
        projects = {}
        for budget_id, name, code in (Project.objects.filter(budget_id__in=live)
                                      .order_by("budget_id", "position", "pk")
                                      .values_list("budget_id", "name", "code")):
            projects.setdefault(budget_id, []).append((name, code))
        classes = {}
        for budget_id, code in (ExpenditureItem.objects.filter(budget_id__in=live)
                                .values_list("budget_id", "function_code__code").distinct()):
            classes.setdefault(budget_id, set()).add(code[:3])
        SearchEntry.objects.bulk_create([
            SearchEntry(
                budget_id=pk, organisation_id=org_id, year=year, published_at=published_at,
                unit_code=code, department_code=parent_code or "",
                names=names_text(name, parent_name, [n for n, _c in projects.get(pk, [])]),
                # Project codes are matched whole and in any case (searching 42010026503Y…).
                project_codes="\n" + "".join(f"{c.upper()}\n" for _n, c in projects.get(pk, [])
                                             if c),
                function_classes=" " + "".join(f"{c} " for c in sorted(classes.get(pk, ()))))
            for pk, org_id, year, published_at, code, name, parent_code, parent_name in rows])
    return len(rows)


def rebuild(*, apps=installed_apps, log=None):
    """The whole index from the published revisions, in batches."""
    Budget, _project, _item, SearchEntry = _models(apps)
    SearchEntry.objects.exclude(budget__status=PUBLISHED).delete()
    ids = list(Budget.objects.filter(status=PUBLISHED).order_by("pk")
               .values_list("pk", flat=True))
    written = 0
    for start in range(0, len(ids), BATCH):
        written += reindex(ids[start:start + BATCH], apps=apps)
        if log:
            log(f"{written}/{len(ids)}")
    return written


def on_publishing(sender, budget, superseded=(), **kwargs):
    """Receiver of budgets.workflow.publishing."""
    reindex([budget.pk, *(b.pk for b in superseded)])


def on_organisation_saved(sender, instance, created=False, raw=False, **kwargs):
    """post_save of Organisation: refresh the entries that still show its old name or code
    (its own budgets', and its units' as their department). One query when nothing changed,
    which is the usual case of an import saving the same organisation again."""
    from .models import SearchEntry

    if created or raw:
        return
    org = instance
    parent = org.parent if org.parent_id else None
    stale = []
    for budget_id, org_id, names, unit_code, department_code in (
            SearchEntry.objects.filter(Q(organisation=org) | Q(organisation__parent=org))
            .values_list("budget_id", "organisation_id", "names", "unit_code",
                         "department_code")):
        unit_name, department_name = (names.split("\n") + [""])[:2]
        if org_id == org.pk:
            current = (unit_code == org.code and unit_name == org.name
                       and department_code == (parent.code if parent else "")
                       and department_name == (parent.name if parent else ""))
        else:
            current = department_code == org.code and department_name == org.name
        if not current:
            stale.append(budget_id)
    if stale:
        reindex(stale)
