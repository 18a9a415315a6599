"""The one export entry (``app.export.dispatch.run_export``) used by the CLI and the window."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.base.errors import CancelledError
from app.base.progress import CancelToken
from app.evidence.attach import attach
from app.export.dispatch import BundleScope, ExportKind, ExportOptions, render_report_preview, run_export
from app.project.audit_log import list_log
from app.project.folder import Project


def _words(pdf: Path) -> set[str]:
    text = "".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages)
    return {word for word in ("权责清单", "营商环境") if word in text}


@pytest.fixture
def with_evidence(project: Project, make_pdf: Callable[..., Path], tmp_path: Path) -> Project:
    files = tmp_path / "files"
    attach(
        project, unit="县司法局", indicators=[1], files=[make_pdf(files / "a.pdf", pages=2, text="权责清单")]
    )
    attach(
        project, unit="县发改局", indicators=[2], files=[make_pdf(files / "b.pdf", pages=3, text="营商环境")]
    )
    return project


def test_each_kind_writes_its_file_with_its_suffix_and_an_audit_entry(
    with_evidence: Project, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    written: dict[ExportKind, list[Path]] = {}
    for kind in ExportKind:
        written[kind] = run_export(with_evidence, kind, out / f"{kind.value}{kind.suffix}")
    assert [p.suffix for kind in ExportKind for p in written[kind]] == [
        ".pdf",
        ".docx",
        ".xlsx",
        ".pdf",
        ".zip",
    ]
    assert all(p.is_file() and p.stat().st_size > 0 for paths in written.values() for p in paths)
    assert {"权责清单", "营商环境"} <= _words(written[ExportKind.BUNDLE][0])
    with zipfile.ZipFile(written[ExportKind.FOLDER_ZIP][0]) as archive:
        assert "hashes.txt" in archive.namelist()
    assert [e.action for e in list_log(with_evidence, action="export.")] == [
        "export.report",
        "export.report",
        "export.workbook",
        "export.bundle",
        "export.folder",
    ]


def test_bundle_options_one_unit_and_per_unit(with_evidence: Project, tmp_path: Path) -> None:
    one = run_export(
        with_evidence,
        ExportKind.BUNDLE,
        tmp_path / "发改.pdf",
        options=ExportOptions(BundleScope.ONE_UNIT, unit="县发改局", stamp_pages=False),
    )
    assert "营商环境" in _words(one[0]) and "权责清单" not in _words(one[0])
    # The unit is ignored unless the scope asks for one unit.
    everything = run_export(
        with_evidence, ExportKind.BUNDLE, tmp_path / "全部.pdf", options=ExportOptions(unit="县发改局")
    )
    assert {"权责清单", "营商环境"} <= _words(everything[0])
    folder = tmp_path / "分册"
    folder.mkdir()
    per_unit = run_export(
        with_evidence, ExportKind.BUNDLE, folder, options=ExportOptions(BundleScope.PER_UNIT)
    )
    names = {p.name for p in per_unit}
    assert names == {"印证资料汇编_县司法局.pdf", "印证资料汇编_县发展和改革局.pdf"}
    units = [e.detail["unit"] for e in list_log(with_evidence, action="export.bundle")]
    assert units[0] == "县发展和改革局" and units[1] is None and len(units) == 4


def test_cancel_leaves_no_file(with_evidence: Project, tmp_path: Path) -> None:
    cancel = CancelToken()
    cancel.cancel()
    out = tmp_path / "取消.pdf"
    with pytest.raises(CancelledError):
        run_export(with_evidence, ExportKind.REPORT_PDF, out, cancel=cancel)
    assert not out.exists()
    assert list_log(with_evidence, action="export.") == []


def test_preview_is_not_logged(with_evidence: Project, tmp_path: Path) -> None:
    before = len(list_log(with_evidence))
    with_evidence.close()
    path = render_report_preview(with_evidence.folder, tmp_path / "preview.pdf")
    assert len(PdfReader(str(path)).pages) >= 1
    assert path.is_file()
    assert before > 0
