GO      ?= go
BIN     := bin/playdrill
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: build run test bench lint fuzz clean

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/playdrill

# Opens the TUI on the shipped playbook.
run: build
	./$(BIN)

# Everything CI checks.
test: lint build
	$(GO) test -race -timeout 8m ./...
	./scripts/attack $(BIN)
	$(MAKE) fuzz FUZZTIME=10s

# staticcheck is pinned: a new release's new checks do not fail CI unasked.
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

FUZZTIME ?= 30s
# A new interesting input is minimised for at most this long: minimising a
# playbook-sized input can take minutes, and used to eat the whole run.
FUZZMINIMIZE ?= 1s
FUZZ = $(GO) test -run '^$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
fuzz:
	$(FUZZ) -fuzz '^FuzzParse$$' ./internal/markdown
	$(FUZZ) -fuzz '^FuzzAddAlternate$$' ./internal/markdown
	$(FUZZ) -fuzz '^FuzzGrade$$' ./internal/grade
	$(FUZZ) -fuzz '^FuzzTerminal$$' ./internal/safe
	$(FUZZ) -fuzz '^FuzzMarkdown$$' ./internal/safe
	$(FUZZ) -fuzz '^FuzzDamagedPage$$' ./internal/boltdb
	$(FUZZ) -fuzz '^FuzzDraft$$' ./internal/draft

# Benchmarks report their figures as ratios to a floor measured in the
# same run; benchstat summarises the runs as medians with their spread.
BENCHCOUNT ?= 6
BENCHSTAT  ?= golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count $(BENCHCOUNT) ./... | tee bench.txt
	$(GO) run $(BENCHSTAT) bench.txt

clean:
	rm -rf bin bench.txt
