"""Photos and scans (JPEG, PNG, TIFF): checked by content, turned into one PDF for preview and bundle.

``check_image`` opens the file with Pillow, refuses what is not really an image of the kind its bytes
say, images beyond the pixel limit (decompression bombs: a tiny PNG can claim 100,000 × 100,000
pixels) and truncated or corrupt data (every frame is decoded once; a JPEG at 1/8 scale, which still
reads all of its compressed data). ``images_to_pdf`` makes one PDF page per image or TIFF frame on an
A4 page: JPEGs go in unchanged (no re-encoding, so no loss and little time) with EXIF rotation done by
the page's ``/Rotate``; other images are EXIF-transposed and re-encoded (JPEG, or 1-bit Flate for
black-and-white scans). The original file is never changed.
"""

from __future__ import annotations

import io
import os
import re
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.base.errors import RefusedFileError
from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from app.evidence.formats.common import DEFAULT_PARSE_SECONDS, JPEG_MAGIC, PNG_MAGIC, TIFF_MAGICS, guarded

if TYPE_CHECKING:
    from PIL import Image

A4 = (595.276, 841.89)
JPEG_QUALITY = 90
# EXIF orientation → the page's /Rotate (clockwise) for the pure rotations; mirrored ones are re-drawn.
_ROTATE = {1: 0, 3: 180, 6: 90, 8: 270}
_PIL_FORMATS = {"jpeg": "JPEG", "png": "PNG", "tiff": "TIFF"}
_NAMES = {"jpeg": "JPG 图片", "png": "PNG 图片", "tiff": "TIFF 图片"}


@dataclass(frozen=True)
class ImageLimits:
    max_pixels: int = 100_000_000  # per image or frame: an A3 page scanned at 600 dpi is 70 M
    max_frames: int = 500  # pages of a multi-page TIFF
    max_total_pixels: int = 2_000_000_000
    # A JPEG goes into the PDF unchanged, so decoding it is only a check. False (the default): walk its
    # marker structure (every segment, frame header, scans, the end-of-image marker) without decoding,
    # ~20× faster, which catches truncated, cut and spliced files; damaged bits inside an otherwise
    # well-formed scan then show as a grey band (the original is kept). True: decode at 1/8 scale too.
    decode_jpeg: bool = False


@dataclass(frozen=True)
class ImageInfo:
    kind: str  # "jpeg" | "png" | "tiff"
    sizes: tuple[tuple[int, int], ...]  # per frame, as stored (before EXIF rotation)
    orientation: int  # EXIF orientation of the first frame (1 = upright)
    mode: str = ""  # Pillow's mode of the first frame ("RGB", "L", "CMYK" …)

    @property
    def frames(self) -> int:
        return len(self.sizes)

    @property
    def passthrough(self) -> bool:
        """Whether the PDF page is this JPEG's bytes unchanged (so the PDF is a pure function of them)."""
        return self.kind == "jpeg" and self.mode in ("RGB", "L") and self.orientation in _ROTATE


def sniff_image(head: bytes) -> str | None:
    if head.startswith(JPEG_MAGIC):
        return "jpeg"
    if head.startswith(PNG_MAGIC):
        return "png"
    if head.startswith(TIFF_MAGICS):
        return "tiff"
    return None


def _frames(image: Image.Image) -> Iterator[Image.Image]:
    count = getattr(image, "n_frames", 1)
    for index in range(count):
        if index:
            image.seek(index)
        yield image


def _orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(0x0112, 1)
    except Exception:  # a broken EXIF block does not make the picture unusable
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


_SOF_MARKERS = frozenset((0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF))
_STANDALONE = frozenset((0x01, *range(0xD0, 0xD8)))
# In entropy-coded data FF is followed by 00 (a stuffed byte) or a restart marker; anything else ends it.
_SCAN_END = re.compile(rb"\xff[\x01-\xcf\xd8-\xfe]")


def _jpeg_structure(data: bytes) -> tuple[str, tuple[int, int] | None]:
    """Walk a JPEG's markers from SOI to EOI: ``("", (width, height))`` or ``(problem, None)``.

    Every segment's length must stay inside the file, a frame header must come before the first scan,
    each scan's entropy-coded data must end at a marker, and EOI must be reached (trailing padding after
    it is allowed). The compressed data itself is not decoded.
    """
    size = len(data)
    position = 2
    frame: tuple[int, int] | None = None
    scans = 0
    while True:
        if position >= size:
            return "truncated", None
        if data[position] != 0xFF:
            return "corrupt", None
        while position < size and data[position] == 0xFF:  # fill bytes before a marker
            position += 1
        if position >= size:
            return "truncated", None
        marker = data[position]
        position += 1
        if marker == 0xD9:
            return ("", frame) if frame is not None and scans else ("corrupt", None)
        if marker in _STANDALONE:
            continue
        if marker in (0x00, 0xD8) or position + 2 > size:
            return ("truncated", None) if position + 2 > size else ("corrupt", None)
        length = int.from_bytes(data[position : position + 2], "big")
        if length < 2 or position + length > size:
            return ("truncated", None) if length >= 2 else ("corrupt", None)
        if marker in _SOF_MARKERS:
            if length < 8:
                return "corrupt", None
            height = int.from_bytes(data[position + 3 : position + 5], "big")
            width = int.from_bytes(data[position + 5 : position + 7], "big")
            frame = (width, height)
        position += length
        if marker == 0xDA:
            if frame is None:
                return "corrupt", None
            scans += 1
            found = _SCAN_END.search(data, position)
            if found is None:
                return "truncated", None
            position = found.start()


