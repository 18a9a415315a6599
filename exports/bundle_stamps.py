"""Page stamps of the bundle (``第 26 项 · 第 123 页``), written straight into the merged PDF.

Every stamped page gets two more content streams around its own: one shared ``q`` before them and,
after them, ``Q`` plus a few operators drawing the stamp (a rounded box and one line of text in a
small embedded font subset shared by all pages). Nothing is drawn by reportlab per page, and the
page's own streams are neither decoded nor rewritten. What reportlab measured (each stamp text's
width, each box's path) is kept in the bundle cache, so a later export loads neither reportlab nor a
CJK face; the head start measures the whole bundle's stamps ahead (``learn_stamps``).
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from app.base.errors import IntegrityError
from app.base.progress import CancelToken, check_cancel
from exports.bundle_cache import BundleCache, StampData
from exports.bundle_pages import drawing_version
from exports.pdf_style import ensure_fonts, font_names, mm

#: Every character a page stamp can contain: ``第26项 · 第 123 页``, ``第3–4项 · …``, and a plan's task ids
#: (``任务一.（一）.3 · …``, ``任务四.18 等 · …``).
STAMP_CHARACTERS = "0123456789第项页·– 任务等.一二三四五六七八九十（）"
STAMP_FONT_SIZE = 7.5


@dataclass(frozen=True)
class StampFont:
    """An embedded subset of the sans face holding the stamp characters, and how to write them."""

    pdf: bytes  # a one-page PDF whose only font is the subset
    codes: dict[str, int]  # character → its code in that font

    def encode(self, value: str) -> bytes:
        return bytes(self.codes[c] for c in value)

    def width(self, value: str) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return float(stringWidth(value, font_names().sans, STAMP_FONT_SIZE))


@lru_cache(maxsize=1)
def stamp_font() -> StampFont:
    """The stamp font, made once per process."""
    from reportlab.pdfbase.pdfmetrics import getFont
    from reportlab.pdfgen.canvas import Canvas

    font_name = font_names().sans
    ensure_fonts(font_name)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, initialFontName=font_name)
    canvas.setFont(font_name, STAMP_FONT_SIZE)
    canvas.drawString(0, 0, STAMP_CHARACTERS)
    font = getFont(font_name)
    codes: dict[str, int] = {}
    for character in STAMP_CHARACTERS:
        [(subset, code)] = font.splitString(character, canvas._doc)
        assert subset == 0 and len(code) == 1
        codes[character] = code[0]
    canvas.showPage()
    canvas.save()
    return StampFont(buffer.getvalue(), codes)


def _display_box(page: Any) -> tuple[float, float, float, float, int]:
    """(x0, y0, x1, y1, rotate) of the page's visible box in its own coordinates."""
    box = [float(v) for v in page.cropbox]
    rotate = int(page.obj.get("/Rotate", 0)) % 360
    return (min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3]), rotate)


def _display_matrix(x0: float, y0: float, x1: float, y1: float, rotate: int) -> tuple[float, ...]:
    """The matrix from the page as displayed (origin bottom left, after ``/Rotate``) to its own
    coordinates, and the displayed width and height."""
    width, height = x1 - x0, y1 - y0
    if rotate == 90:
        return (0, 1, -1, 0, x1, y0, height, width)
    if rotate == 180:
        return (-1, 0, 0, -1, x1, y1, width, height)
    if rotate == 270:
        return (0, -1, 1, 0, x0, y1, height, width)
    return (1, 0, 0, 1, x0, y0, width, height)


def _number(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".") or "0"


class _StampMeasures:
    """Each stamp text's width and box, from the cache or (then kept) from reportlab."""

    def __init__(self, cache: BundleCache) -> None:
        self.cache = cache
        self.version = drawing_version()
        kept = cache.stamps(self.version)
        if kept is None:
            font = stamp_font()
            kept = StampData(font.pdf, dict(font.codes), {}, {})
        self.kept = kept
        self.learnt = False  # widths or boxes reportlab gave that the cache did not hold yet
        self.size = STAMP_FONT_SIZE

    def _width(self, stamp: str) -> float:
        width = self.kept.widths.get(stamp)
        if width is None:
            width = self.kept.widths[stamp] = stamp_font().width(stamp)
            self.learnt = True
        return width

    def _box(self, width: float, height: float) -> bytes:
        key = f"{width:.3f}x{height:.3f}"
        path = self.kept.boxes.get(key)
        if path is None:
            from reportlab.pdfgen.pathobject import PDFPathObject

            shape = PDFPathObject()
            shape.roundRect(0, 0, width, height, 2)
            path = self.kept.boxes[key] = shape.getCode()
            self.learnt = True
        return path.encode("ascii")

    def measure(self, stamp: str) -> tuple[float, bytes]:
        """The box width of ``stamp`` and the box's path operators."""
        box_w, box_h = self._width(stamp) + 8, self.size + 6
        return box_w, self._box(box_w, box_h)

    def finish(self) -> None:
        """Keep what was learnt for the next export."""
        if self.learnt:
            self.cache.keep_stamps(self.version, self.kept)


