"""The report's figures: matplotlib ``Figure`` objects on an Agg canvas, made without pyplot.

No display is needed and the caller's backend (a notebook's inline one, say) is left alone; notebooks show
them with ``display(fig)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

# Measures drawn as bars, in this order (degree on the undirected actor projection).
BAR_MEASURES: tuple[str, ...] = ("degree", "betweenness", "pagerank")
BAR_ACTORS = 10


def _figure(size: tuple[float, float]) -> Figure:
    fig = Figure(figsize=size)
    FigureCanvasAgg(fig)  # the Agg renderer, attached to this figure only
    return fig


def centrality_figure(tables: dict[int, list[dict[str, Any]]]) -> Figure:
    """Horizontal bars of degree, betweenness and PageRank for the top actors, one panel per year."""
    fig = _figure((6.5 * max(1, len(tables)), 4.8))
    axes = fig.subplots(1, max(1, len(tables)), squeeze=False)
    for ax, (year, rows) in zip(axes[0], sorted(tables.items()), strict=False):
        top = rows[:BAR_ACTORS][::-1]
        names = [r["name"] for r in top]
        height = 0.8 / len(BAR_MEASURES)
        for i, measure in enumerate(BAR_MEASURES):
            ax.barh(
                [j + i * height for j in range(len(top))],
                [r.get(measure, 0.0) for r in top],
                height=height,
                label=measure,
            )
        ax.set_yticks([j + height for j in range(len(top))], names, fontsize=8)
        ax.set_xlim(0, 1.05)
        ax.set_title(f"Actor collaboration, {year}")
        ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig


def coordination_figure(rows: Sequence[dict[str, Any]], reorganisation: int | None = None) -> Figure:
    """Separate groups per year (bars) and the collaboration graph's centralisation (line)."""
    fig = _figure((9, 4.4))
    ax = fig.subplots()
    years = [r["year"] for r in rows]
    ax.bar(years, [r["groups"] for r in rows], color="#1f77b4", label="separate groups running instruments")
    ax.set_ylabel("groups")
    ax.set_xlabel("year")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    twin = ax.twinx()
    twin.plot(years, [r["centralization"] for r in rows], color="#d62728", marker="o", label="centralisation")
    twin.set_ylim(0, 1.05)
    twin.set_ylabel("degree centralisation")
    if reorganisation is not None:
        ax.axvline(reorganisation - 0.5, color="black", linestyle="--", linewidth=1)
        top = ax.get_ylim()[1] * 0.92
        ax.annotate(f"reorganisation {reorganisation}", (reorganisation - 0.4, top), fontsize=8)
    handles = ax.get_legend_handles_labels()[0] + twin.get_legend_handles_labels()[0]
    ax.legend(
        handles, [str(h.get_label()) for h in handles], loc="upper center", bbox_to_anchor=(0.5, -0.15),
        ncol=2, fontsize=8, frameon=False,
    )
    ax.set_title("Coordination over time")
    fig.tight_layout()
    return fig


# Per-country bars of the comparison figure, in this order: (record key, label); a dict value is summed.
COMPARED: tuple[tuple[str, str], ...] = (
    ("actors", "actors"),
    ("instruments", "instruments"),
    ("groups", "separate groups running instruments"),
    ("reorganisations", "reorganisations"),
    ("collaborations", "collaborations"),
)


def comparison_figure(records: Sequence[dict[str, Any]]) -> Figure:
    """Countries side by side: grouped bars of counts per country, and each country's centralisation
    (a dot on its own 0–1 axis)."""
    fig = _figure((max(7.0, 0.9 * len(records) + 3), 4.6))
    ax = fig.subplots()
    codes = [r["country"] for r in records]
    width = 0.8 / len(COMPARED)
    for i, (key, label) in enumerate(COMPARED):
        values = [sum(r[key].values()) if isinstance(r[key], dict) else r[key] for r in records]
        ax.bar([j + i * width for j in range(len(records))], values, width=width, label=label)
    ax.set_xticks([j + 0.4 - width / 2 for j in range(len(records))], codes, fontsize=8)
    ax.set_ylabel("count")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    twin = ax.twinx()
    twin.plot(
        [j + 0.4 - width / 2 for j in range(len(records))], [r["centralization"] for r in records],
        "o", color="black", label="centralisation",
    )
    twin.set_ylim(0, 1.05)
    twin.set_ylabel("degree centralisation")
    handles = ax.get_legend_handles_labels()[0] + twin.get_legend_handles_labels()[0]
    ax.legend(
        handles, [str(h.get_label()) for h in handles], loc="upper center", bbox_to_anchor=(0.5, -0.12),
        ncol=3, fontsize=8, frameon=False,
    )
    ax.set_title("Countries compared")
    fig.tight_layout()
    return fig
