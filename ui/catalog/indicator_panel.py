"""The selected indicator: text, units, demands as a checklist with counts, shared indicators, evidence."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.status.workspace import IndicatorProgress, IndicatorStatus
from indicator_catalog import Catalog
from ui.common.formatting import indicator_path, item_label
from ui.common.icons import STATUS_COLORS, status_label
from ui.evidence.detail_models import (
    EvidenceColumn,
    EvidenceRow,
    EvidenceTableModel,
    RequirementChecklistModel,
    RequirementColumn,
)

#: The widest a column other than the file name gets (longer texts elide in the middle).
EVIDENCE_COLUMN_MAX = 160


def evidence_column_widths(
    model: EvidenceTableModel, cells: QFontMetrics, headers: QFontMetrics, header_padding: int
) -> dict[int, int]:
    """The widths of the evidence list's columns other than the file name: each at least its header's
    text plus the header's margins (添加时间 was cut at 1366 px), and its widest text (first 200 rows)."""
    widths: dict[int, int] = {}
    for column in EvidenceColumn:
        if column == EvidenceColumn.FILENAME:
            continue
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        texts = model.column_texts(column)
        text_width = max((cells.horizontalAdvance(t) for t in texts), default=0) + 18
        header_width = headers.horizontalAdvance(title) + header_padding
        widths[column] = max(min(text_width, EVIDENCE_COLUMN_MAX), header_width)
    return widths


