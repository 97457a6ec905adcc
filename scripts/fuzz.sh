#!/usr/bin/env bash
# Runs every cargo-fuzz target under fuzz/ for a fixed time and writes FUZZING.md at the repo
# root: when, on what, for how long, how many executions, the corpus, and the outcome.
#
#   FUZZ_SECONDS    seconds per target (default 60)
#   FUZZ_TARGETS    space-separated subset of targets (default: all)
#   FUZZ_SANITIZER  cargo-fuzz sanitizer (default none: the engine has no unsafe code, so
#                   AddressSanitizer would find nothing and halve the executions; panics,
#                   overflow checks, timeouts and memory limits are what catch bugs here)
#   FUZZ_TOOLCHAIN  toolchain for cargo-fuzz (default nightly)
#   FUZZ_REPORT     where the report goes (default FUZZING.md at the repo root)
#
# Nothing it produces is tracked by git: inputs the fuzzer finds go to fuzz/target/fuzz-run,
# crashes to fuzz/artifacts/<target>/. The seed corpora in fuzz/corpus are only read.
# Exits non-zero when a target found a crash (after writing the report).
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-"http1_parse config request json_body form_body multipart_body decompress"}
sanitizer=${FUZZ_SANITIZER:-none}
toolchain=${FUZZ_TOOLCHAIN:-nightly}
report=${FUZZ_REPORT:-$root/FUZZING.md}
work=$root/fuzz/target/fuzz-run

if ! rustup toolchain list | grep -q "^$toolchain"; then
  echo "installing the $toolchain toolchain"
  rustup toolchain install "$toolchain" --profile minimal
fi
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "installing cargo-fuzz"
  cargo +"$toolchain" install cargo-fuzz --locked
fi

build_flags=(--release --debug-assertions --sanitizer "$sanitizer")
echo "building fuzz targets (sanitizer: $sanitizer)"
cargo +"$toolchain" fuzz build "${build_flags[@]}"

# What each target checks, for the report.
describe() {
  case $1 in
    http1_parse) echo "raw request parser: no panic; parse → print → parse round-trips" ;;
    config) echo "config parse + compile: no panic; errors never repeat a configured value or an env value" ;;
    request) echo "parse + headers phase + body phase, default and custom-detector policies: no panic; copies tagged; no stale content-length" ;;
    json_body) echo "JSON rewriter via body::plan/redact: no panic; valid JSON stays valid; unchanged when nothing is found" ;;
    form_body) echo "form rewriter via body::plan/redact: no panic; UTF-8 out; unchanged when nothing is found" ;;
    multipart_body) echo "multipart rewriter via body::plan/redact: no panic; output accepted again" ;;
    decompress) echo "gzip/deflate text bodies: no panic; decode and re-encode agree; decompressed-size limit holds" ;;
    *) echo "" ;;
  esac
}

dict_for() {
  case $1 in
    http1_parse | request) echo fuzz/dict/http.dict ;;
    config) echo fuzz/dict/config.dict ;;
    json_body) echo fuzz/dict/json.dict ;;
    form_body) echo fuzz/dict/form.dict ;;
    multipart_body) echo fuzz/dict/multipart.dict ;;
  esac
}

# The last value of `key` in libFuzzer's status lines (`#N ... cov: 12 ft: 34 corp: 5/6Kb`).
status_field() {
  grep -E '^#[0-9]+' "$2" | grep -oE "$1: [0-9]+(/[0-9]+[a-zA-Z]*)?" | tail -1 | cut -d' ' -f2
}

rows=()
details=()
failed=0
for target in $targets; do
  corpus=$work/corpus/$target
  log=$work/logs/$target.log
  mkdir -p "$corpus" "$(dirname "$log")"
  args=(-max_total_time="$seconds" -print_final_stats=1 -timeout=30)
  dict=$(dict_for "$target")
  [ -n "$dict" ] && args+=(-dict="$root/$dict")
  echo "fuzzing $target for ${seconds}s"
  start=$(date +%s)
  set +e
  cargo +"$toolchain" fuzz run "${build_flags[@]}" "$target" "$corpus" "fuzz/corpus/$target" -- "${args[@]}" >"$log" 2>&1
  status=$?
  set -e
  elapsed=$(($(date +%s) - start))

  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  execs=${execs:-?}
  rate=?
  [ "$execs" != "?" ] && [ "$elapsed" -gt 0 ] && rate=$((execs / elapsed))
  seeds=$(find "fuzz/corpus/$target" -type f ! -name '.*' | wc -l)
  corp=$(status_field corp "$log")
  cov=$(status_field cov "$log")
  if [ "$status" -eq 0 ]; then
    outcome=ok
  else
    failed=1
    artifact=$(grep -oE 'Test unit written to [^ ]+' "$log" | tail -1 | sed 's/Test unit written to //; s#^'"$root"'/##')
    outcome="**crash** (exit $status): \`${artifact:-see log}\`"
    # The panic message (the line after "panicked at"), or libFuzzer's own (timeout, OOM).
    why=$(grep -m1 -A1 'panicked at' "$log" | tail -1 | cut -c1-300)
    [ -n "$why" ] || why=$(grep -m1 'ERROR: libFuzzer' "$log" | cut -c1-300)
    flags="--sanitizer $sanitizer"
    details+=("- \`$target\`: $why — reproduce with \`cargo +$toolchain fuzz run $flags $target ${artifact:-<artifact>}\`, minimise with \`cargo +$toolchain fuzz tmin $flags $target ${artifact:-<artifact>}\`")
  fi
  echo "  $target: $outcome, $execs executions in ${elapsed}s"
  rows+=("| \`$target\` | $(describe "$target") | $elapsed | $execs | $rate | $seeds → ${corp:-?} | ${cov:-?} | $outcome |")
done

{
  echo "# Fuzzing"
  echo
  echo "Written by \`make fuzz\` (\`scripts/fuzz.sh\`); rerun it to refresh. Targets, checks and seeds:"
  echo "\`fuzz/\` (see \`fuzz/README.md\`)."
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $(nproc) cores ($(uname -m), shared with other jobs during the run), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
  echo "- Toolchain: $(rustc +"$toolchain" --version), $(cargo fuzz --version 2>/dev/null | head -1)"
  echo "- Build: release with debug assertions and overflow checks, sanitizer \`$sanitizer\`"
  echo "- Budget: ${seconds}s per target (\`-max_total_time\`), one process at a time"
  echo
  echo "| target | checks | seconds | executions | exec/s | corpus (seed files → final entries/size) | coverage (edges) | outcome |"
  echo "| --- | --- | ---: | ---: | ---: | --- | ---: | --- |"
  printf '%s\n' "${rows[@]}"
  if [ -d fuzz/crashes ]; then
    echo
    echo "Known open crashes, kept until fixed: \`fuzz/crashes/README.md\`."
  fi
  if [ ${#details[@]} -gt 0 ]; then
    echo
    echo "## Crashes"
    echo
    printf '%s\n' "${details[@]}"
  fi
} >"$report"
echo "wrote $report"
exit "$failed"
