"""The one display rule for outside names, and the one file-name rule of import and unit attach."""

from __future__ import annotations

import pytest

from app.base.text import display_safe, printable_path, unsafe_name_reason


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("普通文件（终稿）.pdf", "普通文件（终稿）.pdf"),
        ("\x1b[31m红色\x1b[0m.pdf", "[U+001B][31m红色[U+001B][0m.pdf"),
        ("发票\u202efdp.exe", "发票[U+202E]fdp.exe"),
        ("行一\u2028行二\u2029", "行一[U+2028]行二[U+2029]"),
        ("a\u2066b\u2069c\u200ed\u061c", "a[U+2066]b[U+2069]c[U+200E]d[U+061C]"),
        ("零宽\u200b空格\ufeff", "零宽[U+200B]空格[U+FEFF]"),
        ("tab\there\nnew\rline\x7f", "tab[U+0009]here[U+000A]new[U+000D]line[U+007F]"),
        ("家庭👨\u200d👩\u200d👧.pdf", "家庭👨\u200d👩\u200d👧.pdf"),  # emoji joiners are harmless
    ],
)
def test_display_safe_makes_acting_characters_visible(raw: str, shown: str) -> None:
    assert display_safe(raw) == shown
    assert printable_path(raw) == shown
    assert display_safe(shown) == shown  # idempotent: nothing left to escape


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "为空"),
        ("   ", "为空"),
        ("..", "含路径"),
        ("a/b.pdf", "含路径"),
        ("a\\b.pdf", "含路径"),
        ("报告\x1b[31m.pdf", "控制字符（U+001B）"),
        ("报告\n第二版.pdf", "控制字符（U+000A）"),
        ("长" * 256 + ".pdf", "文件名过长"),
    ],
)
def test_unsafe_names_are_named_with_a_reason(name: str, reason: str) -> None:
    found = unsafe_name_reason(name)
    assert found is not None and reason in found
    assert "\n" not in found and "\x1b" not in found


@pytest.mark.parametrize("name", ["附件１（最终版）😀 ＃.pdf", "发票\u202efdp.pdf", "x" * 251 + ".pdf"])
def test_odd_but_harmless_names_pass(name: str) -> None:
    assert unsafe_name_reason(name) is None
