"""Charts with Chinese labels render with a CJK font: no missing-glyph warning (issue 21)."""

from __future__ import annotations

import warnings
from typing import Any

import matplotlib

matplotlib.use("Agg")  # the test draws off screen; notebooks show figures inline

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import dangjian  # noqa: E402
from dangjian.plotting import cjk_font, use_cjk_font  # noqa: E402

LABELS = ["优秀", "合格", "基本合格", "不合格"]


def draw(rc: Any) -> list[str]:
    """Draws a bar chart with Chinese labels under `rc`; the warnings it raised."""
    with matplotlib.rc_context(rc), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig, ax = plt.subplots()
        ax.bar(LABELS, [3, 10, 2, 1])
        ax.set_title("各等次党员人数（2026年10月）")
        ax.set_xlabel("等次")
        ax.set_ylabel("党员人数")
        fig.canvas.draw()
        plt.close(fig)
    return [str(w.message) for w in caught]


def test_chinese_labels_render_without_missing_glyphs() -> None:
    if cjk_font() is None:
        pytest.fail("no CJK font installed: run scripts/install-deps.sh python (fonts-noto-cjk)")
    rc: Any = dict(matplotlib.rcParams)
    name = use_cjk_font(rc=rc)
    assert rc["font.sans-serif"][0] == name
    missing = [m for m in draw(rc) if "missing from" in m or "Glyph" in m]
    assert missing == [], missing


def test_the_default_font_would_show_boxes() -> None:
    # The control: DejaVu Sans alone has no Chinese glyphs, so the same chart warns.
    rc: Any = {"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}
    assert any("missing from" in m for m in draw(rc))


def test_a_score_chart_with_chinese_grade_labels(scores: dangjian.ScoreTable) -> None:
    rc: Any = dict(matplotlib.rcParams)
    use_cjk_font(rc=rc)
    per_grade = scores.to_pandas().groupby("grade").size()
    assert set(per_grade.index) <= set(LABELS)
    with matplotlib.rc_context(rc), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax: Any = per_grade.plot.bar(title="等次分布")
        ax.figure.canvas.draw()
        plt.close(ax.figure)
    assert not [w for w in caught if "missing from" in str(w.message)]


def test_a_font_file_can_be_given(tmp_path: object) -> None:
    from matplotlib import font_manager

    name = cjk_font()
    assert name is not None
    path = font_manager.findfont(font_manager.FontProperties(family=name), fallback_to_default=False)
    rc: Any = {"font.sans-serif": ["DejaVu Sans"]}
    assert use_cjk_font(path, rc=rc) == name
