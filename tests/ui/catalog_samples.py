"""The small test catalog the UI tests share (a plain module: conftest files are not importable by name)."""

from __future__ import annotations

from typing import Any


def small_catalog_document() -> dict[str, Any]:
    return {
        "id": "test-small",
        "title": "测试指标体系",
        "units": [
            {"name": "县司法局"},
            {"name": "县发展和改革局", "aliases": ["县发改局"]},
            {"name": "县市场监督管理局"},
            {"name": "各乡镇", "collective": True},
        ],
        "areas": [
            {
                "code": "一",
                "name": "政府职能依法全面履行",
                "groups": [
                    {"code": "一.1", "name": "加大简政放权力度"},
                    {"code": "一.2", "name": "优化公共服务"},
                ],
            },
            {
                "code": "二",
                "name": "依法行政制度体系完善",
                "groups": [{"code": "二.1", "name": "加强行政规范性文件监督管理"}],
            },
        ],
        "indicators": [
            {
                "number": 1,
                "group": "一.1",
                "text": "全面实行行政许可事项清单管理。",
                "units": ["县发展和改革局"],
                "requirements": [{"text": "行政许可事项清单及调整文件。"}],
            },
            {
                "number": 2,
                "group": "一.1",
                "text": "深化投资审批制度改革，推进投资领域“放管服”改革。",
                "units": ["县发展和改革局", "县市场监督管理局"],
                "requirements": [
                    {"text": "投资审批改革工作方案。"},
                    {"text": "提供任意 3 件审批案卷。", "min_count": 3},
                ],
            },
            {
                "number": 3,
                "group": "一.2",
                "text": "政务服务场所规范化建设，实地核查。",
                "units": ["各乡镇"],
                "onsite": True,
                "requirements": [{"text": "实地核查。", "onsite": True}],
            },
            {
                "number": 4,
                "group": "二.1",
                "text": "行政规范性文件合法性审核全覆盖。",
                "units": ["县司法局"],
                "shared_with": [5],
                "requirements": [{"text": "提供任意 2 件合法性审核意见书。", "min_count": 2, "since": 2020}],
            },
            {
                "number": 5,
                "group": "二.1",
                "text": "行政规范性文件备案审查。",
                "units": ["县司法局"],
                "shared_with": [4],
                "requirements": [],
            },
        ],
        "bonus": [{"id": "B1", "text": "加分项", "max_points": 10}],
        "veto": [{"id": "V1", "text": "否决项"}],
    }
