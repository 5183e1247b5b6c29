"""Who changes budget data and from where, for the audit trail (django-simple-history).

A change made inside `acting(user, via)` is recorded under that user and way in; otherwise
under the signed-in user of the current request (HistoryRequestMiddleware) as a form change,
and with neither, as a command. Bulk writes must go through `bulk_create` here: the ORM's
bulk_create sends no model signals, so simple-history would not see them.
"""

from contextlib import contextmanager
from contextvars import ContextVar

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


def bulk_create(model, objs):
    """bulk_create that also writes the history records of the created rows."""
    from simple_history.utils import bulk_create_with_history

    if not objs:
        return []
    return bulk_create_with_history(objs, model, default_user=history_user(),
                                    custom_historical_attrs={"via": current_via()})


def stamp(sender, history_instance, **kwargs):
    """pre_create_historical_record receiver: the way in of a single-row change."""
    if hasattr(history_instance, "via") and not history_instance.via:
        history_instance.via = current_via()
