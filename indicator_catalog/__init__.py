"""Indicator catalogs: data files plus loading and validation. No Qt, no database.

Two kinds: assessment catalogs (``Catalog``: numbered, scored indicators, e.g. ``national-2021``) and
plan catalogs (``plan.PlanCatalog``: task lists with deadlines and progress, e.g. ``wutai-rural-2021``).
Only what every caller needs is imported here (CLI start time); import the rest from its module:
``plan``/``plan_loader`` (task lists), ``placements`` (open questions), ``unitmatch`` (unit names),
``upgrade`` (older stored documents), ``xlsx`` (spreadsheets).
"""

from indicator_catalog.deadlines import Deadline, Milestone, parse_deadline
from indicator_catalog.demands import describe_demands, describe_time_demand, parse_time_demand
from indicator_catalog.loader import (
    DEFAULT_CATALOG_ID,
    CatalogError,
    CatalogProblem,
    builtin_catalog_ids,
    catalog_from_document,
    load_builtin,
    load_catalog_file,
    resolve_catalog,
    validate_document,
)
from indicator_catalog.model import (
    SCHEMA_VERSION,
    Area,
    BonusItem,
    Catalog,
    Group,
    Indicator,
    OpenQuestion,
    Placement,
    Requirement,
    UnitName,
    VetoItem,
)

__all__ = [
    "DEFAULT_CATALOG_ID",
    "SCHEMA_VERSION",
    "Area",
    "BonusItem",
    "Catalog",
    "CatalogError",
    "CatalogProblem",
    "Deadline",
    "Group",
    "Indicator",
    "Milestone",
    "OpenQuestion",
    "Placement",
    "Requirement",
    "UnitName",
    "VetoItem",
    "builtin_catalog_ids",
    "catalog_from_document",
    "describe_demands",
    "describe_time_demand",
    "load_builtin",
    "load_catalog_file",
    "parse_deadline",
    "parse_time_demand",
    "resolve_catalog",
    "validate_document",
]
