"""``fazhi demo DIR``: a realistic demo county, so a first-time user sees every screen doing something.

陵川县 (the county of seed 003) with its real towns, the national 2021 catalog, a few hundred generated
evidence files (红头文件-style PDFs with tables, scanned-looking pages, XLSX 台账), levels for most
indicators, a returned item, a claimed bonus, and self-check findings deliberately left to fix.
Everything is deterministic: the same demo every time.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.demo_docs import make_document_pdf, make_ledger_xlsx
from app.errors import UsageError
from app.progress import CancelToken, ProgressCallback, check_cancel, report
from indicator_catalog import Catalog, Indicator, load_builtin

if TYPE_CHECKING:
    from app.units import UnitInfo

COUNTY = "陵川县"
YEAR = 2023
ISSUING_BODY = "中共陵川县委全面依法治县委员会办公室"
TOWNS = (
    "崇文镇",
    "礼义镇",
    "附城镇",
    "西河底镇",
    "平城镇",
    "杨村镇",
    "潞城镇",
    "夺火乡",
    "马圪当乡",
    "古郊乡",
    "六泉乡",
)
# Collective names whose members the county sets itself (the store leaves them empty).
COLLECTIVE_MEMBERS = {
    "及相关审批部门": ("县自然资源局", "县住房和城乡建设局", "县交通运输局", "县水务局"),
    "重大行政决策承办单位": ("县发展和改革局", "县住房和城乡建设局", "县自然资源局"),
    "重大行政决策执行单位": ("县发展和改革局", "县住房和城乡建设局"),
}
# Indicators left without evidence so the self-check has real findings to show.
LEFT_EMPTY = (8, 33, 77, 98)
# Indicators given fewer documents than they demand (任意10件 with 7 attached …).
SHORT_COUNTS = {26: 7, 10: 6}
# Levels the office has not assessed yet, and the ones it judged 基本达标 / 未达标 / 不适用.
NOT_ASSESSED = (8, 33, 77, 98, 61, 62, 63, 96, 97, 99, 100)
PARTIAL = (10, 13, 24, 26, 47, 65, 71, 79, 86)
UNMET = (15,)
NOT_APPLICABLE = (23,)
RETURNED = (9, "县市场监督管理局", "案例材料缺少当事人联系方式，请补充后重新报送。")


@dataclass(frozen=True)
class DemoSummary:
    folder: Path
    county: str
    files: int
    pdf_pages: int
    units_with_evidence: int
    assessed: int

    def __str__(self) -> str:
        return (
            f"已生成演示项目：{self.folder}（{self.county}，{self.files} 份印证资料，共 {self.pdf_pages} 页 PDF，"
            f"{self.units_with_evidence} 个单位报送，{self.assessed} 项已评定）\n"
            f"打开窗口：fazhi gui {self.folder}"
        )


def _lead_units(units: Sequence[UnitInfo], catalog: Catalog) -> dict[int, str]:
    """For each indicator, the first real (non-collective) unit responsible for it, preferring units the
    catalog names directly over members of a collective name."""
    lead: dict[int, str] = {}
    for indicator in catalog.indicators:
        named = [u for u in units if not u.collective and indicator.number in u.indicators]
        direct = [u for u in named if u.name in indicator.units]
        chosen = direct or named
        if chosen:
            lead[indicator.number] = chosen[0].name
    return lead


def _paragraphs(indicator: Indicator, unit: str, index: int, rng: random.Random) -> list[str]:
    demand = indicator.requirements[0].text if indicator.requirements else indicator.text
    return [
        f"为贯彻落实《法治政府建设实施纲要（2021—2025年）》和市县法治政府建设示范指标体系第 {indicator.number} 项"
        f"“{indicator.text[:40]}……”的要求，{unit}结合工作实际，现将有关情况报告如下。",
        f"一、基本情况。{COUNTY}{unit}高度重视，成立了以主要负责同志为组长的工作专班，明确分管领导和具体经办人员，"
        f"建立周调度、月通报工作机制，对照“{demand[:50]}”逐项梳理、逐项落实。",
        f"二、主要做法。一是健全制度，制定完善相关工作规则 {rng.randint(2, 6)} 项；二是强化培训，"
        f"组织专题学习 {rng.randint(3, 12)} 次，参训 {rng.randint(40, 300)} 人次；三是加强督导，"
        f"开展专项检查 {rng.randint(2, 9)} 次，发现并整改问题 {rng.randint(3, 20)} 个。",
        f"三、下一步工作。持续对标对表，查漏补缺，确保第 {indicator.number} 项指标全面达标（材料 {index + 1}）。",
    ]


def _table(indicator: Indicator, rng: random.Random) -> list[list[str]]:
    rows = [["序号", "事项名称", "时间", "责任科室", "完成情况"]]
    topics = ("制度建设", "专项检查", "培训学习", "案卷评查", "信息公开", "整改落实", "宣传推广")
    for n in range(1, rng.randint(4, 9)):
        rows.append(
            [
                str(n),
                f"{rng.choice(topics)}（第{indicator.number}项）",
                f"{rng.choice((2020, 2021, 2022))}年{rng.randint(1, 12)}月",
                rng.choice(("法规股", "办公室", "执法监督股", "综合股")),
                rng.choice(("已完成", "已完成", "已完成", "持续推进")),
            ]
        )
    return rows


def _ledger_rows(indicator: Indicator, rng: random.Random) -> list[list[object]]:
    return [
        [
            n,
            f"{rng.choice(('行政许可', '行政处罚', '行政检查', '行政确认'))}事项{n:03d}",
            f"{rng.choice((2020, 2021, 2022))}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            rng.choice(("已办结", "已办结", "已公示")),
            f"第{indicator.number}项",
        ]
        for n in range(1, rng.randint(12, 40))
    ]


def _documents_for(indicator: Indicator) -> int:
    if indicator.number in SHORT_COUNTS:
        return SHORT_COUNTS[indicator.number]
    counts = [r.min_count for r in indicator.requirements if r.min_count]
    return max(counts) if counts else 2


def _evidence_owner(catalog: Catalog, indicator: Indicator) -> bool:
    """For a 合并提供 group, only the first indicator gets the group's files (they count for all)."""
    return indicator.number == min(indicator.evidence_group)


