"""app.scoring.explain: moved from app.scoring.compute."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.base.errors import UsageError
from app.scoring.compute import ScoreResult
from app.scoring.scheme import (
    json_number,
)


@dataclass(frozen=True)
class ExplainStep:
    """One link of the chain from an indicator's level to the total."""

    kind: (
        str  # indicator | level | factor | points | group | area | base | bonus_item | bonus | total | result
    )
    label: str
    value: float | str | None
    detail: str

    def to_json(self) -> dict[str, Any]:
        value = self.value if isinstance(self.value, str) or self.value is None else json_number(self.value)
        return {"kind": self.kind, "label": self.label, "value": value, "detail": self.detail}


def _g(value: float) -> str:
    """A number as people write it: 10, 0.6, 542.86 (never 10.0 or 0.6000)."""
    return f"{value:.4f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"


def _tail_steps(result: ScoreResult) -> list[ExplainStep]:
    s = result.scheme
    steps = [
        ExplainStep(
            "base",
            "基础分",
            result.base,
            f"{_g(s.base_scale)} × {_g(result.earned)} ÷ {_g(result.applicable_max)} = {_g(result.base)}"
            f"（不适用 {result.not_applicable} 项不计入满分；保留两位小数）",
        ),
        ExplainStep(
            "bonus",
            "加分",
            result.bonus,
            f"各加分项（按单项上限）合计 {_g(result.bonus_claimed)}，合计上限 {_g(s.bonus_total_cap)}，"
            f"计 {_g(result.bonus)}",
        ),
        ExplainStep(
            "total",
            "总分",
            result.total,
            f"基础分 {_g(result.base)} + 加分 {_g(result.bonus)} = {_g(result.total)}",
        ),
    ]
    if result.vetoed:
        detail = f"否决项 {'、'.join(result.veto_items)} 已触发：结果为一票否决（分数仍列出）"
    else:
        detail = "未触发否决项：结果有效"
    if s.pass_mark is not None:
        detail += f"；合格线 {_g(s.pass_mark)}：{'达到' if result.passed else '未达到'}"
    steps.append(ExplainStep("result", "结论", result.result, detail))
    return steps


def explain(result: ScoreResult, target: int | str = "total") -> list[ExplainStep]:
    """Steps from ``target`` (an indicator number, a bonus item id, a veto id, an area or group code, or
    ``total``) to the result. ``UsageError`` for an unknown target."""
    text = str(target).strip()
    if text.isdigit():
        number = int(text)
        try:
            ind = result.indicator(number)
        except KeyError:
            raise UsageError(f"没有第 {number} 项指标") from None
        steps = [
            ExplainStep(
                "indicator",
                "三级指标",
                number,
                f"所属 {ind.area} / {ind.group}；满分 {_g(ind.max)}",
            ),
            ExplainStep("level", "评估等级", ind.level, ind.comment or ""),
        ]
        if ind.applicable:
            assert ind.factor is not None
            steps.append(ExplainStep("factor", "等级系数", ind.factor, f"{ind.level} ×{_g(ind.factor)}"))
            steps.append(
                ExplainStep(
                    "points", "得分", ind.points, f"{_g(ind.max)} × {_g(ind.factor)} = {_g(ind.points)}"
                )
            )
        else:
            steps.append(
                ExplainStep("points", "得分", None, "不适用：不计分，也不计入满分（基础分按适用指标折算）")
            )
        group = next(g for g in result.groups if g.code == ind.group)
        area = next(a for a in result.areas if a.code == ind.area)
        steps.append(
            ExplainStep(
                "group",
                f"二级指标 {group.code} {group.name}",
                group.score,
                f"小计 {_g(group.score)} / {_g(group.max)}",
            )
        )
        steps.append(
            ExplainStep(
                "area",
                f"一级指标 {area.code} {area.name}",
                area.score,
                f"小计 {_g(area.score)} / {_g(area.max)}",
            )
        )
        return steps + _tail_steps(result)
    key = text.upper()
    if key in dict(result.scheme.bonus_caps) or any(b.id == key for b in result.bonus_items):
        item = next((b for b in result.bonus_items if b.id == key), None)
        if item is None or item.claimed == 0:
            steps = [ExplainStep("bonus_item", f"加分项 {key}", 0.0, "未申报加分")]
        else:
            steps = [
                ExplainStep(
                    "bonus_item",
                    f"加分项 {key}",
                    item.awarded,
                    f"申报 {_g(item.claimed)}，单项上限 {_g(item.cap)}，计 {_g(item.awarded)}",
                )
            ]
        return steps + _tail_steps(result)[1:]
    if key in result.veto_ids:
        state = "已触发" if key in result.veto_items else "未触发"
        return [
            ExplainStep("veto", f"否决项 {key}", state, "任一否决项触发即为一票否决"),
            *_tail_steps(result)[-1:],
        ]
    if text.lower() in {"total", "总分", "base", "基础分", "bonus", "加分"}:
        steps = [
            ExplainStep("area", f"一级指标 {a.code} {a.name}", a.score, f"小计 {_g(a.score)} / {_g(a.max)}")
            for a in result.areas
        ]
        steps.append(
            ExplainStep(
                "earned",
                "三级指标得分合计",
                result.earned,
                f"{_g(result.earned)} / 适用满分 {_g(result.applicable_max)}",
            )
        )
        return steps + _tail_steps(result)
    for area in result.areas:
        if area.code == text:
            groups = [g for g in result.groups if g.area == area.code]
            steps = [
                ExplainStep(
                    "group", f"二级指标 {g.code} {g.name}", g.score, f"小计 {_g(g.score)} / {_g(g.max)}"
                )
                for g in groups
            ]
            steps.append(
                ExplainStep(
                    "area",
                    f"一级指标 {area.code} {area.name}",
                    area.score,
                    f"小计 {_g(area.score)} / {_g(area.max)}",
                )
            )
            return steps + _tail_steps(result)
    for group in result.groups:
        if group.code == text:
            steps = [
                ExplainStep(
                    "points",
                    f"第 {i.number} 项（{i.level}）",
                    i.points,
                    f"{_g(i.max)} × {_g(i.factor)} = {_g(i.points)}" if i.factor is not None else "不适用",
                )
                for i in result.indicators
                if i.group == group.code
            ]
            steps.append(
                ExplainStep(
                    "group",
                    f"二级指标 {group.code} {group.name}",
                    group.score,
                    f"小计 {_g(group.score)} / {_g(group.max)}",
                )
            )
            return steps + _tail_steps(result)
    raise UsageError(f"无法解释：{target!r}（可用：指标编号、加分项/否决项编号、一级/二级指标编号或 total）")
