"""Full-text search: 2-character words, single characters, 文号, highlights, removal, fallbacks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.orm import Session

from app.search import (
    clean_text,
    create_search_tables,
    document_tokens,
    html_hits,
    index_pages,
    query_terms,
    rebuild_index,
    remove_evidence,
    search,
)
from app.search.index import snippet

PAGES = {
    1: ["关于建立行政复议工作机制的通知", "第二页：行政复议决定书的备案审查"],
    2: ["重大行政决策合法性\n审查目录", "会议纪要"],
    3: ["陵政发〔2022〕15号 关于印发规范性文件备案管理办法的通知", ""],
    4: ["GB/T 33190 电子文件 OFD 格式", "全角数字２０２２年度报告"],
}


@pytest.fixture
def conn() -> Iterator[Connection]:
    engine = create_engine("sqlite://")
    with engine.begin() as connection:
        create_search_tables(connection)
        for evidence_id, pages in PAGES.items():
            index_pages(connection, evidence_id, pages)
        yield connection


def found(conn: Connection | Session, query: str, **kwargs: object) -> set[tuple[int, int]]:
    return {(hit.evidence_id, hit.page) for hit in search(conn, query, **kwargs)}  # type: ignore[arg-type]


def test_two_character_words_are_found(conn: Connection) -> None:
    assert found(conn, "复议") == {(1, 1), (1, 2)}
    assert found(conn, "备案") == {(1, 2), (3, 1)}
    assert found(conn, "纪要") == {(2, 2)}


def test_a_word_broken_by_a_line_end_is_found(conn: Connection) -> None:
    assert found(conn, "合法性审查") == {(2, 1)}


def test_single_characters_are_found_anywhere_in_a_word(conn: Connection) -> None:
    assert found(conn, "要") == {(2, 2)}  # last character of its run
    assert found(conn, "纪") == {(2, 2)}  # inside a run
    assert found(conn, "鑫") == set()


def test_wen_hao_and_ascii_and_full_width(conn: Connection) -> None:
    assert found(conn, "陵政发〔2022〕15号") == {(3, 1)}
    assert found(conn, "15号") == {(3, 1)}
    assert found(conn, "5号") == set()  # not a part of the number 15
    assert found(conn, "gb/t") == {(4, 1)}
    assert found(conn, "ofd") == {(4, 1)}
    assert found(conn, "2022年度") == {(4, 2)}  # stored as ２０２２


def test_all_terms_must_match(conn: Connection) -> None:
    assert found(conn, "复议 备案") == {(1, 2)}
    assert found(conn, "复议 纪要") == set()


def test_a_phrase_is_not_found_from_its_scattered_bigrams(conn: Connection) -> None:
    assert found(conn, "复议备案") == set()
    assert found(conn, "行政复议决定") == {(1, 2)}


def test_queries_without_searchable_characters_find_nothing(conn: Connection) -> None:
    assert search(conn, "") == []
    assert search(conn, "，。！ * ") == []
    assert search(conn, '"') == []
    assert search(conn, "NEAR(") == []


def test_fts_syntax_in_a_query_is_plain_text(conn: Connection) -> None:
    index_pages(conn, 9, ["AND OR NOT 这是测试"])
    assert found(conn, "AND") == {(9, 1)}
    assert found(conn, "NOT 测试") == {(9, 1)}


def test_snippet_marks_every_match(conn: Connection) -> None:
    (hit,) = search(conn, "备案审查")
    assert hit.snippet == "第二页：行政复议决定书的【备案审查】"
    (hit,) = search(conn, "15号", marks=("<", ">"))
    assert hit.snippet.startswith("陵政发〔2022〕<15号>")
    (hit,) = search(conn, "合法性审查")
    assert "【合法性审查】" in hit.snippet


def test_html_snippets_are_escaped(conn: Connection) -> None:
    index_pages(conn, 10, ["<script>复议</script>"])
    (hit,) = html_hits(conn, "复议", evidence_ids=[10])
    assert hit.snippet == "&lt;script&gt;<b>复议</b>&lt;/script&gt;"


def test_long_pages_are_cut_around_the_match() -> None:
    body = "甲" * 200 + "复议" + "乙" * 200
    text_ = snippet(body, query_terms("复议"))
    assert "【复议】" in text_
    assert text_.startswith("…") and text_.endswith("…")
    assert len(text_) == 64  # 60 characters, two markers, two ellipses
    assert text_.index("【") == 21  # a third of the context before the match


def test_limit_and_restriction(conn: Connection) -> None:
    assert len(search(conn, "复议", limit=1)) == 1
    assert found(conn, "备案", evidence_ids=[3]) == {(3, 1)}
    assert found(conn, "备案", evidence_ids=[]) == set()


def test_reindexing_replaces_and_removal_forgets(conn: Connection) -> None:
    index_pages(conn, 2, ["新的内容：行政复议"])
    assert found(conn, "纪要") == set()
    assert (2, 1) in found(conn, "复议")
    assert remove_evidence(conn, 1) == 2
    assert found(conn, "复议") == {(2, 1)}
    assert remove_evidence(conn, 1) == 0
    # The contentless index really lost the rows: rebuilding gives the same answers.
    assert rebuild_index(conn) == conn.execute(text("SELECT count(*) FROM evidence_text")).scalar_one()
    assert found(conn, "复议") == {(2, 1)}


def test_empty_pages_are_not_stored_and_sources_are_kept(conn: Connection) -> None:
    assert index_pages(conn, 5, ["", "  \n ", "扫描页文字"], sources=["text", "text", "ocr"]) == 1
    (hit,) = search(conn, "扫描")
    assert (hit.page, hit.source) == (3, "ocr")
    with pytest.raises(ValueError):
        index_pages(conn, 5, ["a"], sources=[])


def test_works_through_a_session() -> None:
    engine = create_engine("sqlite://")
    with Session(engine) as session:
        create_search_tables(session)
        index_pages(session, 1, ["行政复议"])
        assert found(session, "复议") == {(1, 1)}


def test_like_fallback_when_fts_is_not_used(conn: Connection, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.search.index._uses_fts", lambda _db: False)
    assert found(conn, "复议") == {(1, 1), (1, 2)}
    assert found(conn, "100%") == set()
    assert found(conn, "ofd") == {(4, 1)}
    assert found(conn, "GB/T") == {(4, 1)}
    assert found(conn, "15号") == {(3, 1)}


def test_cleaning_is_idempotent_so_deletes_match_inserts() -> None:
    samples = ["合法性\n审查", " a\x00b \n\n c ", "陵政发〔２０２２〕15号", "\u3000全角\u3000空格"]
    for sample in samples:
        once = clean_text(sample)
        assert clean_text(once) == once
        assert document_tokens(once) == document_tokens(sample)


def test_single_characters_beyond_the_probed_pages(conn: Connection, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.search.index.PROBE_PAGES", 1)
    assert found(conn, "案") == {(1, 2), (3, 1)}
    assert len(search(conn, "议", limit=1)) == 1
    assert found(conn, "议", order="rank") == {(1, 1), (1, 2), (2, 2)}
    with pytest.raises(ValueError):
        search(conn, "议", order="newest")
