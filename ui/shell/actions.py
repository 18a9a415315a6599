"""Every action and menu of the main window, built in one place.

``ShellActions`` makes the QActions (object name, text, shortcut, tooltip); the window and the workbench
connect to them by attribute. ``build_menus`` puts them into the menus 文件, 编辑, 查看, 评审, 交换, 导出,
帮助 and the toolbar. Nothing looks a menu or an action up by its text; tests use ``ShellActions.find``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from app.export.dispatch import ExportKind

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


@dataclass(frozen=True)
class ShellMenus:
    file: QMenu
    recent: QMenu
    edit: QMenu
    view: QMenu
    review: QMenu
    exchange: QMenu
    export: QMenu
    help: QMenu
    toolbar: QToolBar


class ShellActions(QObject):
    """The registry of the window's actions (parented to the window, so their keys work everywhere)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._by_name: dict[str, QAction] = {}
        make = self._make
        # 文件
        self.new_action = make(
            "newProject", self.tr("新建项目(&N)…"), QKeySequence.StandardKey.New, self.tr("新建示范创建项目")
        )
        self.open_action = make(
            "openProject",
            self.tr("打开项目(&O)…"),
            QKeySequence.StandardKey.Open,
            self.tr("打开已有的项目文件夹"),
        )
        self.close_project_action = make("closeProject", self.tr("关闭项目(&C)"))
        self.print_action = make(
            "print",
            self.tr("打印(&P)…"),
            QKeySequence.StandardKey.Print,
            self.tr("打印当前页面：自评报告、报送前自查清单或操作记录 (Ctrl+P)"),
        )
        self.print_preview_action = make(
            "printPreview", self.tr("打印预览(&V)…"), None, self.tr("在屏幕上查看打印效果")
        )
        self.quit_action = make("quit", self.tr("退出(&Q)"), "Ctrl+Q")
        # 编辑
        self.undo_action = make(
            "undo",
            self.tr("撤销(&U)"),
            QKeySequence.StandardKey.Undo,
            self.tr("撤销上一步评定、审核、附加项或单位更改"),
        )
        self.redo_action = make("redo", self.tr("重做(&R)"), "Ctrl+Y", self.tr("重做刚撤销的更改"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.attach_action = make(
            "attachEvidence",
            self.tr("添加资料(&I)…"),
            "Ctrl+I",
            self.tr("为所选指标添加资料：PDF、Word、Excel、OFD 或照片"),
        )
        self.suggest_action = make(
            "suggestFiling",
            self.tr("按文件夹智能归档(&G)…"),
            None,
            self.tr("选择一个文件夹：按每个文件的内容推荐指标，确认后一次添加"),
        )
        self.ocr_selected_action = make(
            "recognizeSelected",
            self.tr("识别文字（OCR）(&R)…"),
            None,
            self.tr("识别所选资料中没有文字层的页面（扫描件、照片），识别出的文字可全文搜索"),
        )
        self.ocr_all_action = make(
            "recognizeAll",
            self.tr("识别全部无文字资料（OCR）(&T)…"),
            None,
            self.tr("识别全部资料中没有文字层、尚未识别过的页面（离线，较慢，可随时取消）"),
        )
        #: Separates the evidence list's context menu entries (withdraw | OCR).
        self.evidence_menu_separator = make("evidenceMenuSeparator", "")
        self.evidence_menu_separator.setSeparator(True)
        self.open_external_action = make(
            "openExternally",
            self.tr("用系统程序打开(&E)"),
            "Ctrl+Return",
            self.tr("用系统的 PDF 阅读器或表格软件打开所选资料"),
        )
        self.withdraw_action = make(
            "withdrawEvidence",
            self.tr("撤回资料(&D)…"),
            QKeySequence(QKeySequence.StandardKey.Delete),
            self.tr("撤回所选资料（需说明原因）"),
        )
        self.units_action = make(
            "editUnits",
            self.tr("责任单位(&U)…"),
            None,
            self.tr("本县的责任单位：添加、改名、简称、集体名称的成员、从表格导入"),
        )
        # Del acts on the evidence list only (the window adds the action there), never on text fields.
        self.withdraw_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        # 查看
        self.fulltext_action = make(
            "fullTextSearch",
            self.tr("全文搜索(&S)…"),
            QKeySequence.StandardKey.Find,
            self.tr("在所有资料的全文中搜索（可搜两字词，如 复议、备案）"),
        )
        self.search_action = make(
            "searchIndicators",
            self.tr("搜索指标(&F)"),
            "Ctrl+Shift+F",
            self.tr("在指标中搜索"),
        )
        self.expand_action = make("expandAll", self.tr("全部展开"), "Ctrl+E")
        self.collapse_action = make("collapseAll", self.tr("全部折叠"))
        self.refresh_action = make(
            "refresh", self.tr("刷新(&R)"), QKeySequence.StandardKey.Refresh, self.tr("重新读取项目数据 (F5)")
        )
        if self.refresh_action.shortcut() != QKeySequence("F5"):
            self.refresh_action.setShortcuts([self.refresh_action.shortcut(), QKeySequence("F5")])
        titles = (
            self.tr("指标与资料"),
            self.tr("评分"),
            self.tr("附加项"),
            self.tr("报送前自查"),
            self.tr("进度总览"),
            self.tr("操作记录"),
        )
        #: One per page of the project (Ctrl+1 …), in the order of the workbench's tabs.
        self.view_actions = [
            make(f"showView{i + 1}", title, f"Ctrl+{i + 1}") for i, title in enumerate(titles)
        ]
        # 评审
        self.review_action = make(
            "toggleReview", self.tr("评审本项(&R)"), "F2", self.tr("在“资料”和“评审”之间切换 (F2)")
        )
        self.scheme_action = make(
            "editScheme", self.tr("评分方案(&S)…"), None, self.tr("查看或修改分值、等级系数和加分上限")
        )
        self.placement_action = make(
            "choosePlacement",
            self.tr("选择待定指标的归属(&L)…"),
            None,
            self.tr("附件1中位置存疑的指标（第 69 项：四.6 还是五.1）按哪种归属计分"),
        )
        self.progress_action = make(
            "recordProgress",
            self.tr("登记进度(&G)…"),
            "Ctrl+G",
            self.tr("登记所选任务的进度、阶段目标和完成日期 (Ctrl+G)"),
        )
        self.progress_action.setVisible(False)  # plan projects only
        self.check_action = make(
            "runSelfCheck",
            self.tr("报送前自查(&C)"),
            "Ctrl+Shift+C",
            self.tr("检查缺漏、数量不足、未评估的指标"),
        )
        # 交换
        self.kits_action = make("issueKits", self.tr("签发任务包(&K)…"))
        self.import_action = make(
            "importPackages",
            self.tr("导入提交包(&I)…"),
            "Ctrl+Shift+I",
            self.tr("导入单位报送的提交包（可一次多个）"),
        )
        self.returns_action = make("sendReturns", self.tr("发送退回通知(&R)…"))
        # A unit workspace's own: self-check, then the submission package for the office.
        self.submit_action = make(
            "submitPackage",
            self.tr("报送(&S)…"),
            "Ctrl+Shift+S",
            self.tr("先自查，再生成交给依法治县办的提交包"),
        )
        self.tasks_view_action = make(
            "showMyTasks", self.tr("我的任务"), "Ctrl+T", self.tr("本单位的任务和进度")
        )
        # 查看 › 预览: the preview pane can be folded away (the splitter handle too).
        self.preview_action = make("togglePreview", self.tr("显示预览(&P)"), "Ctrl+Shift+P")
        self.preview_action.setCheckable(True)
        self.preview_action.setChecked(True)
        # 导出
        self.export_actions: dict[ExportKind, QAction] = {
            ExportKind.REPORT_PDF: make("exportReportPdf", self.tr("自评报告（PDF）(&P)…")),
            ExportKind.REPORT_DOCX: make("exportReportDocx", self.tr("自评报告（Word）(&W)…")),
            ExportKind.WORKBOOK: make("exportWorkbook", self.tr("任务分解与打分表（Excel）(&X)…")),
            ExportKind.BUNDLE: make("exportBundle", self.tr("印证资料汇编（PDF）(&B)…")),
            ExportKind.FOLDER_ZIP: make("exportFolderZip", self.tr("资料文件夹（ZIP）(&Z)…")),
        }
        self.image_action = make("exportDashboardImage", self.tr("进度总览图片(&G)…"))
        self.narrative_action = make(
            "editNarrative",
            self.tr("编写自评报告正文(&N)…"),
            None,
            self.tr("基本情况、主要做法和成效、存在问题和整改措施、下一步打算和各项自评说明"),
        )
        # 帮助
        self.help_action = make(
            "helpManual",
            self.tr("用户手册(&M)"),
            QKeySequence.StandardKey.HelpContents,
            self.tr("打开用户手册，定位到当前页面的说明 (F1)"),
        )
        # F1 works in the window's dialogs too (the manual opens at the dialog's page).
        self.help_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.guide_action = make(
            "firstRunGuide", self.tr("入门指引(&G)…"), None, self.tr("三种用户各自的工作步骤")
        )
        self.about_action = make("about", self.tr("关于(&A)"))
        # Toolbar labels, without the menu mnemonics ("(&O)").
        self.open_action.setIconText(self.tr("打开项目"))
        self.attach_action.setIconText(self.tr("添加资料"))
        self.open_external_action.setIconText(self.tr("打开原文件"))
        self.withdraw_action.setIconText(self.tr("撤回资料"))
        self.refresh_action.setIconText(self.tr("刷新"))
        self.review_action.setIconText(self.tr("评审"))
        self.import_action.setIconText(self.tr("导入提交包"))
        self.export_actions[ExportKind.REPORT_PDF].setIconText(self.tr("导出报告"))
        self.submit_action.setIconText(self.tr("报送"))
        self.progress_action.setIconText(self.tr("登记进度"))
        # In a plan project (a task list) the words that mean points or indicators change (set_plan).
        self._wording: list[tuple[QAction, str, str, str]] = [
            (self.search_action, self.tr("搜索任务(&F)"), self.tr("在任务中搜索"), self.search_action.text()),
            (
                self.attach_action,
                self.attach_action.text(),
                self.tr("为所选任务添加资料：PDF、Word、Excel、OFD 或照片"),
                self.attach_action.text(),
            ),
            (
                self.check_action,
                self.check_action.text(),
                self.tr("检查逾期、到期的阶段目标和缺少印证资料的任务"),
                self.check_action.text(),
            ),
            (
                self.undo_action,
                self.undo_action.text(),
                self.tr("撤销上一步进度登记或审核"),
                self.undo_action.text(),
            ),
            (
                self.export_actions[ExportKind.REPORT_PDF],
                self.tr("任务进度报告（PDF）(&P)…"),
                self.tr("导出任务清单的进度报告（PDF），不打分"),
                self.export_actions[ExportKind.REPORT_PDF].text(),
            ),
            (
                self.export_actions[ExportKind.REPORT_DOCX],
                self.tr("任务进度报告（Word）(&W)…"),
                self.tr("导出任务清单的进度报告（Word）"),
                self.export_actions[ExportKind.REPORT_DOCX].text(),
            ),
            (
                self.export_actions[ExportKind.WORKBOOK],
                self.tr("任务进度表（Excel）(&X)…"),
                self.tr("导出任务清单的进度表：任务编号、责任单位、完成时限和进度"),
                self.export_actions[ExportKind.WORKBOOK].text(),
            ),
            (self.view_actions[0], self.tr("任务与资料"), "", self.view_actions[0].text()),
            (
                self.print_action,
                self.print_action.text(),
                self.tr("打印当前页面：任务进度报告、报送前自查清单或操作记录 (Ctrl+P)"),
                self.print_action.text(),
            ),
        ]
        self._normal_tips = {action: action.toolTip() for action, *_rest in self._wording}
        self._normal_icon_text = self.export_actions[ExportKind.REPORT_PDF].iconText()

    def set_plan(self, plan: bool) -> None:
        """Use the task list's words (任务, 进度报告) in a plan project, the catalog's words otherwise."""
        for action, plan_text, plan_tip, normal_text in self._wording:
            action.setText(plan_text if plan else normal_text)
            tip = plan_tip if plan and plan_tip else self._normal_tips[action]
            action.setToolTip(tip)
            action.setStatusTip(tip)
        report = self.export_actions[ExportKind.REPORT_PDF]
        report.setIconText(self.tr("进度报告") if plan else self._normal_icon_text)

    def _make(self, name: str, text: str, shortcut: Shortcut = None, tip: str = "") -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        self._by_name[name] = action
        return action

    def adopt(self, *actions: QAction) -> None:
        """Register actions a pane owns (their keys work while the pane has focus)."""
        for action in actions:
            self._by_name[action.objectName()] = action

    def find(self, name: str) -> QAction:
        """The action with object name ``name`` (KeyError if there is none)."""
        return self._by_name[name]

    def names(self) -> list[str]:
        return list(self._by_name)

    def import_text(self, office: bool) -> str:
        """The import action's text: the office imports submissions, a unit imports notes or kits."""
        return self.tr("导入提交包(&I)…") if office else self.tr("导入退回通知或任务包(&I)…")

    def build_menus(self, review_moves: Sequence[QAction]) -> ShellMenus:
        """The menu bar and the toolbar; ``review_moves`` are the review pane's 下一项/上一项."""
        a = self
        window = self.window
        bar = window.menuBar()
        file = bar.addMenu(a.tr("文件(&F)"))
        file.addAction(a.new_action)
        file.addAction(a.open_action)
        recent = file.addMenu(a.tr("最近的项目"))
        recent.setObjectName("recentMenu")
        file.addAction(a.close_project_action)
        file.addSeparator()
        file.addAction(a.print_preview_action)
        file.addAction(a.print_action)
        file.addSeparator()
        file.addAction(a.quit_action)
        edit = bar.addMenu(a.tr("编辑(&E)"))
        edit.addAction(a.undo_action)
        edit.addAction(a.redo_action)
        edit.addSeparator()
        for action in (a.attach_action, a.suggest_action, a.open_external_action, a.withdraw_action):
            edit.addAction(action)
        edit.addSeparator()
        edit.addAction(a.ocr_selected_action)
        edit.addAction(a.ocr_all_action)
        edit.addSeparator()
        edit.addAction(a.units_action)
        view = bar.addMenu(a.tr("查看(&V)"))
        for action in (a.fulltext_action, a.search_action, a.expand_action, a.collapse_action):
            view.addAction(action)
        view.addSeparator()
        view.addAction(a.refresh_action)
        view.addAction(a.preview_action)
        view.addSeparator()
        view.addAction(a.tasks_view_action)
        for action in a.view_actions:
            view.addAction(action)
        review = bar.addMenu(a.tr("评审(&P)"))
        review.addAction(a.review_action)
        for action in review_moves:
            review.addAction(action)
        review.addAction(a.progress_action)
        review.addSeparator()
        review.addAction(a.scheme_action)
        review.addAction(a.placement_action)
        review.addAction(a.check_action)
        exchange = bar.addMenu(a.tr("交换(&J)"))
        exchange.addAction(a.submit_action)
        for action in (a.kits_action, a.import_action, a.returns_action):
            exchange.addAction(action)
        export = bar.addMenu(a.tr("导出(&D)"))
        export.addAction(a.narrative_action)
        export.addSeparator()
        for action in a.export_actions.values():
            export.addAction(action)
        export.addSeparator()
        export.addAction(a.image_action)
        help_menu = bar.addMenu(a.tr("帮助(&H)"))
        help_menu.addAction(a.help_action)
        help_menu.addAction(a.guide_action)
        help_menu.addSeparator()
        help_menu.addAction(a.about_action)
        for menu, name in (
            (file, "fileMenu"),
            (edit, "editMenu"),
            (view, "viewMenu"),
            (review, "reviewMenu"),
            (exchange, "exchangeMenu"),
            (export, "exportMenu"),
            (help_menu, "helpMenu"),
        ):
            menu.setObjectName(name)

        toolbar = window.addToolBar(a.tr("工具栏"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (a.open_action, a.attach_action, a.open_external_action, a.withdraw_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(a.refresh_action)
        toolbar.addSeparator()
        for action in (
            a.review_action,
            a.progress_action,
            a.import_action,
            a.export_actions[ExportKind.REPORT_PDF],
        ):
            toolbar.addAction(action)
        toolbar.addAction(a.submit_action)
        return ShellMenus(file, recent, edit, view, review, exchange, export, help_menu, toolbar)
