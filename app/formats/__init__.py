"""Evidence formats beyond PDF/XLSX (photos, scans, OFD, DOCX, XLS): checks, text, renditions, metadata."""

from app.formats.common import NO_PAGES_NOTE, FormatFacts, ZipLimits
from app.formats.images import ImageLimits, images_to_pdf
from app.formats.inspect import inspect_any
from app.formats.ocr import ocr_available
from app.formats.office import find_converter
from app.formats.text import ExtractedText, extract_text, ocr_missing_pages

__all__ = [
    "NO_PAGES_NOTE",
    "ExtractedText",
    "FormatFacts",
    "ImageLimits",
    "ZipLimits",
    "extract_text",
    "find_converter",
    "images_to_pdf",
    "inspect_any",
    "ocr_available",
    "ocr_missing_pages",
]
