"""Indicator catalogs: data files plus loading and validation. No Qt, no database."""

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
    Area,
    BonusItem,
    Catalog,
    Group,
    Indicator,
    Requirement,
    UnitName,
    VetoItem,
)

__all__ = [
    "DEFAULT_CATALOG_ID",
    "Area",
    "BonusItem",
    "Catalog",
    "CatalogError",
    "CatalogProblem",
    "Group",
    "Indicator",
    "Requirement",
    "UnitName",
    "VetoItem",
    "builtin_catalog_ids",
    "catalog_from_document",
    "load_builtin",
    "load_catalog_file",
    "resolve_catalog",
    "validate_document",
]
