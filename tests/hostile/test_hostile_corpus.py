"""The hostile corpus (``hostile_corpus.py``): every generated attack is refused in one line through the
real CLI and leaves the project folder byte for byte as it was; a subprocess run bounds peak memory."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_corpus import CASES, World, build_world, problems_of, run_case

CORPUS = Path(__file__).with_name("hostile_corpus.py")
#: The evidence-file and catalog bombs (they allocate most): run in a child process in the default run
#: to bound peak memory; the slow test runs everything there.
MEMORY_SUBSET = [
    c.name
    for c in CASES
    if c.klass in ("zip", "format-bomb", "json", "yaml") and c.mode in ("attach_office", "catalog")
]
PEAK_RSS_LIMIT_MB = 300
#: Far above any case's run time (well under a second each): only a hang fails this.
HANG_SECONDS = 30


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("hostile") / "world")


@pytest.mark.parametrize("item", CASES, ids=[c.name for c in CASES])
def test_hostile_input_is_refused_in_one_line_and_changes_nothing(
    item: object, world: World, tmp_path: Path
) -> None:
    from hostile_corpus import Case

    assert isinstance(item, Case)
    outcome = run_case(item, world, tmp_path / "case")
    assert problems_of(item, outcome) == []
    assert outcome.seconds < HANG_SECONDS


def test_the_corpus_is_large_and_covers_every_class() -> None:
    assert len(CASES) >= 60
    assert len({c.name for c in CASES}) == len(CASES)
    classes = {c.klass for c in CASES}
    assert classes >= {
        "active-pdf",
        "polyglot",
        "xlsx-active",
        "zip",
        "json",
        "yaml",
        "broken",
        "names",
        "replay",
        "foreign-db",
        "format-bomb",
    }


def test_the_checker_catches_a_case_that_is_not_refused(world: World, tmp_path: Path) -> None:
    """The harness can fail: a harmless PDF attached as if it were hostile is reported, folder changed."""
    from hostile_corpus import Case, _file, plain_pdf

    control = Case("control", "control", "attach_office", _file("good.pdf", plain_pdf), "x")
    problems = problems_of(control, run_case(control, world, tmp_path / "control"))
    assert "the project folder changed" in problems and any("exit code 0" in p for p in problems)


def _run_in_child(tmp_path: Path, names: list[str]) -> dict[str, object]:
    out = tmp_path / "outcomes.json"
    subprocess.run(
        [sys.executable, str(CORPUS), str(out), *names],
        check=True,
        timeout=HANG_SECONDS * max(len(names), 10),
        capture_output=True,
    )
    return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.slow  # a child process: 3 s idle, ~9 s on the loaded shared machine
def test_bombs_stay_within_the_memory_budget(tmp_path: Path) -> None:
    result = _run_in_child(tmp_path, MEMORY_SUBSET)
    cases = result["cases"]
    assert isinstance(cases, list) and len(cases) == len(MEMORY_SUBSET)
    assert [c["name"] for c in cases if c["problems"]] == []
    assert float(str(result["peak_rss_mb"])) <= PEAK_RSS_LIMIT_MB


@pytest.mark.slow
def test_the_whole_corpus_in_one_process_stays_within_the_memory_budget(tmp_path: Path) -> None:
    result = _run_in_child(tmp_path, [])
    cases = result["cases"]
    assert isinstance(cases, list) and len(cases) == len(CASES)
    assert [c["name"] for c in cases if c["problems"]] == []
    assert max(float(c["seconds"]) for c in cases) < HANG_SECONDS
    assert float(str(result["peak_rss_mb"])) <= PEAK_RSS_LIMIT_MB
