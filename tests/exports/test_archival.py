"""PDF/A-2b: the report and the bundle, checked by pikepdf's PDF/A validator (an allowlist validator on
the veraPDF rule catalogue), qpdf --check and structural assertions on XMP, OutputIntent and fonts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pikepdf import pdfa

from exports.bundle import write_bundle
from exports.report_data import ReportData
from exports.report_pdf import render_report_pdf


def _structure(path: Path, title: str) -> None:
    """What PDF/A-2b asks of the file, looked at directly."""
    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == title == str(pdf.docinfo["/Title"])
        (intent,) = list(pdf.Root.OutputIntents)
        assert intent.S == "/GTS_PDFA1"
        profile = intent.DestOutputProfile
        assert int(profile.N) == 3 and profile.read_bytes()[36:40] == b"acsp"  # an RGB ICC profile
        assert "/ID" in pdf.trailer and "/Encrypt" not in pdf.trailer
        for page in pdf.pages:
            assert "/Trans" not in page.obj
            for font in page.obj.Resources.get("/Font", {}).values():
                descriptor = font.get("/FontDescriptor")
                if descriptor is None and "/DescendantFonts" in font:
                    descriptor = font.DescendantFonts[0].FontDescriptor
                if font.get("/Subtype") != "/Type3":
                    assert descriptor is not None and (
                        "/FontFile2" in descriptor or "/FontFile3" in descriptor or "/FontFile" in descriptor
                    ), font.get("/BaseFont")
            for annot in page.obj.get("/Annots", []):
                assert int(annot.get("/F", 0)) & 4  # printable


def _qpdf_clean(path: Path) -> None:
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        return
    result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_report_is_pdfa_2b(report_data: ReportData, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    render_report_pdf(report_data, out)
    report = pdfa.validate_written(out, "2b")
    assert report.passed, [str(f) for f in report.findings]
    _structure(out, report_data.title)
    _qpdf_clean(out)


def test_bundle_is_pdfa_2b_when_every_source_allows(conforming_data: ReportData, tmp_path: Path) -> None:
    data = conforming_data
    out = tmp_path / "bundle.pdf"
    result = write_bundle(data, out)
    assert result.archival == (True,)
    report = pdfa.validate_written(out, "2b")
    assert report.passed, [str(f) for f in report.findings]
    _structure(out, f"{data.county}法治政府建设示范创建印证资料汇编")
    _qpdf_clean(out)


def test_bundle_with_an_unembedded_font_is_not_declared(report_data: ReportData, tmp_path: Path) -> None:
    # The fixture's evidence is drawn in Helvetica, not embedded: the bundle cannot be PDF/A.
    out = tmp_path / "bundle.pdf"
    result = write_bundle(report_data, out)
    assert result.archival == (False,)
    with pikepdf.open(out) as pdf:
        meta: Any = pdf.open_metadata()
        assert "pdfaid:part" not in meta
    assert not pdfa.validate_written(out, "2b").passed


@pytest.mark.parametrize("flavour", ["2b"])
def test_the_validator_rejects_a_plain_reportlab_pdf(
    tmp_path: Path, flavour: str, make_embedded_pdf: Any
) -> None:
    # The validator can fail: reportlab's own output (no XMP, no OutputIntent) is refused.
    path = make_embedded_pdf(tmp_path / "plain.pdf", ["x 第 1 页"])
    assert not pdfa.validate_written(path, flavour).passed


def test_a_plain_pdf_gets_the_xmp_pikepdf_would_write_from_its_document_information(tmp_path: Path) -> None:
    """``save_archival(possible=False)`` writes the XMP packet itself (no lxml while the bundle is in
    memory): the same packet as pikepdf's ``load_from_docinfo``, escaped, and read back the same."""
    from exports.archival import save_archival

    def made(target: Path, *, ours: bool) -> bytes:
        with pikepdf.new() as pdf:
            pdf.add_blank_page()
            pdf.docinfo["/Title"] = "陵川县印证资料汇编 <第1册> & 附件"
            pdf.docinfo["/Author"] = "中共陵川县委全面依法治县委员会办公室"
            pdf.docinfo["/Creator"] = "fazhi 法治政府建设示范创建自评系统"
            if ours:
                assert save_archival(pdf, target, possible=False) is False
            else:
                with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
                    meta.load_from_docinfo(pdf.docinfo)
                pdf.save(target)
        with pikepdf.open(target) as pdf:
            meta = pdf.open_metadata()
            assert meta["dc:title"] == "陵川县印证资料汇编 <第1册> & 附件"
            assert meta["dc:creator"] == ["中共陵川县委全面依法治县委员会办公室"]
            assert meta["xmp:CreatorTool"] == "fazhi 法治政府建设示范创建自评系统"
            assert "pdfaid:part" not in meta
            return bytes(pdf.Root.Metadata.read_bytes())

    assert made(tmp_path / "ours.pdf", ours=True) == made(tmp_path / "pikepdf.pdf", ours=False)
