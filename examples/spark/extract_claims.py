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
"""

import argparse
import shlex

from pyspark.sql import SparkSession


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
    claims.saveAsTextFile(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
