# `make soak` (project issue 5): 200,000 mirrored requests of mixed realistic bodies through
# Envoy with the filter on loopback, bounded in time. Checks zero primary errors, every copy
# accounted for (arrived + dropped with a reason = sent), flat Envoy and Wasm VM memory and no
# growth in open connections; writes SOAK.md and fails when a check fails.
# Included by the Makefile; SOAK_ARGS passes options, e.g. SOAK_ARGS="--requests 500000".

SOAK_ARGS ?=

.PHONY: soak

soak: wasm envoy
	$(CARGO) run --quiet -p mirrorguard-harness --bin soak -- $(SOAK_ARGS)
