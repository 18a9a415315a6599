"""The score: total, base, bonus and result; subtotals by 一级/二级指标; and the explanation of any number
(indicator → level → factor → points → subtotal → base → total). The reference scheme's disclaimer is
always on screen."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.base.changes import ProjectChange
from app.base.errors import UsageError
from app.scoring.compute import ScoreResult
from app.scoring.explain import explain
from app.scoring.scheme import DISCLAIMER, describe_scheme
from ui.common.dialog_parts import FigureCard
from ui.common.formatting import item_label
from ui.common.state import ProjectState
from ui.common.when_shown import RefreshWhenShown
from ui.scoring.scheme_editor import SchemeEditorDialog
from ui.scoring.score_models import (
    DISCLAIMER_STYLE,
    VETO_RED,
    AssessmentSnapshot,
    ExplainModel,
    ScoreColumn,
    ScoreKeeper,
    ScoreRole,
    ScoreTreeModel,
    fmt,
)
from ui.scoring.veto_banner import VetoBanner


def _score_card(caption: str) -> FigureCard:
    """A headline number with its caption (总分, 基础分 …)."""
    return FigureCard(caption, object_name="scoreCard", scale=1.9, wrap_detail=False)


class ScoreView(QWidget):
    """Headline numbers, the subtotal tree, the explanation of the selected row, and the scheme."""

    #: An indicator row was double-clicked: the window shows that indicator.
    indicator_requested = Signal(int)

    def __init__(self, state: ProjectState, keeper: ScoreKeeper, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoreView")
        self.state = state
        self.keeper = keeper
        self.scheme_dialog: SchemeEditorDialog | None = None

        self.banner = VetoBanner(keeper)
        self.disclaimer_label = QLabel()
        self.disclaimer_label.setObjectName("disclaimerLabel")
        self.disclaimer_label.setWordWrap(True)
        self.disclaimer_label.setStyleSheet(DISCLAIMER_STYLE)
        self.scheme_button = QPushButton(self.tr("评分方案…"))
        self.scheme_button.setObjectName("schemeButton")
        self.scheme_button.setToolTip(self.tr("查看或修改分值、等级系数和加分上限"))
        self.scheme_button.clicked.connect(self.edit_scheme)
        top = QHBoxLayout()
        top.addWidget(self.disclaimer_label, 1)
        top.addWidget(self.scheme_button)

        self.total_card = _score_card(self.tr("总分"))
        self.base_card = _score_card(self.tr("基础分"))
        self.bonus_card = _score_card(self.tr("加分"))
        self.result_card = _score_card(self.tr("评估结论"))
        cards = QHBoxLayout()
        for card in (self.total_card, self.base_card, self.bonus_card, self.result_card):
            cards.addWidget(card, 1)

        self.tree_model = ScoreTreeModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("scoreTree")
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ScoreColumn.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (ScoreColumn.LEVEL, ScoreColumn.FACTOR, ScoreColumn.POINTS, ScoreColumn.MAXIMUM):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.selectionModel().currentChanged.connect(self._on_tree_current_changed)
        self.tree.doubleClicked.connect(self._on_tree_double_clicked)

        self.explain_title = QLabel()
        self.explain_title.setObjectName("explainTitle")
        font = self.explain_title.font()
        font.setBold(True)
        self.explain_title.setFont(font)
        self.explain_model = ExplainModel(self)
        self.explain_view = QTableView()
        self.explain_view.setObjectName("explainView")
        self.explain_view.setModel(self.explain_model)
        self.explain_view.verticalHeader().hide()
        self.explain_view.setWordWrap(True)
        self.explain_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.explain_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        explain_header = self.explain_view.horizontalHeader()
        explain_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        explain_header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        explain_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.explain_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.scheme_label = QLabel()
        self.scheme_label.setObjectName("schemeLines")
        self.scheme_label.setWordWrap(True)
        self.scheme_label.setStyleSheet("color: palette(placeholder-text);")
        self.scheme_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        explain = QWidget()
        explain_layout = QVBoxLayout(explain)
        explain_layout.setContentsMargins(0, 0, 0, 0)
        explain_layout.addWidget(self.explain_title)
        explain_layout.addWidget(self.explain_view, 1)
        explain_layout.addWidget(self.scheme_label)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(explain)
        # Halves: at 1280 px a 3:2 split left the explanation's 计算 column ~140 px, its total row cut;
        # the tree's names are short and leave room.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addLayout(cards)
        layout.addWidget(self.splitter, 1)

        self._target = "total"
        self._expand_pending = False
        state.opened.connect(self._on_state_opened)
        state.closed.connect(self._on_state_closed)
        state.changed.connect(self._on_state_changed)
        keeper.updated.connect(self._on_keeper_updated)
        # Behind another tab the figures follow the keeper when the page is shown (ui/common/when_shown.py).
        self.refresher = RefreshWhenShown(self, self._show_current_result)
        if state.catalog is not None:
            self.tree_model.set_catalog(state.catalog)
            self.tree.expandToDepth(0)
        self.show_result(keeper.score)

    # -- content -----------------------------------------------------------------------------------
    def show_result(self, result: ScoreResult | None) -> None:
        self.tree_model.set_result(result)
        self.scheme_button.setEnabled(self.state.project is not None)
        if result is None:
            for card in (self.total_card, self.base_card, self.bonus_card, self.result_card):
                card.set("—")
            self.disclaimer_label.setText(self.tr("注意：{text}。").format(text=DISCLAIMER))
            self.explain_model.set_steps([])
            self.explain_title.clear()
            self.scheme_label.clear()
            return
        scheme = result.scheme
        origin = self.tr("内置参考方案") if scheme.reference else self.tr("本县设定的方案")
        self.disclaimer_label.setText(
            self.tr("注意：{text}。当前使用：{name}（{origin}）。").format(
                text=result.disclaimer, name=scheme.name, origin=origin
            )
        )
        self.total_card.set(
            fmt(result.total),
            self.tr("满分 {max}（基础 {base} + 加分 {bonus}）").format(
                max=fmt(result.base_max + result.bonus_max),
                base=fmt(result.base_max),
                bonus=fmt(result.bonus_max),
            ),
            VETO_RED if result.vetoed else None,
        )
        self.base_card.set(
            fmt(result.base),
            self.tr("已评估 {done}/{count} 项，不适用 {na} 项").format(
                done=result.assessed, count=len(result.indicators), na=result.not_applicable
            ),
        )
        self.bonus_card.set(
            fmt(result.bonus), self.tr("合计上限 {cap}").format(cap=fmt(scheme.bonus_total_cap))
        )
        if result.vetoed:
            detail = self.tr("否决项 {items} 已触发").format(items="、".join(result.veto_items))
            self.result_card.set(result.result, detail, VETO_RED)
        else:
            detail = ""
            if result.passed is not None:
                detail = self.tr("合格线 {mark}：{state}").format(
                    mark=fmt(scheme.pass_mark), state=self.tr("达到") if result.passed else self.tr("未达到")
                )
            self.result_card.set(result.result, detail, "#1e8e3e")

        self.scheme_label.setText("\n".join(describe_scheme(scheme)[2:]))
        self.explain_target(self._target)

    def explain_target(self, target: int | str) -> bool:
        """Show the explanation of ``target`` (indicator number, item id, area/group code, or total)."""
        result = self.keeper.score
        if result is None:
            return False
        try:
            steps = explain(result, target)
        except UsageError:
            steps = explain(result, "total")
            target = "total"
        self._target = str(target)
        self.explain_model.set_steps(steps)
        self.explain_view.resizeRowsToContents()
        self.explain_title.setText(self._title_for(str(target)))
        return True

    def _title_for(self, target: str) -> str:
        catalog = self.state.catalog
        if target.isdigit():
            return self.tr("{item}的得分如何计入总分").format(item=item_label(catalog, int(target)))
        if target in ("total", "bonus"):
            return self.tr("总分的构成") if target == "total" else self.tr("加分的构成")
        if catalog is not None and any(b.id == target for b in catalog.bonus):
            return self.tr("加分项 {id} 如何计入总分").format(id=target)
        if catalog is not None and any(v.id == target for v in catalog.veto):
            return self.tr("否决项 {id} 对结论的影响").format(id=target)
        return self.tr("{code} 小计的构成").format(code=target)

    def select_indicator(self, number: int) -> bool:
        index = self.tree_model.index_of("indicator", str(number))
        if not index.isValid():
            return False
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    # -- the scheme --------------------------------------------------------------------------------
    def edit_scheme(self) -> SchemeEditorDialog | None:
        result = self.keeper.score
        if result is None or self.state.catalog is None:
            return None
        dialog = SchemeEditorDialog(self.state, result.scheme, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.scheme_dialog = dialog
        dialog.open()
        return dialog

    # -- signals -----------------------------------------------------------------------------------
    def _on_tree_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.isValid():
            self.explain_target(str(current.data(ScoreRole.TARGET)))

    def _on_tree_double_clicked(self, index: QModelIndex) -> None:
        number = index.data(ScoreRole.NUMBER)
        if number is not None:
            self.indicator_requested.emit(int(number))

    def _on_keeper_updated(self, snapshot: AssessmentSnapshot) -> None:
        self.refresher.request()

    def _show_current_result(self) -> None:
        self.show_result(self.keeper.score)

    def _on_state_opened(self, snapshot: object) -> None:
        self._target = "total"
        self.tree_model.set_catalog(self.state.catalog)
        # Expanding lays out every row (~50 ms on 100 indicators): done when the page is first shown,
        # not while the window opens on the indicator page.
        self._expand_pending = True
        if self.isVisible():
            self._expand()
        self.refresher.request()

    def _expand(self) -> None:
        self._expand_pending = False
        self.tree.expandToDepth(0)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._expand_pending:
            self._expand()

    def _on_state_changed(self, change: object) -> None:
        # The catalog laid out anew (an open placement answered): the tree's groups follow; the keeper
        # recomputes the score for the same change.
        if isinstance(change, ProjectChange) and change.catalog and self.state.catalog is not None:
            self.tree_model.set_catalog(self.state.catalog)
            self.tree.expandToDepth(0)
            self.refresher.request()

    def _on_state_closed(self) -> None:
        self.tree_model.set_catalog(None)
        self.show_result(None)