def _check_jpeg_structure(path: Path, name: str, what: str, size: tuple[int, int]) -> None:
    """Refuse a JPEG whose marker structure is broken or cut short (see ``_jpeg_structure``)."""
    problem, frame = _jpeg_structure(path.read_bytes())  # bytes after EOI (padding) are not read
    if problem == "truncated":
        raise RefusedFileError(name, f"{what}不完整（文件被截断或已损坏） (truncated image)")
    if problem or frame is None or (frame[1] and frame != size):
        raise RefusedFileError(name, f"{what}数据结构已损坏 (corrupt JPEG structure)")


def check_image(
    path: Path,
    name: str,
    kind: str,
    *,
    limits: ImageLimits | None = None,
    seconds: float = DEFAULT_PARSE_SECONDS,
) -> ImageInfo:
    """Open and decode the image once; ``ImageInfo`` or ``RefusedFileError`` with a one-line reason."""
    limits = limits or ImageLimits()
    what = _NAMES[kind]

    def parse() -> ImageInfo:
        from PIL import Image, UnidentifiedImageError

        try:
            image = Image.open(path, formats=[_PIL_FORMATS[kind]])
        except Image.DecompressionBombError:
            raise RefusedFileError(name, f"{what}像素过多，疑似解压炸弹 (decompression bomb)") from None
        except UnidentifiedImageError:
            raise RefusedFileError(name, f"{what}已损坏，文件头无法识别 (corrupt image header)") from None
        with image:
            count = getattr(image, "n_frames", 1)
            if count > limits.max_frames:
                raise RefusedFileError(name, f"{what}页数过多（{count} 页，上限 {limits.max_frames} 页）")
            orientation = _orientation(image)
            mode = image.mode
            sizes: list[tuple[int, int]] = []
            total = 0
            for frame in _frames(image):
                width, height = frame.size
                if width < 1 or height < 1:
                    raise RefusedFileError(name, f"{what}尺寸为零 (empty image)")
                pixels = width * height
                total += pixels
                if pixels > limits.max_pixels or total > limits.max_total_pixels:
                    raise RefusedFileError(
                        name,
                        f"{what}像素过多（{width}×{height}，上限 {limits.max_pixels // 1_000_000}"
                        " 百万像素），疑似解压炸弹 (decompression bomb)",
                    )
                if kind == "jpeg" and not limits.decode_jpeg:
                    if not sizes:  # the first picture (a phone's MPO appends more: not shown)
                        _check_jpeg_structure(path, name, what, (width, height))
                else:
                    if kind == "jpeg":
                        frame.draft(frame.mode, (max(1, width // 8), max(1, height // 8)))
                    frame.load()
                sizes.append((width, height))
        return ImageInfo(kind, tuple(sizes), orientation, mode)

    try:
        return guarded(name, what, seconds, parse)
    except RefusedFileError as exc:
        if "truncated" in exc.reason or "broken data stream" in exc.reason:
            raise RefusedFileError(name, f"{what}不完整（文件被截断或已损坏） (truncated image)") from None
        raise


# -- PDF ------------------------------------------------------------------------------------------


def _placement(width: float, height: float) -> tuple[float, float, float, float, float, float]:
    """A4 in the image's orientation and the image fitted and centred on it: page w, h, x, y, w, h."""
    page_w, page_h = A4 if height >= width else (A4[1], A4[0])
    scale = min(page_w / width, page_h / height)
    draw_w, draw_h = width * scale, height * scale
    return page_w, page_h, (page_w - draw_w) / 2, (page_h - draw_h) / 2, draw_w, draw_h


def _encoded(frame: Image.Image) -> tuple[bytes, dict[str, object]]:
    """Image data for a PDF XObject: 1-bit Flate for black-and-white, JPEG for everything else."""
    from pikepdf import Name
    from PIL import Image

    if frame.mode == "1":
        return zlib.compress(frame.tobytes(), 6), {
            "/Filter": Name.FlateDecode,
            "/ColorSpace": Name.DeviceGray,
            "/BitsPerComponent": 1,
        }
    if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
        rgba = frame.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        frame = white
    elif frame.mode not in ("RGB", "L"):
        frame = frame.convert("RGB")
    buffer = io.BytesIO()
    frame.save(buffer, "JPEG", quality=JPEG_QUALITY)
    space = Name.DeviceGray if frame.mode == "L" else Name.DeviceRGB
    return buffer.getvalue(), {"/Filter": Name.DCTDecode, "/ColorSpace": space, "/BitsPerComponent": 8}


def _add_page(
    pdf: object, data: bytes, params: dict[str, object], *, width: int, height: int, rotate: int
) -> None:
    import pikepdf
    from pikepdf import Dictionary, Name

    assert isinstance(pdf, pikepdf.Pdf)
    image = pikepdf.Stream(pdf, data)
    image.Type = Name.XObject
    image.Subtype = Name.Image
    image.Width = width
    image.Height = height
    for key, value in params.items():
        image[key] = value
    page_w, page_h, x, y, draw_w, draw_h = _placement(width, height)
    content = pikepdf.Stream(pdf, f"q {draw_w:.3f} 0 0 {draw_h:.3f} {x:.3f} {y:.3f} cm /Im0 Do Q".encode())
    page = Dictionary(
        Type=Name.Page,
        MediaBox=[0, 0, round(page_w, 3), round(page_h, 3)],
        Resources=Dictionary(XObject=Dictionary(Im0=image)),
        Contents=content,
    )
    if rotate:
        page.Rotate = rotate
    pdf.pages.append(pikepdf.Page(page))


def _add_image(pdf: object, path: Path, info: ImageInfo, cancel: CancelToken | None) -> int:
    from PIL import Image, ImageOps

    with Image.open(path, formats=[_PIL_FORMATS[info.kind]]) as image:
        passthrough = info.kind == "jpeg" and image.mode in ("RGB", "L") and info.orientation in _ROTATE
        if passthrough:
            params: dict[str, object]
            from pikepdf import Name

            space = Name.DeviceGray if image.mode == "L" else Name.DeviceRGB
            params = {"/Filter": Name.DCTDecode, "/ColorSpace": space, "/BitsPerComponent": 8}
            width, height = image.size
            _add_page(
                pdf, path.read_bytes(), params, width=width, height=height, rotate=_ROTATE[info.orientation]
            )
            return 1
        added = 0
        for frame in _frames(image):
            check_cancel(cancel)
            upright = ImageOps.exif_transpose(frame) if added == 0 else frame
            data, params = _encoded(upright)
            _add_page(pdf, data, params, width=upright.size[0], height=upright.size[1], rotate=0)
            added += 1
        return added


def _adder(pdf: object, path: Path, info: ImageInfo, cancel: CancelToken | None) -> Callable[[], int]:
    return lambda: _add_image(pdf, path, info, cancel)


def images_to_pdf(
    items: Sequence[tuple[Path, str]],
    out: Path,
    *,
    limits: ImageLimits | None = None,
    seconds: float = DEFAULT_PARSE_SECONDS,
    infos: Sequence[ImageInfo] | None = None,
    document_id: bytes | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> int:
    """Write one PDF at ``out`` with every image (and TIFF frame) of ``items`` (path, display name).

    Each image is checked first unless its ``ImageInfo`` is passed in ``infos``; a refused image
    refuses the whole PDF and ``out`` is not written. Returns the page count. ``document_id`` (16
    bytes, e.g. from the images' hash) makes the file's bytes a function of the images alone.
    """
    import pikepdf

    if not items:
        raise ValueError("no images")
    checked: list[ImageInfo] = []
    for index, (path, name) in enumerate(items):
        check_cancel(cancel)
        if infos is not None:
            checked.append(infos[index])
            continue
        with open(path, "rb") as handle:
            kind = sniff_image(handle.read(16))
        if kind is None:
            raise RefusedFileError(name, "不是 JPG、PNG 或 TIFF 图片 (not an image)")
        checked.append(check_image(path, name, kind, limits=limits, seconds=seconds))
    partial = out.with_name(out.name + ".part")
    pages = 0
    try:
        with pikepdf.new() as pdf:
            for index, ((path, name), info) in enumerate(zip(items, checked, strict=True)):
                check_cancel(cancel)
                report(progress, index, len(items), name)
                pages += guarded(name, _NAMES[info.kind], seconds, _adder(pdf, path, info, cancel))
            if document_id is None:
                pdf.save(partial)
            else:
                # Our /ID instead of qpdf's time-based one (its deterministic_id would MD5 the whole file).
                pdf.trailer.ID = pikepdf.Array([pikepdf.String(document_id)] * 2)
                pdf.save(partial, static_id=True)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    report(progress, len(items), len(items), "")
    return pages
