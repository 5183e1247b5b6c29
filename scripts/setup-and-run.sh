#!/usr/bin/env bash
# Install everything, migrate, load the demo data and serve http://127.0.0.1:8000.
# Pass --no-serve (or set NO_SERVE=1) to stop after the install part.
source "$(dirname "$0")/lib.sh"
enter_repo

serve=1
[[ "${NO_SERVE:-0}" == 1 ]] && serve=0
for arg in "$@"; do
    case "$arg" in
        --no-serve) serve=0 ;;
        *) echo "usage: $0 [--no-serve]" >&2; exit 2 ;;
    esac
done

bash scripts/install.sh
((serve)) || exit 0
exec .venv/bin/python manage.py runserver 127.0.0.1:8000
