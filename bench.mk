# `make bench`: how fast the filter is, measured, with the targets judged in BENCHMARKS.md.
# Included by the Makefile. Steps (each can be run on its own):
#   bench-engine       criterion, native: the engine's body and headers phases, on_configure
#   bench-wasm-engine  the same engine code built for wasm32-wasip1 under Node.js (V8) and
#                      natively, for the Wasm-to-native ratio
#   bench-envoy        load through three real Envoys on loopback (wrk), VM memory
#   bench-report       writes BENCHMARKS.md from the above, the module and the machine's facts
# Takes about ten minutes on two cores, builds included.

BENCH_DIR         := target/bench
BENCH_ROUNDS      ?= 3
BENCH_SECS        ?= 5
BENCH_CONNECTIONS ?= 8
BENCH_ENGINE_SECS ?= 1
ENGINE_WASM       := target/wasm32-wasip1/release/engine-throughput.wasm

.PHONY: bench bench-tools bench-engine bench-wasm-engine bench-envoy bench-report

bench: wasm envoy bench-tools bench-engine bench-wasm-engine bench-envoy bench-report

## wrk drives the load; Node.js runs the Wasm engine build (both from Debian when missing).
bench-tools:
	@command -v wrk >/dev/null 2>&1 && command -v node >/dev/null 2>&1 || { \
	  echo "installing wrk and nodejs (Debian packages)"; \
	  SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk nodejs >/dev/null; }

bench-engine:
	mkdir -p $(BENCH_DIR)
	$(CARGO) bench --profile native -p mirrorguard-bench-engine --bench engine

bench-wasm-engine:
	mkdir -p $(BENCH_DIR)
	rustup target add wasm32-wasip1 >/dev/null 2>&1 || true
	$(CARGO) build --profile native -p mirrorguard-bench-engine --bin engine-throughput
	$(CARGO) build --release --target wasm32-wasip1 -p mirrorguard-bench-engine --bin engine-throughput
	target/native/engine-throughput $(BENCH_ENGINE_SECS) > $(BENCH_DIR)/engine-native.jsonl
	node --no-warnings bench/wasi-run.mjs $(ENGINE_WASM) $(BENCH_ENGINE_SECS) > $(BENCH_DIR)/engine-wasm.jsonl

bench-envoy: wasm envoy bench-tools
	mkdir -p $(BENCH_DIR)
	$(CARGO) build --release --target wasm32-wasip1 -p mirrorguard-bench-noop-filter
	$(CARGO) run --profile bench-driver -p mirrorguard-bench-load -- envoy \
	  --rounds $(BENCH_ROUNDS) --secs $(BENCH_SECS) --connections $(BENCH_CONNECTIONS) \
	  --out $(BENCH_DIR)/envoy.json

bench-report:
	$(CARGO) run --profile bench-driver -p mirrorguard-bench-load -- report \
	  --dir $(BENCH_DIR) --criterion target/criterion --module $(WASM) --module-unoptimised $(WASM).cargo \
	  --analysis bench/ANALYSIS.md --out BENCHMARKS.md
	@echo "wrote BENCHMARKS.md"
