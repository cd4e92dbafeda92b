# hds-policies: `make demo` and `make test` set up .venv on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml constraints/dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints/dev.txt -e ".[dev]"
	$(BIN)/python -m pip check
	touch $(STAMP)

demo: $(STAMP)
	@echo "== hds-policies catalog rules"
	@$(BIN)/hds-policies catalog rules
	@echo
	@echo "== hds-policies scan fixtures/terraform/demo_noncompliant (non-compliant on purpose: exit code 1)"
	@$(BIN)/hds-policies scan fixtures/terraform/demo_noncompliant --as-of 2026-11-22 || test $$? -eq 1

lint: $(STAMP)
	$(BIN)/ruff check hds_policies tests bench policy_packs

test: lint
	$(BIN)/python -m pytest -q -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/checkov_bench.py
	$(BIN)/python bench/pulumi_bench.py
	$(BIN)/python bench/audit_bench.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
