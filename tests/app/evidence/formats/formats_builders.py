"""Builders for the new evidence formats: photos with EXIF orientation, TIFF scans, DOCX, OFD packages.

- ``jpeg(path, size=(w, h), orientation=1, color=…)``, ``png(path, …)``, ``tiff(path, frames=…)``: real
  images made with Pillow (a JPEG with an EXIF orientation tag when ``orientation != 1``);
- ``docx(path, paragraphs, table)``: a real Word document (python-docx);
- ``ofd_members(pages)`` → the members of a minimal GB/T 33190 package (OFD.xml, Document.xml, one
  Content.xml per page with each page's text objects), ``ofd(path, pages)`` writes it as a ZIP;
- ``install_fake_ocr(monkeypatch, texts, *available_in)``: a stand-in for the RapidOCR engine
  (``FakeOcr``: every picture reads as ``texts``; counts its calls; may press Cancel while it reads);
- ``DATA``: the folder of binary files made once by other tools (see data/README.md).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx as python_docx
from PIL import Image, ImageDraw, ImageFont

DATA = Path(__file__).parent / "data"


class FakeOcr:
    """Stands in for RapidOCR: every picture 'reads' as ``texts``; counts the pages it saw and, given a
    ``cancel`` token, presses Cancel while a page is read."""

    def __init__(self, texts: Sequence[str], cancel: Any = None) -> None:
        self.texts = tuple(texts)
        self.cancel = cancel
        self.calls = 0

    def __call__(self, array: Any) -> Any:
        self.calls += 1
        if self.cancel is not None:
            self.cancel.cancel()
        texts = self.texts

        class Result:
            txts = texts
            scores = tuple(0.95 for _ in texts)

        return Result()


def install_fake_ocr(monkeypatch: Any, texts: Sequence[str], *available_in: str) -> FakeOcr:
    """Put a ``FakeOcr`` in place of the engine; ``available_in``: the modules whose ``ocr_available``
    (or ``ocr_installed``) must say yes, as dotted names of the function."""
    from app.evidence.formats import ocr as ocr_module

    fake = FakeOcr(texts)
    monkeypatch.setattr(ocr_module, "_engine", fake)
    for name in ("app.evidence.formats.text.ocr_available", *available_in):
        monkeypatch.setattr(name, lambda: True)
    return fake


FONT = Path(__file__).resolve().parents[4] / "exports" / "fonts" / "NotoSansSC-Regular.ttf"
NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def text_image(lines: Sequence[str], size: tuple[int, int] = (1200, 400)) -> Image.Image:
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 44)
    for index, line in enumerate(lines):
        draw.text((40, 40 + index * 90), line, fill="black", font=font)
    return image


def jpeg(
    path: Path,
    size: tuple[int, int] = (64, 32),
    orientation: int = 1,
    color: str = "red",
    image: Image.Image | None = None,
) -> Path:
    picture = image or Image.new("RGB", size, color)
    exif = Image.Exif()
    if orientation != 1:
        exif[0x0112] = orientation
    picture.save(path, "JPEG", quality=90, exif=exif.tobytes())
    return path


def png(path: Path, size: tuple[int, int] = (40, 20), mode: str = "RGBA") -> Path:
    Image.new(mode, size, (0, 128, 0, 255) if mode == "RGBA" else 128).save(path, "PNG")
    return path


def tiff(path: Path, frames: int = 3, mode: str = "1", size: tuple[int, int] = (100, 140)) -> Path:
    images = [Image.new(mode, size, 1 if mode == "1" else 200) for _ in range(frames)]
    images[0].save(path, "TIFF", save_all=True, append_images=images[1:], compression="tiff_deflate")
    return path


def docx(
    path: Path,
    paragraphs: Sequence[str] = ("陵政发〔2022〕15号", "关于加强行政复议工作的通知"),
    table: Sequence[Sequence[str]] = (("单位", "人数"), ("县司法局", "3")),
) -> Path:
    document = python_docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.save(str(path))
    return path


def ofd_members(
    pages: Sequence[Sequence[str]] = (("陵政发〔2022〕15号", "关于印发备案审查办法的通知"),),
    title: str = "备案审查办法",
    picture: bytes | None = None,
) -> list[tuple[str, bytes]]:
    """A minimal OFD; with ``picture`` (image file bytes) every page also shows it as a full-page scan."""
    page_refs = "".join(
        f'<ofd:Page ID="{10 + i}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages))
    )
    members = [
        (
            "OFD.xml",
            (
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {NS} Version="1.0" DocType="OFD">'
                f"<ofd:DocBody><ofd:DocInfo><ofd:DocID>x1</ofd:DocID><ofd:Title>{title}</ofd:Title>"
                "<ofd:Author>县司法局</ofd:Author></ofd:DocInfo>"
                "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
            ).encode(),
        ),
        (
            "Doc_0/Document.xml",
            (
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {NS}><ofd:CommonData>'
                "<ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea>"
                "<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
                "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
                "<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes></ofd:CommonData>"
                f"<ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>"
            ).encode(),
        ),
        (
            "Doc_0/PublicRes.xml",
            (
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {NS} BaseLoc="Res"><ofd:Fonts>'
                '<ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>'
            ).encode(),
        ),
    ]
    members.append(
        (
            "Doc_0/DocumentRes.xml",
            (
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {NS} BaseLoc="Res"><ofd:MultiMedias>'
                '<ofd:MultiMedia ID="7" Type="Image"><ofd:MediaFile>scan.jpg</ofd:MediaFile></ofd:MultiMedia>'
                "</ofd:MultiMedias></ofd:Res>"
            ).encode(),
        )
    )
    if picture is not None:
        members.append(("Doc_0/Res/scan.jpg", picture))
    for index, lines in enumerate(pages):
        scan = '<ofd:ImageObject ID="90" ResourceID="7" Boundary="0 0 210 297" CTM="210 0 0 297 0 0"/>'
        objects = (scan if picture is not None else "") + "".join(
            f'<ofd:TextObject ID="{100 + n}" Boundary="20 {30 + n * 12} 170 10" Font="2" Size="5">'
            f'<ofd:TextCode X="0" Y="5">{line}</ofd:TextCode></ofd:TextObject>'
            for n, line in enumerate(lines)
        )
        members.append(
            (
                f"Doc_0/Pages/Page_{index}/Content.xml",
                (
                    f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {NS}><ofd:Content>'
                    f'<ofd:Layer ID="3">{objects}</ofd:Layer></ofd:Content></ofd:Page>'
                ).encode(),
            )
        )
    return members


def zip_file(path: Path, members: Sequence[tuple[str, bytes | str]]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def ofd(
    path: Path, pages: Sequence[Sequence[str]] = (("陵政发〔2022〕15号", "关于印发备案审查办法的通知"),)
) -> Path:
    return zip_file(path, ofd_members(pages))
