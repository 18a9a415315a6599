"""Remembered glyph checks: the validator's verdicts are the same with and without them, and a
damaged outline is never taken for the intact one it was cut from."""

from __future__ import annotations

import io
import itertools
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

from exports import validator_memo
from exports.archival import source_conforms


@pytest.fixture(autouse=True)
def _fresh_verdicts() -> Iterator[None]:
    validator_memo.uninstall()
    yield
    validator_memo.uninstall()


def _font_files(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Object]:
    for page in pdf.pages:
        for font in page.obj.Resources.get("/Font", {}).values():
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0] if descendants is not None else font).get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor:
                yield descriptor.FontFile2


def _damaged_copy(source: Path, target: Path) -> int:
    """Copy ``source`` with every simple glyph of its embedded fonts made unreadable (a contour count
    of 32767 runs past the glyph's data); returns how many glyphs were damaged."""
    damaged = 0
    with pikepdf.open(source) as pdf:
        for stream in _font_files(pdf):
            data = bytearray(stream.read_bytes())
            font = TTFont(io.BytesIO(bytes(data)))
            glyf_offset = font.reader.tables["glyf"].offset
            loca = font["loca"]
            for start, end in itertools.pairwise(loca):
                at = glyf_offset + start
                if end - start >= 10 and struct.unpack(">h", data[at : at + 2])[0] > 0:
                    data[at : at + 2] = struct.pack(">h", 32767)
                    damaged += 1
            stream.write(bytes(data))
        pdf.save(target)
    return damaged


def test_verdicts_are_remembered_and_unchanged(make_embedded_pdf: Any, tmp_path: Path) -> None:
    first = make_embedded_pdf(tmp_path / "first.pdf", ["陵水县司法局 行政复议 第1页"])
    second = make_embedded_pdf(tmp_path / "second.pdf", ["陵水县司法局 行政复议 第2页"])
    assert source_conforms(first) is True
    glyphs, passes = validator_memo.remembered()
    assert glyphs > 10 and passes > 5  # one per distinct outline shown, one per distinct object
    assert source_conforms(second) is True
    # The second file's subset has the same outlines (and one more: 2): hardly anything new.
    assert validator_memo.remembered()[0] <= glyphs + 2


def test_a_damaged_outline_is_not_taken_for_the_intact_one(make_embedded_pdf: Any, tmp_path: Path) -> None:
    intact = make_embedded_pdf(tmp_path / "intact.pdf", ["陵水县司法局 行政复议"])
    damaged = tmp_path / "damaged.pdf"
    assert _damaged_copy(intact, damaged) > 5
    assert validator_memo.install() is True
    assert source_conforms(intact) is True
    assert validator_memo.remembered()[0] > 5
    assert source_conforms(damaged) is False  # remembered verdicts of the intact glyphs do not apply


def test_the_damaged_file_fails_without_remembering_too(
    make_embedded_pdf: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    intact = make_embedded_pdf(tmp_path / "intact.pdf", ["陵水县司法局 行政复议"])
    damaged = tmp_path / "damaged.pdf"
    _damaged_copy(intact, damaged)
    monkeypatch.setattr(validator_memo, "install", lambda: False)
    assert source_conforms(intact) is True
    assert source_conforms(damaged) is False
    assert validator_memo.remembered() == (0, 0)


def _findings(path: Path) -> list[str]:
    from pikepdf import pdfa

    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            if page.obj.get("/Trans") == pikepdf.Dictionary():
                del page.obj["/Trans"]  # reportlab's empty one, as the bundle removes it
        pdfa.prepare(pdf, "2b")
        return sorted(str(finding) for finding in pdfa.check(pdf, "2b").findings)


def test_a_schema_failure_is_reported_as_without_memory(make_embedded_pdf: Any, tmp_path: Path) -> None:
    intact = make_embedded_pdf(tmp_path / "intact.pdf", ["陵水县司法局 行政复议"])
    odd = tmp_path / "odd.pdf"
    with pikepdf.open(intact) as pdf:
        # The same file with objects the schemas refuse: a page transition the validator does not
        # check, and font descriptors of a negative /Flags.
        pdf.pages[0].obj.Trans = pikepdf.Dictionary({"/S": pikepdf.Name.Wipe})
        fonts = pdf.pages[0].obj.Resources.Font
        for font in fonts.values():
            descendants = font.get("/DescendantFonts")
            (descendants[0] if descendants is not None else font).FontDescriptor.Flags = -1
        pdf.save(odd)
    plain = _findings(odd)
    assert plain and any("Trans" in f for f in plain)
    assert validator_memo.install() is True
    assert _findings(intact) == []  # the intact file's objects are remembered as passing
    assert validator_memo.remembered()[1] > 5
    assert _findings(odd) == plain


def test_another_has_gid_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    from pikepdf.pdfa import _fontprogram

    def has_gid(self: object, gid: int) -> bool:  # a pikepdf whose method is not the one wrapped
        return gid >= 0

    monkeypatch.setattr(_fontprogram.TrueTypeProgram, "has_gid", has_gid)
    assert validator_memo.install() is False
    assert _fontprogram.TrueTypeProgram.has_gid is has_gid
