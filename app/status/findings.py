"""Self-check findings: one problem, its severity, where, and a hint (shared by every rule module)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)
SEVERITY_LABELS = {ERROR: "错误", WARNING: "警告", INFO: "提示"}


@dataclass(frozen=True)
class Finding:
    severity: str  # error | warning | info
    indicator: int | str | None  # indicator number, bonus/veto id, or None (whole unit / project)
    unit: str | None
    message: str  # plain words for clerks (shown in the window too): no command-line syntax
    code: str  # stable machine name, e.g. "no_evidence"
    hint: str | None = None  # the command-line way to act on it, for CLI users (None: no hint)

    def to_json(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "indicator": self.indicator,
            "unit": self.unit,
            "message": self.message,
            "code": self.code,
            "hint": self.hint,
        }
