# instgraph: everyday tasks. Everything runs from the repo's own virtualenv (.venv).
# The local Neo4j server needs Java 17+ and Maven; its jars and data live under $INSTGRAPH_HOME
# (default ~/.cache/instgraph), outside the repository.

PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: venv neo4j-jars test demo neo4j-start neo4j-stop neo4j-status clean

venv: $(STAMP)

# Reinstall only when the package definition changes.
$(STAMP): pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q -e '.[dev]'
	touch $(STAMP)

# Fetch Neo4j's jars with Maven (once; later runs find them in the cache and download nothing).
neo4j-jars: venv
	$(VENV)/bin/python -c 'import sys; from graph.store.local_server import ensure_jars; print(ensure_jars(log=lambda m: print(m, file=sys.stderr)))'

# The whole suite. Without NEO4J_URI the tests start their own throwaway Neo4j server (and stop it).
# pytest's exit code 5 (no tests collected) is a failure here.
test: venv
	@$(VENV)/bin/python -m pytest -q; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests" >&2; exit 1; fi; exit $$rc

demo: venv
	$(VENV)/bin/instgraph build --neo4j

neo4j-start: venv
	$(VENV)/bin/instgraph neo4j start

neo4j-stop: venv
	$(VENV)/bin/instgraph neo4j stop

neo4j-status: venv
	$(VENV)/bin/instgraph neo4j status

# Build and tool caches in the repo. The Neo4j cache under $INSTGRAPH_HOME is left alone.
clean:
	rm -rf out build .pytest_cache .ruff_cache .mypy_cache
	find . -path ./$(VENV) -prune -o \( -name __pycache__ -o -name '*.egg-info' \) -type d -print -exec rm -rf {} +
