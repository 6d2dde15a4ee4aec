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
# node for the compiled CLI, with the young generation the build is sized for (pipeline/run/v8-flags.ts NODE_START_FLAGS;
# test/run/v8-flags.test.ts keeps the two the same). Without the flag the CLI writes the same bytes, more slowly.
PIPELINE_NODE := node --max-semi-space-size=64
VENV_STAMP := $(VENV)/.installed

# The CLI's exit code, said in words and returned (0 ok, 1 failed, 2 STRICT and some input rejected, 64 usage).
# GNU make itself exits 2 whenever a recipe fails; its "Error N" line and this one carry the CLI's code N
# (README "Running it on other articles": scripts that branch on the code call the CLI directly).
EXPLAIN_EXIT = status=$$?; case $$status in \
	  0) ;; \
	  2) echo "exit 2: built, but STRICT is on and some input was rejected (see rejected.csv)" >&2 ;; \
	  64) echo "exit 64: usage: check IN=, OUT= and the other options (make help)" >&2 ;; \
	  *) echo "exit $$status: the build failed (the message above names the path)" >&2 ;; \
	esac; exit $$status

.PHONY: help dataset test lint coverage eval bench release merge notebook clean typecheck show inspect syndication fit

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

dataset: $(BUNDLE_STAMP) ## Build the dataset: IN=<dir> (default seeds) OUT=<dir> (default output) [CONCURRENCY=n] [SHARD=i/N] [STRICT=1|true|yes] [STORY_THRESHOLD=0.5]
	@STRICT="$(STRICT)" STORY_THRESHOLD="$(STORY_THRESHOLD)" $(PIPELINE_NODE) $(BUILD_DIR)/cli.js --in "$(IN)" --out "$(OUT)"$(if $(CONCURRENCY), --concurrency "$(CONCURRENCY)")$(if $(SHARD), --shard "$(SHARD)"); \
	  $(EXPLAIN_EXIT)

merge: $(BUNDLE_STAMP) ## Join the parts of a sharded build: IN=<dir of parts> OUT=<dir> [STORY_THRESHOLD=0.5]
	@STORY_THRESHOLD="$(STORY_THRESHOLD)" $(PIPELINE_NODE) $(BUILD_DIR)/cli.js --merge --in "$(IN)" --out "$(OUT)"; \
	  $(EXPLAIN_EXIT)

bench: $(BUNDLE_STAMP) ## Measure speed and memory on generated news (BENCH_MB=32 BENCH_REPEAT=1); figures to bench/README.md
	BENCH_MB="$(BENCH_MB)" BENCH_REPEAT="$(BENCH_REPEAT)" $(TSX) bench/bench.ts

syndication: $(STAMP) ## Measure syndicated-copy detection on IndoSum copies: pair precision/recall, purity; clustering memory at 500,000 [STORY_THRESHOLD=0.5]
	NODE_OPTIONS=--expose-gc STORY_THRESHOLD="$(STORY_THRESHOLD)" $(TSX) bench/syndication.ts

test: $(STAMP) ## Type-check, lint, and run every test with coverage (report in coverage/)
	node_modules/.bin/tsc --noEmit
	node_modules/.bin/biome check --error-on-warnings
	@mkdir -p .vitest
	node_modules/.bin/vitest run --coverage --reporter=default --reporter=json --outputFile.json=.vitest/results.json; \
	  status=$$?; node -e 'const r=require("./.vitest/results.json"); console.log(`tests: $${r.numPassedTests} passed, $${r.numFailedTests} failed`); for (const f of r.testResults) if (f.status !== "passed") console.log(`not passed: $${f.name}: $${f.message}`)'; \
	  exit $$status

lint: $(STAMP) ## Lint and format check (Biome; fix with: node_modules/.bin/biome check --write)
	node_modules/.bin/biome check --error-on-warnings

coverage: $(STAMP) ## Run the tests with a coverage report (coverage/index.html); the stage folders must stay near full
	node_modules/.bin/vitest run --coverage

eval: $(BUNDLE_STAMP) ## Score against gold (GOLD=<dir> IN=<dir> [MISSES=1]); writes OUT/eval/eval.json and lf_report.csv
	node $(BUILD_DIR)/eval-cli.js --gold "$(GOLD)" --in "$(IN)" --out "$(OUT)/eval"$(if $(MISSES), --misses)

REAL ?= ../shared/real
fit: $(STAMP) ## Fit the label model on the seed gold and REAL (default ../shared/real) gold: writes pipeline/stages/label/rules/fitted-label-model.json
	$(TSX) pipeline/quality/fit-label-model.ts --set test/fixtures/gold:seeds --set "$(REAL)/gold:$(REAL)/raw"

release: $(STAMP) ## Build and package a release: IN=<dir> [RELEASE_CONFIG=<file>] (default release.config.json) into output/release/<name>-<version>/ and its .tar.gz
	$(TSX) pipeline/release/cli.ts --in "$(IN)" --release-dir "$(RELEASE_DIR)" --gold "$(GOLD)"$(if $(RELEASE_CONFIG), --config "$(RELEASE_CONFIG)")

# show and inspect read the dataset in OUT, building it from IN first when it is not there.
show: $(STAMP) ## One article in the terminal: DOC=<doc_id or source_file> [OUT=<dataset dir>]
	@test -f "$(OUT)/documents.arrow" || $(MAKE) --no-print-directory dataset IN="$(IN)" OUT="$(OUT)" >&2
	@$(TSX) pipeline/inspect/show.ts --dataset "$(OUT)" --doc "$(DOC)"

inspect: $(STAMP) ## Static HTML view of the dataset: [OUT=<dataset dir>] [LIMIT=n] into OUT/inspect/index.html
	@test -f "$(OUT)/documents.arrow" || $(MAKE) --no-print-directory dataset IN="$(IN)" OUT="$(OUT)" >&2
	$(TSX) pipeline/inspect/inspect.ts --dataset "$(OUT)"$(if $(LIMIT), --limit "$(LIMIT)")

# The notebook's Python packages live in a project-local virtual environment;
# here pip resolves them from the local wheel index (--retries 0: no waiting on the public one).
$(VENV_STAMP): notebooks/requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --retries 0 --quiet -r notebooks/requirements.txt
	@touch $@

notebook: $(STAMP) $(VENV_STAMP) ## Execute notebooks/explore.ipynb headless on DATASET_DIR (default OUT) into output/notebook/; load each release with datasets
	@test -f "$(DATASET_DIR)/manifest.json" || $(MAKE) dataset OUT="$(DATASET_DIR)"
	DATASET_DIR="$(abspath $(DATASET_DIR))" $(VENV)/bin/jupyter nbconvert --to notebook --execute notebooks/explore.ipynb \
	  --output-dir output/notebook --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.record_timing=False
	@dirs="$(or $(RELEASE),$(patsubst %/README.md,%,$(wildcard $(RELEASE_DIR)/*/README.md)))"; \
	  if [ -z "$$dirs" ]; then echo "notebook: no release to load with datasets (make release first, or RELEASE=<release dir>)"; \
	  else $(VENV)/bin/python notebooks/check_hub_release.py $$dirs; fi

clean: ## Remove built outputs (keeps node_modules)
	rm -rf output $(BUILD_DIR)
