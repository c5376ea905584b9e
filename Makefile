# Two commands matter: `make run` (the site on SQLite with the seed content) and `make test`.
# Every other target is a step they share; each step is skipped when its inputs have not changed.

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test browsers stack stack-down setup lint format frontend admin-password requirements clean bench lighthouse backup restore audit

run: setup
	$(MANAGE) migrate --noinput
# The sites' port follows PORT, and so does the admin's address in officers' notifications,
# so links in pages and emails point at this server.
	$(MANAGE) load_seed_content --port $(PORT)
	$(MANAGE) create_site_groups
	WAGTAILADMIN_BASE_URL=http://localhost:$(PORT) $(MANAGE) ensure_admin
	@echo "Serving http://$(HOST):$(PORT)/ (Westminster), http://rochford.localhost:$(PORT)/ and http://londoncouncils.localhost:$(PORT)/. Stop with Ctrl+C."
	WAGTAILADMIN_BASE_URL=http://localhost:$(PORT) $(MANAGE) runserver $(HOST):$(PORT)

# Installs nothing outside the project: without Chromium it says so and skips the browser tests.
test: setup
	@scripts/check-chromium
	@scripts/check-varnish
	$(PY) -m pytest $(PYTEST_ARGS)

# Chromium for the browser tests and Lighthouse, and Varnish for the stack tests: installed
# with apt-get when run as root.
browsers:
	@scripts/install-chromium
	@scripts/install-varnish

# The production shape on one machine (README, "Production shape on one machine"): PostgreSQL,
# Redis, two gunicorn instances, the task worker, the scheduler and Varnish on port 8080.
stack: setup
	@scripts/check-varnish --required
	$(PY) scripts/stack up

stack-down:
	$(PY) scripts/stack down

# Style, formatting, complexity and imports (ruff, pyproject.toml), dead code (vulture), the
# templates (djlint, lint only: it never reformats), the SCSS (stylelint, .stylelintrc.json),
# Django's checks and missing migrations. .pre-commit-config.yaml runs the same linters on commit.
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/vulture
	$(VENV)/bin/djlint templates --lint
	npm run --silent lint:css
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

setup: $(VENV)/.installed static_build/.built

# The virtual environment, rebuilt only when the pinned requirements change.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	@python=$$(scripts/find-python) || exit 1; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
		echo "Creating $(VENV) with $$python"; rm -rf $(VENV); "$$python" -m venv $(VENV) || exit 1; \
	fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.txt -r requirements-dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	@scripts/check-node
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

static_build/.built: node_modules/.installed $(shell find static -type f 2>/dev/null) scripts/build-frontend.mjs
	npm run --silent build
	@touch $@

frontend: static_build/.built

# Speed benchmark (not a test): gunicorn + wrk on 127.0.0.1; prints a table, writes benchmarks/results/.
bench: setup
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null 2>&1; } || true
	$(PY) -m scripts.bench $(BENCH_ARGS)

# Lighthouse scores for four pages, mobile and desktop (CI adds --check).
lighthouse: setup
	@scripts/check-chromium --required
	$(PY) -m scripts.lighthouse $(LIGHTHOUSE_ARGS)

# The database and uploaded media in one archive under backups/ (docs/deploy.md, "Backups").
backup: setup
	$(MANAGE) backup backups

# Replaces the database and media with a backup's, so it asks for YES=yes.
restore: setup
	@[ -n "$(ARCHIVE)" ] && [ "$(YES)" = yes ] || { echo "This replaces the database and media with the backup's. To go ahead: make restore ARCHIVE=backups/NAME.tar.gz YES=yes"; exit 2; }
	$(MANAGE) restore --yes "$(ARCHIVE)"

# Known vulnerabilities in the pinned packages (scripts/audit). Needs PyPI's and the npm
# registry's advisory services; fails, saying so, where they cannot be reached.
audit: setup
	scripts/audit

admin-password: setup
	$(MANAGE) ensure_admin --new-password

# Regenerate the pinned, hashed requirement files from requirements*.in.
requirements: $(VENV)/.installed
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o requirements.txt requirements.in
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o requirements-dev.txt requirements-dev.in

clean:
	rm -rf $(VENV) node_modules static_build collected_static test_media .pytest_cache
