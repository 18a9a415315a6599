"""Save PNGs of the main screens (run under a real X server, e.g. Xvfb): ``python make_screenshots.py OUT``.

Builds a demo county project on the built-in catalog with real PDF and XLSX evidence, then drives the
real dialogs and window and grabs each screen. ``test_screenshots.py`` runs it under Xvfb.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget
from xvfb import settle, wait_until

from app.demo.documents import make_document_pdf, make_ledger_xlsx
from app.evidence.attach import attach
from app.project.create import create_project
from app.project.folder import open_project
from indicator_catalog import load_builtin

COUNTY = "陵川县"


def grab(widget: QWidget, out: Path, name: str) -> Path:
    settle(150)
    path = out / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise RuntimeError(f"could not save {path}")
    print(path)
    return path


def _report(
    path: Path, title: str, paragraphs: list[str], issuer: str, seed: int, *, scanned: int = 0
) -> Path:
    return make_document_pdf(
        path,
        issuer=issuer,
        title=title,
        doc_number=f"陵司发〔2021〕{seed}号",
        paragraphs=paragraphs,
        scanned_pages=scanned,
        date_text="2021年6月18日",
        seed=seed,
    )


def build_demo(root: Path) -> tuple[Path, Path, list[Path]]:
    """An office project with evidence on a few indicators, a unit workspace, and files to attach."""
    catalog = load_builtin("national-2021")
    files = root / "files"
    files.mkdir(parents=True, exist_ok=True)
    office = root / f"{COUNTY}2022年示范创建"
    create_project(office, county=COUNTY, year=2022, catalog=catalog)
    body = [
        "为规范行政规范性文件合法性审核工作，根据《山西省行政规范性文件制定与备案规定》，"
        "县司法局对县政府及各部门报送的行政规范性文件逐件开展合法性审核，现将有关情况报告如下。",
        "一、审核范围。2021年共审核涉及公民、法人和其他组织权利义务的行政规范性文件23件，"
        "出具合法性审核意见书23份，提出修改意见41条，均被采纳。",
        "二、工作机制。建立“起草单位初审、司法局审核、集体审议”三道关口，审核时限不超过15个工作日。",
    ]
    with open_project(office) as project:
        pdfs = [
            _report(
                files / f"合法性审核意见书（2021）第{i}号.pdf",
                f"关于《{topic}》的合法性审核意见",
                body,
                "陵川县司法局",
                i,
                scanned=i % 2,
            )
            for i, topic in enumerate(
                ["陵川县城区停车管理办法", "陵川县农村集体资产管理办法", "陵川县优化营商环境若干措施"],
                start=1,
            )
        ]
        attach(project, unit="县司法局", indicators=[26], files=pdfs, period="2021")
        ledger = make_ledger_xlsx(
            files / "2021年行政规范性文件合法性审核台账.xlsx",
            title="陵川县2021年行政规范性文件合法性审核台账",
            headers=["序号", "文件名称", "起草单位", "报送日期", "审核意见", "是否采纳"],
            rows=[
                [i, f"关于{t}的通知", u, f"2021-0{i % 9 + 1}-1{i % 10}", "修改后通过", "是"]
                for i, (t, u) in enumerate(
                    [
                        ("加强城区停车管理", "县住建局"),
                        ("农村集体资产清查", "县农业农村局"),
                        ("优化营商环境", "县发展和改革局"),
                        ("规范行政执法公示", "县司法局"),
                        ("加强校外培训机构管理", "县教育局"),
                    ]
                    * 4,
                    start=1,
                )
            ],
        )
        attach(project, unit="县司法局", indicators=[26], files=[ledger], period="2021")
        for number, unit, title in [
            (1, "县行政审批服务管理局", "陵川县行政许可事项清单（2021年版）"),
            (2, "县发展和改革局", "陵川县投资项目审批制度改革实施方案"),
            (6, "县司法局", "陵川县政府部门权责清单动态调整情况"),
            (12, "县发展和改革局", "陵川县优化营商环境工作报告"),
        ]:
            pdf = _report(files / f"{title}.pdf", title, body[:2], f"陵川县{unit[1:]}", number)
            try:
                attach(project, unit=unit, indicators=[number], files=[pdf], period="2021")
            except Exception as exc:  # a catalog edit may move a unit; the screenshots still work
                print(f"skipped demo evidence for {number}: {exc}", file=sys.stderr)
    unit_dir = root / "县司法局工作区"
    create_project(unit_dir, county=COUNTY, year=2022, catalog=catalog, role="unit", unit="县司法局")
    new_files = [
        _report(
            files / "行政规范性文件备案审查情况报告.pdf",
            "2021年行政规范性文件备案审查情况报告",
            body,
            "陵川县司法局",
            9,
        ),
        files / "会议照片.jpg",
        files / "审核意见（加密）.pdf",
    ]
    new_files[1].write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 200)
    new_files[2].write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Encrypt 2 0 R >>\nendobj\n")
    return office, unit_dir, new_files


def main(out: Path) -> int:
    from ui.common import settings
    from ui.shell.app_setup import create_application
    from ui.shell.main_window import MainWindow
    from ui.shell.start_dialog import NewProjectDialog, StartDialog

    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="fazhi-shots-"))
    # Keep the demo's recent projects and window state out of the user's real settings.
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(work / "settings"))
    app = create_application([sys.argv[0]])
    office, unit_dir, new_files = build_demo(work)
    for folder in (unit_dir, office):
        settings.add_recent_project(folder)

    start = StartDialog()
    start.resize(760, 460)
    start.show()
    grab(start, out, "01-start")
    new = NewProjectDialog(start)
    new.county_edit.setText(COUNTY)
    new.show()
    grab(new, out, "02-new-project")
    new.close()
    start.close()

    window = MainWindow()
    window.resize(1366, 768)
    window.show()
    window.open_project(office)
    wait_until(lambda: window.state.project is not None and window.panel.number is not None)
    window.select_indicator(26)
    wait_until(lambda: window.panel.evidence_model.rowCount() >= 4)
    model = window.panel.evidence_model
    pdf_row = next(r for r in range(model.rowCount()) if model.evidence(r).kind == "pdf")
    window.panel.evidence_view.selectRow(pdf_row)
    wait_until(lambda: window.preview.pdf.document.pageCount() > 0)
    grab(window, out, "03-main-pdf-1366x768")

    xlsx_row = next(r for r in range(model.rowCount()) if model.evidence(r).kind == "xlsx")
    window.panel.evidence_view.selectRow(xlsx_row)
    wait_until(lambda: window.preview.xlsx.model.rowCount() > 0)
    grab(window, out, "04-main-xlsx-1366x768")

    window.resize(1920, 1080)
    window.select_indicator(1)
    wait_until(lambda: window.panel.evidence_model.rowCount() >= 1)
    window.panel.evidence_view.selectRow(0)
    wait_until(lambda: window.preview.pdf.document.pageCount() > 0)
    grab(window, out, "05-main-1920x1080")

    window.resize(1366, 768)
    window.catalog.search_edit.setText("合法性审核")
    window.catalog.apply_search()
    grab(window, out, "06-search")
    window.catalog.search_edit.clear()
    window.catalog.apply_search()

    window.select_indicator(26)
    dialog = window.attach_files(new_files)
    assert dialog is not None
    grab(dialog, out, "07-attach-dialog")
    dialog.accept()
    wait_until(
        lambda: window.evidence.refused_dialog is not None and window.evidence.refused_dialog.isVisible()
    )
    assert window.evidence.refused_dialog is not None
    grab(window.evidence.refused_dialog, out, "08-refused-files")
    window.evidence.refused_dialog.close()

    wait_until(lambda: window.panel.evidence_model.rowCount() >= 5)
    window.panel.evidence_view.selectRow(0)
    withdraw = window.withdraw_selected()
    assert withdraw is not None
    withdraw.reason_edit.setPlainText("上传了旧版本，已用新版本替换")
    grab(withdraw, out, "09-withdraw-dialog")
    withdraw.reject()
    window.close()

    unit_window = MainWindow()
    unit_window.resize(1366, 768)
    unit_window.show()
    unit_window.open_project(unit_dir)
    wait_until(lambda: unit_window.state.project is not None and unit_window.panel.number is not None)
    grab(unit_window, out, "10-unit-workspace")
    unit_window.close()

    empty = MainWindow()
    empty.resize(1000, 600)
    empty.show()
    grab(empty, out, "11-no-project")
    empty.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("screenshots")))
