"""文号, 发文日期 and 发文机关 from the text of a 公文; duplicates by 文号."""

from __future__ import annotations

import datetime as dt

import pytest

from app.evidence.formats.metadata import (
    document_metadata,
    duplicates_by_wenhao,
    find_dates,
    find_wenhao,
    issue_date,
    issuing_agency,
    main_wenhao,
)

RED_HEADER = """陵县人民政府文件
陵政发〔2022〕15号
陵县人民政府
关于印发《陵县行政规范性文件备案审查办法》的通知
各乡镇人民政府，县政府各部门：
根据《规章制定程序条例》和市政府（市政发〔2021〕3号）的要求，现将办法印发给你们。
陵县人民政府
二〇二二年三月五日
（此件公开发布）
陵县人民政府办公室 2022年3月7日印发
"""


@pytest.mark.parametrize(
    "written",
    [
        "陵政发〔2022〕15号",
        "陵政发[2022]15号",
        "陵政发(2022)15号",
        "陵政发（2022）15号",
        "陵政发【2022】15号",
        "陵政发［2022］15号",
        "陵政发〔2022〕015号",
        "陵政发 〔２０２２〕 第15号",
    ],
)
def test_wenhao_variants_are_normalized(written: str) -> None:
    assert find_wenhao(f"见{written}文件") == ["陵政发〔2022〕15号"]


def test_wenhao_in_running_text_keeps_only_the_code() -> None:
    assert find_wenhao("根据陵政办发〔2021〕7号和陵司通〔2020〕12号要求") == [
        "陵政办发〔2021〕7号",
        "陵司通〔2020〕12号",
    ]
    assert find_wenhao("2022年第15号") == []
    assert find_wenhao("〔2022〕15号") == []  # no 机关代字


def test_red_header_document() -> None:
    meta = document_metadata([RED_HEADER])
    assert meta.wenhao == "陵政发〔2022〕15号"
    assert meta.cited == ("市政发〔2021〕3号",)
    assert meta.date == dt.date(2022, 3, 5)  # 成文日期, not the 印发 date
    assert meta.agency == "陵县人民政府"
    assert (meta.period, meta.year) == ("2022-03", 2022)


def test_dates_in_both_writings() -> None:
    text = "二〇二二年十二月三十一日 2021年3月5日 二○一九年十月一日 二零二零年二月二十九日 2022年2月30日"
    assert find_dates(text) == [
        dt.date(2022, 12, 31),
        dt.date(2021, 3, 5),
        dt.date(2019, 10, 1),
        dt.date(2020, 2, 29),
    ]  # 2月30日 is no date


def test_issue_date_fallbacks() -> None:
    assert issue_date("县司法局 2022年3月7日印发") == dt.date(2022, 3, 7)
    assert issue_date("会议于2021年5月6日召开，2021年6月1日总结") == dt.date(2021, 5, 6)
    assert issue_date("没有日期") is None


def test_agency_from_the_signature_when_there_is_no_header() -> None:
    text = "关于开展执法培训的通知\n各股室：\n现通知如下。\n县市场监督管理局\n2021年6月1日"
    assert issuing_agency(text) == "县市场监督管理局"
    assert issuing_agency("随便一段文字\n2021年6月1日") is None
    assert main_wenhao("没有文号") is None


def test_duplicates_by_wenhao() -> None:
    items = [
        (1, "陵政发〔2022〕15号"),
        (2, "陵政发[2022]15号"),
        (3, "陵政发〔2022〕16号"),
        (4, None),
        (5, "陵政发(2022)015号"),
    ]
    assert duplicates_by_wenhao(items) == {"陵政发〔2022〕15号": [1, 2, 5]}
    assert duplicates_by_wenhao([]) == {}
