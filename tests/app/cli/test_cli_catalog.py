"""``fazhi catalog list | show | validate | import-xlsx | export-xlsx`` against the CLI contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from app.cli.main import main
from indicator_catalog import Catalog, builtin_catalog_ids, load_builtin, load_catalog_file

ROOT = Path(__file__).resolve().parents[3]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_json(out: str) -> Any:
    """stdout must be exactly one JSON document (json.loads refuses trailing text)."""
    return json.loads(out)


def write_yaml(path: Path, document: Any) -> Path:
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def county_xlsx(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "任务分解"
    ws.append(["县法治政府建设指标任务分解"])
    ws.append(["一级指标", "二级指标", "三级指标", "责任单位", "具体资料报送"])
    ws.append(
        [
            "一、政府职能",
            "1. 放权。",
            "1 权责清单公开。",
            "县司法局 县发改局",
            "1. 权责清单及网址； 2. 任意10件案卷",
        ]
    )
    ws.append([None, None, "2 营商环境。", "县发展和改革局", "第 2、3 项指标，请合并提供 2020 年以来的情况"])
    ws.append([None, "2. 监管。", "3 执法监督。", "县司法局", None])
    ws.append(["二、附加项", "1. 加分项。", "1 获得表彰。", "各乡镇", None])
    ws.merge_cells("A3:A5")
    ws.merge_cells("E4:E5")
    workbook.save(path)
    return path


# -- list / show ----------------------------------------------------------------------------------


def test_list_json(capsys: pytest.CaptureFixture[str], national_catalog: Catalog) -> None:
    code, out, err = run(capsys, "catalog", "list", "--json")
    assert (code, err) == (0, "")
    rows = one_json(out)
    assert isinstance(rows, list)
    # the assessment catalogs first, then the built-in task-list plans (kind "plan")
    assert [r["id"] for r in rows if r.get("kind", "assessment") == "assessment"] == builtin_catalog_ids()
    assert all(r["kind"] in {"assessment", "plan"} for r in rows)
    row = next(r for r in rows if r["id"] == "national-2021")
    assert row["title"] == national_catalog.title
    assert row["counts"] == national_catalog.counts
    assert {k: row[k] for k in ("areas", "groups", "indicators", "bonus", "veto")} == national_catalog.counts
    # the counts are the data's, not constants: compare with the file read independently
    raw = yaml.safe_load(
        (ROOT / "indicator_catalog" / "data" / "national-2021.yaml").read_text(encoding="utf-8")
    )
    assert row["indicators"] == len(raw["indicators"])
    assert row["groups"] == sum(len(a["groups"]) for a in raw["areas"])


def test_list_as_a_table(capsys: pytest.CaptureFixture[str], national_catalog: Catalog) -> None:
    code, out, _ = run(capsys, "catalog", "list")
    counts = national_catalog.counts
    assert code == 0 and "national-2021" in out
    assert f"{counts['areas']}/{counts['groups']}/{counts['indicators']}" in out


def test_show_json_has_the_contract_keys(
    capsys: pytest.CaptureFixture[str], national_catalog: Catalog
) -> None:
    code, out, err = run(capsys, "catalog", "show", "--json")
    assert (code, err) == (0, "")
    document = one_json(out)
    assert isinstance(document, dict)
    assert {"id", "title", "areas", "indicators", "bonus", "veto"} <= document.keys()
    assert document["id"] == "national-2021" and document["title"] == national_catalog.title
    for area in document["areas"]:
        assert {"code", "name", "groups"} <= area.keys()
        for group in area["groups"]:
            assert {"code", "name", "numbers"} <= group.keys()
            assert group["numbers"] == list(national_catalog.group(group["code"]).numbers)
    assert len(document["indicators"]) == len(national_catalog.indicators)
    keys = {
        "number",
        "area",
        "group",
        "text",
        "units",
        "requirements",
        "onsite",
        "shared_with",
        "since",
        "points",
    }
    for indicator in document["indicators"]:
        assert keys <= indicator.keys()
        assert isinstance(indicator["number"], int) and isinstance(indicator["onsite"], bool)
        assert indicator["since"] is None or isinstance(indicator["since"], int)
        for requirement in indicator["requirements"]:
            assert {"text", "min_count"} <= requirement.keys()
            assert requirement["min_count"] is None or requirement["min_count"] >= 1
    by_number = {i["number"]: i for i in document["indicators"]}
    shared = next(i for i in national_catalog.indicators if i.shared_with)
    assert by_number[shared.number]["shared_with"] == list(shared.shared_with)
    assert (
        by_number[shared.number]["area"] == shared.area and by_number[shared.number]["group"] == shared.group
    )
    assert [(b["id"], b["text"], b["max_points"]) for b in document["bonus"]] == [
        (b.id, b.text, b.max_points) for b in national_catalog.bonus
    ]
    assert [(v["id"], v["text"]) for v in document["veto"]] == [(v.id, v.text) for v in national_catalog.veto]


def test_show_json_is_itself_a_valid_catalog_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], national_catalog: Catalog
) -> None:
    code, out, _ = run(capsys, "catalog", "show", "national-2021", "--json")
    assert code == 0
    path = tmp_path / "县里改的.json"
    path.write_text(out, encoding="utf-8")
    code, out, err = run(capsys, "catalog", "validate", str(path))
    assert (code, err) == (0, "")
    assert out.startswith(f"{path}: 有效") and f"三级 {len(national_catalog.indicators)}" in out
    assert load_catalog_file(path) == national_catalog
    # and `show FILE` of it prints the same document again
    code, again, _ = run(capsys, "catalog", "show", str(path), "--json")
    assert code == 0 and one_json(again) == national_catalog.to_dict()


def test_show_a_yaml_file_and_text_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], small_catalog_document: dict[str, Any]
) -> None:
    path = write_yaml(tmp_path / "tiny.yaml", small_catalog_document)
    code, out, _ = run(capsys, "catalog", "show", str(path), "--json")
    assert code == 0 and one_json(out)["id"] == "tiny"
    code, out, _ = run(capsys, "catalog", "show", str(path))
    assert code == 0 and "测试指标体系（tiny）" in out and "否决项 V2：弄虚作假" in out


def test_show_unknown_id_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "catalog", "show", "no-such-guide", "--json")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "未知的指标体系：no-such-guide" in err


# -- validate -------------------------------------------------------------------------------------


def test_validate_lists_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], small_catalog_document: dict[str, Any]
) -> None:
    document = small_catalog_document
    document["indicators"][1]["number"] = 1
    document["indicators"][2]["requirements"][0]["min_count"] = 0
    document["indicators"][3]["shared_with"] = []
    document["veto"][0]["id"] = "X1"
    path = write_yaml(tmp_path / "broken.yaml", document)
    code, out, err = run(capsys, "catalog", "validate", str(path))
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert lines[-1] == f"fazhi: {path}: 共 {len(lines) - 1} 个问题"
    problems = lines[:-1]
    assert all(line.startswith(f"{path}: ") for line in problems)
    expected = [
        "indicators[1]（第 1 项）.number: 三级指标编号重复：1",
        "indicators[2]（第 3 项）.requirements[0].min_count: 数值 0 小于 1",
        "indicators[2]（第 3 项）.shared_with: 合并提供不对称：第 3 项列出第 4 项，但第 4 项未列出第 3 项",
        "veto[0].id: 否决项编号应为 V1、V2 … 的形式，实际为 'X1'",
    ]
    for text in expected:
        assert f"{path}: {text}" in problems, problems


def test_validate_json_reports_problems_as_one_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], small_catalog_document: dict[str, Any]
) -> None:
    small_catalog_document["indicators"][0]["requirements"] = [{"text": "资料", "min_cout": 3}]
    path = write_yaml(tmp_path / "typo.yaml", small_catalog_document)
    code, out, _ = run(capsys, "catalog", "validate", str(path), "--json")
    assert code == 1
    report = one_json(out)
    assert report["valid"] is False and report["file"] == str(path)
    assert report["problems"][0]["path"] == "indicators[0]（第 1 项）.requirements[0]"
    assert report["problems"][0]["reason"].startswith("未知字段 min_cout")
    good = write_yaml(tmp_path / "good.yaml", {**small_catalog_document, "indicators": []})
    code, out, _ = run(capsys, "catalog", "validate", str(good), "--json")
    assert code == 1 and one_json(out)["problems"][0]["reason"] == "列表为空"


def test_validate_missing_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "无此文件.yaml"
    code, out, err = run(capsys, "catalog", "validate", str(missing))
    assert (code, out) == (1, "")
    assert err == f"fazhi: {missing}: 文件不存在 (file not found)\n"


def test_validate_exit_codes_in_a_real_process(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\ntitle: [\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "app", "catalog", "validate", str(broken)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 1 and result.stdout == ""
    assert "Traceback" not in result.stderr
    assert f"{broken}: 第 3 行" in result.stderr and "YAML 格式错误" in result.stderr


# -- import-xlsx / export-xlsx --------------------------------------------------------------------


def test_import_xlsx_writes_a_valid_catalog(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = county_xlsx(tmp_path / "county-2024.xlsx")
    out_path = tmp_path / "county.yaml"
    code, out, err = run(capsys, "catalog", "import-xlsx", str(sheet), "--out", str(out_path))
    assert (code, err) == (0, "")
    assert out == f"已写入 {out_path}（三级指标 3 项）\n"
    catalog = load_catalog_file(out_path)
    assert catalog.id == "county-2024" and catalog.title == "县法治政府建设指标"
    assert [(g.code, g.numbers) for g in catalog.groups] == [("一.1", (1, 2)), ("一.2", (3,))]
    assert catalog.indicator(1).units == ("县司法局", "县发展和改革局")
    assert [(r.text, r.needs_url, r.min_count) for r in catalog.indicator(1).requirements] == [
        ("权责清单及网址", True, None),
        ("任意10件案卷", False, 10),
    ]
    assert catalog.indicator(2).shared_with == (3,) and catalog.indicator(3).since == 2020
    assert [b.id for b in catalog.bonus] == ["B1"]


def test_import_xlsx_json_summary_and_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = county_xlsx(tmp_path / "任务分解.xlsx")
    out_path = tmp_path / "county.json"
    code, out, _ = run(
        capsys,
        "catalog",
        "import-xlsx",
        str(sheet),
        "--out",
        str(out_path),
        "--id",
        "mycounty",
        "--title",
        "某县",
        "--json",
    )
    assert code == 0
    summary = one_json(out)
    assert summary == {
        "out": str(out_path),
        "id": "mycounty",
        "title": "某县",
        "counts": {"areas": 1, "groups": 2, "indicators": 3, "bonus": 1, "veto": 0},
    }
    assert json.loads(out_path.read_text(encoding="utf-8"))["id"] == "mycounty"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"just text", "不是 xlsx 工作簿"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le"), "已加密"),
        (b"PK\x03\x04 truncated", "压缩包损坏"),
    ],
)
def test_import_xlsx_refuses_bad_files_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, reason: str
) -> None:
    sheet = tmp_path / "乡镇发来的.xlsx"
    sheet.write_bytes(content)
    out_path = tmp_path / "out.yaml"
    code, out, err = run(capsys, "catalog", "import-xlsx", str(sheet), "--out", str(out_path))
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and str(sheet) in err and reason in err
    assert not out_path.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["乡镇发来的.xlsx"]  # nothing half-written


def test_import_xlsx_refuses_a_bad_output_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = county_xlsx(tmp_path / "c.xlsx")
    code, _, err = run(capsys, "catalog", "import-xlsx", str(sheet), "--out", str(tmp_path / "c.txt"))
    assert code == 1 and err.count("\n") == 1 and ".yaml、.yml 或 .json" in err
    assert not (tmp_path / "c.txt").exists()


def test_export_then_import_through_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], national_catalog: Catalog
) -> None:
    workbook_path = tmp_path / "任务分解.xlsx"
    code, out, err = run(capsys, "catalog", "export-xlsx", "--out", str(workbook_path))
    assert (code, err, out) == (0, "", f"已写入 {workbook_path}\n")
    sheet = openpyxl.load_workbook(workbook_path)["任务分解"]
    assert [sheet.cell(2, c).value for c in (1, 2, 3, 5, 6)] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "责任单位",
        "具体资料报送",
    ]
    first = national_catalog.indicators[0]
    assert (sheet["C3"].value, sheet["D3"].value) == (first.number, first.text)
    back = tmp_path / "back.json"
    code, out, _ = run(capsys, "catalog", "import-xlsx", str(workbook_path), "--out", str(back), "--json")
    assert code == 0 and one_json(out)["id"] == "national-2021"
    assert load_catalog_file(back) == load_builtin("national-2021")


def test_export_xlsx_of_a_file_with_json_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], small_catalog_document: dict[str, Any]
) -> None:
    source = write_yaml(tmp_path / "tiny.yaml", small_catalog_document)
    target = tmp_path / "tiny.xlsx"
    code, out, _ = run(capsys, "catalog", "export-xlsx", str(source), "--out", str(target), "--json")
    assert code == 0
    assert one_json(out) == {
        "out": str(target),
        "id": "tiny",
        "title": "测试指标体系",
        "counts": {"areas": 2, "groups": 3, "indicators": 6, "bonus": 2, "veto": 2},
    }
    back = tmp_path / "back.yaml"
    assert run(capsys, "catalog", "import-xlsx", str(target), "--out", str(back))[0] == 0
    assert load_catalog_file(back) == load_catalog_file(source)


def test_export_xlsx_refuses_a_bad_output_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "catalog", "export-xlsx", "--out", str(tmp_path / "x.csv"))
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "应保存为 .xlsx" in err
    assert list(tmp_path.iterdir()) == []
