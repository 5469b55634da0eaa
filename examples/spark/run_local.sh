#!/usr/bin/env bash
# Runs extract_claims.py in Spark local mode on a small corpus and checks that
# every input document id comes back exactly once. Not part of CI.
#
#   examples/spark/run_local.sh            # 2,000 documents
#   DOCS=20000 examples/spark/run_local.sh
#
# Needs Python 3 with venv, Java 17 and network access to PyPI (once).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="${WORK:-$root/target/spark}"
venv="${VENV:-$work/venv}"
docs="${DOCS:-2000}"
bin="${WHOSAID:-$root/target/release/whosaid}"

mkdir -p "$work"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet pyspark
fi
if [ ! -x "$bin" ]; then
  (cd "$root" && cargo build --release)
fi
java -version 2>&1 | head -1

# The corpus: PolNeAR dev texts when present, repeated under new ids, or a
# generated article otherwise.
"$venv/bin/python" - "$root/../shared/corpus/polnear/dev.jsonl" "$work/input.jsonl" "$docs" <<'PY'
import json, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
try:
    texts = [json.loads(l)["text"] for l in open(src, encoding="utf-8") if l.strip()]
except FileNotFoundError:
    texts = ['"We will act on this," the minister said on Monday. '
             'According to the ministry, the talks will go on.']
with open(dst, "w", encoding="utf-8") as out:
    for i in range(n):
        out.write(json.dumps({"id": f"doc-{i:06d}", "text": texts[i % len(texts)]}) + "\n")
print(f"corpus: {n} documents in {dst}")
PY

rm -rf "$work/output"
start=$(date +%s)
"$venv/bin/python" "$here/extract_claims.py" --whosaid "$bin" --partitions 8 \
  "$work/input.jsonl" "$work/output" 2> "$work/spark.log" || { tail -30 "$work/spark.log"; exit 1; }
echo "spark: $(( $(date +%s) - start )) s"

# Every input id exactly once, no other ids.
"$venv/bin/python" - "$work/input.jsonl" "$work/output" <<'PY'
import collections, glob, json, os, sys
inp, outdir = sys.argv[1], sys.argv[2]
want = [json.loads(l)["id"] for l in open(inp, encoding="utf-8") if l.strip()]
got = collections.Counter()
claims = errors = 0
for part in sorted(glob.glob(os.path.join(outdir, "part-*"))):
    for line in open(part, encoding="utf-8"):
        rec = json.loads(line)
        if "article" in rec:
            got[rec["article"]["id"]] += 1
            claims += len(rec["claims"])
        else:
            got[rec["id"]] += 1
            errors += 1
missing = [i for i in want if got[i] == 0]
repeated = [i for i, n in got.items() if n > 1]
extra = set(got) - set(want)
print(f"check: {len(want)} ids in, {sum(got.values())} records out, "
      f"{claims} claims, {errors} error records, {len(missing)} missing, "
      f"{len(repeated)} repeated, {len(extra)} unknown")
sys.exit(1 if missing or repeated or extra else 0)
PY
