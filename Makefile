# hds-policies: `make demo` and `make test` set up .venv on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
# Second environment: the newest Pulumi SDKs (pulumi >=3.224 cannot install beside checkov 3.3.30).
LATEST  ?= .venv-latest
LATEST_STAMP = $(LATEST)/.installed
PULUMI_TESTS = tests/test_pulumi_harness.py tests/test_pulumi_convert.py tests/test_pulumi_pack.py \
	tests/test_pulumi_cli.py tests/test_pulumi_parity.py tests/test_pulumi_programs.py

.PHONY: demo test test-latest lint bench fuzz clean browser

$(STAMP): pyproject.toml constraints/dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints/dev.txt -e ".[dev]"
	$(BIN)/python -m pip check
	touch $(STAMP)

$(LATEST_STAMP): pyproject.toml constraints/pulumi-latest.txt
	test -x $(LATEST)/bin/python || $(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --upgrade pip
	$(LATEST)/bin/python -m pip install --quiet -c constraints/pulumi-latest.txt -e ".[pulumi,azure-native]" \
		pytest jsonschema pulumi-aws pulumi-azure pulumi-gcp pulumi-ovh pulumi-random pulumi-kubernetes
	$(LATEST)/bin/python -m pip check
	touch $(LATEST_STAMP)

demo: $(STAMP)
	@echo "== hds-policies catalog rules"
	@$(BIN)/hds-policies catalog rules
	@echo
	@echo "== hds-policies scan fixtures/terraform/demo_noncompliant (non-compliant on purpose: exit code 1)"
	@$(BIN)/hds-policies scan fixtures/terraform/demo_noncompliant --as-of 2026-11-22 || test $$? -eq 1

lint: $(STAMP)
	$(BIN)/ruff check hds_policies tests bench policy_packs

# The HTML report is tested in headless Chromium: Debian's package, installed when missing (needs root;
# elsewhere the browser tests skip and say why).
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { test "$$(id -u)" = 0 && command -v apt-get >/dev/null 2>&1 && \
	    { apt-get install -y -qq chromium >/dev/null 2>&1 || \
	      { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1; }; }; } || \
	  echo "make browser: could not install chromium (apt-get install -y chromium as root): HTML browser tests will skip"

test: lint browser test-latest
	$(BIN)/python -m pytest -q -p no:cacheprovider

# The Pulumi tests again on the newest SDKs (the other end of the supported range).
test-latest: $(LATEST_STAMP)
	$(LATEST)/bin/python -m pytest -q -p no:cacheprovider $(PULUMI_TESTS)

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/checkov_bench.py
	$(BIN)/python bench/pulumi_bench.py
	$(BIN)/python bench/audit_bench.py
	$(BIN)/python bench/memory_bench.py
	$(BIN)/python bench/fuzz_time.py

# A longer fuzz run (tests/test_fuzz.py with the "fuzz" Hypothesis profile); inputs that crash are saved
# under tests/crash_corpus/found for the corpus.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz HDS_FUZZ_SAVE=tests/crash_corpus/found $(BIN)/python -m pytest -q -p no:cacheprovider \
		tests/test_fuzz.py --hypothesis-show-statistics

clean:
	rm -rf $(VENV) $(LATEST) build *.egg-info .pytest_cache
