"""The demo's evidence documents embed every font they use, so the demo county's bundle is PDF/A."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from app.demo.builder import build_demo
from app.demo.documents import make_document_pdf
from app.export.service import export_bundle
from app.project.folder import open_project
from exports.archival import fonts_embedded


def test_a_demo_document_embeds_all_its_fonts(tmp_path: Path) -> None:
    path = make_document_pdf(
        tmp_path / "doc.pdf",
        issuer="陵川县司法局",
        title="关于开展法治宣传的通知",
        doc_number="陵司发〔2026〕1号",
        paragraphs=["各乡镇：现将有关事项通知如下。"],
        table=[["序号", "事项"], ["1", "宣传"]],
        scanned_pages=1,
        date_text="2026年3月1日",
    )
    with pikepdf.open(path) as pdf:
        names = {
            str(font.get("/BaseFont"))
            for page in pdf.pages
            for font in page.obj.Resources.get("/Font", {}).values()
        }
        assert names and not any("Helvetica" in n for n in names)
        assert fonts_embedded(pdf)


@pytest.mark.slow
def test_the_demo_bundle_is_archival(tmp_path: Path) -> None:
    folder = tmp_path / "陵川县"
    build_demo(folder)
    with open_project(folder) as project:
        written = export_bundle(project, tmp_path / "bundle.pdf")
    assert written
    for path in written:  # BundleResult.archival is what writes the pdfaid declaration
        with pikepdf.open(path) as pdf, pdf.open_metadata() as meta:
            assert meta.get("pdfaid:part") == "2" and meta.get("pdfaid:conformance") == "B", path.name
