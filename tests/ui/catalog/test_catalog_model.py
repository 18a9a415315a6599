"""The catalog tree model and its filter proxy."""

# pytest-qt's qtmodeltester is untyped:
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.status.workspace import EvidenceFact, IndicatorStatus, compute_progress
from indicator_catalog import Catalog, load_builtin
from ui.catalog.catalog_model import CatalogFilterProxy, CatalogRole, CatalogTreeModel, Column


def _visible_numbers(proxy: CatalogFilterProxy) -> list[int]:
    numbers: list[int] = []

    def walk(parent: QModelIndex) -> None:
        for row in range(proxy.rowCount(parent)):
            index = proxy.index(row, 0, parent)
            number = index.data(CatalogRole.NUMBER)
            if number is not None:
                numbers.append(number)
            walk(index)

    walk(QModelIndex())
    return numbers


def test_tree_mirrors_the_catalog(qtmodeltester: ModelTester, small_catalog: Catalog) -> None:
    model = CatalogTreeModel(small_catalog)
    qtmodeltester.check(model)
    assert model.rowCount() == len(small_catalog.areas)
    area = model.index(0, 0)
    assert area.data(CatalogRole.KIND) == "area"
    assert area.data() == "一、政府职能依法全面履行"
    group = model.index(1, 0, area)
    assert group.data(CatalogRole.CODE) == "一.2"
    indicator = model.index(0, 0, group)
    assert indicator.data(CatalogRole.NUMBER) == 3
    assert model.rowCount(indicator) == 0
    assert model.parent(indicator) == group
    assert model.roleNames()[int(CatalogRole.STATUS)].data() == b"status"
    assert model.headerData(Column.NAME, Qt.Orientation.Horizontal) == "指标"


def test_builtin_catalog_tree_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    catalog = load_builtin("national-2021")
    model = CatalogTreeModel(catalog)
    qtmodeltester.check(model)
    leaves = sum(
        model.rowCount(model.index(g, 0, model.index(a, 0)))
        for a in range(model.rowCount())
        for g in range(model.rowCount(model.index(a, 0)))
    )
    assert leaves == len(catalog.indicators)


def test_progress_sets_status_counts_and_signals(qtbot: QtBot, small_catalog: Catalog) -> None:
    model = CatalogTreeModel(small_catalog)
    facts = [EvidenceFact(1, (2,), "县发展和改革局"), EvidenceFact(2, (1,), "县发展和改革局")]
    progress = compute_progress(small_catalog, facts)
    with qtbot.waitSignal(model.dataChanged):
        model.set_progress(progress, replace=True)
    assert model.indicator_index(1).data(CatalogRole.STATUS) == IndicatorStatus.COMPLETE
    assert model.indicator_index(2).data(CatalogRole.STATUS) == IndicatorStatus.SOME
    assert model.indicator_index(2, Column.PROGRESS).data() == "1 件"
    assert model.indicator_index(3).data(CatalogRole.STATUS) == IndicatorStatus.ONSITE
    area = model.index(0, 0)
    # Indicator 1 complete, 3 on-site: 2 of 3 done in area 一.
    assert area.data(CatalogRole.COMPLETE_COUNT) == 2
    assert area.data(CatalogRole.INDICATOR_COUNT) == 3
    assert area.data(CatalogRole.EVIDENCE_COUNT) == 2
    assert model.index(0, Column.PROGRESS).data() == "2/3"

    # An update for one indicator repaints that row and its ancestors, nothing else.
    changed: list[tuple[QModelIndex, QModelIndex]] = []
    model.dataChanged.connect(lambda a, b, roles=(): changed.append((a, b)))
    more = compute_progress(small_catalog, [*facts, EvidenceFact(3, (2,), "县发展和改革局")], numbers=[2])
    model.set_progress(more)
    kinds = sorted(a.data(CatalogRole.KIND) for a, _ in changed)
    assert kinds == ["area", "group", "indicator"]
    assert model.indicator_index(2, Column.PROGRESS).data() == "2 件"


def test_proxy_filters_by_text_unit_and_status(qtmodeltester: ModelTester, small_catalog: Catalog) -> None:
    model = CatalogTreeModel(small_catalog)
    proxy = CatalogFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    assert _visible_numbers(proxy) == [1, 2, 3, 4, 5]

    proxy.set_search_text("合法性审核")
    assert _visible_numbers(proxy) == [4]
    assert proxy.rowCount() == 1  # only area 二 keeps a visible child
    proxy.set_search_text("2")
    assert _visible_numbers(proxy) == [2, 4]  # number 2, or "2 件" in a requirement text
    proxy.set_search_text("简政放权")  # a group name shows that group's indicators
    assert _visible_numbers(proxy) == [1, 2]
    proxy.set_search_text("")

    proxy.set_allowed_numbers(small_catalog.indicators_of_unit("县发展和改革局"))
    assert _visible_numbers(proxy) == [1, 2]
    # With the unit's scope set, areas and groups count only the unit's indicators.
    model.set_scope(small_catalog.indicators_of_unit("县发展和改革局"))
    assert proxy.index(0, 0).data(CatalogRole.INDICATOR_COUNT) == 2
    assert proxy.index(0, 1).data() == "0/2"
    model.set_scope(None)
    assert proxy.index(0, 1).data() == "1/3"
    proxy.set_search_text("市场")  # search within the unit's tasks (unit names are searchable)
    assert _visible_numbers(proxy) == [2]
    proxy.set_search_text("")
    proxy.set_allowed_numbers(None)

    proxy.set_statuses({IndicatorStatus.ONSITE})
    assert _visible_numbers(proxy) == [3]
    proxy.set_statuses({IndicatorStatus.NONE})
    model.set_progress(
        compute_progress(small_catalog, [EvidenceFact(1, (1,), "县发展和改革局")]), replace=True
    )
    # Dynamic filtering: indicator 1 left the "no evidence" filter when its status changed.
    assert _visible_numbers(proxy) == [2, 4, 5]
    qtmodeltester.check(proxy)
