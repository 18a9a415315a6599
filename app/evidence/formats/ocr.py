"""Offline OCR for scanned pages and photos: RapidOCR (Apache-2.0) on onnxruntime.

The PP-OCR detection, direction and recognition models ship inside the ``rapidocr`` wheel, so nothing
is downloaded at run time. The engine is heavy (onnxruntime, OpenCV, ~40 MB of models): it is imported
and loaded on first use only, once per process, and shared by threads under a lock (one page at a time:
onnxruntime already uses every core for one image).
"""

from __future__ import annotations

import importlib.util
import threading
from typing import TYPE_CHECKING, Any

from app.base.errors import FazhiError

if TYPE_CHECKING:
    from PIL import Image

MAX_SIDE = 1600  # longer images are scaled down first: A4 at ≈ 140 dpi, 10.5 pt text ≈ 20 pixels high
MIN_SCORE = 0.5

_engine: Any = None
_lock = threading.Lock()


#: What to say when the OCR is asked for and its packages are missing (names what to install).
OCR_NOT_INSTALLED = (
    "未安装文字识别组件：请安装 rapidocr 和 onnxruntime（pip install rapidocr onnxruntime）后再识别扫描件"
    " (OCR not installed)"
)


class OcrUnavailableError(FazhiError):
    """The OCR package is not installed (a build without it): text of scans stays empty."""


def ocr_available() -> bool:
    try:
        import onnxruntime  # noqa: F401
        import rapidocr  # noqa: F401
    except ImportError:
        return False
    return True


def ocr_installed() -> bool:
    """Whether the OCR packages are installed, found without importing them (cheap: for menus and
    dialogs; ``ocr_available`` imports them)."""
    return all(importlib.util.find_spec(name) is not None for name in ("rapidocr", "onnxruntime"))


def _get_engine() -> Any:
    global _engine  # noqa: PLW0603 - one engine per process, loaded on first use
    if _engine is None:
        try:
            from rapidocr import RapidOCR
        except ImportError:
            raise OcrUnavailableError("未安装文字识别组件（rapidocr），扫描件和照片无法识别文字") from None
        _engine = RapidOCR(params={"Global.log_level": "error"})
    return _engine


def ocr_image(image: Image.Image) -> str:
    """The text the OCR engine reads in ``image``, lines in reading order (top to bottom)."""
    import numpy as np
    from PIL import Image as PILImage

    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    if max(image.size) > MAX_SIDE:
        scale = MAX_SIDE / max(image.size)
        image = image.resize(
            (max(1, round(image.width * scale)), max(1, round(image.height * scale))),
            PILImage.Resampling.LANCZOS,
        )
    if image.mode == "L":
        image = image.convert("RGB")
    with _lock:
        result = _get_engine()(np.asarray(image))
    texts = getattr(result, "txts", None) or ()
    scores = getattr(result, "scores", None) or ()
    return "\n".join(text for text, score in zip(texts, scores, strict=False) if score >= MIN_SCORE and text)
