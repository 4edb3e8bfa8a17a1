from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
SEED_DOC = "000_24eeac26b215a085"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (SEEDS / f"{SEED_DOC}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> list[dict]:
    lines = (SEEDS / f"{SEED_DOC}.gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """A throwaway PostgreSQL cluster on a Unix socket; yields its URL prefix."""
    pytest.importorskip("psycopg")
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL (initdb, pg_ctl) is not installed")
    run_as: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        if not shutil.which("runuser"):
            pytest.skip("running as root without runuser")
        run_as = ["runuser", "-u", "postgres", "--"]
    folder = Path(tempfile.mkdtemp(prefix="impact-pg-"))
    folder.chmod(0o777)
    data = folder / "data"
    quiet: dict[str, Any] = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    try:
        subprocess.run([*run_as, initdb, "-D", str(data), "-A", "trust", "-U", "postgres"],
                       check=True, **quiet)  # fmt: skip
        options = f"-k {folder} -c listen_addresses='' -p 5432 -c fsync=off"
        subprocess.run([*run_as, pg_ctl, "-D", str(data), "-o", options, "-w",
                        "-l", str(folder / "log"), "start"], check=True, **quiet)  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip("could not start a PostgreSQL cluster")
    try:
        yield f"postgresql://postgres@/{{db}}?host={folder}&port=5432"
    finally:
        subprocess.run([*run_as, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], **quiet)
        shutil.rmtree(folder, ignore_errors=True)
