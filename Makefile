# The us-east-1 outage explainer. `make help` lists the targets.
SHELL := /bin/bash
GO    ?= go
GOROOT_WASM := $(shell $(GO) env GOROOT)/lib/wasm
PURE  := ./game/sim/... ./game/safeguard/... ./game/scenario/... ./game/check/... ./game/story/... ./game/urlstate/... ./game/i18n/... ./game/verdict/... ./game/racerisk/... ./game/worlds/... ./assets/...

# Server for `make serve` / `make run`.
PORT ?= 8080
ADDR ?= 127.0.0.1
# Brotli level of web/outage.wasm.br. 5 takes a few seconds; 11, the level
# to publish with (make wasm BROTLI_QUALITY=11), about 90 s on 2 cores and
# ~15% less. `make bench` and `make size` always report level 11.
BROTLI_QUALITY ?= 5

WASM  := web/outage.wasm
# Compiler flags of the WebAssembly build, one -gcflags each. Go's inliner
# copies small functions into every caller; in WebAssembly each copy carries
# its own resumable-call scaffolding, and brotli compresses the result
# worse. Inlining is kept where the frame and the re-run spend their time
# (the runtime and low-level std, Ebitengine, text shaping and rasterising,
# the simulation) and turned off elsewhere: ~0.35 MB less to download at the
# same Draw and re-run times (make bench; README "Budgets").
# WASM_GCFLAGS= builds with Go's defaults.
WASM_GCFLAGS ?= all=-l runtime/...= math/...= slices= sort= strconv= unicode/...= internal/...= \
  github.com/hajimehoshi/ebiten/v2/...= github.com/go-text/...= golang.org/x/image/...= \
  github.com/outagelab/outage/game/sim= github.com/outagelab/outage/game/sample=
export WASM_GCFLAGS
# The wasm build's inputs, so that `make wasm` is a no-op when nothing changed.
WASM_SRC := go.mod go.sum Makefile $(shell find cmd/outage game assets -type f 2>/dev/null)
# The plain HTML transcripts, one per language (cmd/outage-transcript).
TRANSCRIPTS := web/transcript.en.html web/transcript.id.html
TRANSCRIPT_SRC := go.mod go.sum $(shell find cmd/outage-transcript game assets -type f 2>/dev/null)

# The published folder (make dist): brotli at the best level, as readers
# download it. DIST_BROTLI_QUALITY=5 makes it in seconds for a quick try.
DIST ?= dist
DIST_BROTLI_QUALITY ?= 11

# The desktop builds of make release (GOOS/GOARCH), all without cgo, and
# the ones make test builds so that a change breaking them fails CI.
RELEASE_TARGETS := windows/amd64 darwin/arm64 darwin/amd64 linux/amd64 linux/arm64
CROSS_TARGETS   := windows/amd64 darwin/arm64
RELEASE_DIR ?= bin/release

# The soak of make bench, in minutes (10 is the budget's; SOAK=1 for a try).
SOAK ?= 10

.PHONY: help run serve wasm transcript desktop dist release test-cross size test test-native test-wasm e2e test-desktop vet bench sim assets readme clean

help: ## list the targets
	@grep -hE '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

run: wasm ## build the browser app and serve it (prints the URL)
	$(GO) run ./cmd/outage-serve -addr $(ADDR) -port $(PORT)

serve: ## serve index.html and web/ on http://127.0.0.1:8080/ (PORT=, ADDR=)
	$(GO) run ./cmd/outage-serve -addr $(ADDR) -port $(PORT)

wasm: web/wasm_exec.js $(WASM).json $(TRANSCRIPTS) ## build web/outage.wasm, its .br/.gz copies and manifest, and the transcripts (BROTLI_QUALITY=11 to publish)

$(WASM): $(WASM_SRC)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' $(foreach f,$(WASM_GCFLAGS),-gcflags='$(f)') -o $@ ./cmd/outage

# Always asks: the tool skips the work when the manifest already matches
# the content and the quality.
$(WASM).json: $(WASM) FORCE
	$(GO) run ./cmd/outage-serve precompress -quality $(BROTLI_QUALITY) $(WASM)

web/wasm_exec.js: $(GOROOT_WASM)/wasm_exec.js
	cp $< $@

# The tool leaves a page alone when its text did not change; touch tells
# make that it is up to date.
$(TRANSCRIPTS) &: $(TRANSCRIPT_SRC)
	$(GO) run ./cmd/outage-transcript -out web
	touch $(TRANSCRIPTS)

