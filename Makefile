# The two commands a new machine needs: `go run . secret list` and `make test`.
GO ?= go

.PHONY: test race gen build fuzz bench

# test runs the vet checks and every test: unit, fuzz seeds, stress and txtar scenarios.
test:
	$(GO) vet ./...
	$(GO) test ./...

# race runs every test under the race detector; CI runs test, then race.
race:
	$(GO) test -race ./...

# gen rewrites the code generated from spec/reyn.yaml.
gen:
	$(GO) generate ./...

build:
	$(GO) build -o reyn .

# fuzz runs each fuzzer for FUZZTIME (default 1m); new failing inputs land in testdata/fuzz.
FUZZTIME ?= 1m
fuzz:
	$(GO) test -run='^$$' -fuzz='^FuzzParse$$' -fuzztime=$(FUZZTIME) ./internal/dotenv
	$(GO) test -run='^$$' -fuzz='^FuzzRoundTrip$$' -fuzztime=$(FUZZTIME) ./internal/dotenv
	$(GO) test -run='^$$' -fuzz='^FuzzEdit$$' -fuzztime=$(FUZZTIME) ./internal/dotenv
	$(GO) test -run='^$$' -fuzz='^FuzzWriter$$' -fuzztime=$(FUZZTIME) ./internal/mask

# bench times reyn against a hello-world (ratios and targets), then runs the Go benchmarks.
bench:
	$(GO) run ./tools/bench
	$(GO) test -run='^$$' -bench=. -benchmem ./...
