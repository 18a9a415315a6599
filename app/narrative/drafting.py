"""Drafts made from the data (``exports.narrative.draft_narrative``), stored for the sections still empty."""

from __future__ import annotations

from app.export.service import collect_report_data
from app.narrative.store import current_narrative, save_texts
from app.project.folder import Project
from exports.narrative import draft_narrative


def make_draft(project: Project) -> dict[str, str]:
    """The generated draft of every section (nothing stored)."""
    return draft_narrative(collect_report_data(project))


def store_drafts(project: Project, *, actor: str | None = None, overwrite: bool = False) -> list[str]:
    """Store the draft for every section that is empty (every section with ``overwrite``); the keys
    that got a new version."""
    draft = make_draft(project)
    written = current_narrative(project).sections
    chosen = {key: text for key, text in draft.items() if overwrite or not written.get(key, "").strip()}
    return save_texts(project, chosen, source="draft", actor=actor)
