"""Shared fixtures: the repository's test corpus and the CLI to compare with."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Dict

import pytest

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "corpus"
SEED = CORPUS / "tass-2025-08-10-putin-rahmon.txt"


def cli_path() -> Path:
    """The `whosaid` binary `cargo test` or `cargo build` left (WHOSAID_BIN overrides)."""
    if "WHOSAID_BIN" in os.environ:
        return Path(os.environ["WHOSAID_BIN"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "debug" / "whosaid"


@pytest.fixture(scope="session")
def cli() -> Path:
    path = cli_path()
    assert path.is_file(), f"{path} is missing: run `cargo build` first (or set WHOSAID_BIN)"
    return path


def run_cli_jsonl(cli: Path, article: Path) -> Dict[str, Any]:
    """The CLI's JSON line for one article file."""
    out = subprocess.run(
        [str(cli), "extract", "--format", "jsonl", "--quiet", str(article)],
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
    ).stdout
    lines = out.splitlines()
    assert len(lines) == 1, out
    return json.loads(lines[0])


@pytest.fixture(scope="session")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")
