"""Evidence formats beyond PDF/XLSX (photos, scans, OFD, DOCX, XLS): checks, text, renditions, metadata.

The attach/import flow, for one file:

1. ``facts = inspect_any(path, name, workdir=tmp)``: the kind by content, or ``RefusedFileError``;
   store the original, and ``facts.rendition_pdf`` (when not None) as its preview/bundle PDF;
   ``facts.notes`` are for the clerk (e.g. ``NO_PAGES_NOTE``: the bundle lists the file without pages);
2. in a worker thread: ``text = complete_text(path, facts, progress, cancel)`` OCRs the pages that have
   no text layer (``facts.ocr_pages``); ``text.sources`` says which pages came from OCR;
3. ``app.search.index_pages(session, evidence_id, text.pages, text.sources)``;
4. ``meta = metadata.document_metadata(text.pages)``: 文号, 成文日期 (``meta.period`` fills an
   empty evidence period, ``meta.year`` feeds the "since" check), 发文机关; and
   ``duplicates_by_wenhao`` over the project's evidence flags the same 文号 filed twice.
"""

from app.evidence.formats.common import NO_PAGES_NOTE, FormatFacts, ZipLimits
from app.evidence.formats.images import ImageLimits, images_to_pdf
from app.evidence.formats.inspect import inspect_any
from app.evidence.formats.metadata import DocMeta, document_metadata, duplicates_by_wenhao
from app.evidence.formats.ocr import OCR_NOT_INSTALLED, ocr_available, ocr_installed
from app.evidence.formats.office import find_converter
from app.evidence.formats.text import ExtractedText, complete_text, extract_text, ocr_missing_pages

__all__ = [
    "NO_PAGES_NOTE",
    "OCR_NOT_INSTALLED",
    "DocMeta",
    "ExtractedText",
    "FormatFacts",
    "ImageLimits",
    "ZipLimits",
    "complete_text",
    "document_metadata",
    "duplicates_by_wenhao",
    "extract_text",
    "find_converter",
    "images_to_pdf",
    "inspect_any",
    "ocr_available",
    "ocr_installed",
    "ocr_missing_pages",
]