def stamp_text(label: str, number: int) -> str:
    return f"{label} · 第 {number} 页"


def learn_stamps(cache: BundleCache, labels: Sequence[str], first_index: int) -> None:
    """Measure and keep the stamps of pages ``first_index + 1 …`` labelled ``labels`` (the head start)."""
    measures = _StampMeasures(cache)
    for offset, label in enumerate(labels):
        measures.measure(stamp_text(label, first_index + offset + 1))
    measures.finish()


class _StampWriter(_StampMeasures):
    """Page stamps written straight into the merged PDF ``output`` (see the module's note)."""

    def __init__(self, output: Any, pikepdf: Any, cache: BundleCache) -> None:
        super().__init__(cache)
        self.pikepdf = pikepdf
        self.output = output
        kept = self.kept
        with pikepdf.open(io.BytesIO(kept.font_pdf)) as source:
            (font,) = source.pages[0].obj.Resources.Font.values()
            # reportlab tags every document's first subset AAAAAA: a distinct tag keeps viewers that
            # cache fonts by name from mixing this subset with another one in the bundle.
            for holder in (font, font.FontDescriptor):
                name = str(holder.get("/BaseFont", holder.get("/FontName")))
                key = "/BaseFont" if "/BaseFont" in holder else "/FontName"
                holder[key] = pikepdf.Name("/FZSTMP+" + name.split("+", 1)[-1])
            self.font_ref = output.copy_foreign(font)
        self.open_stream = output.make_indirect(pikepdf.Stream(output, b"q\n"))
        self.mm = mm
        self.placements: dict[tuple[float, float, float, float, int], tuple[str, float, float]] = {}

    def _encode(self, stamp: str) -> bytes:
        return bytes(self.kept.codes[c] for c in stamp)

    def _font_name(self, page: Any) -> Any:
        """The name of the stamp font in the page's resources (added, never replacing another font)."""
        pikepdf = self.pikepdf
        resources = page.obj.get("/Resources")
        if resources is None:
            # Inherited from the page tree (or none): the page gets its own copy to add to.
            inherited, node = None, page.obj
            while inherited is None and "/Parent" in node:
                node = node.Parent
                inherited = node.get("/Resources")
            resources = pikepdf.Dictionary({str(k): v for k, v in (inherited or {}).items()})
            page.obj.Resources = resources
        fonts = resources.get("/Font")
        if fonts is None:
            fonts = resources.Font = pikepdf.Dictionary()
        for suffix in range(100):
            name = pikepdf.Name(f"/FzStamp{suffix or ''}")
            existing = fonts.get(name)
            if existing is None:
                fonts[name] = self.font_ref
                return name
            if existing.is_indirect and existing.objgen == self.font_ref.objgen:
                return name
        raise IntegrityError("页面字体资源过多，无法加盖页码章")

    def stamp(self, page: Any, label: str, number: int) -> None:
        """Draw ``label · 第 number 页`` at the bottom right of ``page`` as displayed."""
        box = _display_box(page)
        placement = self.placements.get(box)
        if placement is None:  # pages of one source mostly share their box
            a, b, c, d, e, f, width, height = _display_matrix(*box)
            matrix = " ".join(_number(v) for v in (a, b, c, d, e, f))
            placement = self.placements[box] = (matrix, width, height)
        matrix, width, height = placement
        stamp = stamp_text(label, number)
        box_w, box_path = self.measure(stamp)
        margin = min(8 * self.mm, width * 0.04)
        left, bottom = width - margin - box_w, min(6 * self.mm, height * 0.03)
        operators = b"".join(
            (
                b"Q\nq\n",
                f"{matrix} cm\n1 0 0 1 {_number(left)} {_number(bottom)} cm\n".encode("ascii"),
                # white box, #555555 rule 0.4 pt; #333333 text
                b"1 1 1 rg .333333 .333333 .333333 RG .4 w\n",
                box_path,
                b" B\n.2 .2 .2 rg\nBT\n",
                f"{self._font_name(page)} {_number(self.size)} Tf 4 4 Td\n<".encode("ascii"),
                self._encode(stamp).hex().encode("ascii"),
                b"> Tj\nET\nQ\n",
            )
        )
        page.contents_add(self.open_stream, prepend=True)
        page.contents_add(self.pikepdf.Stream(self.output, operators), prepend=False)


def stamp_pages(
    output: Any,
    first_index: int,
    labels: Sequence[str],
    cancel: CancelToken | None,
    pikepdf: Any,
    *,
    cache: BundleCache,
) -> None:
    """Stamp every page from ``first_index`` on with its label and its page number."""
    writer = _StampWriter(output, pikepdf, cache)
    # Pages are walked, not indexed: ``output.pages[i]`` copies the whole page list on every call, which
    # made stamping (and the bookmarks) grow with the square of the bundle's length.
    pages = itertools.islice(output.pages, first_index, None)
    for offset, (page, label) in enumerate(zip(pages, labels, strict=True)):
        if offset % 200 == 0:
            check_cancel(cancel)
        writer.stamp(page, label, first_index + offset + 1)
    writer.finish()
