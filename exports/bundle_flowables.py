"""The Flowable and Frame subclasses of the bundle's own pages (``exports.bundle_pages``), made on first
use: reportlab loads only when pages are drawn (see ``exports.pdf_style``)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from exports.pdf_style import PAGE_SIZE

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Flowable

#: Font size and leading of string cells in ``grid_table_style`` tables (reportlab's default leading).
CELL_FONT_SIZE = 9.5
CELL_LEADING = 12


def _no_draw(*args: Any, **kwargs: Any) -> None:
    return None


class _Kinds(NamedTuple):
    late_number: Any
    marker: Any
    written_when_placed: Any
    measure_frame: Any


@lru_cache(maxsize=1)
def kinds() -> _Kinds:
    """The Flowable and Frame subclasses, made on first use (reportlab loads lazily)."""
    from reportlab.lib import colors
    from reportlab.platypus import Flowable, Frame

    class _LateNumber(Flowable):  # type: ignore[misc]
        """A one-line table cell whose text is known only after the layout: it draws a form defined later.

        It takes the place of a string cell exactly: as high as one line of the cell's leading, no width,
        so the table puts its origin where a string of that alignment would start; the form draws the
        string on the same baseline (one font size below the line's top).
        """

        def __init__(self, name: str, align: str, value: Callable[[], str]) -> None:
            super().__init__()
            self.name = name
            self.align = align
            self.value = value

        def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
            return (0, CELL_LEADING)

        def draw(self) -> None:
            self.canv.doForm(self.name)

        def define(self, canvas: Canvas, font: str) -> None:
            """Draw the form, once the layout is done and ``value()`` is known."""
            value = self.value()
            canvas.beginForm(self.name, -PAGE_SIZE[0], -PAGE_SIZE[1], *PAGE_SIZE)
            canvas.setFillColor(colors.black)
            canvas.setFont(font, CELL_FONT_SIZE)
            baseline = CELL_LEADING - CELL_FONT_SIZE
            if self.align == "CENTER":
                canvas.drawCentredString(0, baseline, value)
            else:
                canvas.drawString(0, baseline, value)
            canvas.endForm()

    class _Marker(Flowable):  # type: ignore[misc]
        """Zero-size flowable that reports the page it lands on."""

        def __init__(self, index: int, landed: Callable[[int, int], None]) -> None:
            super().__init__()
            self.index = index
            self.landed = landed

        def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
            return (0, 0)

        def draw(self) -> None:
            self.landed(self.index, self.canv.getPageNumber())

    class _WrittenWhenPlaced(Flowable):  # type: ignore[misc]
        """A flowable made only when the layout reaches it (it names pages laid out just before)."""

        def __init__(self, make: Callable[[], Flowable]) -> None:
            super().__init__()
            self.make = make
            self.inner: Flowable | None = None

        def _made(self) -> Flowable:
            if self.inner is None:
                self.inner = self.make()
            return self.inner

        def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
            return self._made().wrap(availWidth, availHeight)  # type: ignore[no-any-return]

        def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
            return self._made().split(availWidth, availHeight)  # type: ignore[no-any-return]

        def getSpaceBefore(self) -> float:
            return self._made().getSpaceBefore()  # type: ignore[no-any-return]

        def getSpaceAfter(self) -> float:
            return self._made().getSpaceAfter()  # type: ignore[no-any-return]

        def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N803
            self._made().drawOn(canvas, x, y, _sW)

    class _MeasureFrame(Frame):  # type: ignore[misc]
        """A frame that places flowables without drawing them (only the markers report their pages):
        the layout, without the cost of drawing it."""

        def _add(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:  # noqa: N803
            if not isinstance(flowable, _Marker):
                flowable.drawOn = _no_draw  # an instance attribute: split parts are placed (and muted) anew
            return super()._add(flowable, canv, trySplit)  # type: ignore[no-any-return]

    return _Kinds(_LateNumber, _Marker, _WrittenWhenPlaced, _MeasureFrame)
