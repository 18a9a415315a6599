"""``fazhi demo DIR``: a realistic demo county, so a first-time user sees every screen doing something.

陵川县 (the county of seed 003) with its real towns, the national 2021 catalog, a few hundred generated
evidence files (红头文件-style PDFs with tables, scanned-looking pages, XLSX 台账), levels for most
indicators, a review history (items accepted, one returned for rework, one returned and accepted after
rework), a claimed bonus, and self-check findings deliberately left to fix. Everything is
deterministic: the same demo every time, whether documents are rendered here or in worker processes.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import sys
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.assessment.levels import claim_bonus, record_info, set_level
from app.assessment.reviews import review
from app.base.errors import UsageError
from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from app.demo.documents import make_document_pdf, make_ledger_xlsx
from app.evidence.attach import attach, list_evidence
from app.project.create import create_project
from app.project.folder import Project, is_project_folder, open_project
from app.units.registry import UnitInfo, add_unit, list_units, set_collective_members
from indicator_catalog import Catalog, Indicator, load_builtin

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
# Returned for rework (退回补充) to the unit that handed the evidence in.
RETURNED = (9, "县行政审批服务管理局", "案例材料缺少当事人联系方式，请补充后重新报送。")
# Returned once, then accepted after the unit supplemented it (a review history with both).
REWORKED = (22, "县司法局", "典型案例材料未写明办理结果，请补充后重新报送。")
REWORK_ACCEPTED = "已按要求补充，予以通过。"
# Units (one indicator each, besides the two above) whose evidence the office has accepted.
ACCEPTED_UNITS = 5
ACCEPTED = "材料齐全、真实有效，予以通过。"
REVIEWER = "县委依法治县办 审核组"


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
            f"已生成演示项目：{self.folder}（{self.county}，{self.files} 份印证资料，"
            f"共 {self.pdf_pages} 页 PDF，"
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
        "为贯彻落实《法治政府建设实施纲要（2021—2025年）》和市县法治政府建设示范指标体系"
        f"第 {indicator.number} 项"
        f"“{indicator.text[:40]}……”的要求，{unit}结合工作实际，现将有关情况报告如下。",
        f"一、基本情况。{COUNTY}{unit}高度重视，成立了以主要负责同志为组长的工作专班，明确分管领导和具体经办人员，"
        f"建立周调度、月通报工作机制，对照“{demand[:50]}”逐项梳理、逐项落实。",
        f"二、主要做法。一是健全制度，制定完善相关工作规则 {rng.randint(2, 6)} 项；二是强化培训，"
        f"组织专题学习 {rng.randint(3, 12)} 次，参训 {rng.randint(40, 300)} 人次；三是加强督导，"
        f"开展专项检查 {rng.randint(2, 9)} 次，发现并整改问题 {rng.randint(3, 20)} 个。",
        f"三、下一步工作。持续对标对表，查漏补缺，确保第 {indicator.number} 项指标全面达标"
        f"（材料 {index + 1}）。",
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


@dataclass(frozen=True)
class _Job:
    """One evidence file to make; a pure function of its fields (so any process can make it)."""

    kind: str  # "pdf" | "xlsx"
    path: Path
    options: dict[str, Any]


def _make(job: _Job) -> Path:
    if job.kind == "xlsx":
        return make_ledger_xlsx(job.path, **job.options)
    return make_document_pdf(job.path, **job.options)


@dataclass(frozen=True)
class _Step:
    """One indicator's evidence: its files (indexes into the job list), period, URLs and contacts."""

    indicator: Indicator
    unit: str
    jobs: tuple[int, ...]
    period: str
    infos: tuple[tuple[str, str], ...]  # (kind, value)


def _plan(
    catalog: Catalog, lead_units: dict[int, str], work: Path, rng: random.Random
) -> tuple[list[_Step], list[_Job]]:
    """Everything random is drawn here, in one fixed order, so the demo is the same every time."""
    steps: list[_Step] = []
    jobs: list[_Job] = []
    for indicator in catalog.indicators:
        if indicator.onsite or indicator.number in LEFT_EMPTY or not _evidence_owner(catalog, indicator):
            continue
        unit = lead_units.get(indicator.number)
        if unit is None:
            continue
        first = len(jobs)
        wants_ledger = any(w in indicator.evidence_as_written for w in ("台账", "清单", "名录"))
        for index in range(_documents_for(indicator)):
            name = f"{unit}-第{indicator.number}项-材料{index + 1}"
            if wants_ledger and index == 0:
                ledger = {
                    "title": f"{COUNTY}{unit}第{indicator.number}项工作台账",
                    "headers": ["序号", "事项名称", "办理日期", "办理结果", "对应指标"],
                    "rows": _ledger_rows(indicator, rng),
                }
                jobs.append(_Job("xlsx", work / f"{name}（台账）.xlsx", ledger))
                continue
            scanned = 1 if rng.random() < 0.12 else 0
            document: dict[str, Any] = {
                "issuer": f"{COUNTY}{unit.removeprefix('县')}",
                "title": f"关于第{indicator.number}项指标落实情况的报告（{index + 1}）",
                "doc_number": f"陵{unit[1:3]}发〔{rng.choice((2021, 2022))}〕{rng.randint(1, 60)}号",
                "paragraphs": _paragraphs(indicator, unit, index, rng),
            }
            document["table"] = _table(indicator, rng) if rng.random() < 0.6 else None
            document["scanned_pages"] = scanned
            document["date_text"] = (
                f"{rng.choice((2021, 2022))}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
            )
            document["seed"] = indicator.number * 100 + index
            jobs.append(_Job("pdf", work / f"{name}.pdf", document))
        period = str(rng.choice((2021, 2022)))
        if indicator.number == 30:
            period = "2018"  # older than the indicator's 2019年以来 window: a finding to fix
        # URLs and contacts for most demands that ask for them; a few are left for the self-check.
        infos: list[tuple[str, str]] = []
        for requirement in indicator.requirements:
            if requirement.needs_url and indicator.number % 5 != 0:
                infos.append(("url", f"http://www.lingchuan.gov.cn/xxgk/zb{indicator.number:03d}/"))
            if requirement.needs_contact and indicator.number % 4 != 0:
                contact = f"{unit}法规股 王{rng.choice('明华军芳丽强')} 0356-62{rng.randint(10000, 99999)}"
                infos.append(("contact", contact))
        steps.append(_Step(indicator, unit, tuple(range(first, len(jobs))), period, tuple(infos)))
    return steps, jobs


