"""Strict readers for settings taken from the environment.

Every setting read from the environment goes through this module, so a bad value
stops the process at start-up with a message that names the variable, instead of
surfacing later as odd behaviour. An empty value counts as unset.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}
_UNSET = object()


def _raw(name):
    value = os.environ.get(name, "").strip()
    return value or None


def _missing(name):
    raise ImproperlyConfigured(f"Environment variable {name} is required.")


def _bad(name, value, expected):
    raise ImproperlyConfigured(f"Environment variable {name}={value!r} is invalid: {expected}.")


def env_str(name, default=_UNSET):
    value = _raw(name)
    if value is not None:
        return value
    if default is _UNSET:
        _missing(name)
    return default


def env_bool(name, default=_UNSET):
    value = _raw(name)
    if value is None:
        if default is _UNSET:
            _missing(name)
        return default
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    _bad(name, value, "expected one of true/false/1/0/yes/no")


def env_int(name, default=_UNSET, minimum=None):
    value = _raw(name)
    if value is None:
        if default is _UNSET:
            _missing(name)
        return default
    try:
        number = int(value)
    except ValueError:
        _bad(name, value, "expected an integer")
    if minimum is not None and number < minimum:
        _bad(name, value, f"expected an integer >= {minimum}")
    return number


def env_list(name, default=()):
    """Comma-separated list; blank items (``a,,b`` or a trailing comma) are rejected."""
    value = _raw(name)
    if value is None:
        return list(default)
    items = [item.strip() for item in value.split(",")]
    if not all(items):
        _bad(name, value, "empty item in comma-separated list")
    return items


def env_choice(name, choices, default=_UNSET):
    value = env_str(name, default)
    if value not in choices:
        _bad(name, value, f"expected one of {', '.join(choices)}")
    return value


def env_path(name, default=_UNSET):
    """An absolute filesystem path (relative paths would depend on the working directory)."""
    value = env_str(name, default)
    path = Path(value)
    if not path.is_absolute():
        _bad(name, value, "expected an absolute path")
    return path


def env_url(name, schemes, default=_UNSET):
    value = env_str(name, default)
    if value is None:
        return None
    scheme = value.partition("://")[0]
    if "://" not in value or scheme not in schemes:
        _bad(name, value, f"expected a URL with scheme {' or '.join(schemes)}")
    return value
