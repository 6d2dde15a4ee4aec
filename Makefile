# The front door. `make help` lists the targets.
SHELL := /bin/bash
IN ?= seeds
OUT ?= output
GOLD ?= test/fixtures/gold
TSX := node_modules/.bin/tsx
STAMP := node_modules/.installed

.PHONY: help dataset test eval bench release merge notebook clean typecheck

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# npm ci only when node_modules is missing or older than the lock file.
$(STAMP): package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

dataset: $(STAMP) ## Build the dataset: IN=<dir> (default seeds) OUT=<dir> (default output)
	$(TSX) pipeline/cli.ts --in "$(IN)" --out "$(OUT)"

test: $(STAMP) ## Type-check and run every test
	node_modules/.bin/tsc --noEmit
	@mkdir -p .vitest
	node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json=.vitest/results.json; \
	  status=$$?; node -e 'const r=require("./.vitest/results.json"); console.log(`tests: $${r.numPassedTests} passed, $${r.numFailedTests} failed`)'; \
	  exit $$status

clean: ## Remove built outputs (keeps node_modules)
	rm -rf output
