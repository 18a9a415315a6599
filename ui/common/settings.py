"""What the window remembers between runs (QSettings, organisation "fazhi"): recent projects, geometry."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "fazhi"
APPLICATION = "fazhi"
MAX_RECENT = 10

_RECENT_KEY = "recent/projects"


def settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


def recent_projects() -> list[Path]:
    """Recent project folders, newest first (folders that no longer exist are kept: a USB stick returns)."""
    value = settings().value(_RECENT_KEY, [])
    if isinstance(value, str):  # QSettings returns a lone string for a one-item list on some backends
        value = [value]
    if not isinstance(value, list):
        return []
    return [Path(str(item)) for item in value if str(item)]


def add_recent_project(folder: Path) -> None:
    folder = Path(folder).expanduser().absolute()
    items = [folder, *(p for p in recent_projects() if p != folder)][:MAX_RECENT]
    store = settings()
    store.setValue(_RECENT_KEY, [str(p) for p in items])
    store.sync()


def remove_recent_project(folder: Path) -> None:
    items = [p for p in recent_projects() if p != Path(folder)]
    store = settings()
    store.setValue(_RECENT_KEY, [str(p) for p in items])
    store.sync()


def save_window_state(name: str, geometry: QByteArray, state: QByteArray | None = None) -> None:
    store = settings()
    store.setValue(f"{name}/geometry", geometry)
    if state is not None:
        store.setValue(f"{name}/state", state)


def window_geometry(name: str) -> QByteArray | None:
    value = settings().value(f"{name}/geometry")
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def window_state(name: str) -> QByteArray | None:
    value = settings().value(f"{name}/state")
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def save_value(key: str, value: object) -> None:
    settings().setValue(key, value)


def value(key: str, default: object = None) -> object:
    return settings().value(key, default)
