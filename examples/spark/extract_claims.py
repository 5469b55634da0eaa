"""Extracts attributed claims from a JSONL corpus with Spark and whosaid.

Each input line is a JSON object with an id and a text field
(`{"id": ..., "text": ...}`). Every partition is streamed through one
`whosaid extract --input-format jsonl --format jsonl -q -` process with
`RDD.pipe`; whosaid writes exactly one JSON line per input line, in order:
the analysis (`{"article": {"id": ...}, "claims": [...]}`) or an error record
(`{"id": ..., "error": ...}`). The output directory holds those lines as
Spark text part files.

    spark-submit extract_claims.py --whosaid /path/to/whosaid in.jsonl out/

The binary must exist at the same path on every executor (install it in the
image, or ship it with `--files` and pass `--whosaid ./whosaid`).

Spark decodes each line as UTF-8 before `pipe` hands it to whosaid, replacing
invalid bytes with U+FFFD, so whosaid never sees them and `--lossy` has no
effect here. An error record for a line that is not JSON carries the id found
in the line when there is one; otherwise whosaid names it `stdin:<line>`,
which repeats in every partition, and this script renames it
`<partition>:<line>` so that every record has a unique id.
"""

import argparse
import json
import shlex

from pyspark.sql import SparkSession


def unique_error_ids(partition, records):
    """Renames `stdin:<line>` error records of one partition to `<partition>:<line>`."""
    for record in records:
        try:
            parsed = json.loads(record)
        except ValueError:
            yield record
            continue
        rid = parsed.get("id") if "error" in parsed else None
        if isinstance(rid, str) and rid.startswith("stdin:"):
            parsed["id"] = f"{partition}:{rid[len('stdin:'):]}"
            yield json.dumps(parsed, ensure_ascii=False)
        else:
            yield record


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input", help="JSONL corpus (any path Spark reads)")
    ap.add_argument("output", help="output directory (must not exist)")
    ap.add_argument("--whosaid", default="whosaid", help="path of the whosaid binary")
    ap.add_argument("--partitions", type=int, default=None, help="input partitions")
    ap.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="threads per whosaid process (Spark already runs one task per core)",
    )
    ap.add_argument("--text-field", default="text")
    ap.add_argument("--id-field", default="id")
    args = ap.parse_args()

    spark = SparkSession.builder.appName("whosaid-extract").getOrCreate()
    sc = spark.sparkContext
    lines = sc.textFile(args.input, minPartitions=args.partitions)
    # Blank lines give no output record; drop them so that lines in and out match.
    lines = lines.filter(lambda line: line.strip() != "")
    command = [
        args.whosaid,
        "extract",
        "--input-format", "jsonl",
        "--format", "jsonl",
        "--text-field", args.text_field,
        "--id-field", args.id_field,
        "-j", str(args.jobs),
        "-q",
        "-",
    ]
    # whosaid exits 1 when some documents failed; they come back as error
    # records, so a non-zero status is not a reason to fail the task.
    claims = lines.pipe(shlex.join(command), checkCode=False)
    # `pipe` keeps partitions: output partition i holds input partition i.
    claims = claims.mapPartitionsWithIndex(unique_error_ids)
    claims.saveAsTextFile(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
