# Fuzzing with cargo-fuzz (nightly): included by the Makefile.
# `make fuzz` runs every target in fuzz/fuzz_targets for FUZZ_SECONDS each and writes FUZZING.md;
# `make fuzz FUZZ_SECONDS=600 FUZZ_TARGETS=json_body` for a longer run of one target.

FUZZ_SECONDS ?= 60

.PHONY: fuzz

fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_TARGETS="$(FUZZ_TARGETS)" bash scripts/fuzz.sh
