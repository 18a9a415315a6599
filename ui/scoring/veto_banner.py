"""The red 一票否决 banner shown above the pages while a veto item is triggered."""

from __future__ import annotations

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtWidgets import (
    QLabel,
    QWidget,
)

from app.scoring.compute import ScoreResult
from ui.scoring.score_models import (
    VETO_RED,
    AssessmentSnapshot,
    ScoreKeeper,
)


class VetoBanner(QLabel):
    """A red strip, shown only while a veto item is triggered: 一票否决, whatever the points."""

    def __init__(self, keeper: ScoreKeeper, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vetoBanner")
        self.keeper = keeper
        self._suppressed = False
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet(
            f"QLabel#vetoBanner {{ background: {VETO_RED}; color: white; font-weight: bold; padding: 6px; }}"
        )
        keeper.updated.connect(self._on_keeper_updated)
        keeper.cleared.connect(self._on_keeper_cleared)
        self.update_from(keeper.score)

    def set_suppressed(self, suppressed: bool) -> None:
        """Never show this banner (the window shows one above every page instead)."""
        self._suppressed = suppressed
        self.update_from(self.keeper.score)

    def update_from(self, score: ScoreResult | None) -> None:
        catalog = self.keeper.state.catalog
        if score is None or not score.vetoed or catalog is None or self._suppressed:
            self.clear()
            self.hide()
            return
        items = "、".join(f"{v}（{catalog.veto_item(v).text}）" for v in score.veto_items)
        self.setText(
            self.tr("一票否决：否决项 {items} 已触发。无论得分多少，评估结果均为“一票否决”。").format(
                items=items
            )
        )
        self.show()

    def _on_keeper_updated(self, snapshot: AssessmentSnapshot) -> None:
        self.update_from(snapshot.score)

    def _on_keeper_cleared(self) -> None:
        self.update_from(None)
