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
RUN useradd --create-home --uid 10001 prevent
COPY requirements.txt ./
RUN pip install --no-cache-dir --require-hashes -r requirements.txt
COPY . .
COPY --from=frontend /app/static_build ./static_build
# collectstatic needs settings to import, not real secrets.
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput \
    && mkdir -p /app/media && chown -R prevent /app/media
USER prevent
EXPOSE 8000
# Migrations run as a separate release step: `python manage.py migrate`.
CMD ["sh", "-c", "gunicorn prevent_site.wsgi --bind 0.0.0.0:${PORT} --workers 2 --access-logfile -"]
