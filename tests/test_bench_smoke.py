"""Every benchmark runs, at a tiny size, so none can rot. Nothing here is timed: no figure is checked."""

import importlib
import importlib.util
import shutil
import subprocess

import pytest

from bench.__main__ import BENCHES, main, run_one
from bench.harness import ROOT, Options

PRESENT = [name for name in BENCHES if importlib.util.find_spec(f"bench.{name}")]


@pytest.fixture(scope="module")
def options(tmp_path_factory: pytest.TempPathFactory) -> Options:
    """Tiny sizes, one round, seeded services kept for the module (seeding is the slow part)."""
    return Options(quick=True, workdir=tmp_path_factory.mktemp("bench-data"), rounds=1)


@pytest.mark.parametrize("name", PRESENT)
def test_each_benchmark_runs_at_a_tiny_size(name: str, options: Options) -> None:
    rows = run_one(name, options)
    if hasattr(importlib.import_module(f"bench.{name}"), "rows_for"):
        assert rows, f"bench.{name} gave no figures"
        assert all(row.bench and row.step and row.figure for row in rows)


def in_a_git_checkout() -> bool:
    if shutil.which("git") is None:
        return False
    found = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, check=False)
    return found.returncode == 0


@pytest.mark.skipif(not in_a_git_checkout(), reason="comparing with earlier code needs a git checkout")
def test_the_commands_write_what_the_committed_code_writes(options: Options) -> None:
    """--before runs the same steps on other code (here the last commit) and compares the commands'
    output byte for byte."""
    workdir = str(options.workdir)
    only = ["--only", "figures", "updates"]
    rows = main(["--quick", *only, "--rounds", "1", "--before", "HEAD", "--workdir", workdir])
    compared = [row for row in rows if row.step.startswith("carebot ")]
    assert len(compared) == 2 and all(row.before for row in compared)
    assert [row.note for row in compared] == ["output byte-identical to before"] * 2
    assert all(row.before for row in rows if row.bench == "updates")
