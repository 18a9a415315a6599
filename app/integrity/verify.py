"""``verify``: the integrity of a project's database and evidence store.

Checks: SQLite ``PRAGMA integrity_check`` and ``foreign_key_check``; the audit log's append-only
triggers; the project row; every evidence record's file present with the right size and SHA-256;
links to indicators the catalog knows; stray files in the store (orphans); and every freeze snapshot
(``app.integrity.freeze.verify_freeze``: its manifest, database copy and frozen files unchanged).
``repair=True`` moves orphans into ``evidence/orphans/`` (never deletes anything); other problems need
a person.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from app.base.errors import CancelledError, FazhiError
from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from app.integrity.freeze import list_freezes, verify_freeze
from app.project.folder import Project
from app.project.store import hash_file, is_sha256
from models import Evidence, EvidenceIndicator, ProjectRow


@dataclass(frozen=True)
class VerifyProblem:
    # "database" | "missing" | "size" | "hash" | "orphan" | "indicator" | "project" | "freeze" | "link"
    kind: str
    target: str  # "database", "evidence:12", "evidence/ab/ab12…", "freeze:3"
    message: str

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "target": self.target, "message": self.message}

    def __str__(self) -> str:
        return f"{self.target}: {self.message}"


@dataclass(frozen=True)
class VerifyReport:
    problems: list[VerifyProblem]
    repaired: list[str]  # what --repair did, one line each
    evidence_checked: int = 0
    files_checked: int = 0
    notes: list[str] = field(default_factory=list)  # not problems (e.g. quarantined orphans)
    freezes_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "problems": [p.to_json() for p in self.problems],
            "repaired": list(self.repaired),
            "evidence_checked": self.evidence_checked,
            "files_checked": self.files_checked,
            "freezes_checked": self.freezes_checked,
            "notes": list(self.notes),
        }


def _database_problems(project: Project) -> list[VerifyProblem]:
    problems: list[VerifyProblem] = []
    with project.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            rows = [str(r[0]) for r in connection.execute(text("PRAGMA integrity_check"))]
            if rows != ["ok"]:
                problems.extend(
                    VerifyProblem("database", "database", f"完整性检查失败：{r}") for r in rows[:20]
                )
            for row in connection.execute(text("PRAGMA foreign_key_check")):
                problems.append(
                    VerifyProblem("database", f"{row[0]}:{row[1]}", f"外键无效：指向 {row[2]} 的记录不存在")
                )
            triggers = set(
                connection.execute(
                    text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
                ).scalars()
            )
            missing = {"audit_log_no_update", "audit_log_no_delete"} - triggers
            if missing:
                problems.append(
                    VerifyProblem(
                        "database", "audit_log", f"审计日志的防篡改触发器缺失：{'、'.join(sorted(missing))}"
                    )
                )
        elif connection.dialect.name == "postgresql":
            found = connection.execute(
                text("SELECT count(*) FROM pg_trigger WHERE tgname = 'audit_log_append_only'")
            ).scalar()
            if not found:
                problems.append(VerifyProblem("database", "audit_log", "审计日志的防篡改触发器缺失"))
    with project.session() as session:
        count = session.scalar(select(func.count()).select_from(ProjectRow))
        if count != 1:
            problems.append(VerifyProblem("project", "project", f"项目信息应有 1 条，实际 {count} 条"))
    return problems


def _not_a_plain_file(path: Path) -> str | None:
    """Why a store entry is not the plain file it must be (``None``: it is one, or it is missing).

    A symlink or a second hard link lets the content change outside the project (or point at a
    file that is not evidence); a directory or a device is no evidence at all. Nothing is followed.
    """
    try:
        facts = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"无法读取资料文件（{exc.strerror or exc}）"
    if stat.S_ISLNK(facts.st_mode):
        return "资料文件被替换为符号链接（内容可能在项目以外）"
    if stat.S_ISDIR(facts.st_mode):
        return "资料文件的位置是一个文件夹"
    if not stat.S_ISREG(facts.st_mode):
        return "资料文件不是普通文件"
    if facts.st_nlink > 1:
        return f"资料文件另有 {facts.st_nlink - 1} 个硬链接（内容可能在项目以外被改动）"
    return None


def verify(
    project: Project,
    *,
    repair: bool = False,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> VerifyReport:
    if repair:
        project._require_writable()
    store = project.store
    problems = _database_problems(project)
    repaired: list[str] = []
    notes: list[str] = []

    with project.session() as session:
        rows = session.execute(
            select(
                Evidence.id, Evidence.sha256, Evidence.size, Evidence.filename, Evidence.original_sha256
            ).order_by(Evidence.id)
        ).all()
        links = session.execute(
            select(EvidenceIndicator.evidence_id, EvidenceIndicator.indicator_number)
        ).all()

    for evidence_id, number in links:
        if not project.catalog.has_indicator(number):
            problems.append(
                VerifyProblem(
                    "indicator", f"evidence:{evidence_id}", f"关联到指标体系中不存在的第 {number} 项指标"
                )
            )

    # Each distinct content is hashed once, however many records share it.
    # A record with a rendition references two files: the original (its ``size`` is the original's)
    # and the PDF made from it (size not recorded, its hash is the check).
    by_sha: dict[str, list[tuple[int, int | None, str]]] = {}
    for evidence_id, sha256, size, filename, original in rows:
        if original and original != sha256:
            by_sha.setdefault(original, []).append((evidence_id, size, filename))
            by_sha.setdefault(sha256, []).append((evidence_id, None, filename))
        else:
            by_sha.setdefault(sha256, []).append((evidence_id, size, filename))
    total = len(by_sha)
    done = 0
    for sha256, holders in by_sha.items():
        check_cancel(cancel)
        report(progress, done, total, f"校验 {holders[0][2]}")
        done += 1
        targets = ", ".join(f"evidence:{h[0]}" for h in holders)
        path = store.path_for(sha256)
        replaced = _not_a_plain_file(path)
        if replaced is not None:
            shown = path.relative_to(project.folder)
            problems.append(VerifyProblem("link", targets, f"{replaced}：{holders[0][2]}（{shown}）"))
            continue
        if not path.is_file():
            staged = store.staged_path(sha256)
            if staged.is_file():
                path = staged  # committed but not yet published: the next writable open moves it
            elif store.path_for(sha256).is_file():
                path = store.path_for(sha256)  # published while we looked
            else:
                problems.append(
                    VerifyProblem(
                        "missing",
                        targets,
                        f"资料文件缺失：{holders[0][2]}（{path.relative_to(project.folder)}）",
                    )
                )
                continue
        size = path.stat().st_size
        expected = next((h[1] for h in holders if h[1] is not None and h[1] != size), None)
        if expected is not None:
            problems.append(
                VerifyProblem(
                    "size", targets, f"资料文件大小不符：{holders[0][2]}（应为 {expected}，实际 {size}）"
                )
            )
            continue
        try:
            actual = hash_file(path, cancel)
        except CancelledError:
            raise
        except OSError as exc:
            problems.append(VerifyProblem("missing", targets, f"无法读取资料文件：{exc.strerror or exc}"))
            continue
        if actual != sha256:
            problems.append(
                VerifyProblem("hash", targets, f"资料文件内容已被改动（SHA-256 不符）：{holders[0][2]}")
            )
    report(progress, total, total, "")

    files_checked = 0
    for path in list(store.iter_files()):
        check_cancel(cancel)
        files_checked += 1
        name = path.name
        expected_place = is_sha256(name) and path == store.path_for(name)
        if expected_place and name in by_sha:
            continue
        relative = path.relative_to(project.folder)
        reason = "不属于任何资料记录" if expected_place else "不在资料库应有的位置"
        if repair:
            moved = store.move_to_orphans(path)
            repaired.append(f"{relative} → {moved.relative_to(project.folder)}")
        else:
            problems.append(
                VerifyProblem("orphan", str(relative), f"多余的文件（{reason}），可用 --repair 移入 orphans")
            )
    if store.orphans.is_dir():
        quarantined = sum(1 for _ in store.orphans.iterdir())
        if quarantined:
            notes.append(f"evidence/orphans/ 中有 {quarantined} 个已隔离的文件（未删除）")
    if store.incoming.is_dir():
        leftovers = [p.name for p in store.incoming.iterdir() if not (is_sha256(p.name) and p.name in by_sha)]
        if leftovers:
            notes.append(f"有 {len(leftovers)} 个中断操作留下的临时文件，下次以可写方式打开项目时清理")
    freeze_problems, freezes_checked = _freeze_problems(project, progress, cancel)
    problems.extend(freeze_problems)
    problems.sort(key=lambda p: (p.kind, p.target))
    return VerifyReport(problems, repaired, len(rows), files_checked, notes, freezes_checked)


def _freeze_problems(
    project: Project, progress: ProgressCallback | None, cancel: CancelToken | None
) -> tuple[list[VerifyProblem], int]:
    """Every freeze snapshot, checked as ``fazhi freeze --verify`` checks one: a snapshot is the record
    of what was submitted, so a changed one is an integrity problem like a changed evidence file."""

    problems: list[VerifyProblem] = []
    freezes = list_freezes(project)
    for index, item in enumerate(freezes):
        check_cancel(cancel)
        report(progress, index, len(freezes), f"核对冻结快照 {item.folder.name}")
        target = f"freeze:{item.id}"
        try:
            # By folder: it is unique, while an id and another freeze's label may look alike.
            check = verify_freeze(project, item.folder, cancel=cancel)
        except CancelledError:
            raise
        except FazhiError as exc:
            problems.append(VerifyProblem("freeze", target, f"冻结快照“{item.label}”无法核对：{exc}"))
            continue
        problems.extend(
            VerifyProblem("freeze", target, f"冻结快照“{item.label}”（{item.folder.name}）：{problem}")
            for problem in check.problems
        )
    if freezes:
        report(progress, len(freezes), len(freezes), "")
    return problems, len(freezes)
