# Front end: the same build script that `make setup` runs.
FROM node:20-slim AS frontend
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY scripts/build-frontend.mjs scripts/
COPY static ./static
RUN npm run --silent build

# Application: pinned, hashed requirements first so the layer is reused when only code changes.
FROM python:3.12-slim AS app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=prevent_site.settings.production PORT=8000
WORKDIR /app
# pg_dump and pg_restore for `manage.py backup` and `manage.py restore`; Debian's client is at
# least as new as the PostgreSQL 15 server in docker-compose.yml, as pg_dump requires.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 prevent
COPY requirements.txt ./
RUN pip install --no-cache-dir --require-hashes -r requirements.txt
COPY . .
COPY --from=frontend /app/static_build ./static_build
# collectstatic needs settings to import, not real secrets.
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput \
    && mkdir -p /app/media /app/private_media /app/varnish-pages \
    && chown -R prevent /app/media /app/private_media /app/varnish-pages \
    && chmod 700 /app/private_media
USER prevent
EXPOSE 8000
# Readiness: the app answers and its database does (/health/live/ checks the process alone).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health/ready/', timeout=4).status != 200)"
# Migrations run as a separate release step: `python manage.py migrate`.
# The task worker runs from the same image: `python manage.py db_worker`.
# So do backups and restores: `python manage.py backup` and `python manage.py restore` (docs/deploy.md).
CMD ["gunicorn", "prevent_site.wsgi", "--config", "gunicorn.conf.py"]
