"""SQLAlchemy 2.0 models of a project database and its Alembic migrations.

Tables (created by migration 0001): project, unit, unit_alias, collective_member, evidence,
evidence_indicator, info_record, assessment, extra_mark, review, scoring_scheme, freeze, unit_key,
submission, audit_log; narrative_text (0005_narrative); task_id columns and task_progress (0007_plan_tasks).
Columns named ``*_json`` hold JSON *text*
(kept byte-exact); ``audit_log.detail`` is a JSON column. Times are aware UTC datetimes
(``UTCDateTime``). ``models.migrate`` upgrades a database programmatically. Only core services in
``app/`` open sessions; they return frozen dataclasses.
"""

from models.assessment import Assessment, ExtraMark, Freeze, Review, ScoringScheme, TaskProgress
from models.audit import AuditLog
from models.base import Base, UTCDateTime, utcnow
from models.evidence import Evidence, EvidenceIndicator, EvidenceText, InfoRecord
from models.exchange import Submission, UnitKey
from models.narrative import NarrativeText
from models.project import CollectiveMember, ProjectRow, Unit, UnitAlias

__all__ = [
    "Assessment",
    "AuditLog",
    "Base",
    "CollectiveMember",
    "Evidence",
    "EvidenceIndicator",
    "EvidenceText",
    "ExtraMark",
    "Freeze",
    "InfoRecord",
    "NarrativeText",
    "ProjectRow",
    "Review",
    "ScoringScheme",
    "Submission",
    "TaskProgress",
    "UTCDateTime",
    "Unit",
    "UnitAlias",
    "UnitKey",
    "utcnow",
]
