"""The report's charts: matplotlib figures written as inline SVG, the same bytes for the same data.

Grades keep one order and one colour everywhere (inadequate, requires
improvement, good, outstanding: vermilion, orange, sky blue, blue from
the Okabe-Ito palette, which colour-blind readers can tell apart); every cell
also carries its grade as text, so the charts read in black and white too.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib as mpl
from matplotlib.figure import Figure

from graph.pack import GRADE_STYLES
from graph.report.data import GRADE_SHORT, GRADES

# One palette for the report and the explorer page (graph/pack.py).
GRADE_COLOURS: dict[str, str] = {key: fill for key, _, fill, _ in GRADE_STYLES if key}
TEXT_ON: dict[str, str] = {key: text for key, _, _, text in GRADE_STYLES if key}
STYLE: dict[Any, Any] = {
    "svg.hashsalt": "ofsted-kg",  # fixed ids: the same chart gives the same bytes
    "svg.fonttype": "none",  # text stays text: searchable, sharp in print, small
    "font.family": "sans-serif",
    "font.size": 10,
}
_HEADER = re.compile(rb"^.*?(?=<svg)", re.S)


def _svg(fig: Figure, title: str) -> str:
    buf = io.BytesIO()
    with mpl.rc_context(STYLE):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Title": title})
    svg = _HEADER.sub(b"", buf.getvalue(), count=1).decode("utf-8")
    return svg.replace("<svg ", '<svg role="img" class="chart" ', 1)


def _frame(ax: Any, rows: Sequence[str], columns: Sequence[str]) -> None:
    ax.set_xlim(-0.5, len(columns) - 0.5)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xticks(range(len(columns)), columns)
    ax.set_yticks(range(len(rows)), rows)
    ax.tick_params(length=0, pad=4)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)


def _figure(rows: Sequence[str], columns: int, cell: float, height: float) -> tuple[Figure, Any]:
    """A figure sized for a grid, with room on the left for the longest row label (no tight-bbox pass)."""
    label = max((len(r) for r in rows), default=4) * 0.075 + 0.25
    width = label + cell * max(columns, 2) + 0.2
    fig = Figure(figsize=(width, height * len(rows) + 0.45))
    fig.subplots_adjust(
        left=label / width, right=1 - 0.1 / width, top=1 - 0.08 / fig.get_figheight(), bottom=0.38 / fig.get_figheight()
    )
    return fig, fig.add_subplot()


def grade_timeline(cells: Mapping[tuple[str, int], Sequence[str]], areas: Sequence[tuple[str, str]]) -> str:
    """A grid of judgement areas (rows, in ``areas`` order: (id, label)) by year, each cell its grade(s).

    A cell with two grades (sources that disagree) takes the worse one's colour and names both.
    """
    years = sorted({y for _, y in cells})
    with mpl.rc_context(STYLE):
        fig, ax = _figure([label for _, label in areas], len(years), 0.62, 0.34)
        colours = []
        for row, (area, _) in enumerate(areas):
            for col, year in enumerate(years):
                grades = sorted(cells.get((area, year), ()), key=GRADES.index)
                if not grades:
                    continue
                worst = grades[0]
                colours.append(((col, row), GRADE_COLOURS[worst]))
                label = "/".join(GRADE_SHORT[g] for g in grades)
                ax.text(
                    col, row, label, ha="center", va="center", color=TEXT_ON[worst], fontsize=8.5, fontweight="bold"
                )
        ax.add_collection(
            mpl.collections.PatchCollection(
                [mpl.patches.Rectangle((x - 0.46, y - 0.42), 0.92, 0.84) for (x, y), _ in colours],
                facecolors=[c for _, c in colours],
                edgecolors="none",
            )
        )
        _frame(ax, [label for _, label in areas], [str(y) for y in years])
    return _svg(fig, "Grades by judgement area and year")


def theme_heatmap(counts: Mapping[tuple[str, int], int], themes: Sequence[tuple[str, str]]) -> str:
    """Areas for improvement per theme (rows, in ``themes`` order) and year, the count in each cell."""
    years = sorted({y for _, y in counts})
    peak = max(counts.values(), default=1)
    cmap = mpl.colormaps["Blues"]  # one hue, light to dark: safe for colour-blind readers and in grey
    with mpl.rc_context(STYLE):
        fig, ax = _figure([label for _, label in themes], len(years), 0.5, 0.27)
        cells = []
        for row, (theme, _) in enumerate(themes):
            for col, year in enumerate(years):
                n = counts.get((theme, year), 0)
                if n:
                    share = n / peak
                    cells.append(((col, row), cmap(0.12 + 0.88 * share)))
                    ax.text(
                        col,
                        row,
                        str(n),
                        ha="center",
                        va="center",
                        fontsize=8,
                        color="white" if share > 0.5 else "black",
                    )
        ax.add_collection(
            mpl.collections.PatchCollection(
                [mpl.patches.Rectangle((x - 0.48, y - 0.46), 0.96, 0.92) for (x, y), _ in cells],
                facecolors=[c for _, c in cells],
                edgecolors="none",
            )
        )
        _frame(ax, [label for _, label in themes], [str(y) for y in years])
        ax.tick_params(axis="x", labelsize=8.5)
    return _svg(fig, "Areas for improvement by theme and year")
