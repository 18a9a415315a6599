"""Drafts made from the data (``exports.narrative.draft_narrative``), stored for the sections still empty."""

from __future__ import annotations

from app.export.service import collect_report_data
from app.narrative.store import current_narrative, note_key, save_texts
from app.project.folder import Project
from exports.narrative import draft_narrative, draft_notes


def make_draft(project: Project) -> dict[str, str]:
    """The generated draft of every section (nothing stored)."""
    return draft_narrative(collect_report_data(project))


def make_drafts(project: Project) -> dict[str, str]:
    """The generated draft of every section and of every indicator's 自评说明 (``indicator:N`` keys),
    made from one collection of the data (nothing stored)."""
    data = collect_report_data(project)
    drafts = draft_narrative(data)
    drafts.update({note_key(number): text for number, text in draft_notes(data).items()})
    return drafts


def store_drafts(project: Project, *, actor: str | None = None, overwrite: bool = False) -> list[str]:
    """Store the draft for every section that is empty (every section with ``overwrite``); the keys
    that got a new version."""
    draft = make_draft(project)
    written = current_narrative(project).sections
    chosen = {key: text for key, text in draft.items() if overwrite or not written.get(key, "").strip()}
    return save_texts(project, chosen, source="draft", actor=actor)
