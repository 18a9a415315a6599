"""``fazhi assess | veto | bonus | scheme | score | explain | check | record`` driven as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main
from app.project.audit_log import list_log
from app.project.create import create_project
from app.project.folder import open_project
from app.scoring.scheme import DISCLAIMER
from indicator_catalog import catalog_from_document


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    code, out, err = run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def cents(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def test_score_scenario_with_not_applicable_and_caps(
    project_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = str(project_dir)
    for number, level in ((1, "达标"), (2, "基本达标"), (3, "partial"), (4, "不适用"), (5, "unmet")):
        code, out, err = run(
            capsys, "assess", d, "--indicator", str(number), "--level", level, "--by", "李四"
        )
        assert code == 0, err
    assert run(capsys, "bonus", d, "B1", "--points", "14", "--note", "省级表彰")[0] == 0
    assert run(capsys, "bonus", d, "B2", "--points", "10", "--note", "经验推广")[0] == 0
    score = run_json(capsys, "score", d)
    for key in (
        "total",
        "base",
        "base_max",
        "bonus",
        "vetoed",
        "veto_items",
        "result",
        "areas",
        "indicators",
    ):
        assert key in score
    # earned 10 + 6 + 6 + 0 (+ 6 not assessed) over 5 applicable × 10
    assert score["base"] == cents(Decimal(1000) * 22 / 50) == 440
    assert score["bonus"] == 20  # B1 capped at 10, then the overall cap of 20
    assert score["total"] == 460
    assert score["base_max"] == 1000
    assert (score["vetoed"], score["veto_items"], score["result"]) == (False, [], "有效")
    by_number = {i["number"]: i for i in score["indicators"]}
    assert by_number[4]["level"] == "不适用" and by_number[4]["applicable"] is False
    assert by_number[6]["level"] == "未评估" and by_number[6]["score"] == 0
    assert by_number[2] == {**by_number[2], "score": 6, "max": 10}
    areas = {a["code"]: a for a in score["areas"]}
    assert (areas["一"]["score"], areas["一"]["max"]) == (22, 30)  # 1, 2, 3 (4 is 不适用)
    assert (areas["二"]["score"], areas["二"]["max"]) == (0, 20)
    assert {g["code"]: g["score"] for g in score["groups"]} == {"一.1": 16, "一.2": 6, "二.1": 0}
    assert score["disclaimer"] == DISCLAIMER and score["scheme"]["official"] is False

    assert run(capsys, "veto", d, "V1", "--triggered", "--note", "严重违法")[0] == 0
    vetoed = run_json(capsys, "score", d)
    assert (vetoed["vetoed"], vetoed["veto_items"], vetoed["result"], vetoed["total"]) == (
        True,
        ["V1"],
        "一票否决",
        460,
    )
    assert run(capsys, "veto", d, "V1", "--clear", "--note", "经核实不属实")[0] == 0
    assert run_json(capsys, "score", d)["result"] == "有效"

    code, out, _err = run(capsys, "score", d)
    assert code == 0
    assert DISCLAIMER in out and "总分 460" in out and "基础分 440 / 1000" in out


def test_explain_and_history(project_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = str(project_dir)
    run(capsys, "assess", d, "--indicator", "3", "--level", "partial", "--comment", "缺案卷")
    run(capsys, "assess", d, "--indicator", "3", "--level", "met")
    explained = run_json(capsys, "explain", d, "3")
    kinds = [s["kind"] for s in explained["steps"]]
    assert kinds[:4] == ["indicator", "level", "factor", "points"] and kinds[-2:] == ["total", "result"]
    assert explained["steps"][3]["value"] == 10
    total = run_json(capsys, "explain", d)
    assert total["target"] == "total" and total["steps"][-2]["value"] == cents(Decimal(1000) * 10 / 60)
    code, out, _ = run(capsys, "explain", d, "B2")
    assert code == 0 and "未申报加分" in out and DISCLAIMER in out
    past = run_json(capsys, "assess", d, "--indicator", "3", "--history")
    assert [(r["level"], r["comment"]) for r in past] == [("基本达标", "缺案卷"), ("达标", "")]
    code, _out, err = run(capsys, "explain", d, "77")
    assert code == 2 and "77" in err


def test_scheme_show_load_and_round_trip(
    project_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = str(project_dir)
    shown = run_json(capsys, "scheme", d)
    assert shown["reference"] is True and shown["official"] is False and shown["disclaimer"] == DISCLAIMER
    assert shown["base_scale"] == 1000 and shown["bonus"]["total_cap"] == 20
    assert shown["levels"] == {"达标": 1, "基本达标": 0.6, "未达标": 0, "未评估": 0}
    shown["name"] = "县调整方案"
    shown["points"]["overrides"] = {"6": 30}
    shown["pass_mark"] = 500
    edited = tmp_path / "scheme.json"
    edited.write_text(json.dumps(shown, ensure_ascii=False), encoding="utf-8")  # the --json output loads back
    code, out, err = run(capsys, "scheme", d, "--load", str(edited))
    assert code == 0, err
    assert "县调整方案" in out and DISCLAIMER in out
    again = run_json(capsys, "scheme", d)
    assert (
        again["name"] == "县调整方案"
        and again["points"]["overrides"] == {"6": 30}
        and again["reference"] is False
    )
    run(capsys, "assess", d, "--indicator", "6", "--level", "met")
    score = run_json(capsys, "score", d)
    assert score["base"] == cents(Decimal(1000) * 30 / 80) and score["passed"] is False
    with open_project(project_dir, readonly=True) as project:
        assert [e.detail["file"] for e in list_log(project, action="scheme.")] == [str(edited)]
    assert run(capsys, "scheme", d, "--reset")[0] == 0
    assert run_json(capsys, "scheme", d)["reference"] is True


def test_bad_scheme_file_changes_nothing(
    project_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = str(project_dir)
    bad = tmp_path / "坏方案.yaml"
    bad.write_text("levels:\n  达标: 2\nbonus:\n  caps: {B7: 3}\n", encoding="utf-8")
    before = run_json(capsys, "scheme", d)
    with open_project(project_dir, readonly=True) as project:
        log_before = len(list_log(project))
    code, out, err = run(capsys, "scheme", d, "--load", str(bad))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "坏方案.yaml" in err and "levels.达标" in err and "另有 1 个问题" in err
    assert run_json(capsys, "scheme", d) == before
    with open_project(project_dir, readonly=True) as project:
        assert len(list_log(project)) == log_before
    code, _out, err = run(capsys, "scheme", d, "--load", str(tmp_path / "missing.yaml"))
    assert code == 1 and "文件不存在" in err


def test_user_errors_are_one_line_with_exit_codes(
    project_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = str(project_dir)
    cases = [
        (("assess", d, "--indicator", "2", "--level", "excellent"), 2, "excellent"),
        (("assess", d, "--indicator", "42", "--level", "met"), 2, "42"),
        (("assess", d, "--indicator", "2"), 2, "--level"),
        (("veto", d, "V8", "--triggered", "--note", "x"), 2, "V8"),
        (("bonus", d, "B1", "--points", "-1", "--note", "x"), 2, "分值无效"),
        (("bonus", d, "B1", "--points", "3", "--note", "x", "--proof", "999"), 1, "999"),
        (("record", d, "--indicator", "6", "--unit", "县司法局", "--url", "http://a.cn"), 2, "责任单位"),
    ]
    for args, expected, needle in cases:
        code, out, err = run(capsys, *args)
        assert (code, out) == (expected, ""), args
        assert err.count("\n") == 1 and needle in err and "Traceback" not in err, err
    assert run_json(capsys, "score", d)["indicators"][1]["level"] == "未评估"
    env = {**os.environ, "FAZHI_DEBUG": ""}
    proc = subprocess.run(
        [sys.executable, "-m", "app", "assess", d, "--indicator", "2", "--level", "good"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 2 and proc.stdout == "" and "Traceback" not in proc.stderr
    assert "达标" in proc.stderr


def check_catalog() -> dict[str, Any]:
    return {
        "id": "checkcli",
        "title": "体检命令测试",
        "units": [{"name": "县司法局"}, {"name": "县发展和改革局", "aliases": ["县发改局"]}],
        "areas": [{"code": "一", "name": "甲", "groups": [{"code": "一.1", "name": "乙"}]}],
        "indicators": [
            {
                "number": 1,
                "group": "一.1",
                "text": "公开",
                "units": ["县发展和改革局"],
                "requirements": [{"key": "1.1", "text": "提供网址", "needs_url": True}],
            },
            {
                "number": 2,
                "group": "一.1",
                "text": "执法",
                "units": ["县司法局"],
                "onsite": True,
                "requirements": [{"key": "2.1", "text": "实地核查", "onsite": True}],
            },
        ],
        "bonus": [{"id": "B1", "text": "表彰", "max_points": 10}],
        "veto": [{"id": "V1", "text": "违法"}],
    }


def test_check_and_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "体检"
    create_project(folder, county="测试县", year=2024, catalog=catalog_from_document(check_catalog(), "c"))
    d = str(folder)
    code, out, err = run(capsys, "check", d, "--json")
    assert code == 1 and "错误" in err  # errors fail the check, the JSON is still printed whole
    findings = json.loads(out)
    assert isinstance(findings, list)
    assert all({"severity", "indicator", "unit", "message"} <= set(f) for f in findings)
    got = {(f["code"], f["indicator"], f["severity"]) for f in findings}
    assert {("no_evidence", 1, "error"), ("missing_url", 1, "warning"), ("onsite_prep", 2, "info")} <= got
    assert ("no_evidence", 2, "error") not in got
    recorded = run_json(
        capsys, "record", d, "--indicator", "1", "--unit", "县发改局", "--url", "http://fgj.example.cn"
    )
    assert recorded["unit"] == "县发展和改革局" and recorded["requirement_key"] == "1.1"
    after = {(f["code"], f["indicator"]) for f in run_json(capsys, "check", d, "--warn-only")}
    assert ("missing_url", 1) not in after
    only = run_json(capsys, "check", d, "--unit", "县发改局", "--warn-only")
    assert only and all("县发展和改革局" in f["unit"] for f in only)
    code, out, _ = run(capsys, "check", d)
    assert code == 1 and "错误" in out and "共 " in out
    code, out, _ = run(capsys, "check", d, "--warn-only")
    assert code == 0 and "错误" in out
    code, out, _ = run(capsys, "check", d, "--indicator", "2")
    assert code == 0 and "错误 0" in out  # indicator 2 has no error: exit 0
