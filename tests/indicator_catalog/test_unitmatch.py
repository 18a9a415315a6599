"""Unit names as the five seeds write them resolve to a county's known units, with a reason to confirm."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from indicator_catalog import UnitName, load_builtin
from indicator_catalog.unitmatch import (
    COMMON_ALIASES,
    common_units,
    match_unit,
    normalise_unit_name,
    parse_unit_rows,
)
from indicator_catalog.xlsx import TaskSheetError
from indicator_catalog.xlsx.unitlist import read_unit_list_xlsx

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
WUTAI = "000_4b4ae2f37bb6e22a.txt"  # 五台县
TIANZHEN = "001_48d3e2564651a195.txt"  # 天镇县
SUIXI = "002_8533c05fc9345b12.txt"  # 濉溪县
LINGCHUAN = "003_8acec550fb7b6c8b.txt"  # 陵川县
XIPING = "004_f9663f6ea7efe54e.txt"  # 西平县

# (seed, name as the seed writes it, the known unit it must resolve to first)
SEED_NAMES = [
    (WUTAI, "司法局", "县司法局"),
    (WUTAI, "公安局", "县公安局"),
    (WUTAI, "法院", "县人民法院"),
    (WUTAI, "检察院", "县人民检察院"),
    (WUTAI, "民政局", "县民政局"),
    (WUTAI, "依法治县办", "县委依法治县办公室"),
    (WUTAI, "各乡（镇）人民政府", "各乡镇"),
    (WUTAI, "各乡（镇）", "各乡镇"),
    (WUTAI, "县直各执法单位", "县直各行政执法单位"),
    (WUTAI, "各行政执法单位", "县直各行政执法单位"),
    (TIANZHEN, "县发改委", "县发展和改革局"),
    (TIANZHEN, "县卫健局", "县卫生健康和体育局"),
    (TIANZHEN, "县政府各部门", "县政府各工作部门"),
    (TIANZHEN, "各乡(镇)人民政府", "各乡镇"),
    (TIANZHEN, "县委编办", "县委机构编制委员会办公室"),
    (TIANZHEN, "县法院", "县人民法院"),
    (TIANZHEN, "县行政审批服管理局", "县行政审批服务管理局"),  # a typo in the seed
    (SUIXI, "县住建局（县人防办）", "县住房和城乡建设局"),
    (SUIXI, "各镇（园区）", "各乡镇"),
    (SUIXI, "县发展和改革委员会", "县发展和改革局"),
    (SUIXI, "县委机构编制委员会办公室", "县委机构编制委员会办公室"),
    (SUIXI, "县政府各部门", "县政府各工作部门"),
    (LINGCHUAN, "县行政审批局", "县行政审批服务管理局"),
    (LINGCHUAN, "县纪委监委机关", "县纪委监委"),
    (LINGCHUAN, "及相关审批部门", "相关审批部门"),
    (LINGCHUAN, "及政府各工作部门", "县政府各工作部门"),
    (LINGCHUAN, "及县直各相关单位", "县直各相关单位"),
    (LINGCHUAN, "县卫生健康和体育局", "县卫生健康和体育局"),
    (XIPING, "县政府各部门", "县政府各工作部门"),
    (XIPING, "县司法局", "县司法局"),
]


@pytest.fixture(scope="module")
def known() -> list[UnitName]:
    """A county's units: the national roles plus its departments (陵川 names its health bureau
    县卫生健康和体育局, so 县卫健局 must find that, not a 县卫生健康局 it does not have)."""
    units = list(load_builtin("national-2021").units)
    names = {u.name for u in units}
    units += [u for u in common_units() if u.name not in names and u.name != "县卫生健康局"]
    units += [UnitName("县住房和城乡建设局"), UnitName("县数据资源管理局")]
    return [u for i, u in enumerate(units) if u.name not in {v.name for v in units[:i]}]


@pytest.mark.parametrize(("seed", "written", "expected"), SEED_NAMES)
def test_seed_names_resolve(seed: str, written: str, expected: str, known: list[UnitName]) -> None:
    path = SEEDS / seed
    if not path.is_file():
        pytest.skip(f"seed not found: {path}")
    assert written in path.read_text(encoding="utf-8"), f"{written} does not occur in {seed}"
    candidates = match_unit(written, known)
    assert candidates, written
    assert candidates[0].name == expected, [c.to_dict() for c in candidates]
    assert candidates[0].score >= 0.75 and candidates[0].reason


def test_everyday_abbreviations_from_the_issue(known: list[UnitName]) -> None:
    for written, expected in (
        ("县市场监管局", "县市场监督管理局"),
        ("县卫健委", "县卫生健康和体育局"),
        ("县住建局", "县住房和城乡建设局"),
    ):
        assert match_unit(written, known)[0].name == expected, written


def test_scores_and_reasons_rank_exact_over_guesses(known: list[UnitName]) -> None:
    exact = match_unit("县司法局", known)[0]
    assert (exact.name, exact.score, exact.reason) == ("县司法局", 1.0, "名称相同")
    dropped = match_unit("司法局", known)[0]
    assert dropped.score < 1.0 and "县" in dropped.reason
    two_plates = match_unit("县住建局（县人防办）", known)[0]
    assert "县人防办" in two_plates.reason
    guess = match_unit("县行政审批服管理局", known)[0]
    assert guess.score < 0.95 and "逐字包含" in guess.reason


def test_unknown_names_give_no_confident_candidate(known: list[UnitName]) -> None:
    assert match_unit("人行天镇县中心支行", known) == []
    assert match_unit("   ", known) == []
    assert all(c.score < 0.8 for c in match_unit("人大常委会监司工委", known))


def test_custom_alias_table_and_limit() -> None:
    units = [UnitName("县甲局"), UnitName("县乙局")]
    assert match_unit("甲办", units, {"甲办": "县甲局"})[0].name == "县甲局"
    assert len(match_unit("县局", units, {}, limit=1)) <= 1


def test_normalise_unit_name() -> None:
    assert normalise_unit_name(" 及 县司法局 ") == "县司法局"
    assert normalise_unit_name("各乡(镇)人民政府") == "各乡（镇）人民政府"
    assert normalise_unit_name("县政府各部门按职责分工负责") == "县政府各部门"
    assert all(not alias.startswith("及") for alias in COMMON_ALIASES)


# -- a county's unit list ---------------------------------------------------------------------------


def test_parse_unit_rows() -> None:
    rows = [
        ("某县单位名单", None, None, None),
        ("单位名称", "简称", "类型", "包含单位"),
        ("县住房和城乡建设局", "县住建局、县人防办", "单位", None),
        ("县司法局", None, None, None),
        ("各乡镇", None, "集体", "崇文镇、礼义镇；附城镇"),
        ("县直各行政执法单位", None, None, None),
        (None, None, None, None),
        ("县司法局", None, None, None),
        (None, "孤立简称", None, None),
    ]
    result = parse_unit_rows(rows).to_dict()
    assert [(e["name"], e["aliases"], e["kind"], e["members"]) for e in result["entries"]] == [
        ("县住房和城乡建设局", ["县住建局", "县人防办"], "unit", []),
        ("县司法局", [], "unit", []),
        ("各乡镇", [], "collective", ["崇文镇", "礼义镇", "附城镇"]),
        ("县直各行政执法单位", [], "collective", []),
    ]
    assert result["problems"] == ["第 8 行：单位“县司法局”重复（第 4 行已有）", "第 9 行：单位名称为空"]
    assert parse_unit_rows([("甲", "乙")]).problems == ["找不到表头（需要“单位名称”列）"]


def test_read_unit_list_xlsx(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "名单"
    ws.append(["单位名称", "简称", "包含单位"])
    ws.append(["县发展和改革局", "县发改局", None])
    ws.append(["各镇（园区）", None, "城关镇、经开区"])
    path = tmp_path / "units.xlsx"
    workbook.save(path)
    result = read_unit_list_xlsx(path)
    assert [(e.name, e.kind, e.members) for e in result.entries] == [
        ("县发展和改革局", "unit", []),
        ("各镇（园区）", "collective", ["城关镇", "经开区"]),
    ]
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(TaskSheetError, match=r"bad\.xlsx"):
        read_unit_list_xlsx(bad)
