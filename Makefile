# Incident Ledger: `make run` serves the API with the seed loaded, `make test` runs the suite.
# Neither needs anything but Python 3.11: without DATABASE_URL, an embedded PostgreSQL starts
# from a pip wheel with its data in .pgdata/.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000

.PHONY: install run test lint lock schema sdk clean-db bench

$(BIN)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

# A local secret key, made once and kept out of git; production sets SECRET_KEY itself.
.env:
	$(PYTHON) -c "import secrets; print('SECRET_KEY=' + secrets.token_urlsafe(50))" > $@

install: $(BIN)/.installed .env

run: install
	$(MANAGE) migrate --no-input
	$(MANAGE) load_seed
	DEBUG=$${DEBUG:-true} $(MANAGE) local_admin --port $(PORT)
	# The feed's worker runs beside the server, as in production, and stops with it.
	export DEBUG=$${DEBUG:-true} LOG_FORMAT=$${LOG_FORMAT:-plain}; \
	$(MANAGE) build_feed --follow & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run

# Measure the service against a hand-written baseline on a database of BENCH_INCIDENTS
# incidents (default 1,000,000; built once, then reused). Needs wrk (apt-get install wrk).
bench: install
	$(BIN)/python tests/bench/run.py

# Regenerate the lock after changing dependencies in pyproject.toml.
lock: install
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

# Regenerate the committed OpenAPI document.
schema: install
	$(MANAGE) spectacular --file openapi/schema.yaml --validate --fail-on-warn

# Regenerate the Python SDK's client (sdk/python/incident_ledger_client) from the document.
sdk: install
	$(BIN)/python sdk/python/generate.py

# Throw away the embedded database (stop `make run` first).
clean-db:
	rm -rf .pgdata
