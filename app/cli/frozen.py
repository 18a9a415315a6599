"""The one warning line for a change made after a freeze (allowed, but said aloud and logged)."""

from __future__ import annotations

import sys

from app.project.audit import latest_freeze
from app.project.folder import Project


def warn_if_frozen(project: Project) -> None:
    """Print a warning on stderr when the project has a freeze; the audit entry carries ``after_freeze``."""
    with project.session() as session:
        frozen = latest_freeze(session)
    if frozen is not None:
        label = f"（{frozen['label']}）" if frozen["label"] else ""
        print(
            f"fazhi: 警告：项目已冻结快照 {frozen['id']}{label}，此修改不在快照中，审计日志已标注",
            file=sys.stderr,
        )
