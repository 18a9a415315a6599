"""Who is acting: recorded with every change in the audit log."""

from __future__ import annotations

import getpass
import os


def current_actor() -> str:
    """``FAZHI_ACTOR`` if set (the window sets it from its login box), else the OS user name."""
    actor = os.environ.get("FAZHI_ACTOR", "").strip()
    if actor:
        return actor
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment or password database
        return "unknown"


def resolve_actor(actor: str | None) -> str:
    """``actor`` if given (stripped, non-empty), else ``current_actor()``."""
    if actor is not None and actor.strip():
        return actor.strip()
    return current_actor()
