"""Full-text search over 50,000 evidence pages. Goal: ≤ 50 ms per query (2-character words included).

Pages are generated from the national catalog's own sentences (indicator and requirement texts, cut and
shuffled), about 800 characters each, with a 文号 on some pages, and indexed through the real
``app.search.index_pages`` into a file SQLite database (WAL, as a project has). Then each query of a
fixed list (2-character words, long phrases, a 文号, a single character, a word that is nowhere, two
terms) runs ``--repeat`` times with the window's limit (50 hits, snippets built); the script prints the
median and worst per query, the index build time and the database size.

Run: ``.venv/bin/python benchmarks/bench_search.py [--pages 50000] [--repeat 20]``
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, event, text

from app.search import create_search_tables, index_pages, search
from indicator_catalog import load_builtin

GOAL_MS = 50.0
QUERIES = (
    "复议",
    "备案",
    "合法性审查",
    "行政执法",
    "陵政发〔2022〕15号",
    "法",
    "鑫",
    "鑫鑫",
    "复议 备案",
    "2021",
    "仲裁",
)


def sentences() -> list[str]:
    catalog = load_builtin("national-2021")
    parts: list[str] = []
    for indicator in catalog.indicators:
        parts.extend(p for p in indicator.text.replace("；", "。").split("。") if p)
        for requirement in indicator.requirements:
            parts.extend(p for p in requirement.text.replace("；", "。").split("。") if p)
    return parts


def make_pages(count: int, seed: int = 15) -> list[str]:
    rng = random.Random(seed)
    pool = sentences()
    pages = []
    for number in range(count):
        chunks: list[str] = []
        size = 0
        while size < 800:
            chunk = rng.choice(pool)
            chunks.append(chunk)
            size += len(chunk) + 1
        if number % 50 == 0:
            chunks.insert(0, f"陵政发〔{2019 + number // 50 % 5}〕{number // 250 % 97 + 1}号")
        pages.append("。".join(chunks) + "。")
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50_000)
    parser.add_argument("--pages-per-file", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--keep", type=Path, help="keep the database here and reuse it on the next run")
    parser.add_argument("--order", choices=("document", "rank"), default="document")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "search.sqlite"
        reuse = path.exists()
        engine = create_engine(f"sqlite:///{path}")

        @event.listens_for(engine, "connect")
        def _wal(dbapi_connection: object, _record: object) -> None:
            cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        if not reuse:
            pages = make_pages(args.pages)
            started = time.perf_counter()
            with engine.begin() as conn:
                create_search_tables(conn)
                for evidence_id, start in enumerate(range(0, len(pages), args.pages_per_file), start=1):
                    index_pages(conn, evidence_id, pages[start : start + args.pages_per_file])
            with engine.begin() as conn:
                conn.execute(text("INSERT INTO evidence_fts(evidence_fts) VALUES ('optimize')"))
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            build = time.perf_counter() - started
            chars = sum(len(p) for p in pages)
            print(f"indexed {len(pages):,} pages ({chars / 1e6:.1f} M characters) in {build:.1f} s")
        with engine.connect() as conn:
            count = conn.execute(text("SELECT count(*) FROM evidence_text")).scalar_one()
        size = sum(p.stat().st_size for p in folder.iterdir() if p.name.startswith("search.sqlite"))
        print(f"{count:,} pages indexed")
        print(f"database {size / 1024 / 1024:.0f} MB; load average {os.getloadavg()[0]:.1f}")

        worst_median = 0.0
        with engine.connect() as conn:
            for query in QUERIES:
                times = []
                hits = []
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    hits = search(conn, query, 50, order=args.order)
                    times.append((time.perf_counter() - t0) * 1000)
                median = statistics.median(times)
                worst_median = max(worst_median, median)
                example = hits[0].snippet[:40] if hits else ""
                print(
                    f"{query:<16} hits {len(hits):>3}  median {median:6.2f} ms  worst {max(times):6.2f} ms"
                    f"  {example}"
                )
        ratio = worst_median / GOAL_MS
        print(f"slowest median {worst_median:.2f} ms; goal {GOAL_MS:.0f} ms; ratio {ratio:.2f}")


if __name__ == "__main__":
    main()