transcript: $(TRANSCRIPTS) ## write the plain HTML transcripts web/transcript.{en,id}.html

FORCE:

desktop: ## build the desktop app to bin/outage (no cgo)
	CGO_ENABLED=0 $(GO) build -trimpath -o bin/outage ./cmd/outage

dist: wasm ## the folder to publish on any static host: dist/ (README "Publishing"; DIST_BROTLI_QUALITY=5 for a quick one)
	$(GO) run ./cmd/outage-serve dist -quality $(DIST_BROTLI_QUALITY) -out $(DIST)

release: ## the desktop app for Windows, macOS and Linux, without cgo, in bin/release/ with SHA256SUMS
	@mkdir -p $(RELEASE_DIR)
	@set -e; for t in $(RELEASE_TARGETS); do \
	  os=$${t%/*}; arch=$${t#*/}; ext=; [ "$$os" = windows ] && ext=.exe; \
	  out=$(RELEASE_DIR)/outage-$$os-$$arch$$ext; \
	  echo "CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch go build -o $$out"; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags='-s -w' -o $$out ./cmd/outage; \
	done
	cd $(RELEASE_DIR) && sha256sum outage-* > SHA256SUMS && ls -l outage-*

test-cross: ## build the desktop app for Windows and macOS (no cgo), so a change that breaks them fails
	@set -e; for t in $(CROSS_TARGETS); do \
	  os=$${t%/*}; arch=$${t#*/}; \
	  echo "CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch go build ./cmd/outage"; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -o /dev/null ./cmd/outage; \
	done

size: wasm ## download size of web/outage.wasm: raw, gzip, brotli (level 11)
	$(GO) run ./bench/report -size-only

assets: ## regenerate the embedded tables in assets/generated: race risk over many nights, the plausible worlds (about 2 min)
	$(GO) run ./cmd/outage-sim generate -o assets/generated
	$(GO) run ./cmd/outage-sim calibrate --write assets/generated/worlds.json
	$(GO) run ./cmd/outage-sim tables --write README.md

readme: ## rewrite the README's tables of results from the model (a test fails when they are stale)
	$(GO) run ./cmd/outage-sim tables --write README.md

sim: ## print the replayed timeline next to the real one
	$(GO) run ./cmd/outage-sim run

vet: ## go vet (also of the build-tagged browser tests), gofmt
	$(GO) vet ./...
	$(GO) vet -tags e2e ./e2e/...
	@files="$$(git ls-files --cached --others --exclude-standard '*.go' 2>/dev/null || find . -name '*.go')"; \
	  test -z "$$(gofmt -l $$files)" || { gofmt -l $$files; echo "gofmt needed"; exit 1; }

test-native: ## all unit tests, natively
	$(GO) test -count=1 ./...

test-wasm: ## the pure packages' tests under GOOS=js GOARCH=wasm in Node
	PATH="$$PATH:$(GOROOT_WASM)" GOOS=js GOARCH=wasm $(GO) test -count=1 $(PURE)

e2e: wasm ## browser tests of the built web/outage.wasm and of dist/ in headless Chromium and Firefox ESR (screenshots in artifacts/)
	@# dist/ at the wasm's own brotli level, so that its compressed copy is reused (level 11 takes ~90 s).
	$(MAKE) --no-print-directory dist DIST_BROTLI_QUALITY=$(BROTLI_QUALITY)
	$(GO) test -tags e2e -count=1 -run 'TestBrowser|TestFirefox' -v ./e2e/

test-desktop: ## the desktop build (CGO_ENABLED=0) run under Xvfb, with a screenshot
	$(GO) test -tags e2e -count=1 -run 'TestDesktop' -v ./e2e/

test: vet test-native test-wasm test-cross e2e test-desktop ## everything CI runs

bench: ## benchmarks, sizes, first frame vs the baseline, frame and re-run times, cold re-run, a SOAK-minute soak (bench/out/report.md)
	@mkdir -p bench/out
	$(MAKE) --no-print-directory wasm
	$(GO) test -run '^$$' -bench . -benchmem ./game/... | tee bench/out/gobench.txt
	$(GO) run ./bench/report -gobench bench/out/gobench.txt -out bench/out/report.md -soak $(SOAK)m

clean: ## remove build outputs
	rm -rf bin artifacts bench/out $(DIST) web/wasm_exec.js web/*.wasm web/*.wasm.br web/*.wasm.gz web/*.wasm.json $(TRANSCRIPTS)
