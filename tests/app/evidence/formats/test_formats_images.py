"""Photos and scans: accepted by content, EXIF rotation honoured, one PDF for several, bombs refused."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from formats_builders import jpeg, png, tiff
from PIL import Image
from pypdf import PdfReader

from app.base.errors import CancelledError, RefusedFileError
from app.base.progress import CancelToken
from app.evidence.formats import ImageLimits, images_to_pdf, inspect_any


def page_shape(reader: PdfReader, index: int) -> tuple[float, float, int]:
    page = reader.pages[index]
    return float(page.mediabox.width), float(page.mediabox.height), int(page.get("/Rotate", 0))


def test_a_photo_becomes_a_one_page_pdf_and_the_original_is_untouched(tmp_path: Path) -> None:
    photo = jpeg(tmp_path / "会议照片.jpg", size=(400, 300))
    before = photo.read_bytes()
    facts = inspect_any(photo, "会议照片.jpg", workdir=tmp_path / "out")
    assert (facts.kind, facts.pages, facts.ocr_pages) == ("jpeg", 1, (1,))
    assert facts.rendition_pdf is not None and facts.rendition_pdf.parent == tmp_path / "out"
    reader = PdfReader(facts.rendition_pdf)
    assert len(reader.pages) == 1
    width, height, rotate = page_shape(reader, 0)
    assert (round(width), round(height), rotate) == (842, 595, 0)  # landscape A4 for a landscape photo
    # The JPEG went in unchanged (no re-encoding).
    xobject = reader.pages[0]["/Resources"]["/XObject"]["/Im0"].get_object()  # type: ignore[index]
    assert xobject["/Filter"] == "/DCTDecode" and xobject._data == before
    assert photo.read_bytes() == before


@pytest.mark.parametrize(("orientation", "rotate"), [(3, 180), (6, 90), (8, 270)])
def test_exif_rotation_is_the_page_rotation(tmp_path: Path, orientation: int, rotate: int) -> None:
    photo = jpeg(tmp_path / "p.jpg", size=(400, 300), orientation=orientation)
    out = tmp_path / "p.pdf"
    assert images_to_pdf([(photo, "p.jpg")], out) == 1
    assert page_shape(PdfReader(out), 0)[2] == rotate


def test_mirrored_exif_orientation_is_redrawn_upright(tmp_path: Path) -> None:
    photo = jpeg(tmp_path / "p.jpg", size=(400, 300), orientation=5)  # transpose: becomes 300 × 400
    out = tmp_path / "p.pdf"
    images_to_pdf([(photo, "p.jpg")], out)
    width, height, rotate = page_shape(PdfReader(out), 0)
    assert rotate == 0 and height > width
    (image,) = PdfReader(out).pages[0].images
    assert image.image is not None and image.image.size == (300, 400)


def test_several_images_make_one_pdf_in_order(tmp_path: Path) -> None:
    items = [
        (jpeg(tmp_path / "a.jpg", size=(300, 400)), "a.jpg"),
        (png(tmp_path / "b.png"), "b.png"),
        (tiff(tmp_path / "c.tif", frames=3), "c.tif"),
    ]
    seen: list[tuple[int, int, str]] = []
    out = tmp_path / "all.pdf"
    assert images_to_pdf(items, out, progress=lambda d, t, m: seen.append((d, t, m))) == 5
    reader = PdfReader(out)
    assert len(reader.pages) == 5
    assert page_shape(reader, 0)[:2] == pytest.approx((595.276, 841.89))
    # The transparent PNG was flattened onto white, the 1-bit TIFF pages kept as 1-bit images.
    assert reader.pages[1].images[0].image.mode == "RGB"  # type: ignore[union-attr]
    assert reader.pages[2].images[0].image.mode == "1"  # type: ignore[union-attr]
    assert seen[0] == (0, 3, "a.jpg") and seen[-1] == (3, 3, "")


def test_a_refused_image_refuses_the_whole_pdf(tmp_path: Path) -> None:
    good = jpeg(tmp_path / "a.jpg")
    bad = tmp_path / "b.jpg"
    bad.write_bytes(good.read_bytes()[:200])
    out = tmp_path / "all.pdf"
    with pytest.raises(RefusedFileError, match=r"^b\.jpg: "):
        images_to_pdf([(good, "a.jpg"), (bad, "b.jpg")], out)
    assert list(tmp_path.glob("all.pdf*")) == []


def test_cancel_stops_the_conversion(tmp_path: Path) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(CancelledError):
        images_to_pdf([(jpeg(tmp_path / "a.jpg"), "a.jpg")], tmp_path / "x.pdf", cancel=token)
    assert not (tmp_path / "x.pdf").exists()


# -- hostile images -------------------------------------------------------------------------------


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge picture (the data is a few bytes of zlib)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1024))
        + chunk(b"IEND", b"")
    )


def refusal(tmp_path: Path, name: str, data: bytes, **kwargs: object) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(RefusedFileError) as caught:
        inspect_any(path, name, workdir=tmp_path / "out", **kwargs)  # type: ignore[arg-type]
    message = str(caught.value)
    assert message.startswith(f"{name}: ") and "\n" not in message
    assert not any((tmp_path / "out").glob("*")) if (tmp_path / "out").exists() else True
    return message


def test_decompression_bomb_png_is_refused(tmp_path: Path) -> None:
    assert "解压炸弹" in refusal(tmp_path, "bomb.png", png_claiming(100_000, 100_000))
    assert "解压炸弹" in refusal(tmp_path, "wide.png", png_claiming(20_000, 6_000))  # 120 M pixels


def test_pixel_limit_is_configurable(tmp_path: Path) -> None:
    photo = jpeg(tmp_path / "p.jpg", size=(200, 200))
    message = refusal(tmp_path, "p2.jpg", photo.read_bytes(), image_limits=ImageLimits(max_pixels=10_000))
    assert "像素过多" in message


def test_truncated_jpeg_and_png_are_refused(tmp_path: Path) -> None:
    data = jpeg(tmp_path / "src.jpg", size=(800, 600), color="blue").read_bytes()
    assert "截断" in refusal(tmp_path, "cut.jpg", data[: len(data) // 2])
    png_data = png(tmp_path / "src.png", size=(300, 300)).read_bytes()
    message = refusal(tmp_path, "cut.png", png_data[: len(png_data) - 30])
    assert "PNG 图片" in message


def test_jpeg_structure_check_without_decoding(tmp_path: Path) -> None:
    limits = ImageLimits(decode_jpeg=False)
    data = jpeg(tmp_path / "src.jpg", size=(800, 600), color="blue").read_bytes()
    assert "截断" in refusal(tmp_path, "cut.jpg", data[: len(data) - 100], image_limits=limits)
    padded = tmp_path / "padded.jpg"
    padded.write_bytes(data + b"\x00" * 300)
    assert inspect_any(padded, "padded.jpg", workdir=tmp_path / "out", image_limits=limits).pages == 1


def test_too_many_tiff_frames_are_refused(tmp_path: Path) -> None:
    data = tiff(tmp_path / "src.tif", frames=4).read_bytes()
    message = refusal(tmp_path, "many.tif", data, image_limits=ImageLimits(max_frames=3))
    assert "页数过多（4 页" in message


def test_renamed_and_unsupported_pictures_are_named(tmp_path: Path) -> None:
    gif = tmp_path / "src.gif"
    Image.new("P", (10, 10)).save(gif, "GIF")
    assert "GIF 图片" in refusal(tmp_path, "photo.jpg", gif.read_bytes())
    assert "纯文本" in refusal(tmp_path, "photo.png", "这不是图片".encode())
    assert "空文件" in refusal(tmp_path, "empty.jpg", b"")
    assert "图片" in refusal(tmp_path, "junk.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100)


def test_default_jpeg_check_walks_the_markers(tmp_path: Path) -> None:
    data = jpeg(tmp_path / "src.jpg", size=(800, 600), color="blue").read_bytes()
    assert inspect_any(tmp_path / "src.jpg", "src.jpg", workdir=tmp_path / "ok").pages == 1
    spliced = bytearray(data)
    middle = len(data) // 2
    spliced[middle : middle + 2] = b"\xff\x12"  # a marker that cannot occur inside a scan
    assert "损坏" in refusal(tmp_path, "spliced.jpg", bytes(spliced))
    no_end = data[: data.rindex(b"\xff\xd9")] + b"\x00" * 64  # EOI replaced by padding
    assert "截断" in refusal(tmp_path, "noend.jpg", no_end)


def test_full_decode_check_is_still_available(tmp_path: Path) -> None:
    photo = jpeg(tmp_path / "p.jpg", size=(400, 300))
    limits = ImageLimits(decode_jpeg=True)
    assert inspect_any(photo, "p.jpg", workdir=tmp_path / "out", image_limits=limits).pages == 1


def test_a_phones_mpo_photo_is_accepted_as_its_first_picture(tmp_path: Path) -> None:
    path = tmp_path / "手机照片.jpg"
    first, depth = Image.new("RGB", (400, 300), "red"), Image.new("RGB", (200, 100), "blue")
    first.save(path, "MPO", save_all=True, append_images=[depth])
    facts = inspect_any(path, "手机照片.jpg", workdir=tmp_path / "out")
    assert (facts.kind, facts.pages) == ("jpeg", 1)
