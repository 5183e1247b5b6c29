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

# Debian's python3.11, not whichever python3.11 comes first on PATH: it is built with
# profile-guided optimisation like the production image's, which makes WeasyPrint about 17%
# faster than an unoptimised pyenv build, so local benchmarks measure what production runs.
# A .venv made from another interpreter is rebuilt.
PYTHON=/usr/bin/python3.11
if [[ ! -x .venv/bin/python ]] || ! grep -qx "executable = $PYTHON" .venv/pyvenv.cfg; then
    rm -rf .venv
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --disable-pip-version-check -q -r requirements.txt

PY=.venv/bin/python
"$PY" manage.py migrate --noinput
"$PY" manage.py load_demo
"$PY" manage.py collectstatic --noinput -v 0
