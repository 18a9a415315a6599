"""任务分解 spreadsheets ↔ catalogs.

``export_task_xlsx`` writes a catalog as the sheet a county clerk knows (附件1 of a 实施方案: 一级指标 |
二级指标 | 三级指标 number | text | 责任单位 | 具体资料报送, merged area/group cells, one merged
具体资料报送 cell over the rows of a 合并提供 group) plus a hidden sheet ``_fazhi`` carrying every field
the visible layout cannot show, so that ``import_task_xlsx(export_task_xlsx(c)) == c``.

``import_task_xlsx`` also reads a county's own sheet without the hidden sheet: merged or blank cells
inherit from above, numbers and text in one cell or two, requirement items split on "1. 2." / "（1）" /
"；", counts (任意10件, 5件高质量案例, (5个), 任选5个), 网址, 联系方式, 实地核查, years (2020年以来),
"第26、27、28、29项指标，请合并提供" notes, units normalised through a unit vocabulary, and the
附加项 rows (加分项 → bonus, 否决项 → veto). When the hidden sheet is present, the visible sheet stays
the truth: a row whose visible cells were edited is re-read from the sheet, an untouched row keeps every
machine field.

The input is checked before openpyxl sees it (real ZIP, not an encrypted or legacy OLE2 file, member
sizes and compression ratios, no DTDs, no giant merged ranges): openpyxl would otherwise happily
decompress a bomb or materialise a billion merged cells.

Modules, in dependency order: ``cells`` (constants, text helpers, atomic writes) → ``requirements``
(具体资料报送 heuristics), ``units`` (unit vocabulary), ``layout`` (planned visible rows), ``guard`` (input
checks) → ``machine`` (the lossless ``_fazhi`` sheet), ``sheet`` (reading the visible sheet) → ``plain``
(county sheets without machine fields) → ``export`` and ``importer``; ``plansheet`` (task lists, plan
catalogs), ``unitlist`` (a county's unit list) and ``anykind`` (one import entry for either kind).
"""

from indicator_catalog.xlsx.anykind import import_xlsx
from indicator_catalog.xlsx.cells import MACHINE_SHEET, TASK_SHEET, chinese_numeral, parse_label
from indicator_catalog.xlsx.export import export_task_xlsx, write_catalog_file
from indicator_catalog.xlsx.guard import TaskSheetError
from indicator_catalog.xlsx.importer import PlanSheetError, import_task_xlsx
from indicator_catalog.xlsx.planexport import export_plan_xlsx
from indicator_catalog.xlsx.plansheet import import_plan_xlsx
from indicator_catalog.xlsx.requirements import parse_requirements, shared_note
from indicator_catalog.xlsx.unitlist import read_unit_list_xlsx

__all__ = [
    "MACHINE_SHEET",
    "TASK_SHEET",
    "PlanSheetError",
    "TaskSheetError",
    "chinese_numeral",
    "export_plan_xlsx",
    "export_task_xlsx",
    "import_plan_xlsx",
    "import_task_xlsx",
    "import_xlsx",
    "parse_label",
    "parse_requirements",
    "read_unit_list_xlsx",
    "shared_note",
    "write_catalog_file",
]
