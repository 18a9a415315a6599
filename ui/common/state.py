"""The window's hub: the open project, and what changed in it.

Views never poll. After a change the code that made it tells the hub what it touched (a
``ProjectChange``) together with fresh progress for those indicators, computed in the worker; the hub
stores it and emits ``changed``; each view refreshes only what the change names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from PySide6.QtCore import QObject, Signal

from app.base.changes import ProjectChange
from app.project.folder import Project
from app.status.workspace import IndicatorProgress, WorkspaceSnapshot
from app.units.registry import UnitInfo
from indicator_catalog import Catalog


class ProjectState(QObject):
    """One per window. Holds the open project and its snapshot; announces openings and changes."""

    #: A project was opened; carries the ``WorkspaceSnapshot``.
    opened = Signal(object)
    #: The project was closed.
    closed = Signal()
    #: Something in the project changed; carries the ``ProjectChange``.
    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._project: Project | None = None
        self._snapshot: WorkspaceSnapshot | None = None

    # -- access -------------------------------------------------------------------------------------
    @property
    def project(self) -> Project | None:
        return self._project

    @property
    def snapshot(self) -> WorkspaceSnapshot | None:
        return self._snapshot

    @property
    def catalog(self) -> Catalog | None:
        return self._snapshot.catalog if self._snapshot is not None else None

    @property
    def units(self) -> tuple[UnitInfo, ...]:
        return self._snapshot.units if self._snapshot is not None else ()

    @property
    def office_writable(self) -> bool:
        """An open office project that may be changed (not a unit workspace, not read-only)."""
        snapshot, project = self._snapshot, self._project
        return (
            snapshot is not None
            and project is not None
            and not snapshot.is_unit_workspace
            and not project.readonly
        )

    def progress(self, number: int) -> IndicatorProgress | None:
        if self._snapshot is None:
            return None
        return self._snapshot.progress.get(number)

    def require_project(self) -> Project:
        if self._project is None:
            raise RuntimeError("no project is open")
        return self._project

    # -- lifecycle ----------------------------------------------------------------------------------
    def set_project(self, project: Project, snapshot: WorkspaceSnapshot) -> None:
        if self._project is not None and self._project is not project:
            self.close()
        self._project = project
        self._snapshot = snapshot
        self.opened.emit(snapshot)

    def close(self) -> None:
        project, self._project, self._snapshot = self._project, None, None
        if project is not None:
            project.close()
            self.closed.emit()

    # -- changes ------------------------------------------------------------------------------------
    def apply(
        self,
        change: ProjectChange,
        progress: Mapping[int, IndicatorProgress] | None = None,
        units: Iterable[UnitInfo] | None = None,
        catalog: Catalog | None = None,
    ) -> None:
        """Take fresh data for what ``change`` touched and tell the views (``catalog``: the project's
        catalog laid out anew, with ``change.catalog``)."""
        if self._snapshot is None:
            return
        merged = dict(self._snapshot.progress)
        if progress:
            merged.update(progress)
        self._snapshot = replace(
            self._snapshot,
            progress=merged,
            units=tuple(units) if units is not None else self._snapshot.units,
            catalog=catalog if catalog is not None else self._snapshot.catalog,
        )
        self.changed.emit(change)
