#!/usr/bin/env bash
# Install (without serving), then lint, Django checks and the test suite.
# Extra arguments go to pytest. The database is whatever DATABASE_URL says (default SQLite).
source "$(dirname "$0")/lib.sh"
enter_repo

bash scripts/install.sh

.venv/bin/ruff check .
.venv/bin/python manage.py check
.venv/bin/python manage.py makemigrations --check --dry-run

status=0
.venv/bin/pytest "$@" || status=$?
if ((status == 5)); then
    # pytest exits 5 when it collected nothing: a run that tested nothing is a failure.
    echo "pytest collected no tests" >&2
    exit 1
fi
exit "$status"
