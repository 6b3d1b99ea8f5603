# Two commands: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test bench lint format migrate seed clean schema vendor fuzz spa chromium

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

migrate: $(STAMP)
	$(BIN)/rajut migrate

run: migrate
	$(BIN)/rajut seed-demo --if-empty
	$(BIN)/rajut serve --host $(HOST) --port $(PORT)

# The shared-notes tests drive a Node client with the real npm yjs + y-websocket
# (tests/node); its packages come from the committed package-lock.json.
NODE_DEPS := tests/node/node_modules/.package-lock.json
$(NODE_DEPS): tests/node/package-lock.json
	cd tests/node && npm ci --no-audit --no-fund
	touch $@

# The web app's npm packages (static/package-lock.json): only to rebuild static/public/dist,
# which is committed, so `make run` needs no Node.js. `make spa` after changing static/src.
SPA_DEPS := static/node_modules/.package-lock.json
$(SPA_DEPS): static/package-lock.json
	cd static && npm ci --no-audit --no-fund
	touch $@

spa: $(SPA_DEPS)
	cd static && node build.mjs

# The browser tests (tests/browser) drive Debian's Chromium through Playwright, which cannot
# download its own browser here. Installed with apt when missing and we may (root or sudo);
# otherwise those tests skip, except under CI=true where they fail.
chromium:
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	  else echo "chromium missing: apt-get install chromium (browser tests will skip)"; exit 0; fi; \
	  echo "installing chromium with apt"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Two workers by default (CI has 2 cores). Tests on the session's server run grouped by
# backend, the rest by file (tests/conftest.py), so a server or a module's seeded demo is made
# once per worker. TEST_WORKERS=0 runs in this process.
TEST_WORKERS ?= 2
test: $(STAMP) $(NODE_DEPS) $(SPA_DEPS) chromium
	$(BIN)/ruff check .
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup

# The PyPI `matching` library is a baseline in bench/matching.py; its top-level package name
# clashes with ours, so it lives outside the venv's site-packages.
BENCH_DEPS := $(VENV)/bench-deps
$(BENCH_DEPS)/.installed:
	$(BIN)/python -m pip install --quiet --no-deps --target $(BENCH_DEPS) matching==1.4.3
	touch $@

bench: $(STAMP) $(BENCH_DEPS)/.installed
	@for script in bench/*.py; do echo "== $$script"; \
	  RAJUT_BENCH_MATCHING_LIB=$(BENCH_DEPS) $(BIN)/python $$script || exit 1; done

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# schema.graphql, printed from the live schema (a test fails while it is stale)
schema: $(STAMP)
	$(BIN)/rajut schema --output schema.graphql

# GraphiQL's scripts and styles, from npm, at the versions Strawberry's page names
vendor: $(STAMP)
	$(BIN)/python -m server.graphiql

# the property-based API fuzzer, longer than in `make test` (RAJUT_FUZZ_EXAMPLES per role)
FUZZ_EXAMPLES ?= 1000
fuzz: $(STAMP)
	RAJUT_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -p no:cacheprovider tests/test_fuzz.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
