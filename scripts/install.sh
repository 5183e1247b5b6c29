#!/usr/bin/env bash
# Idempotent install shared by setup-and-run.sh and test.sh: system packages, .venv,
# Python packages, database schema, demo data and static files. Safe to re-run.
source "$(dirname "$0")/lib.sh"
enter_repo

# CJK fonts and HarfBuzz subsetting for WeasyPrint PDFs, pdftotext for PDF checks,
# Chromium for Playwright tests, Redis for Celery; python3.11-venv because Debian's
# python3.11 has no ensurepip without it.
apt_ensure python3.11 python3.11-venv fonts-noto-cjk libharfbuzz-subset0 poppler-utils \
    chromium redis-server

if [[ ! -x .venv/bin/python ]]; then
    python3.11 -m venv .venv
fi
.venv/bin/python -m pip install --disable-pip-version-check -q -r requirements.txt

PY=.venv/bin/python
"$PY" manage.py migrate --noinput
"$PY" manage.py load_demo
"$PY" manage.py collectstatic --noinput -v 0