def _worker_count() -> int:
    """Worker processes for making documents: two where forking is safe, else none.

    A forked worker starts in milliseconds with everything already imported, and never re-runs the
    program's main module as a spawned one does (``python -m app`` would start the command again, and
    a frozen build has no Python to spawn). Forking is only safe from a process with a single thread:
    another thread (the window's, a background task's) may hold a lock the child then waits on forever.
    """
    if not sys.platform.startswith("linux") or getattr(sys, "frozen", False):
        return 0
    if threading.current_thread() is not threading.main_thread() or _native_threads() != 1:
        return 0
    return 2 if len(os.sched_getaffinity(0)) >= 2 else 0


def _native_threads() -> int:
    """Threads of this process, including those Python does not know about (Qt's, a library's)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 0  # unknown: assume the worst


class _DocumentMaker:
    """Makes the demo's files; with workers they render while this process writes the database."""

    def __init__(self, jobs: Sequence[_Job], workers: int) -> None:
        self._jobs = jobs
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list[Future[Path]] = []
        if workers > 0 and jobs and "fork" in multiprocessing.get_all_start_methods():
            try:
                self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
                self._futures = [self._pool.submit(_make, job) for job in jobs]
            except (OSError, BrokenProcessPool):
                self.close()  # no processes to be had (limits): make everything here

    def get(self, index: int) -> Path:
        if self._pool is not None:
            try:
                return self._futures[index].result()
            except BrokenProcessPool:
                self.close()  # a worker died (killed, out of memory): make the rest here
        return _make(self._jobs[index])

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> _DocumentMaker:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def build_demo(
    folder: Path,
    *,
    force: bool = False,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    workers: int | None = None,
) -> DemoSummary:
    """Create the demo county project in ``folder`` (must be empty or absent unless ``force``).

    ``workers``: processes that render documents alongside (default: two where that is safe, see
    ``_worker_count``; 0 makes everything in this process). The result is the same either way.
    """

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

            steps, jobs = _plan(catalog, _lead_units(list_units(project), catalog), Path(tmp), rng)
            with _DocumentMaker(jobs, _worker_count() if workers is None else workers) as documents:
                for number, step in enumerate(steps):
                    check_cancel(cancel)
                    report(progress, number, len(steps), f"第 {step.indicator.number} 项")
                    result = attach(
                        project,
                        unit=step.unit,
                        indicators=[step.indicator.number],
                        files=[documents.get(index) for index in step.jobs],
                        title=f"第{step.indicator.number}项印证资料",
                        period=step.period,
                        actor=step.unit,
                    )
                    files += len(result.attached)
                    pages += sum(r.pages or 0 for r in result.attached)
                    for kind, value in step.infos:
                        record_info(
                            project,
                            indicator=step.indicator.number,
                            unit=step.unit,
                            kind=kind,
                            value=value,
                            by=step.unit,
                        )
            report(progress, len(steps), len(steps), "评定")

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
                set_level(project, number, level, comment=comment, by=REVIEWER)

            proofs = list_evidence(project, indicator=97)
            claim_bonus(
                project,
                "B1",
                points=5,
                note="2021年县司法局获评省级法治政府建设先进单位（晋政发〔2021〕xx号）",
                proof_evidence_id=proofs[0].id if proofs else None,
                by=REVIEWER,
            )
            _review_history(project, steps)
            units_with_files = len({r.unit for r in list_evidence(project)})
    except BaseException:
        # A demo is all or nothing: never leave a half-built project behind.
        shutil.rmtree(folder, ignore_errors=True)
        raise
    assessed = len(catalog.indicators) - len(NOT_ASSESSED)
    return DemoSummary(folder, COUNTY, files, pages, units_with_files, assessed)


def _review_history(project: Project, steps: Sequence[_Step]) -> None:
    """The office's 逐项审核 so far: several units' evidence accepted, one item returned for rework
    (退回补充), and one returned earlier and accepted after the unit supplemented it."""

    number, unit, comment = RETURNED
    review(project, indicator=number, unit=unit, decision="return", comment=comment, actor=REVIEWER)
    number, unit, comment = REWORKED
    review(project, indicator=number, unit=unit, decision="return", comment=comment, actor=REVIEWER)
    review(project, indicator=number, unit=unit, decision="accept", comment=REWORK_ACCEPTED, actor=REVIEWER)
    chosen: set[str] = {RETURNED[1], REWORKED[1]}
    for step in steps:
        if len(chosen) >= 2 + ACCEPTED_UNITS:
            break
        n = step.indicator.number
        if step.unit in chosen or n in (*PARTIAL, *UNMET, *NOT_ASSESSED, *NOT_APPLICABLE):
            continue
        review(project, indicator=n, unit=step.unit, decision="accept", comment=ACCEPTED, actor=REVIEWER)
        chosen.add(step.unit)


def demo_units() -> Sequence[str]:
    return TOWNS
