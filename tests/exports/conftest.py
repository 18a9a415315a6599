"""Fixtures for the exports tests: ``ReportData`` built directly (no project, no database) on a small
catalog, with real evidence files made by reportlab and openpyxl inside ``tmp_path``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from exports.report_data import (
    AreaScore,
    BonusClaim,
    EvidenceItem,
    Finding,
    GroupScore,
    IndicatorScore,
    ReportData,
    ScoreSummary,
    UnitTask,
    VetoDeclaration,
)
from indicator_catalog import Catalog, catalog_from_document

LONG_TEXT = (
    "重要的行政规范性文件依法依规执行评估论证、公开征求意见、合法性审核、集体审议决定、向社会公开发布等程序。"
    "专业性、技术性较强的行政规范性文件，组织相关领域专家进行评估论证。评估论证结论在文件起草说明中写明。"
)


def catalog_document() -> dict[str, Any]:
    return {
        "id": "exports-test",
        "title": "测试指标体系（2021年版）",
        "units": [
            {"name": "县司法局"},
            {"name": "县发展和改革局", "aliases": ["县发改局"]},
            {"name": "县市场监督管理局"},
            {"name": "县政府各工作部门", "collective": True},
        ],
        "areas": [
            {
                "code": "一",
                "name": "政府职能依法全面履行",
                "groups": [
                    {"code": "一.1", "name": "加大简政放权力度", "numbers": [1, 2]},
                    {"code": "一.2", "name": "优化法治化营商环境", "numbers": [3, 4]},
                ],
            },
            {
                "code": "二",
                "name": "依法行政制度体系完善",
                "groups": [{"code": "二.1", "name": "加强行政规范性文件监督管理", "numbers": [5, 6, 7]}],
            },
        ],
        "indicators": [
            _indicator(1, "一", "一.1", "全面推行政务服务“马上办、网上办、就近办、一次办”。", ["县司法局"]),
            _indicator(2, "一", "一.1", "依法实施行政许可。", ["县发展和改革局", "县司法局"]),
            _indicator(3, "一", "一.2", "认真开展公平竞争审查。", ["县市场监督管理局"], shared=[4]),
            _indicator(4, "一", "一.2", "全面清理涉企收费。", ["县市场监督管理局"], shared=[3]),
            _indicator(5, "二", "二.1", LONG_TEXT, ["县司法局", "县政府各工作部门"], min_count=10),
            _indicator(6, "二", "二.1", "建立行政规范性文件后评估制度。", ["县司法局"]),
            _indicator(7, "二", "二.1", "实地核查政务服务大厅。", ["县司法局"], onsite=True),
        ],
        "bonus": [
            {"id": "B1", "text": "获得省部级以上表彰奖励。", "max_points": 10},
            {"id": "B2", "text": "做法经验在全国范围内推广。", "max_points": 10},
        ],
        "veto": [
            {"id": "V1", "text": "发生严重违法行政行为。"},
            {"id": "V2", "text": "申报材料弄虚作假。"},
        ],
    }


def _indicator(
    number: int,
    area: str,
    group: str,
    text: str,
    units: list[str],
    *,
    shared: list[int] | None = None,
    min_count: int | None = None,
    onsite: bool = False,
) -> dict[str, Any]:
    requirement: dict[str, Any] = {
        "key": f"{number}.1",
        "text": "实地核查" if onsite else f"提供第 {number} 项工作的相关文件。",
        "min_count": min_count,
        "onsite": onsite,
    }
    return {
        "number": number,
        "area": area,
        "group": group,
        "text": text,
        "units": units,
        "requirements": [requirement],
        "onsite": onsite,
        "shared_with": shared or [],
        "points": 10,
    }


@pytest.fixture
def export_catalog() -> Catalog:
    return catalog_from_document(catalog_document(), "exports-test")


def write_pdf(path: Path, pages: int, label: str) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4)
    for number in range(1, pages + 1):
        canvas.setFont("Helvetica", 18)
        canvas.drawString(72, 760, f"{label} page {number}")
        canvas.showPage()
    canvas.save()
    return path


def write_xlsx(path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "审核台账"
    sheet.append(["序号", "文件名称", "审核意见"])
    for row in range(1, 31):
        sheet.append([row, f"关于印发某某办法的通知（第{row}号）", "同意" if row % 2 else "建议修改第三条"])
    book.save(path)
    return path


def _item(
    folder: Path, ident: str, kind: str, *, unit: str, indicators: tuple[int, ...], pages: int, filename: str
) -> EvidenceItem:
    # Stored like the project store does: content-addressed, no suffix.
    source = folder / f"{ident}.{kind}"
    if kind == "pdf":
        write_pdf(source, pages, f"evidence {ident}")
    else:
        write_xlsx(source)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    stored = folder / digest
    source.rename(stored)
    return EvidenceItem(
        id=ident,
        filename=filename,
        unit=unit,
        kind=kind,
        sha256=digest,
        stored_path=stored,
        indicators=indicators,
        pages=pages if kind == "pdf" else None,
        sheets=1 if kind == "xlsx" else None,
        title=filename.rsplit(".", 1)[0],
        period="2023",
        size=stored.stat().st_size,
        status="已通过",
    )


MakeData = Callable[..., ReportData]


def build_report_data(
    catalog: Catalog, evidence: tuple[EvidenceItem, ...], *, vetoed: bool = False
) -> ReportData:
    levels = {1: "达标", 2: "基本达标", 3: "未达标", 4: "达标", 5: "不适用", 6: None, 7: "达标"}
    factors = {"达标": 1.0, "基本达标": 0.6}
    scores = []
    for indicator in catalog.indicators:
        level = levels.get(indicator.number)
        factor = factors.get(level or "", 0.0)
        scores.append(
            IndicatorScore(
                number=indicator.number,
                level=level,
                factor=factor,
                points=factor * indicator.points,
                max=indicator.points,
                comment="资料齐全，符合要求。"
                if level == "达标"
                else ("缺少2021年度资料。" if level else ""),
                applicable=level != "不适用",
            )
        )

    def total(numbers: tuple[int, ...]) -> tuple[float, float]:
        chosen = [s for s in scores if s.number in numbers]
        return sum(s.points for s in chosen), sum(s.max for s in chosen if s.applicable)

    areas = tuple(AreaScore(a.code, a.name, *total(a.numbers)) for a in catalog.areas)
    groups = tuple(GroupScore(g.code, g.name, g.area, *total(g.numbers)) for g in catalog.groups)
    earned, top = total(tuple(i.number for i in catalog.indicators))
    base = round(1000 * earned / top, 2)
    score = ScoreSummary(
        total=base + 10,
        base=base,
        base_max=1000,
        bonus=10,
        vetoed=vetoed,
        veto_items=("V1",) if vetoed else (),
        result="一票否决" if vetoed else "有效",
        areas=areas,
        groups=groups,
        indicators=tuple(scores),
    )
    return ReportData(
        county="测试县",
        year=2023,
        catalog=catalog,
        issuing_body="测试县人民政府",
        date=dt.date(2024, 5, 20),
        score=score,
        evidence=evidence,
        unit_tasks=(
            UnitTask(1, "县司法局", "已通过", 2, 5),
            UnitTask(2, "县发展和改革局", "未提交"),
            UnitTask(5, "县司法局", "已退回", 1, 3, "缺少2021年度资料"),
        ),
        bonus=(
            BonusClaim("B1", "获得省部级以上表彰奖励。", 10, 10, "省司法厅表彰文件"),
            BonusClaim("B2", "做法经验在全国范围内推广。", 10, 0),
        ),
        veto=(
            VetoDeclaration(
                "V1", "发生严重违法行政行为。", vetoed, "经查属实" if vetoed else "", reviewed=True
            ),
            VetoDeclaration("V2", "申报材料弄虚作假。", False),
        ),
        findings=(
            Finding("错误", "第 6 项没有任何印证资料", "6", "县司法局"),
            Finding("警告", "第 5 项要求至少 10 件，现有 1 件", "5", "县司法局"),
        ),
        scheme_name="参考评分方案（每项三级指标10分）",
        scheme_lines=("每项三级指标 10 分", "等级系数：达标 ×1，基本达标 ×0.6，未达标 ×0"),
        disclaimer="说明：官方分值尚未公布。参考评分方案，非官方分值；官方分值由中央评估专家组确定。",
    )


@pytest.fixture
def evidence_items(tmp_path: Path) -> tuple[EvidenceItem, ...]:
    folder = tmp_path / "evidence"
    folder.mkdir()
    return (
        _item(
            folder,
            "1",
            "pdf",
            unit="县司法局",
            indicators=(1,),
            pages=2,
            filename="2023年政务服务工作总结.pdf",
        ),
        _item(
            folder,
            "2",
            "pdf",
            unit="县司法局",
            indicators=(1, 6),
            pages=3,
            filename="关于推行“一次办”的通知.pdf",
        ),
        _item(
            folder,
            "3",
            "pdf",
            unit="县发展和改革局",
            indicators=(2,),
            pages=1,
            filename="行政许可事项清单.pdf",
        ),
        _item(
            folder,
            "4",
            "pdf",
            unit="县市场监督管理局",
            indicators=(3,),
            pages=2,
            filename="公平竞争审查报告.pdf",
        ),
        _item(
            folder,
            "5",
            "pdf",
            unit="县市场监督管理局",
            indicators=(4,),
            pages=1,
            filename="涉企收费清理情况.pdf",
        ),
        _item(folder, "6", "xlsx", unit="县司法局", indicators=(5,), pages=0, filename="合法性审核台账.xlsx"),
    )


@pytest.fixture
def report_data(export_catalog: Catalog, evidence_items: tuple[EvidenceItem, ...]) -> ReportData:
    return build_report_data(export_catalog, evidence_items)


def embedded_font_pdf(path: Path, lines: Sequence[str]) -> Path:
    """A PDF of one page per line, drawn in the exports' own CJK face (embedded: it can conform to PDF/A)."""
    from reportlab.pdfgen.canvas import Canvas

    from exports.pdf_style import styles

    font = styles().fonts.sans
    canvas = Canvas(str(path), initialFontName=font)
    for line in lines:
        canvas.setFont(font, 16)
        canvas.drawString(72, 760, line)
        canvas.showPage()
    canvas.save()
    return path


@pytest.fixture
def make_embedded_pdf() -> Callable[[Path, Sequence[str]], Path]:
    """``make_embedded_pdf(path, lines)``: see ``embedded_font_pdf``."""
    return embedded_font_pdf


@pytest.fixture
def conforming_data(report_data: ReportData, tmp_path: Path) -> ReportData:
    """``report_data`` whose PDF evidence is drawn with embedded fonts (every source may be PDF/A)."""
    items: list[EvidenceItem] = []
    for original in report_data.evidence:
        item = original
        if item.kind == "pdf":
            lines = [f"evidence {item.id} 第 {n} 页" for n in range(1, (item.pages or 1) + 1)]
            path = embedded_font_pdf(tmp_path / f"{item.id}.pdf", lines)
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            item = dataclasses.replace(item, stored_path=path, sha256=digest, size=path.stat().st_size)
        items.append(item)
    return dataclasses.replace(report_data, evidence=tuple(items))
