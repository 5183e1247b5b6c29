FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint needs Pango/HarfBuzz (subsetting embeds only the glyphs used) and CJK fonts;
# poppler-utils provides pdftotext for checking generated PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
        libfontconfig1 poppler-utils \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# collectstatic needs settings to load; this key is used for nothing else.
RUN DEBUG=false SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput

# Run unprivileged; media/ becomes the mount point of the shared media volume.
RUN useradd --system --uid 10001 --home-dir /app app && mkdir -p /app/media \
    && chown app: /app/media
USER app

EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
