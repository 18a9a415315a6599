"""``inspect_file``: facts of real PDFs and workbooks, checks by content, limits, the time guard."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from app.base.errors import RefusedFileError
from app.evidence.filecheck import XlsxLimits, inspect_file, sniff_kind, time_limit

MakeFile = Callable[..., Path]


def test_pdf_facts(tmp_path: Path, make_pdf: MakeFile) -> None:
    pdf = make_pdf(tmp_path / "报告.pdf", pages=7, text="自评报告")
    facts = inspect_file(pdf)
    assert (facts.kind, facts.pages, facts.sheets, facts.sheet_names) == ("pdf", 7, None, ())
    assert facts.size == pdf.stat().st_size
    assert facts.sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert facts.path == pdf


def test_xlsx_facts(tmp_path: Path, make_xlsx: MakeFile) -> None:
    xlsx = make_xlsx(
        tmp_path / "台账.xlsx", rows=[["序号", "事项"], [1, "审批"]], sheets=("2023", "2024", "汇总")
    )
    facts = inspect_file(xlsx)
    assert (facts.kind, facts.pages, facts.sheets, facts.sheet_names) == (
        "xlsx",
        None,
        3,
        ("2023", "2024", "汇总"),
    )


def test_content_decides_not_the_name(tmp_path: Path, make_pdf: MakeFile, make_xlsx: MakeFile) -> None:
    pdf_named_xlsx = tmp_path / "看似表格.xlsx"
    pdf_named_xlsx.write_bytes(make_pdf(tmp_path / "a.pdf", pages=2).read_bytes())
    assert inspect_file(pdf_named_xlsx).kind == "pdf"
    no_extension = tmp_path / "workbook"
    no_extension.write_bytes(make_xlsx(tmp_path / "b.xlsx").read_bytes())
    assert inspect_file(no_extension).kind == "xlsx"


def test_size_limit_and_given_hash(tmp_path: Path, make_pdf: MakeFile) -> None:
    pdf = make_pdf(tmp_path / "a.pdf")
    with pytest.raises(RefusedFileError, match=r"文件过大（.*上限 100 字节）"):
        inspect_file(pdf, max_bytes=100)
    assert inspect_file(pdf, sha256="f" * 64).sha256 == "f" * 64


def test_display_name_is_used_in_refusals(tmp_path: Path) -> None:
    bad = tmp_path / "x.tmp"
    bad.write_bytes(b"<html></html>")
    with pytest.raises(RefusedFileError) as caught:
        inspect_file(bad, display_name="原始名称.pdf")
    assert caught.value.path == "原始名称.pdf"
    assert str(caught.value).startswith("原始名称.pdf: 内容是 HTML")


def test_custom_xlsx_limits(tmp_path: Path, make_xlsx: MakeFile) -> None:
    xlsx = make_xlsx(tmp_path / "a.xlsx")
    with pytest.raises(RefusedFileError, match="解压后过大"):
        inspect_file(xlsx, xlsx_limits=XlsxLimits(max_member_bytes=100))
    with pytest.raises(RefusedFileError, match="文件过多"):
        inspect_file(xlsx, xlsx_limits=XlsxLimits(max_members=2))


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"\xef\xbb\xbf   %PDF-1.4", "pdf"),  # junk before the header is tolerated by readers
        (b"PK\x03\x04rest", "zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole2"),
        (b"GIF89a", None),
    ],
)
def test_sniff(head: bytes, kind: str | None) -> None:
    assert sniff_kind(head) == kind


def test_time_limit_stops_a_parser_loop(
    tmp_path: Path, make_pdf: MakeFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pypdf

    def hang(*_args: object, **_kwargs: object) -> None:
        data = bytearray(16)
        while True:  # a parser stuck on hostile input, calling C helpers only
            len(data)

    monkeypatch.setattr(pypdf, "PdfReader", hang)
    started = time.monotonic()
    with pytest.raises(RefusedFileError, match="解析超时"):
        inspect_file(make_pdf(tmp_path / "a.pdf"), parse_seconds=0.5)
    assert time.monotonic() - started < 20


def test_time_limit_ignores_exceptions_the_parser_swallows() -> None:
    def stubborn() -> None:
        while True:
            try:
                sum(range(10))
            except Exception:  # a parser's catch-all must not swallow the timeout
                continue

    with pytest.raises(BaseException) as caught, time_limit(0.3):
        stubborn()
    assert type(caught.value).__name__ == "_ParseTimeout"


def test_parser_logging_does_not_reach_stderr(
    tmp_path: Path, make_pdf: MakeFile, capsys: pytest.CaptureFixture[str]
) -> None:
    data = make_pdf(tmp_path / "a.pdf").read_bytes()
    position = data.rindex(b"startxref\n")
    broken = tmp_path / "startxref.pdf"
    broken.write_bytes(data[:position] + b"startxref\n999999\n%%EOF\n")  # pypdf repairs this with a warning
    assert inspect_file(broken).pages == 1
    assert capsys.readouterr().err == ""