def _section_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionLabel")
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class IndicatorPanel(QWidget):
    """Shows one indicator; the window feeds it progress and evidence rows and reacts to its requests."""

    #: The user clicked a shared (合并提供) indicator.
    indicator_requested = Signal(int)
    #: The selected evidence row changed (``EvidenceRow`` or ``None``).
    evidence_selected = Signal(object)
    #: An evidence row was double-clicked or Enter was pressed on it.
    evidence_activated = Signal(object)
    attach_requested = Signal()
    #: 自评说明… was clicked: edit the shown indicator's note in the report's text (carries its number).
    note_requested = Signal(int)
    withdraw_requested = Signal()
    open_requested = Signal()
    #: 选择归属… was clicked on the note of an open placement question (carries the indicator number).
    placement_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog: Catalog | None = None
        self._number: int | None = None
        self._progress: IndicatorProgress | None = None

        # -- header and text ---------------------------------------------------------------------
        self.path_label = QLabel()
        self.path_label.setObjectName("pathLabel")
        self.path_label.setWordWrap(True)
        self.path_label.setStyleSheet("color: palette(placeholder-text);")
        self.title_label = QLabel()
        self.title_label.setObjectName("titleLabel")
        title_font = self.title_label.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        self.status_label = QLabel()
        self.status_label.setObjectName("statusChip")
        self.note_button = QPushButton(self.tr("自评说明…"))
        self.note_button.setObjectName("noteButton")
        self.note_button.setToolTip(self.tr("编写本项在自评报告中的自评说明"))
        self.note_button.clicked.connect(self._on_note_button_clicked)
        header = QHBoxLayout()
        self._header = header
        header.addWidget(self.title_label)
        header.addWidget(self.status_label)
        header.addStretch(1)
        header.addWidget(self.note_button)
        self.text_label = QLabel()
        self.text_label.setObjectName("indicatorText")
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.units_label = QLabel()
        self.units_label.setObjectName("unitsLabel")
        self.units_label.setWordWrap(True)
        self.units_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.shared_label = QLabel()
        self.shared_label.setObjectName("sharedLabel")
        self.shared_label.setWordWrap(True)
        self.shared_label.setTextFormat(Qt.TextFormat.RichText)
        self.shared_label.linkActivated.connect(self._on_shared_label_link_activated)
        self.shared_label.setToolTip(self.tr("这些指标的资料合并提供：给其中一项添加的资料对整组都有效"))
        self.placement_label = QLabel()
        self.placement_label.setObjectName("placementLabel")
        self.placement_label.setWordWrap(True)
        self.placement_label.setTextFormat(Qt.TextFormat.RichText)
        self.placement_label.setStyleSheet("color: #8a5000;")
        self.placement_label.hide()
        self.placement_button = QPushButton(self.tr("选择归属…"))
        self.placement_button.setObjectName("placementButton")
        self.placement_button.clicked.connect(self._on_placement_button_clicked)
        self.placement_button.hide()
        self.set_placement_allowed("")
        # A plan task's recorded progress (set by the window from the task rows; hidden otherwise).
        self.task_progress_label = QLabel()
        self.task_progress_label.setObjectName("taskProgressLabel")
        self.task_progress_label.setWordWrap(True)
        self.task_progress_label.setTextFormat(Qt.TextFormat.RichText)
        self.task_progress_label.hide()

        # -- checklist -----------------------------------------------------------------------------
        self.checklist_model = RequirementChecklistModel(self)
        self.checklist_view = QTableView()
        self.checklist_view.setObjectName("checklistView")
        self.checklist_view.setModel(self.checklist_model)
        self.checklist_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.checklist_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.checklist_view.setShowGrid(False)
        self.checklist_view.setWordWrap(True)
        self.checklist_view.verticalHeader().hide()
        self.checklist_view.horizontalHeader().hide()  # the section label above names it
        self.checklist_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.checklist_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.checklist_view.installEventFilter(self)
        self.checklist_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header_view = self.checklist_view.horizontalHeader()
        header_view.setSectionResizeMode(RequirementColumn.TEXT, QHeaderView.ResizeMode.Stretch)
        header_view.setSectionResizeMode(RequirementColumn.COUNT, QHeaderView.ResizeMode.ResizeToContents)
        self.checklist_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.checklist_view.setFrameShape(QFrame.Shape.NoFrame)
        self.checklist_summary = QLabel()
        self.checklist_summary.setObjectName("checklistSummary")

        info = QWidget()
        info_layout = QVBoxLayout(info)
        info_layout.setContentsMargins(0, 0, 4, 0)
        info_layout.addWidget(self.path_label)
        info_layout.addLayout(header)
        info_layout.addWidget(self.text_label)
        info_layout.addWidget(self.units_label)
        info_layout.addWidget(self.task_progress_label)
        info_layout.addWidget(self.shared_label)
        info_layout.addWidget(self.placement_label)
        info_layout.addWidget(self.placement_button, 0, Qt.AlignmentFlag.AlignLeft)
        checklist_header = QHBoxLayout()
        checklist_header.addWidget(_section_label(self.tr("资料要求")))
        checklist_header.addStretch(1)
        checklist_header.addWidget(self.checklist_summary)
        info_layout.addSpacing(4)
        info_layout.addLayout(checklist_header)
        info_layout.addWidget(self.checklist_view)
        info_layout.addStretch(1)
        scroll = QScrollArea()
        self._scroll = scroll
        scroll.setWidget(info)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        # -- evidence ------------------------------------------------------------------------------
        self.evidence_model = EvidenceTableModel(self)
        self.evidence_view = QTableView()
        self.evidence_view.setObjectName("evidenceView")
        self.evidence_view.setModel(self.evidence_model)
        self.evidence_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.evidence_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.evidence_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.evidence_view.setAlternatingRowColors(True)
        self.evidence_view.setShowGrid(False)
        self.evidence_view.setWordWrap(False)
        self.evidence_view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.evidence_view.verticalHeader().hide()
        self.evidence_view.verticalHeader().setDefaultSectionSize(26)
        ev_header = self.evidence_view.horizontalHeader()
        # Widths are computed once per list in _fit_evidence_columns; Qt's ResizeToContents re-measures
        # every row on each layout pass, which froze the window on long lists.
        ev_header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        ev_header.setStretchLastSection(False)
        ev_header.setMinimumSectionSize(48)
        self.evidence_view.selectionModel().selectionChanged.connect(self._on_evidence_selection_changed)
        self.evidence_view.activated.connect(self._on_evidence_view_activated)
        self.evidence_empty = QLabel(
            self.tr("还没有资料。把 PDF、Word、Excel、OFD 文件或照片拖到窗口里，或点“添加资料”。")
        )
        self.evidence_empty.setObjectName("evidenceEmpty")
        self.evidence_empty.setWordWrap(True)
        self.evidence_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.evidence_empty.setStyleSheet("color: palette(placeholder-text); padding: 12px;")

        self.attach_button = QPushButton(self.tr("添加资料…"))
        self.attach_button.setToolTip(
            self.tr("为本指标添加资料（PDF、Word、Excel、OFD、照片）(Ctrl+I)；也可以把文件拖进窗口")
        )
        self.attach_button.clicked.connect(self.attach_requested)
        self.open_button = QPushButton(self.tr("打开原文件"))
        self.open_button.setToolTip(self.tr("用系统程序打开所选资料 (Ctrl+Enter)"))
        self.open_button.clicked.connect(self.open_requested)
        self.withdraw_button = QPushButton(self.tr("撤回…"))
        self.withdraw_button.setToolTip(self.tr("撤回所选资料（需说明原因；文件和记录保留在历史中）(Del)"))
        self.withdraw_button.clicked.connect(self.withdraw_requested)
        self.evidence_count_label = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(_section_label(self.tr("已有资料")))
        buttons.addWidget(self.evidence_count_label)
        buttons.addStretch(1)
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.withdraw_button)
        evidence = QWidget()
        evidence_layout = QVBoxLayout(evidence)
        evidence_layout.setContentsMargins(0, 4, 0, 0)
        evidence_layout.addLayout(buttons)
        evidence_layout.addWidget(self.evidence_view, 1)
        evidence_layout.addWidget(self.evidence_empty)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("indicatorSplitter")
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(evidence)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self._user_moved_splitter = False
        self.splitter.splitterMoved.connect(self._on_splitter_splitter_moved)
        self._info = info

        self.placeholder = QLabel(self.tr("在左侧选择一项三级指标"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.splitter, 1)
        self.clear()

    # -- state ------------------------------------------------------------------------------------
    @property
    def number(self) -> int | None:
        return self._number

    def set_catalog(self, catalog: Catalog | None) -> None:
        self._catalog = catalog
        self.clear()

    def add_header_action(self, action: QAction) -> QToolButton:
        """A button for ``action`` beside the title (it follows the action's text, state and visibility)."""
        button = QToolButton()
        button.setObjectName(f"{action.objectName()}Button")
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._header.insertWidget(self._header.indexOf(self.note_button), button)
        # QToolButton follows the action's text and enabled state but not its visibility.
        button.setVisible(action.isVisible())
        action.visibleChanged.connect(lambda: button.setVisible(action.isVisible()))
        return button

    def show_task_progress(self, text: str) -> None:
        """The shown task's progress, as rich text ("" hides it: not a plan task)."""
        self.task_progress_label.setText(text)
        self.task_progress_label.setVisible(bool(text))

    def clear(self) -> None:
        self._number = None
        self._progress = None
        self.checklist_model.set_requirements([])
        self.evidence_model.set_rows([])
        self.placeholder.show()
        self.splitter.hide()
        self._update_buttons()

    def selected_evidence(self) -> EvidenceRow | None:
        rows = self.evidence_view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.evidence_model.evidence(rows[0].row())

    # -- showing an indicator --------------------------------------------------------------------
    def show_indicator(self, number: int, progress: IndicatorProgress | None) -> None:
        """Show the indicator's catalog facts and checklist; evidence rows come via ``set_evidence``."""
        assert self._catalog is not None
        changed = number != self._number
        self._number = number
        catalog = self._catalog
        indicator = catalog.indicator(number)
        self.path_label.setText(indicator_path(catalog, number))
        self.note_button.setVisible(not indicator.task_id)  # a task list has no 自评说明
        # A plan task is titled by its id as printed, and shows its lead units and 完成时限.
        self.title_label.setText(item_label(catalog, number))
        self.evidence_model.catalog = catalog
        self.text_label.setText(indicator.text)
        units = "、".join(indicator.units) or indicator.units_as_written or self.tr("未列出")
        lines = [self.tr("<b>责任单位：</b>{units}").format(units=html.escape(units))]
        if indicator.lead_units:
            lead = html.escape("、".join(indicator.lead_units))
            lines.append(self.tr("<b>牵头单位：</b>{units}").format(units=lead))
        if indicator.deadline is not None:
            when = html.escape(indicator.deadline.text)
            lines.append(self.tr("<b>完成时限：</b>{deadline}").format(deadline=when))
        if indicator.since is not None:
            lines.append(self.tr("<b>资料起始年份：</b>{year} 年以来").format(year=indicator.since))
        self.units_label.setText("<br>".join(lines))
        if indicator.shared_with:
            links = "、".join(
                f'<a href="indicator:{n}">{item_label(catalog, n)}</a>' for n in indicator.shared_with
            )
            self.shared_label.setText(self.tr("<b>合并提供：</b>与 {links} 共用资料").format(links=links))
            self.shared_label.show()
        else:
            self.shared_label.clear()
            self.shared_label.hide()
        self._show_placement(number)
        if changed:
            self.evidence_model.set_rows([])
        self.set_progress(progress)
        self.placeholder.hide()
        self.splitter.show()
        self._update_buttons()
        if changed and not self._user_moved_splitter:
            QTimer.singleShot(0, self._fit_splitter)

    def _show_placement(self, number: int) -> None:
        """The open placement question of ``number`` (where indicator 69 belongs), if it has one."""
        assert self._catalog is not None
        questions = self._catalog.open_questions_of(number)
        if not questions:
            self.placement_label.clear()
            self.placement_label.hide()
            self.placement_button.hide()
            return
        lines = []
        for question in questions:
            current = self._catalog.group(question.current)
            others = "、".join(
                f"{p.group}“{html.escape(self._catalog.group(p.group).name)}”"
                for p in question.placements
                if p.group != question.current
            )
            how = self.tr("办公室选定") if question.chosen is not None else self.tr("指标体系默认")
            lines.append(
                self.tr(
                    "<b>归属待定：</b>{question}<br>本项目按 {group}“{name}”计分（{how}），"
                    "另可归入 {others}；点“选择归属…”查看两种归属的依据和小计并选择。"
                ).format(
                    question=html.escape(question.question),
                    group=current.code,
                    name=html.escape(current.name),
                    how=how,
                    others=others,
                )
            )
        self.placement_label.setText("<br>".join(lines))
        self.placement_label.show()
        self.placement_button.show()

    def set_placement_allowed(self, reason: str) -> None:
        """Enable 选择归属… (``reason`` empty) or disable it, the reason in its tooltip."""
        self.placement_button.setEnabled(not reason)
        self.placement_button.setToolTip(
            reason or self.tr("查看两种归属的依据和一级指标小计，选择本项目按哪种计分（可撤销）")
        )

    def _on_placement_button_clicked(self) -> None:
        if self._number is not None:
            self.placement_requested.emit(self._number)

    def _fit_splitter(self) -> None:
        """Give the indicator's text and checklist the room they need; the evidence list gets the rest."""
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        layout = self._info.layout()
        width = self._scroll.viewport().width()
        if layout is not None and layout.hasHeightForWidth() and width > 0:
            wanted = layout.totalHeightForWidth(width) + 8  # wrapped labels: height follows the width
        else:
            wanted = self._info.sizeHint().height() + 8
        top = max(120, min(wanted, int(total * 0.6)))
        self.splitter.setSizes([top, total - top])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._number is not None and not self._user_moved_splitter:
            QTimer.singleShot(0, self._fit_splitter)
        if self._number is not None:
            QTimer.singleShot(0, self._fit_evidence_columns)

    def _on_note_button_clicked(self) -> None:
        if self._number is not None:
            self.note_requested.emit(self._number)

    def _on_splitter_splitter_moved(self, pos: int, index: int) -> None:
        self._user_moved_splitter = True

    def set_progress(self, progress: IndicatorProgress | None) -> None:
        self._progress = progress
        if progress is None:
            self.checklist_model.set_requirements([])
            self.status_label.clear()
            self.checklist_summary.clear()
            return
        self.checklist_model.set_requirements(progress.requirements)
        color = STATUS_COLORS[progress.status]
        self.status_label.setText(status_label(progress.status))
        self.status_label.setStyleSheet(
            f"color: white; background: {color}; border-radius: 8px; padding: 1px 8px;"
        )
        documents = [r for r in progress.requirements if not r.onsite]
        if progress.status is IndicatorStatus.ONSITE:
            self.checklist_summary.setText(self.tr("实地核查，无需上传"))
        else:
            self.checklist_summary.setText(
                self.tr("已满足 {done}/{total} 项").format(
                    done=sum(r.done for r in documents), total=len(documents)
                )
            )
        self._fit_checklist()

    def set_evidence(self, rows: Sequence[EvidenceRow], select_id: int | None = None) -> None:
        previous = self.selected_evidence()
        keep = select_id if select_id is not None else (previous.evidence_id if previous else None)
        self.evidence_model.set_rows(rows)
        self._fit_evidence_columns()
        self.evidence_count_label.setText(self.tr("{n} 件").format(n=len(rows)))
        self.evidence_view.setVisible(bool(rows))
        self.evidence_empty.setVisible(not rows)
        if keep is not None:
            row = self.evidence_model.row_of(keep)
            if row >= 0:
                self.evidence_view.selectRow(row)
        if self.selected_evidence() is None:
            self.evidence_selected.emit(None)
        self._update_buttons()

    def _fit_evidence_columns(self) -> None:
        """Every column as wide as its header and texts (at most 160 px); the file name gets what they
        leave, but never less than a third of the list. When long unit names (县行政审批服务管理局 as unit
        and as 添加人) would push the list past its width, those two columns give up room down to their
        header's width (the names elide, whole in the tooltip) before a horizontal scroll bar appears."""
        header = self.evidence_view.horizontalHeader()
        padding = self._header_padding()
        fitted = evidence_column_widths(
            self.evidence_model, self.evidence_view.fontMetrics(), header.fontMetrics(), padding
        )
        smallest = header.minimumSectionSize()  # Qt never draws a section narrower
        widths = {column: max(width, smallest) for column, width in fitted.items()}
        available = self.evidence_view.viewport().width()
        name_floor = max(available // 3, 120)
        excess = sum(widths.values()) + name_floor - available
        if excess > 0:
            # Only the unit names give way: dates, page counts and periods are short and must stay whole.
            slack = {
                column: widths[column]
                - max(header.fontMetrics().horizontalAdvance(self._title(column)) + padding, smallest)
                for column in (EvidenceColumn.UNIT, EvidenceColumn.ADDED_BY)
            }
            total = sum(max(0, room) for room in slack.values())
            for column, room in slack.items():
                if room > 0:
                    widths[column] -= min(room, -(-excess * room // total))
        for section, width in widths.items():
            header.resizeSection(section, width)
        header.resizeSection(EvidenceColumn.FILENAME, max(available - sum(widths.values()), name_floor))

    def _title(self, column: int) -> str:
        return str(self.evidence_model.headerData(column, Qt.Orientation.Horizontal))

    def _header_padding(self) -> int:
        """What a header section needs besides its text: the style's margins on both sides, and room
        for the frame (Fusion draws 1 px lines)."""
        style = self.evidence_view.horizontalHeader().style()
        return 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 8

    def select_evidence(self, evidence_id: int) -> bool:
        row = self.evidence_model.row_of(evidence_id)
        if row < 0:
            return False
        self.evidence_view.selectRow(row)
        return True

    def _fit_checklist(self) -> None:
        """The checklist is as tall as its wrapped rows: the scroll area scrolls, not the table."""
        view = self.checklist_view
        view.resizeRowsToContents()
        height = sum(view.rowHeight(r) for r in range(self.checklist_model.rowCount()))
        view.setFixedHeight(height + 2 * view.frameWidth() + 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.checklist_view and event.type() == QEvent.Type.Resize:
            # Rows re-wrap when the width changes; only the height follows, so this cannot loop.
            QTimer.singleShot(0, self._fit_checklist)
        return super().eventFilter(watched, event)

    # -- reactions ---------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        has_indicator = self._number is not None
        has_evidence = self.selected_evidence() is not None
        self.attach_button.setEnabled(has_indicator)
        self.open_button.setEnabled(has_evidence)
        self.withdraw_button.setEnabled(has_evidence)

    def _on_shared_label_link_activated(self, link: str) -> None:
        if link.startswith("indicator:"):
            self.indicator_requested.emit(int(link.split(":", 1)[1]))

    def _on_evidence_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        self._update_buttons()
        self.evidence_selected.emit(self.selected_evidence())

    def _on_evidence_view_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.evidence_activated.emit(self.evidence_model.evidence(index.row()))
