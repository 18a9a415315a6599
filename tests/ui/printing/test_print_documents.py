"""The printed self-check list, audit log and report text: the view's data, escaped, in words."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from app.project.audit import AuditEntry
from app.status.selfcheck import Finding
from ui.printing.print_documents import audit_html, report_text_html, selfcheck_html, text_document


def test_selfcheck_list_groups_and_escapes() -> None:
    findings = [
        Finding("error", 3, "县司法局", "缺少<案卷>资料", "no_evidence"),
        Finding("warning", None, None, "未评估", "unassessed"),
    ]
    source = selfcheck_html(
        [("错误（1）", findings[:1]), ("警告（1）", findings[1:])],
        county="测试县",
        year=2024,
        summary="共 2 个问题",
    )
    text = text_document(source).toPlainText()
    assert "测试县2024年 报送前自查清单" in text
    assert "缺少<案卷>资料" in text and "&lt;" in source
    assert "第 3 项" in text and "（不针对具体指标）" in text and "（全县/不限单位）" in text
    assert text.index("错误（1）") < text.index("警告（1）")
    assert (
        "未发现问题。"
        in text_document(selfcheck_html([], county="测试县", year=2024, summary="")).toPlainText()
    )


def test_audit_log_in_words_and_local_time() -> None:
    at = datetime(2024, 5, 6, 1, 2, tzinfo=UTC)
    entry = AuditEntry(
        1, at, "张审核", "assessment.undo", "indicator:9", {"level": "达标", "restored": "未评估"}
    )
    text = text_document(audit_html([entry], county="测试县", year=2024, scope="共 1 条")).toPlainText()
    assert "撤销评定" in text and "第 9 项" in text and "恢复为：未评估" in text
    assert at.astimezone().strftime("%Y-%m-%d %H:%M") in text
    assert "indicator:9" not in text


def test_report_text_fallback(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("STSong-Light", 14)
    c.drawString(72, 720, "总体自评报告")
    c.showPage()
    c.setFont("STSong-Light", 14)
    c.drawString(72, 720, "第二页内容")
    c.showPage()
    c.save()
    text = text_document(report_text_html(pdf, county="测试县", year=2024)).toPlainText()
    assert "测试县2024年 自评报告" in text
    assert "总体自评报告" in text and "第二页内容" in text and "第 2 页" in text
