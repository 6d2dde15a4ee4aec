# The front door. `make help` lists the targets.
SHELL := /bin/bash
IN ?= seeds
OUT ?= output
GOLD ?= test/fixtures/gold
TSX := node_modules/.bin/tsx
STAMP := node_modules/.installed
RELEASE_DIR ?= output/release
DATASET_DIR ?= $(OUT)
VENV := .venv
BUILD_DIR := build
BUNDLE_STAMP := $(BUILD_DIR)/.built
VENV_STAMP := $(VENV)/.installed

.PHONY: help dataset test lint coverage eval bench release merge notebook clean typecheck

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# npm ci only when node_modules is missing or older than the lock file.
$(STAMP): package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# The pipeline compiled ahead of time (scripts/bundle.ts): plain JavaScript for make dataset/merge/eval and
# the worker threads. Rebuilt when a pipeline source, rules file, schema, the bundler or the lock file changes.
$(BUNDLE_STAMP): $(STAMP) package-lock.json scripts/bundle.ts $(shell find pipeline schemas -type f -name '*.ts' -o -type f -name '*.json')
	$(TSX) scripts/bundle.ts $(BUILD_DIR)
	@touch $@

dataset: $(BUNDLE_STAMP) ## Build the dataset: IN=<dir> (default seeds) OUT=<dir> (default output) [CONCURRENCY=n] [SHARD=i/N]
	node $(BUILD_DIR)/cli.js --in "$(IN)" --out "$(OUT)"$(if $(CONCURRENCY), --concurrency "$(CONCURRENCY)")$(if $(SHARD), --shard "$(SHARD)")

merge: $(BUNDLE_STAMP) ## Join the parts of a sharded build: IN=<dir of parts> OUT=<dir>
	node $(BUILD_DIR)/cli.js --merge --in "$(IN)" --out "$(OUT)"

bench: $(BUNDLE_STAMP) ## Measure speed and memory on generated news (BENCH_MB=32 BENCH_REPEAT=1); figures to bench/README.md
	BENCH_MB="$(BENCH_MB)" BENCH_REPEAT="$(BENCH_REPEAT)" $(TSX) bench/bench.ts

test: $(STAMP) ## Type-check, lint, and run every test with coverage (report in coverage/)
	node_modules/.bin/tsc --noEmit
	node_modules/.bin/biome check --error-on-warnings
	@mkdir -p .vitest
	node_modules/.bin/vitest run --coverage --reporter=default --reporter=json --outputFile.json=.vitest/results.json; \
	  status=$$?; node -e 'const r=require("./.vitest/results.json"); console.log(`tests: $${r.numPassedTests} passed, $${r.numFailedTests} failed`)'; \
	  exit $$status

lint: $(STAMP) ## Lint and format check (Biome; fix with: node_modules/.bin/biome check --write)
	node_modules/.bin/biome check --error-on-warnings

coverage: $(STAMP) ## Run the tests with a coverage report (coverage/index.html); the stage folders must stay near full
	node_modules/.bin/vitest run --coverage

eval: $(BUNDLE_STAMP) ## Score against gold (GOLD=<dir> IN=<dir> [MISSES=1]); writes OUT/eval/eval.json and lf_report.csv
	node $(BUILD_DIR)/eval-cli.js --gold "$(GOLD)" --in "$(IN)" --out "$(OUT)/eval"$(if $(MISSES), --misses)

release: $(STAMP) ## Build and package a release: output/release/<name>-<version>/ and its .tar.gz
	$(TSX) pipeline/release/cli.ts --in "$(IN)" --release-dir "$(RELEASE_DIR)" --gold "$(GOLD)"

# The notebook's Python packages live in a project-local virtual environment;
# here pip resolves them from the local wheel index (--retries 0: no waiting on the public one).
$(VENV_STAMP): notebooks/requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --retries 0 --quiet -r notebooks/requirements.txt
	@touch $@

notebook: $(STAMP) $(VENV_STAMP) ## Execute notebooks/explore.ipynb headless on DATASET_DIR (default OUT) into output/notebook/
	@test -f "$(DATASET_DIR)/manifest.json" || $(MAKE) dataset OUT="$(DATASET_DIR)"
	DATASET_DIR="$(abspath $(DATASET_DIR))" $(VENV)/bin/jupyter nbconvert --to notebook --execute notebooks/explore.ipynb \
	  --output-dir output/notebook --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.record_timing=False

clean: ## Remove built outputs (keeps node_modules)
	rm -rf output $(BUILD_DIR)
