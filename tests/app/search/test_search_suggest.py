"""Smart filing: BM25 over the catalog's indicator and requirement texts proposes indicators."""

from __future__ import annotations

import math

from app.search.suggest import IndicatorIndex
from indicator_catalog import Catalog


def test_small_catalog_ranks_by_specific_words(small_catalog: Catalog) -> None:
    index = IndicatorIndex.from_catalog(small_catalog)
    best = index.suggest("执法案卷评查", ["本年度抽查执法案卷10件"], k=2)
    assert [s.indicator for s in best][:1] == [3]
    assert "案卷" in best[0].matched
    assert index.suggest("党政主要负责人年终述法报告")[0].indicator == 6
    assert index.suggest("合法性审核意见书")[0].indicator == 5


def test_nothing_in_common_gives_nothing(small_catalog: Catalog) -> None:
    index = IndicatorIndex.from_catalog(small_catalog)
    assert index.suggest("会议照片", ["天气晴朗"]) == []
    assert index.suggest("") == []


def test_a_title_naming_the_indicator_comes_first(small_catalog: Catalog) -> None:
    index = IndicatorIndex.from_catalog(small_catalog)
    found = index.suggest("县司法局-第6项-材料1", ["执法案卷评查"], k=2)
    assert found[0].indicator == 6 and found[0].by_number and math.isinf(found[0].score)
    assert found[1].indicator == 3
    assert index.suggest("指标 4 执法公示", k=1)[0].indicator == 4
    assert index.suggest("第99项", k=1) == []  # no such indicator
    assert index.suggest("第6项 执法案卷", use_numbers=False)[0].indicator == 3


def test_allowed_restricts_the_candidates(small_catalog: Catalog) -> None:
    index = IndicatorIndex.from_catalog(small_catalog)
    found = index.suggest("执法案卷 执法公示 第3项", k=3, allowed={4})
    assert [s.indicator for s in found] == [4]


def test_national_catalog_files_named_like_a_clerk_would(national_catalog: Catalog) -> None:
    index = IndicatorIndex.from_catalog(national_catalog)
    cases = {
        "行政复议委员会会议纪要": 83,
        "重大行政决策风险评估报告": 40,
        "规范性文件备案报送登记表": 31,
        "12345热线工单办理情况月报": 20,
        "行政执法人员培训签到表及课件": 65,
    }
    for title, number in cases.items():
        assert number in [s.indicator for s in index.suggest(title, k=3)], title
