"""Throughput of the Python package against the CLI on a JSONL corpus.

Not a test: it times, best of --repeat runs,

* ``whosaid extract --format jsonl --quiet CORPUS``, writing to /dev/null,
  and piped into this process, which parses every line with ``json.loads``
  (what a caller that shells out pays),
* ``whosaid.extract_many`` over the corpus's ``(id, text)`` pairs, every
  result consumed,
* ``whosaid.extract`` called on each text in turn (one thread),

each with every core and with one thread (``-j 1`` / ``n_jobs=1``), and
checks that all of them find the same number of claims. The corpus is read
into memory before timing, for Python; the CLI reads it from the file.

    python bindings/python/benches/throughput.py \\
        --corpus ../shared/corpus/polnear/dev.jsonl --cli target/release/whosaid
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import time
from pathlib import Path
from typing import Callable, List, Optional, Tuple

import whosaid


def cpu_seconds() -> float:
    """User and system time of this process and its finished children."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def best_of(repeat: int, run: Callable[[], int]) -> Tuple[float, float, int]:
    """The shortest wall time and CPU time of `repeat` runs, and what the
    run counted. CPU time (all threads, and the CLI's process) is the
    steadier figure on a shared machine."""
    walls, cpus, counted = [], [], -1
    for _ in range(repeat):
        start, cpu = time.perf_counter(), cpu_seconds()
        counted = run()
        walls.append(time.perf_counter() - start)
        cpus.append(cpu_seconds() - cpu)
    return min(walls), min(cpus), counted


def cli_run(cli: Path, corpus: Path, jobs: Optional[int], parse: bool) -> Callable[[], int]:
    """A CLI run writing to /dev/null, or into this process, which parses
    each line with json.loads (what a caller shelling out pays)."""
    command = [str(cli), "extract", "--format", "jsonl", "--quiet", str(corpus)]
    if jobs is not None:
        command += ["-j", str(jobs)]

    def run() -> int:
        if not parse:
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            return -1
        out = subprocess.run(command, check=True, capture_output=True).stdout
        return sum(len(json.loads(line)["claims"]) for line in out.splitlines())

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus/polnear/dev.jsonl"))
    parser.add_argument("--cli", type=Path, default=Path("target/release/whosaid"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    with args.corpus.open(encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    pairs: List[Tuple[str, str]] = [(d["id"], d["text"]) for d in docs]
    megabytes = sum(len(t.encode("utf-8")) for _, t in pairs) / 1e6

    def many(n_jobs: Optional[int]) -> Callable[[], int]:
        return lambda: sum(len(c) for _, c in whosaid.extract_many(pairs, n_jobs=n_jobs))

    def one_by_one() -> int:
        return sum(len(whosaid.extract(t)) for _, t in pairs)

    runs = [
        ("CLI `extract --format jsonl` > /dev/null", cli_run(args.cli, args.corpus, None, False)),
        ("CLI piped into `json.loads`", cli_run(args.cli, args.corpus, None, True)),
        ("Python `extract_many`", many(None)),
        ("CLI `-j 1` > /dev/null", cli_run(args.cli, args.corpus, 1, False)),
        ("CLI `-j 1` piped into `json.loads`", cli_run(args.cli, args.corpus, 1, True)),
        ("Python `extract_many(n_jobs=1)`", many(1)),
        ("Python `extract` in a loop", one_by_one),
    ]
    print(f"{len(pairs)} documents, {megabytes:.2f} MB of text, {os.cpu_count()} cores, "
          f"best of {args.repeat}\n")
    print("| run | wall s | MB/s | docs/s | CPU s | claims |")
    print("|---|---|---|---|---|---|")
    claims = set()
    for name, run in runs:
        seconds, cpu, found = best_of(args.repeat, run)
        if found >= 0:
            claims.add(found)
        print(f"| {name} | {seconds:.3f} | {megabytes / seconds:.1f} | "
              f"{len(pairs) / seconds:.0f} | {cpu:.3f} | {found if found >= 0 else ''} |")
    assert len(claims) == 1, f"the runs found different numbers of claims: {claims}"


if __name__ == "__main__":
    main()
