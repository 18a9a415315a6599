"""The folder archive: members, Windows-safe names and hashes."""

from __future__ import annotations

import dataclasses
import hashlib
import zipfile
from pathlib import Path

import pytest

from app.base.errors import IntegrityError
from exports.common import safe_filename
from exports.folder_zip import write_folder_zip
from exports.report_data import ReportData


def test_archive_has_a_folder_per_indicator_and_hashes(report_data: ReportData, tmp_path: Path) -> None:
    out = tmp_path / "资料.zip"
    result = write_folder_zip(report_data, out)
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        folders = [n for n in names if n.endswith("/")]
        files = [n for n in names if not n.endswith("/") and n != "hashes.txt"]
        # 7 indicators, 3 and 4 share one folder.
        assert len(folders) == 6 and any(f.startswith("003-004_合并提供_") for f in folders)
        assert result.files == len(files) == 7  # file 2 is filed under 1 and 6: one copy in each folder
        # One name per file everywhere: where the bundle first has it, unit, original name.
        first = "/1-1_县司法局_2023年政务服务工作总结.pdf"
        shared = "/1-2_县司法局_关于推行“一次办”的通知.pdf"
        assert any(n.startswith("001_") and n.endswith(first) for n in files)
        assert any(n.startswith("006_") and n.endswith(shared) for n in files)
        assert any(n.endswith("/5-1_县司法局_合法性审核台账.xlsx") for n in files)
        listing = archive.read("hashes.txt").decode("utf-8").splitlines()
        assert len(listing) == len(files)
        for line in listing:
            digest, name = line.split("  ", 1)
            assert hashlib.sha256(archive.read(name)).hexdigest() == digest


def test_windows_unsafe_names_are_cleaned() -> None:
    assert safe_filename('a<b>:c"d/e\\f|g?h*') == "a_b__c_d_e_f_g_h_"
    assert safe_filename("CON") == "_CON"
    assert safe_filename(" 报告. ") == "报告"
    assert safe_filename("x" * 200, max_chars=60) == "x" * 60
    assert safe_filename("...") == "文件"


def test_a_damaged_store_file_stops_the_export(report_data: ReportData, tmp_path: Path) -> None:
    broken = report_data.evidence[0].stored_path
    broken.write_bytes(broken.read_bytes() + b"tampered")
    out = tmp_path / "a.zip"
    with pytest.raises(IntegrityError, match=r"2023年政务服务工作总结\.pdf"):
        write_folder_zip(report_data, out)
    assert not out.exists() and not list(tmp_path.glob(".a.zip*"))
    missing = dataclasses.replace(report_data.evidence[1], stored_path=tmp_path / "gone")
    data = dataclasses.replace(report_data, evidence=(missing,))
    with pytest.raises(IntegrityError, match="证据库缺少文件"):
        write_folder_zip(data, out)
