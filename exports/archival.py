"""PDF/A-2b output for the report and the evidence bundle (pikepdf's ``pikepdf.pdfa``).

``pikepdf.pdfa`` prepares a document (sRGB OutputIntent from the ICC profile pikepdf ships, XMP metadata
with the ``pdfaid`` declaration synchronised with the document information, print flags on annotations)
and validates it with an allowlist validator built on the veraPDF rule catalogue: it approves only what
it knows to conform. A document is declared PDF/A only when the validator approves it; otherwise (an
evidence file with an unembedded font, say) it is written as a plain PDF with the same metadata and no
``pdfaid`` claim. See ARCHIVAL.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from exports import validator_memo

FLAVOUR = "2b"


def _strip_page_transitions(pdf: Any) -> None:
    """reportlab writes an empty ``/Trans`` (page transition) on every page: it means nothing in print
    and the validator does not approve keys it does not check."""
    for page in pdf.pages:
        trans = page.obj.get("/Trans")
        if trans is not None and len(trans.keys()) == 0:
            del page.obj["/Trans"]


#: Document information keys and the XMP they become, as pikepdf's ``load_from_docinfo`` writes them.
_XMP_OF_DOCINFO = {
    "/Title": '<dc:title xmlns:dc="http://purl.org/dc/elements/1.1/"><rdf:Alt><rdf:li xml:lang="x-default">'
    "{}</rdf:li></rdf:Alt></dc:title>",
    "/Author": '<dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/"><rdf:Seq><rdf:li>{}</rdf:li>'
    "</rdf:Seq></dc:creator>",
    "/Creator": '<xmp:CreatorTool xmlns:xmp="http://ns.adobe.com/xap/1.0/">{}</xmp:CreatorTool>',
}
_XMP_ORDER = ("/Author", "/Title", "/Creator")


def _xml_text(value: str) -> str:
    # As xml.sax.saxutils.escape, whose import drags in urllib and http.client.
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _plain_metadata(pdf: Any) -> bool:
    """The XMP packet of a plain (not PDF/A) PDF from its document information, the packet
    ``open_metadata().load_from_docinfo`` writes, without loading lxml and parsing it back (≈ 5 MB and
    tens of milliseconds while the whole merged bundle is in memory). Other document information keys
    than title, author and creator go through pikepdf. True: the packet written here (it holds no
    ``pdf:PDFVersion``, so saving need not parse it again to update one)."""
    import pikepdf

    keys = set(pdf.docinfo.keys())
    if not keys <= set(_XMP_OF_DOCINFO) or "/Metadata" in pdf.Root:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta.load_from_docinfo(pdf.docinfo)
        return False
    fields = "".join(
        _XMP_OF_DOCINFO[k].format(_xml_text(str(pdf.docinfo[k]))) for k in _XMP_ORDER if k in keys
    )
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="pikepdf">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        f' <rdf:Description rdf:about="">{fields}</rdf:Description></rdf:RDF>\n'
        "</x:xmpmeta>\n\n"
        '<?xpacket end="w"?>\n'
    )
    pdf.Root.Metadata = pdf.make_stream(packet.encode(), Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
    return True


def _undeclare(pdf: Any) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        for key in ("pdfaid:part", "pdfaid:conformance", "pdfaid:amd"):
            if key in meta:
                del meta[key]


def fonts_embedded(pdf: Any) -> bool:
    """A quick look at a source PDF: every font its pages (and their forms) use is embedded. A file
    failing this cannot be part of a PDF/A document, and the full validator need not be run to know."""
    seen: set[tuple[int, int]] = set()

    def embedded(font: Any) -> bool:
        if font.get("/Subtype") == "/Type3":
            return True
        if "/DescendantFonts" in font:
            font = font.DescendantFonts[0]
        descriptor = font.get("/FontDescriptor")
        return descriptor is not None and any(
            k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
        )

    def resources_ok(resources: Any) -> bool:
        if resources is None:
            return True
        if resources.is_indirect:
            if resources.objgen in seen:
                return True
            seen.add(resources.objgen)
        for font in resources.get("/Font", {}).values():
            if not embedded(font):
                return False
        for xobject in resources.get("/XObject", {}).values():
            if xobject.get("/Subtype") == "/Form" and not resources_ok(xobject.get("/Resources")):
                return False
        return True

    return all(resources_ok(page.obj.get("/Resources")) for page in pdf.pages)


def page_output_intents(pdf: Any) -> bool:
    """A page carries its own ``/OutputIntents``: pages of different sources may then disagree, which
    PDF/A forbids in one document, so such a file is not taken as conforming in a bundle."""
    return any("/OutputIntents" in page.obj for page in pdf.pages)


def validator_version() -> str:
    """Names the validator whose verdicts ``source_conforms`` gives (cached verdicts of another
    version are not trusted)."""
    import pikepdf

    return f"pikepdf {pikepdf.__version__} PDF/A-{FLAVOUR}"


def source_conforms(path: Path) -> bool:
    """The validator's verdict on one evidence PDF on its own: prepared in memory as the bundle is
    (OutputIntent, XMP, no page transitions) and checked, nothing written. Stricter than checking the
    same pages inside the bundle (the file's own catalog, which the bundle does not copy, is checked
    too), so a file approved here never makes the bundle's declaration false."""
    import pikepdf
    from pikepdf import pdfa

    validator_memo.install()
    try:
        with pikepdf.open(path, access_mode=pikepdf.AccessMode.stream) as pdf:
            if not fonts_embedded(pdf) or page_output_intents(pdf):
                return False
            _strip_page_transitions(pdf)
            pdfa.prepare(pdf, FLAVOUR)
            return bool(pdfa.check(pdf, FLAVOUR).passed)
    except Exception:  # a file the validator cannot take is simply not conforming
        return False


def save_archival(pdf: Any, target: Path, *, validate: bool = True, possible: bool = True) -> bool:
    """Save the open pikepdf ``pdf`` to ``target`` as PDF/A-2b when the validator approves it (return
    True), else as a plain PDF without the declaration (return False).

    ``validate=False`` (the report, whose every construct is ours and checked by the tests): prepare and
    declare without running the validator over every page (seconds for a report of hundreds of pages).
    ``possible=False`` (a source is known not to conform, see ``fonts_embedded``): no validation, no
    declaration.
    """
    _strip_page_transitions(pdf)
    if not possible:
        # Known not to conform: plain metadata, and no need to load the validator at all.
        own_packet = _plain_metadata(pdf)
        pdf.save(target, fix_metadata_version=not own_packet)
        return False
    from pikepdf import pdfa

    pdfa.prepare(pdf, FLAVOUR)
    if not validate:
        pdf.save(target, **pdfa.resolve_save_kwargs(FLAVOUR))
        return True
    validator_memo.install()
    report = pdfa.check(pdf, FLAVOUR)
    if report.passed:
        pdf.save(target, **report.save_kwargs)
        return True
    _undeclare(pdf)
    pdf.save(target)
    return False


def archive_file(path: Path, *, validate: bool = True) -> bool:
    """Rewrite the PDF at ``path`` in place as PDF/A-2b (see ``save_archival``)."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        return save_archival(pdf, path, validate=validate)
