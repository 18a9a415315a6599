"""One entry for ``catalog import-xlsx``: a 任务分解 of indicators or a task list (plan), by its headers."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from indicator_catalog.model import Catalog, UnitName
from indicator_catalog.plan import PlanCatalog
from indicator_catalog.xlsx.importer import PlanSheetError, import_task_xlsx
from indicator_catalog.xlsx.plansheet import import_plan_xlsx


def import_xlsx(
    path: str | Path,
    catalog_id: str | None = None,
    title: str | None = None,
    *,
    units: Sequence[UnitName] | None = None,
) -> Catalog | PlanCatalog:
    """An assessment ``Catalog`` (一级/二级/三级指标 headers) or a ``PlanCatalog`` (主要任务 with
    牵头单位/责任单位/完成时限 headers). Raises ``TaskSheetError`` naming the file and the reason."""
    try:
        return import_task_xlsx(path, catalog_id, title, units=units)
    except PlanSheetError:
        return import_plan_xlsx(path, catalog_id, title, units=list(units) if units is not None else None)
