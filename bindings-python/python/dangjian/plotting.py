"""Charts with Chinese labels: pick an installed CJK font for matplotlib.

matplotlib's default font (DejaVu Sans) has no Chinese glyphs, so labels such as 优秀 or
党员人数 show as boxes (with a ``Glyph … missing from font`` warning). :func:`use_cjk_font`
finds a CJK font among those installed (Noto Sans/Serif CJK, Source Han, WenQuanYi, Microsoft
YaHei, SimHei, PingFang, Heiti …) and puts it first in ``font.sans-serif``.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from dangjian.plotting import use_cjk_font
>>> name = use_cjk_font()   # e.g. 'Noto Sans CJK SC' or 'WenQuanYi Micro Hei'
>>> isinstance(name, str)
True

If none is installed it raises :class:`LookupError` naming the packages to install
(``apt install fonts-noto-cjk``, ``brew install --cask font-noto-sans-cjk``, or any font
file passed as ``path=``).
"""

from __future__ import annotations

from typing import Any

__all__ = ["CJK_FONTS", "cjk_font", "use_cjk_font"]

CJK_FONTS: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "Hiragino Sans GB",
    "Source Han Serif SC",
    "AR PL UMing CN",
    "AR PL UKai CN",
)
"""Font families tried in order (Simplified Chinese first)."""

def cjk_font() -> str | None:
    """The family name of an installed font with Chinese glyphs, or ``None``.

    Tries :data:`CJK_FONTS` first, then any installed font whose family name says CJK,
    Chinese, Hei, Song, Kai, Ming or Han.
    """
    from matplotlib import font_manager

    name = _pick({f.name for f in font_manager.fontManager.ttflist})
    if name is None:
        # matplotlib caches the font list: a font installed since (apt install
        # fonts-noto-cjk) is found by scanning the system font directories again.
        for path in font_manager.findSystemFonts():
            if any(k in path.lower() for k in _FILE_HINTS):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue
        name = _pick({f.name for f in font_manager.fontManager.ttflist})
    return name


_FILE_HINTS = ("cjk", "wqy", "wenquanyi", "sourcehan", "source-han", "simhei", "msyh", "pingfang", "fallback")


def _pick(installed: set[str]) -> str | None:
    for name in CJK_FONTS:
        if name in installed:
            return name
    hints = ("CJK", "Chinese", " SC", " CN", "Hei", "Song", "Kai", "Ming", "Han ")
    for name in sorted(installed):
        if any(h in name for h in hints):
            return name
    return None


def use_cjk_font(path: str | None = None, *, rc: Any = None) -> str:
    """Make matplotlib draw Chinese: put an installed CJK font first in ``font.sans-serif``
    (and ``axes.unicode_minus`` off, so minus signs do not become boxes). Returns the font's
    family name.

    ``path`` adds a font file first (a ``.ttf``/``.otf``/``.ttc`` shipped with a project).
    ``rc`` is the dict to change (default ``matplotlib.rcParams``).

    Raises :class:`LookupError` (Chinese first) when no CJK font is installed.
    """
    import matplotlib
    from matplotlib import font_manager

    params = matplotlib.rcParams if rc is None else rc
    name: str | None
    if path is not None:
        font_manager.fontManager.addfont(path)
        name = font_manager.FontProperties(fname=path).get_name()
    else:
        name = cjk_font()
    if name is None:
        raise LookupError(
            "未找到中文字体：请安装 Noto CJK 或文泉驿字体（Debian/Ubuntu: apt install fonts-noto-cjk；"
            "macOS: brew install --cask font-noto-sans-cjk），或以 path= 指定字体文件 / "
            "no CJK font installed: install fonts-noto-cjk (or fonts-wqy-microhei), or pass path="
        )
    current = [f for f in params["font.sans-serif"] if f != name]
    params["font.sans-serif"] = [name, *current]
    params["font.family"] = "sans-serif"
    params["axes.unicode_minus"] = False
    return name
