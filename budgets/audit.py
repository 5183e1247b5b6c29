"""Who changes budget data and from where, for the audit trail (django-simple-history).

A change made inside `acting(user, via)` is recorded under that user and way in; otherwise
under the signed-in user of the current request (HistoryRequestMiddleware) as a form change,
and with neither, as a command. Bulk writes must go through `bulk_create` here: the ORM's
bulk_create sends no model signals, so simple-history would not see them; `bulk_create` and
`bulk_delete` write the history rows themselves, one INSERT per model.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db.models.deletion import Collector
from django.db.models.sql import DeleteQuery
from django.utils import timezone

VIA_FORM = "form"
VIA_UPLOAD = "upload"
VIA_COMMAND = "command"
VIA_LABELS = {VIA_FORM: "表单", VIA_UPLOAD: "上传", VIA_COMMAND: "命令", "api": "接口"}

_user = ContextVar("audit_user", default=None)
_via = ContextVar("audit_via", default=None)


@contextmanager
def acting(user, via):
    """Record every change inside the block as made by `user` through `via`."""
    tokens = (_user.set(user), _via.set(via))
    try:
        yield
    finally:
        _user.reset(tokens[0])
        _via.reset(tokens[1])


def _request():
    from simple_history.models import HistoricalRecords

    return getattr(HistoricalRecords.context, "request", None)


def history_user(instance=None, request=None, **kwargs):
    """simple-history's get_user hook."""
    user = _user.get()
    if user is not None:
        return user
    request = request or _request()
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def current_via():
    via = _via.get()
    if via:
        return via
    return VIA_FORM if _request() is not None else VIA_COMMAND


_history_models = {}


def _history_model(model):
    """The historical model of `model`, or None. Read once: simple-history's `history`
    descriptor builds a new manager class on every access."""
    if model not in _history_models:
        manager = getattr(model._meta, "simple_history_manager_attribute", None)
        _history_models[model] = getattr(model, manager).model if manager else None
    return _history_models[model]


def history_rows(model, objs, history_type):
    """The historical records of `objs` (saved rows of `model`) for one bulk INSERT, as
    simple-history would write them one by one: who, when, how, and every tracked field."""
    historical = _history_model(model)
    if historical is None or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return []
    user, via, now = history_user(), current_via(), timezone.now()
    fields = [f.attname for f in historical.tracked_fields]
    return [historical(history_date=now, history_user=user, history_change_reason="",
                       history_type=history_type, via=via,
                       **{name: getattr(obj, name) for name in fields}) for obj in objs]


def bulk_create(model, objs):
    """bulk_create that also writes the history records of the created rows: one INSERT for
    the rows, one for their history."""
    objs = list(objs)
    if not objs:
        return []
    model.objects.bulk_create(objs)
    rows = history_rows(model, objs, "+")
    if rows:
        type(rows[0]).objects.bulk_create(rows)
    return objs


def bulk_delete(querysets):
    """Delete the rows of `querysets` and everything that cascades from them, recording a
    deletion in the history of each: one DELETE and one history INSERT per model instead of
    one of each per row. Call it inside a transaction."""
    using = "default"
    collector = Collector(using=using, origin=None)
    for queryset in querysets:
        collector.collect(queryset)
    if collector.field_updates:   # a SET_NULL to apply: let Django do it row by row
        collector.delete()
        return
    collector.sort()
    for queryset in collector.fast_deletes:
        queryset._raw_delete(using=using)
    for model, instances in collector.data.items():
        instances = list(instances)
        rows = history_rows(model, instances, "-")
        if rows:
            type(rows[0]).objects.bulk_create(rows)
        DeleteQuery(model).delete_batch([obj.pk for obj in instances], using)


def stamp(sender, history_instance, **kwargs):
    """pre_create_historical_record receiver: the way in of a single-row change."""
    if hasattr(history_instance, "via") and not history_instance.via:
        history_instance.via = current_via()
