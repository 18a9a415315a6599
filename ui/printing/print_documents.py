"""What the window prints as text: the self-check list and the audit log, as ``QTextDocument`` HTML built
from the same core data the views show (``Finding``, ``AuditEntry``), and the report's text when Qt's PDF
module is missing. Every value is escaped; the layout is a plain table that paginates well."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QTextDocument

from app.project.audit import AuditEntry
from app.status.selfcheck import SEVERITY_LABELS, Finding
from ui.audit.audit_view import action_label, detail_summary, target_label
from ui.common.formatting import local_time
from ui.status.selfcheck_view import indicator_label

#: The family of the bundled ``exports/fonts/NotoSansSC-*.ttf`` (ui/shell/app_setup registers them).
PRINT_FAMILY = "Noto Sans SC"

_STYLE = """
<style>
h1 { font-size: 16pt; }
p.sub { color: #555; }
table { border-collapse: collapse; }
th { background: #e8eaed; }
td, th { padding: 3px; }
</style>
"""


def _esc(value: object) -> str:
    return html.escape(str(value), quote=False)


def _page(title: str, subtitle: str, body: str) -> str:
    return (
        f"<html><head><meta charset='utf-8'>{_STYLE}</head><body>"
        f"<h1>{_esc(title)}</h1><p class='sub'>{_esc(subtitle)}</p>{body}</body></html>"
    )


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th align='left'>{_esc(h)}</th>" for h in headers)
    lines = ["<table border='1' cellspacing='0' cellpadding='3' width='100%'>", f"<tr>{head}</tr>"]
    for row in rows:
        lines.append("<tr>" + "".join(f"<td>{_esc(cell)}</td>" for cell in row) + "</tr>")
    lines.append("</table>")
    return "\n".join(lines)


def printed_at(now: datetime | None = None) -> str:
    return QCoreApplication.translate("PrintDocuments", "打印时间：{at}").format(
        at=local_time(now or datetime.now().astimezone())
    )


def selfcheck_html(
    groups: Sequence[tuple[str, Sequence[Finding]]], *, county: str, year: int, summary: str
) -> str:
    """The self-check list as the view groups it: one table per group (severity, indicator or unit)."""
    parts = [f"<p>{_esc(summary)}</p>"]
    if not groups:
        parts.append(f"<p>{_esc(QCoreApplication.translate('PrintDocuments', '未发现问题。'))}</p>")
    for title, findings in groups:
        parts.append(f"<h2>{_esc(title)}</h2>")
        rows = [
            (
                SEVERITY_LABELS.get(f.severity, f.severity),
                indicator_label(f.indicator)
                or QCoreApplication.translate("PrintDocuments", "（不针对具体指标）"),
                f.unit or QCoreApplication.translate("PrintDocuments", "（全县/不限单位）"),
                f.message,
            )
            for f in findings
        ]
        parts.append(
            _table(
                (
                    QCoreApplication.translate("PrintDocuments", "级别"),
                    QCoreApplication.translate("PrintDocuments", "指标"),
                    QCoreApplication.translate("PrintDocuments", "单位"),
                    QCoreApplication.translate("PrintDocuments", "问题"),
                ),
                rows,
            )
        )
    title = QCoreApplication.translate("PrintDocuments", "{county}{year}年 报送前自查清单").format(
        county=county, year=year
    )
    return _page(title, printed_at(), "\n".join(parts))


def audit_html(entries: Sequence[AuditEntry], *, county: str, year: int, scope: str) -> str:
    """The audit log entries as the view lists them (local time, actions and targets in words)."""
    rows = [
        (local_time(e.at), e.actor, action_label(e.action), target_label(e.target), detail_summary(e.detail))
        for e in entries
    ]
    body = f"<p>{_esc(scope)}</p>" + _table(
        (
            QCoreApplication.translate("PrintDocuments", "时间"),
            QCoreApplication.translate("PrintDocuments", "人员"),
            QCoreApplication.translate("PrintDocuments", "操作"),
            QCoreApplication.translate("PrintDocuments", "对象"),
            QCoreApplication.translate("PrintDocuments", "详情"),
        ),
        rows,
    )
    title = QCoreApplication.translate("PrintDocuments", "{county}{year}年 操作记录").format(
        county=county, year=year
    )
    return _page(title, printed_at(), body)


def report_text_html(pdf: Path, *, county: str, year: int) -> str:
    """The report's text page by page (for printing when Qt's PDF module is not available)."""
    import pypdf

    reader = pypdf.PdfReader(str(pdf))
    pages = []
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text() or ""
        paragraphs = "".join(f"<p>{_esc(line)}</p>" for line in text.splitlines() if line.strip())
        heading = QCoreApplication.translate("PrintDocuments", "第 {n} 页").format(n=number)
        pages.append(f"<h3>{_esc(heading)}</h3>{paragraphs}")
    title = QCoreApplication.translate("PrintDocuments", "{county}{year}年 自评报告").format(
        county=county, year=year
    )
    return _page(title, printed_at(), "\n".join(pages))


def print_font() -> QFont:
    """The bundled Noto Sans SC first (registered at start-up): a printed PDF keeps searchable text."""
    font = QFont(QGuiApplication.font())
    if PRINT_FAMILY in QFontDatabase.families():
        font.setFamilies([PRINT_FAMILY, *(f for f in font.families() if f != PRINT_FAMILY)])
    font.setPointSizeF(10.0)
    return font


def text_document(source: str) -> QTextDocument:
    """``source`` as a document ``print_`` paginates for the printer (with page numbers at the foot)."""
    document = QTextDocument()
    font = print_font()
    document.setDefaultFont(font)
    document.setHtml(source)
    return document
