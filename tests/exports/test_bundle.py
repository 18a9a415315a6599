"""The evidence bundle: order, separators, contents, bookmarks, stamps, spreadsheets, volumes."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pypdf
import pytest

from app.base.errors import CancelledError, FazhiError
from app.base.progress import CancelToken
from exports.bundle import bundle_pages, write_bundle
from exports.report_data import ReportData


def _outline(reader: pypdf.PdfReader) -> list[tuple[int, str, int | None]]:
    found: list[tuple[int, str, int | None]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, str(item.title), reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return found


@pytest.fixture
def bundle(report_data: ReportData, tmp_path: Path) -> Path:
    out = tmp_path / "汇编.pdf"
    result = write_bundle(report_data, out)
    assert result.paths == [out]
    return out


def test_bundle_orders_evidence_in_catalog_order_with_separators(bundle: Path) -> None:
    reader = pypdf.PdfReader(bundle)
    texts = [page.extract_text() for page in reader.pages]
    evidence_pages = [t for t in texts if "evidence" in t]
    order = [t.split("evidence ")[1].split(" page")[0] for t in evidence_pages]
    # 1 (unit 县司法局: items 1, 2), 2, 3+4 (合并提供 group: items 4, 5), 5 (spreadsheet, drawn)
    assert order == ["1", "1", "2", "2", "2", "3", "4", "4", "5"]
    assert any("合法性审核台账" in t and "审核台账" in t and "关于印发某某办法的通知" in t for t in texts)
    flat = ["".join(t.split()) for t in texts]
    separator = next(t for t in flat if "第1项" in t and "资料要求" in t)
    assert "责任单位" in separator and "县司法局" in separator and "2023年政务服务工作总结.pdf" in separator
    group = next(t for t in flat if "第3–4项（合并提供）" in t)
    assert "公平竞争审查报告.pdf" in group and "涉企收费清理情况.pdf" in group
    # Item 2 is filed under 1 and 6: included once, indicator 6's separator points back to it.
    six = next(t for t in flat if "第6项" in t and "已在前文提供" in t)
    assert "1-2_县司法局_关于推行“一次办”的通知.pdf" in six
    assert "目录" in flat[0] and "印证资料汇编" in flat[0]


def test_bookmarks_nest_area_group_indicator_unit_file(bundle: Path) -> None:
    reader = pypdf.PdfReader(bundle)
    outline = _outline(reader)
    titles = [(depth, title) for depth, title, _ in outline]
    assert (0, "目录") in titles and (0, "一、政府职能依法全面履行") in titles
    assert (1, "加大简政放权力度") in titles
    assert any(depth == 2 and title.startswith("第 1 项") for depth, title in titles)
    assert (3, "县司法局") in titles
    assert (4, "1-1_县司法局_2023年政务服务工作总结.pdf") in titles
    page = next(p for d, t, p in outline if t == "3-2_县市场监督管理局_涉企收费清理情况.pdf")
    assert page is not None and "evidence 5" in reader.pages[page].extract_text()
    # Every group and indicator has a bookmark; one without files says so.
    assert (1, "加强行政规范性文件监督管理") in titles and (1, "优化法治化营商环境") in titles
    assert any(depth == 2 and t.startswith("第 7 项") and t.endswith("（无资料）") for depth, t in titles)
    assert str(pikepdf.open(bundle).Root.PageMode) == "/UseOutlines"  # the bookmark pane opens


def test_one_name_per_file_in_bundle_archive_and_report(report_data: ReportData, tmp_path: Path) -> None:
    import zipfile

    from exports.folder_zip import write_folder_zip
    from exports.report_pdf import render_report_pdf

    bundle = tmp_path / "b.pdf"
    write_bundle(report_data, bundle)
    archive = tmp_path / "a.zip"
    write_folder_zip(report_data, archive)
    report = tmp_path / "r.pdf"
    render_report_pdf(report_data, report)
    bundle_text = "".join("".join(p.extract_text().split()) for p in pypdf.PdfReader(bundle).pages)
    report_text = "".join("".join(p.extract_text().split()) for p in pypdf.PdfReader(report).pages)
    members = zipfile.ZipFile(archive).namelist()
    for item in report_data.evidence:
        name = report_data.evidence_name(item)
        assert item.unit in name and item.filename in name
        assert name in bundle_text and name in report_text
        assert any(m.endswith("/" + name) for m in members), name
    # The report's index gives each file's pages in the bundle.
    layout = bundle_pages(report_data)
    reader = pypdf.PdfReader(bundle)
    for item in report_data.evidence:
        first, count = layout[item.id]
        page_text = reader.pages[first - 1].extract_text()
        assert f"第 {first} 页" in page_text  # the stamp of that page
        span = f"第{first}页" if count == 1 else f"第{first}–{first + count - 1}页"
        assert span in report_text, (item.id, span)


def test_pages_are_stamped_without_rewriting_their_content(bundle: Path, report_data: ReportData) -> None:
    reader = pypdf.PdfReader(bundle)
    page = next(i for i, p in enumerate(reader.pages) if "evidence 1 page 1" in p.extract_text())
    assert f"第1项 · 第 {page + 1} 页" in reader.pages[page].extract_text()
    # The evidence page's own content stream is carried over byte for byte.
    with pikepdf.open(bundle) as merged, pikepdf.open(report_data.evidence[0].stored_path) as source:
        original = source.pages[0].obj.Contents.read_bytes()
        contents = merged.pages[page].obj.Contents
        streams = [contents] if isinstance(contents, pikepdf.Stream) else list(contents)
        assert any(s.read_bytes() == original for s in streams)
        assert len(streams) >= 3  # q, the original, Q + stamp


def test_qpdf_check_is_clean(bundle: Path) -> None:
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.skip("qpdf not installed (apt-get install qpdf)")
    result = subprocess.run([qpdf, "--check", str(bundle)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_unit_bundle_has_only_that_unit(report_data: ReportData, tmp_path: Path) -> None:
    out = tmp_path / "司法局.pdf"
    write_bundle(report_data, out, unit="县市场监督管理局")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    assert "evidence 4" in text and "evidence 5" in text and "evidence 1" not in text
    with pytest.raises(FazhiError, match="没有可汇编的印证资料"):
        write_bundle(report_data, tmp_path / "x.pdf", unit="县教育局")


def _scan_like(path: Path, label: str, pages: int) -> None:
    """A PDF whose pages are incompressible images (like scans), about 300 KB a page."""
    import io
    import os

    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4)
    for number in range(1, pages + 1):
        image = Image.frombytes("L", (700, 700), os.urandom(700 * 700))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=85)
        canvas.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 40, 100, 500, 500)
        canvas.setFont("Helvetica", 14)
        canvas.drawString(72, 780, f"{label} page {number}")
        canvas.showPage()
    canvas.save()


def test_volumes_stay_under_the_limit(report_data: ReportData, tmp_path: Path) -> None:
    import hashlib

    items = []
    for item in report_data.evidence:
        if item.kind == "pdf":
            _scan_like(item.stored_path, f"evidence {item.id}", item.pages or 1)
            digest = hashlib.sha256(item.stored_path.read_bytes()).hexdigest()
            items.append(dataclasses.replace(item, sha256=digest, size=item.stored_path.stat().st_size))
        else:
            items.append(item)
    data = dataclasses.replace(report_data, evidence=tuple(items))
    whole = write_bundle(data, tmp_path / "汇编.pdf")
    limit = whole.paths[0].stat().st_size // 2
    split = write_bundle(data, tmp_path / "分册.pdf", max_volume_bytes=limit)
    assert len(split.paths) >= 2
    assert [p.name for p in split.paths][:2] == ["分册_第1册.pdf", "分册_第2册.pdf"]
    texts = ["".join(p.extract_text() for p in pypdf.PdfReader(path).pages) for path in split.paths]
    for path, text in zip(split.paths, texts, strict=True):
        # A volume may exceed the limit only when it holds a single indicator (sections never split).
        sections = len(re.findall(r"本项资料\d+件", "".join(text.split())))
        assert path.stat().st_size <= limit or sections == 1, (path.name, path.stat().st_size, limit)
    assert "第1册共" in "".join(texts[0].split())
    for ident in ("1", "2", "3", "4"):
        assert sum(f"evidence {ident} page 1" in t for t in texts) == 1


def test_cancel_leaves_nothing(report_data: ReportData, tmp_path: Path) -> None:
    token = CancelToken()

    def progress(done: int, total: int, message: str) -> None:
        if done >= 3:
            token.cancel()

    out = tmp_path / "b.pdf"
    with pytest.raises(CancelledError):
        write_bundle(report_data, out, progress=progress, cancel=token)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evidence"]


def test_missing_store_file_is_an_integrity_error(report_data: ReportData, tmp_path: Path) -> None:
    gone = dataclasses.replace(report_data.evidence[0], stored_path=tmp_path / "missing")
    data = dataclasses.replace(report_data, evidence=(gone, *report_data.evidence[1:]))
    with pytest.raises(FazhiError, match="证据库缺少文件"):
        write_bundle(data, tmp_path / "b.pdf")


def _with_files(report_data: ReportData, items: list[Any]) -> ReportData:
    return dataclasses.replace(report_data, evidence=tuple(items))


def _restored(item: Any, path: Path) -> Any:
    import hashlib

    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return dataclasses.replace(item, stored_path=path, sha256=digest, size=path.stat().st_size)


def _stamp_origin(page: Any) -> tuple[float, float]:
    """Where the page stamp's text starts, in the page's own coordinates."""
    found: list[tuple[float, float]] = []

    def visit(value: str, cm: list[float], tm: list[float], font: object, size: object) -> None:
        if "页" in value and "·" in value:
            found.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    assert len(found) == 1
    return found[0]


def test_stamps_sit_bottom_right_of_rotated_and_cropped_pages(
    report_data: ReportData, tmp_path: Path
) -> None:
    first = report_data.evidence[0]  # two pages, indicator 1
    source = tmp_path / "rotated.pdf"
    with pikepdf.open(first.stored_path) as pdf:
        for _ in range(3):
            pdf.pages.append(pdf.pages[0])
        for source_page, rotate in zip(pdf.pages, (90, 180, 270, 0, 0), strict=True):
            source_page.obj.Rotate = rotate
        pdf.pages[4].obj.CropBox = pikepdf.Array([50, 80, 500, 700])
        pdf.save(source)
    item = dataclasses.replace(_restored(first, source), pages=5)
    out = tmp_path / "b.pdf"
    write_bundle(_with_files(report_data, [item]), out)
    reader = pypdf.PdfReader(out)
    pages = [p for p in reader.pages if "evidence 1 page" in p.extract_text()]
    assert len(pages) == 5
    for page in pages:
        x0, y0, x1, y1 = (float(v) for v in page.cropbox)
        x, y = _stamp_origin(page)
        rotate = int(page.get("/Rotate", 0))
        # The text origin as seen on screen (origin bottom left of the displayed page), as a share.
        across, up = {
            0: ((x - x0) / (x1 - x0), (y - y0) / (y1 - y0)),
            90: ((y - y0) / (y1 - y0), (x1 - x) / (x1 - x0)),
            180: ((x1 - x) / (x1 - x0), (y1 - y) / (y1 - y0)),
            270: ((y1 - y) / (y1 - y0), (x - x0) / (x1 - x0)),
        }[rotate]
        assert 0.6 < across < 0.95 and 0 < up < 0.06, (rotate, across, up)


def test_separator_page_numbers_hold_when_a_separator_runs_long(
    report_data: ReportData, tmp_path: Path
) -> None:
    from reportlab.pdfgen.canvas import Canvas

    template = report_data.evidence[0]
    items = []
    for number in range(45):  # one section whose file list needs a second separator page
        path = tmp_path / f"f{number}.pdf"
        canvas = Canvas(str(path))
        for page in range(1 + number % 3):
            canvas.drawString(72, 720, f"file {number:02d} page {page + 1}")
            canvas.showPage()
        canvas.save()
        items.append(
            dataclasses.replace(
                _restored(template, path),
                id=str(100 + number),
                filename=f"文件{number:02d}的名称很长很长需要在分隔页的表格里换行显示.pdf",
                pages=1 + number % 3,
            )
        )
    out = tmp_path / "long.pdf"
    write_bundle(_with_files(report_data, items), out)
    reader = pypdf.PdfReader(out)
    texts = ["".join(p.extract_text().split()) for p in reader.pages]
    separator = [i for i, t in enumerate(texts) if i and ("资料要求" in t or "本册页码" in t)]
    assert separator[0] == 1 and len(separator) >= 2  # after one contents page; ran to a second page
    listing = "".join(texts[i] for i in separator)
    for number in range(45):
        where = re.search(rf"文件{number:02d}的名称.*?\.pdf.*?第(\d+)", listing)
        assert where is not None, number
        page = int(where.group(1))
        assert f"file{number:02d}page1" in texts[page - 1], (number, page)
        assert f"第1项·第{page}页" in texts[page - 1]
    # The contents: 45 files, separator + 90 evidence pages, starting on page 2.
    assert f"45件{len(separator) + 90}2" in texts[0]


def test_a_bundle_can_be_bundled_again(bundle: Path, report_data: ReportData, tmp_path: Path) -> None:
    # Its pages already carry a stamp and a stamp font: the new stamp must not replace either.
    with pikepdf.open(bundle) as pdf:
        pages = len(pdf.pages)
    item = dataclasses.replace(_restored(report_data.evidence[0], bundle), pages=pages)
    out = tmp_path / "again.pdf"
    write_bundle(_with_files(report_data, [item]), out)
    reader = pypdf.PdfReader(out)
    page = next(p for p in reader.pages if "evidence 1 page 1" in p.extract_text())
    text = page.extract_text()
    assert text.count("第1项 · 第") == 2  # the old stamp and the new one
    qpdf = shutil.which("qpdf")
    if qpdf is not None:
        result = subprocess.run([qpdf, "--check", str(out)], capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_stamp_keeps_clear_of_a_spreadsheet_page_footer(bundle: Path) -> None:
    reader = pypdf.PdfReader(bundle)
    index = next(i for i, p in enumerate(reader.pages) if "工作表“审核台账”" in p.extract_text())
    page = reader.pages[index]
    width = float(page.mediabox.width)
    spans: dict[str, tuple[float, float]] = {}

    def visitor(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip():
            x = float(tm[4]) * float(cm[0]) + float(cm[4])
            y = float(tm[5]) * float(cm[3]) + float(cm[5])
            spans[text.strip()] = (x, y)

    page.extract_text(visitor_text=visitor)
    footer = next(v for k, v in spans.items() if k.startswith("合法性审核台账 · 第"))
    stamp = next(v for k, v in spans.items() if "项 · 第" in k)
    assert footer[0] < width / 2 < stamp[0]  # footer bottom left, stamp bottom right
