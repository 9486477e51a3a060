# The us-east-1 outage explainer. `make help` lists the targets.
SHELL := /bin/bash
GO    ?= go
GOROOT_WASM := $(shell $(GO) env GOROOT)/lib/wasm
PURE  := ./game/sim/... ./game/safeguard/... ./game/scenario/... ./game/check/... ./game/story/... ./game/urlstate/... ./game/i18n/... ./game/verdict/... ./assets/...

.PHONY: help run test test-native test-wasm vet bench sim

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

run: sim ## replay the incident (until the app lands: prints the timeline)

sim: ## print the replayed timeline next to the real one
	$(GO) run ./cmd/outage-sim run

vet: ## go vet, gofmt
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { gofmt -l .; echo "gofmt needed"; exit 1; }

test-native: ## all tests, natively
	$(GO) test -count=1 ./...

test-wasm: ## the pure packages' tests under GOOS=js GOARCH=wasm in Node
	PATH="$$PATH:$(GOROOT_WASM)" GOOS=js GOARCH=wasm $(GO) test -count=1 $(PURE)

test: vet test-native test-wasm ## everything CI runs

bench: ## benchmarks and a short report
	$(GO) test -run '^$$' -bench . -benchmem ./game/... | tee /dev/stderr | $(GO) run ./cmd/outage-sim bench-report
