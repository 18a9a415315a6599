"""Where the program keeps its own files (platformdirs), as opposed to project folders."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "fazhi"
APP_AUTHOR = "fazhi"


def data_dir() -> Path:
    path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """This user's cache (not shared with other users, unlike the temporary folder on Linux)."""
    path = Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_file() -> Path:
    path = Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path / "fazhi.log"


def demo_project_dir() -> Path:
    """The default folder for ``fazhi demo`` when the README's run command creates it."""
    return data_dir() / "demo-project"