def build_demo(
    folder: Path,
    *,
    force: bool = False,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> DemoSummary:
    """Create the demo county project in ``folder`` (must be empty or absent unless ``force``)."""
    from app.assessment import claim_bonus, record_info, set_level
    from app.evidence import attach, list_evidence
    from app.project import create_project, is_project_folder, open_project
    from app.units import add_unit, list_units, set_collective_members

    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        if not (force and is_project_folder(folder)):
            raise UsageError(f"{folder}: 目录不为空，演示项目需要一个新目录（或对已有演示项目使用 --force）")
        shutil.rmtree(folder)
    catalog = load_builtin("national-2021")
    rng = random.Random(2023)
    create_project(folder, county=COUNTY, year=YEAR, catalog=catalog, actor="演示数据")
    files = 0
    pages = 0
    try:
        with open_project(folder) as project, tempfile.TemporaryDirectory(prefix="fazhi-demo-") as tmp:
            known = {u.name for u in list_units(project)}

            for town in TOWNS:
                add_unit(project, town, member_of=("各乡镇",), actor="演示数据")
            for collective, members in COLLECTIVE_MEMBERS.items():
                present = [m for m in members if m in known]
                if collective in known and present:
                    set_collective_members(project, collective, present, actor="演示数据")
            project.update_settings({"issuing_body": ISSUING_BODY}, actor="演示数据")
            lead_units = _lead_units(list_units(project), catalog)

            work = Path(tmp)
            plan = [
                i
                for i in catalog.indicators
                if not i.onsite and i.number not in LEFT_EMPTY and _evidence_owner(catalog, i)
            ]
            for step, indicator in enumerate(plan):
                check_cancel(cancel)
                report(progress, step, len(plan), f"第 {indicator.number} 项")
                unit = lead_units.get(indicator.number)
                if unit is None:
                    continue
                made: list[Path] = []
                for index in range(_documents_for(indicator)):
                    wants_ledger = any(w in indicator.evidence_as_written for w in ("台账", "清单", "名录"))
                    name = f"{unit}-第{indicator.number}项-材料{index + 1}"
                    if wants_ledger and index == 0:
                        made.append(
                            make_ledger_xlsx(
                                work / f"{name}（台账）.xlsx",
                                title=f"{COUNTY}{unit}第{indicator.number}项工作台账",
                                headers=["序号", "事项名称", "办理日期", "办理结果", "对应指标"],
                                rows=_ledger_rows(indicator, rng),
                            )
                        )
                        continue
                    scanned = 1 if rng.random() < 0.12 else 0
                    made.append(
                        make_document_pdf(
                            work / f"{name}.pdf",
                            issuer=f"{COUNTY}{unit.removeprefix('县')}",
                            title=f"关于第{indicator.number}项指标落实情况的报告（{index + 1}）",
                            doc_number=f"陵{unit[1:3]}发〔{rng.choice((2021, 2022))}〕{rng.randint(1, 60)}号",
                            paragraphs=_paragraphs(indicator, unit, index, rng),
                            table=_table(indicator, rng) if rng.random() < 0.6 else None,
                            scanned_pages=scanned,
                            date_text=f"{rng.choice((2021, 2022))}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
                            seed=indicator.number * 100 + index,
                        )
                    )
                period = str(rng.choice((2021, 2022)))
                if indicator.number == 30:
                    period = "2018"  # older than the indicator's 2019年以来 window: a finding to fix
                result = attach(
                    project,
                    unit=unit,
                    indicators=[indicator.number],
                    files=made,
                    title=f"第{indicator.number}项印证资料",
                    period=period,
                    actor=unit,
                )
                files += len(result.attached)
                pages += sum(r.pages or 0 for r in result.attached)
                # URLs and contacts for most demands that ask for them; a few are left for the self-check.
                for requirement in indicator.requirements:
                    if requirement.needs_url and indicator.number % 5 != 0:
                        record_info(
                            project,
                            indicator=indicator.number,
                            unit=unit,
                            kind="url",
                            value=f"http://www.lingchuan.gov.cn/xxgk/zb{indicator.number:03d}/",
                            by=unit,
                        )
                    if requirement.needs_contact and indicator.number % 4 != 0:
                        record_info(
                            project,
                            indicator=indicator.number,
                            unit=unit,
                            kind="contact",
                            value=f"{unit}法规股 王{rng.choice('明华军芳丽强')} 0356-62{rng.randint(10000, 99999)}",
                            by=unit,
                        )
            report(progress, len(plan), len(plan), "评定")

            for indicator in catalog.indicators:
                number = indicator.number
                if number in NOT_ASSESSED:
                    continue
                if number in NOT_APPLICABLE:
                    level, comment = "不适用", "本县未制定地方政府规章，相关事项不适用。"
                elif number in UNMET:
                    level, comment = "未达标", "补偿案例材料不全，需补充。"
                elif number in PARTIAL:
                    level, comment = "基本达标", "材料基本齐全，个别要素需补充完善。"
                else:
                    level, comment = "达标", ""
                set_level(project, number, level, comment=comment, by="县委依法治县办 审核组")

            proofs = list_evidence(project, indicator=97)
            claim_bonus(
                project,
                "B1",
                points=5,
                note="2021年县司法局获评省级法治政府建设先进单位（晋政发〔2021〕xx号）",
                proof_evidence_id=proofs[0].id if proofs else None,
                by="县委依法治县办 审核组",
            )
            _return_one(project)
            units_with_files = len({r.unit for r in list_evidence(project)})
    except BaseException:
        # A demo is all or nothing: never leave a half-built project behind.
        shutil.rmtree(folder, ignore_errors=True)
        raise
    assessed = len(catalog.indicators) - len(NOT_ASSESSED)
    return DemoSummary(folder, COUNTY, files, pages, units_with_files, assessed)


def _return_one(project: object) -> None:
    """One unit's evidence returned for rework (退回补充), so the review screens show it."""
    try:
        from app import exchange
    except ImportError:
        return
    review = getattr(exchange, "review", None)
    if review is None:
        return
    number, unit, comment = RETURNED
    review(project, indicator=number, unit=unit, decision="return", comment=comment, actor="县委依法治县办 审核组")


def demo_units() -> Sequence[str]:
    return TOWNS
