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
VENV_STAMP := $(VENV)/.installed

.PHONY: help dataset test lint coverage eval bench syndication release merge notebook clean typecheck

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# npm ci only when node_modules is missing or older than the lock file.
$(STAMP): package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

dataset: $(STAMP) ## Build the dataset: IN=<dir> (default seeds) OUT=<dir> (default output) [CONCURRENCY=n] [SHARD=i/N] [STORY_THRESHOLD=0.5]
	STORY_THRESHOLD="$(STORY_THRESHOLD)" $(TSX) pipeline/cli.ts --in "$(IN)" --out "$(OUT)"$(if $(CONCURRENCY), --concurrency "$(CONCURRENCY)")$(if $(SHARD), --shard "$(SHARD)")

merge: $(STAMP) ## Join the parts of a sharded build: IN=<dir of parts> OUT=<dir> [STORY_THRESHOLD=0.5]
	STORY_THRESHOLD="$(STORY_THRESHOLD)" $(TSX) pipeline/cli.ts --merge --in "$(IN)" --out "$(OUT)"

bench: $(STAMP) ## Measure speed and memory on generated news (BENCH_MB=32 BENCH_REPEAT=1); figures to bench/README.md
	BENCH_MB="$(BENCH_MB)" BENCH_REPEAT="$(BENCH_REPEAT)" $(TSX) bench/bench.ts

syndication: $(STAMP) ## Measure syndicated-copy detection on IndoSum copies: pair precision/recall, purity; clustering memory at 500,000 [STORY_THRESHOLD=0.5]
	NODE_OPTIONS=--expose-gc STORY_THRESHOLD="$(STORY_THRESHOLD)" $(TSX) bench/syndication.ts

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

eval: $(STAMP) ## Score against gold (GOLD=<dir> IN=<dir> [MISSES=1]); writes OUT/eval/eval.json and lf_report.csv
	$(TSX) pipeline/quality/eval-cli.ts --gold "$(GOLD)" --in "$(IN)" --out "$(OUT)/eval"$(if $(MISSES), --misses)

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
	rm -rf output
