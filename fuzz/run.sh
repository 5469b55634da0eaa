#!/usr/bin/env bash
# Runs every fuzz target for N seconds each (default 60) with cargo-fuzz on
# the nightly toolchain. Crashes are written to fuzz/artifacts/<target>/.
#   fuzz/run.sh 60            # all targets, 60 s each
#   fuzz/run.sh 300 pipeline  # one target
# Needs: rustup toolchain install nightly; cargo install cargo-fuzz
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(quote_scanner header sentences grammar pipeline)
fi
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  # Seed the text targets with the bundled articles.
  if [ "$t" != grammar ]; then
    cp -n ../tests/corpus/*.txt "corpus/$t/" 2>/dev/null || true
  else
    # Seeds for the grammar target: a selector byte, then a bundled file.
    i=0
    for f in speech_verbs source_nouns named_sources titles word_classes frames; do
      { printf "\\$(printf '%03o' $i)"; cat "../grammars/en/$f.yaml"; } > "corpus/grammar/seed-$f"
      i=$((i + 1))
    done
  fi
  echo "== $t: ${secs}s"
  cargo +nightly fuzz run "$t" "corpus/$t" -- \
    -max_total_time="$secs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
done
