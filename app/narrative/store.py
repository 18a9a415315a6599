"""Narrative sections and indicator notes, stored as a history (every save is a new row; the latest row
per key counts) and audit-logged in the same transaction. Functions return plain frozen data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.base.actor import resolve_actor
from app.base.errors import UsageError
from app.project.audit import record
from app.project.folder import Project
from exports.report_data import narrative_sections
from indicator_catalog import Catalog
from models import NarrativeText, utcnow

NOTE_PREFIX = "indicator:"
SOURCES = ("manual", "draft", "import")
#: Longest text accepted for one section or note (characters).
MAX_TEXT = 200_000


def note_key(number: int) -> str:
    return f"{NOTE_PREFIX}{number}"


def note_number(key: str) -> int | None:
    """The indicator number of an ``indicator:N`` key, ``None`` for a section key."""
    if key.startswith(NOTE_PREFIX) and key[len(NOTE_PREFIX) :].isdigit():
        return int(key[len(NOTE_PREFIX) :])
    return None


@dataclass(frozen=True)
class NarrativeVersion:
    id: int
    key: str
    text: str
    source: str
    by: str
    at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "key": self.key,
            "text": self.text,
            "source": self.source,
            "by": self.by,
            "at": self.at.isoformat(),
        }


@dataclass(frozen=True)
class NarrativeState:
    """The current text: sections (key → text) and notes (indicator number → text); empty ones omitted."""

    sections: Mapping[str, str]
    notes: Mapping[int, str]
    versions: Mapping[str, NarrativeVersion]  # key → latest row (including emptied ones)


def section_titles(catalog: Catalog) -> dict[str, str]:
    return dict(narrative_sections(catalog))


def check_key(catalog: Catalog, key: str) -> str:
    """``key`` if it names a narrative section or an indicator of ``catalog``; otherwise a UsageError."""
    number = note_number(key)
    if number is not None:
        if not catalog.has_indicator(number):
            raise UsageError(f"指标体系中没有第 {number} 项三级指标：{key}")
        return key
    if key not in section_titles(catalog):
        known = "、".join(section_titles(catalog))
        raise UsageError(f"未知的文字部分：{key}（可用：{known}、indicator:N）")
    return key


def _version(row: NarrativeText) -> NarrativeVersion:
    return NarrativeVersion(row.id, row.key, row.text, row.source, row.written_by, row.at)


def _latest_rows(session: Session) -> list[NarrativeText]:
    newest = select(func.max(NarrativeText.id)).group_by(NarrativeText.key)
    return list(session.scalars(select(NarrativeText).where(NarrativeText.id.in_(newest))))


def current_narrative(project: Project) -> NarrativeState:
    with project.session() as session:  # converted inside: a read-only session rolls back (expires rows)
        versions = {row.key: _version(row) for row in _latest_rows(session)}
    sections: dict[str, str] = {}
    notes: dict[int, str] = {}
    for key, version in versions.items():
        if not version.text.strip():
            continue
        number = note_number(key)
        if number is None:
            sections[key] = version.text
        else:
            notes[number] = version.text
    return NarrativeState(sections=sections, notes=notes, versions=versions)


def history(project: Project, key: str) -> list[NarrativeVersion]:
    """Every saved version of ``key``, newest first."""
    check_key(project.catalog, key)
    with project.session() as session:
        rows = session.scalars(
            select(NarrativeText).where(NarrativeText.key == key).order_by(NarrativeText.id.desc())
        )
        return [_version(row) for row in rows]


def normalize(text: str) -> str:
    """Line endings unified, trailing blanks of lines and of the text removed."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def save_texts(
    project: Project,
    texts: Mapping[str, str],
    *,
    source: str = "manual",
    actor: str | None = None,
    origin: str = "",
) -> list[str]:
    """Store the texts that differ from the current ones, all in one transaction (every key checked
    first). Returns the keys that got a new version."""
    if getattr(project, "readonly", False):
        raise UsageError(f"项目以只读方式打开，不能保存文字：{project.folder}")
    if source not in SOURCES:
        raise UsageError(f"未知的来源：{source}")
    catalog = project.catalog
    cleaned: dict[str, str] = {}
    for key, text in texts.items():
        check_key(catalog, key)
        value = normalize(text)
        if len(value) > MAX_TEXT:
            raise UsageError(f"文字过长（{len(value)} 字，上限 {MAX_TEXT}）：{key}")
        cleaned[key] = value
    who = resolve_actor(actor)
    changed: list[str] = []
    with project.session() as session:
        current = {row.key: row.text for row in _latest_rows(session)}
        now = utcnow()
        for key, value in cleaned.items():
            if current.get(key, "") == value:
                continue
            session.add(NarrativeText(key=key, text=value, source=source, written_by=who, at=now))
            changed.append(key)
        if changed:
            detail: dict[str, Any] = {
                "keys": changed,
                "source": source,
                "chars": {k: len(cleaned[k]) for k in changed},
            }
            if origin:
                detail["file"] = origin
            record(session, "narrative.save", f"project:{project.info.id}", detail, who)
    return changed


def save_text(project: Project, key: str, text: str, *, actor: str | None = None) -> bool:
    """Store one section or note; ``False`` when it equals the current text (nothing stored)."""
    return bool(save_texts(project, {key: text}, actor=actor))
