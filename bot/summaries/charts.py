"""Charts for managers as PNG images, drawn without a display (matplotlib's Agg canvas).

Made to be read on a phone: large type, few marks, and a colour-blind-safe palette (Okabe and Ito) where
meaning never rests on colour alone (bars above target are also hatched; lines also differ in marker and
dash). Each chart is titled with the team and the date.
"""

import io
import math
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from bot.summaries.caseloads import Caseloads
from bot.summaries.rhi import RhiFigures
from scheduler.deadlines import DeadlineKind

if TYPE_CHECKING:
    from matplotlib.figure import Figure

BLUE, ORANGE, SKY, GREEN, VERMILLION, PURPLE, BLACK = (
    "#0072B2",
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#000000",
)
WIDTH_INCHES, DPI = 6.4, 150
MAX_BARS = 30
NATIONAL_RHI_PERCENT = 63
"""England's average share of return interviews within 72 hours, 2023-24 (Missing People, domain.md [G2])."""
TRANSITIONS = (DeadlineKind.TRANSITION_18, DeadlineKind.TRANSITION_21, DeadlineKind.TRANSITION_25)
LINES = (
    ("Contact", (DeadlineKind.CONTACT,), (BLUE, "o", "-")),
    ("Pathway review", (DeadlineKind.PATHWAY_REVIEW,), (ORANGE, "s", "--")),
    ("Return interview", (DeadlineKind.RHI,), (VERMILLION, "^", "-.")),
    ("Needs assessment", (DeadlineKind.NEEDS_ASSESSMENT,), (GREEN, "D", ":")),
    ("Transition planning", TRANSITIONS, (PURPLE, "v", (0, (5, 1)))),
)
"""Each line of the overdue chart: its name, the kinds it adds up, and its colour, marker and dash. Every
kind that can be overdue has a line (transitions together); repeat-missing flags are never overdue."""


@dataclass(frozen=True)
class WeekOverdue:
    """Overdue deadlines by kind in one week (``counts`` None: nothing was recorded that week)."""

    week_start: date
    counts: dict[DeadlineKind, int] | None


def _figure(height: float) -> "Figure":
    # Imported at the first chart, not at start: matplotlib takes longer to load than the rest of the bot.
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI, layout="constrained")
    figure.set_facecolor("white")
    return figure


def _png(figure: "Figure") -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _title(what: str, scope: str, day: date) -> str:
    return f"{scope}: {what}\n{day:%d %b %Y}".replace("\n0", "\n")


def caseload_chart(figures: Caseloads, scope: str, day: date) -> bytes:
    """Caseload per PA against the target line; past 30 PAs, how many PAs carry each caseload."""
    if len(figures.pas) > MAX_BARS:
        return _caseload_histogram(figures, scope, day)
    rows = list(reversed(figures.pas)) or []
    figure = _figure(max(3.2, 0.42 * len(rows) + 1.8))
    axes = figure.subplots()
    counts = [row.young_people for row in rows]
    bars = axes.barh(
        [f"{row.name} (left)" if row.has_left else row.name for row in rows],
        counts,
        color=[VERMILLION if row.above_target else BLUE for row in rows],
    )
    for bar, row in zip(bars, rows, strict=True):
        if row.above_target:
            bar.set_hatch("//")
            bar.set_edgecolor("white")
        axes.annotate(
            str(row.young_people),
            (bar.get_width(), bar.get_y() + bar.get_height() / 2),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=11,
        )
    axes.axvline(figures.target, color=BLACK, linestyle="--", linewidth=1.5, label=f"Target {figures.target}")
    axes.set_xlim(0, max([*counts, figures.target]) * 1.15 + 1)
    axes.set_xlabel("Young people", fontsize=12)
    axes.tick_params(labelsize=11)
    axes.legend(loc="lower right", fontsize=11)
    if not rows:
        axes.text(0.5, 0.5, "No PAs", transform=axes.transAxes, ha="center", fontsize=14)
    axes.set_title(_title("caseload per PA", scope, day), fontsize=13)
    return _png(figure)


def _caseload_histogram(figures: Caseloads, scope: str, day: date) -> bytes:
    figure = _figure(4.2)
    axes = figure.subplots()
    counts = [row.young_people for row in figures.pas]
    axes.hist(counts, bins=range(0, max(counts) + 3, 2), color=BLUE, edgecolor="white")
    axes.axvline(figures.target, color=BLACK, linestyle="--", linewidth=1.5, label=f"Target {figures.target}")
    axes.set_xlabel("Caseload (young people)", fontsize=12)
    axes.set_ylabel("PAs", fontsize=12)
    axes.tick_params(labelsize=11)
    axes.legend(fontsize=11)
    axes.set_title(_title(f"caseloads of {len(counts)} PAs", scope, day), fontsize=13)
    return _png(figure)


def rhi_chart(months: list[RhiFigures], month_starts: list[date], hours: int, scope: str, day: date) -> bytes:
    """Share of return interviews offered in time, month by month, against the national average."""
    figure = _figure(4.2)
    axes = figure.subplots()
    labels = [
        f"{start:%b}\n{start:%y}" if start.month == 1 or index == 0 else f"{start:%b}"
        for index, start in enumerate(month_starts)
    ]
    shares = [month.percent_within or 0 for month in months]
    bars = axes.bar(labels, shares, color=BLUE)
    for bar, month in zip(bars, months, strict=True):
        text = f"{month.within}/{month.decided}" if month.decided else "none"
        axes.annotate(
            text,
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            fontsize=9,
        )
    axes.axhline(
        NATIONAL_RHI_PERCENT,
        color=ORANGE,
        linestyle="--",
        linewidth=1.5,
        label=f"England 2023-24: {NATIONAL_RHI_PERCENT}%",
    )
    axes.set_ylim(0, 112)
    axes.set_ylabel(f"% offered within {hours} h", fontsize=12)
    axes.tick_params(labelsize=10)
    figure.legend(loc="outside lower center", fontsize=10)
    axes.set_title(_title(f"return interviews within {hours} h", scope, day), fontsize=13)
    return _png(figure)


def overdue_chart(weeks: list[WeekOverdue], scope: str, day: date) -> bytes:
    """Overdue items by kind, week by week; weeks with nothing recorded are gaps, not zeros."""
    figure = _figure(4.8)
    axes = figure.subplots()
    positions = list(range(len(weeks)))
    recorded = [week.counts for week in weeks if week.counts is not None]
    highest = 1
    for name, kinds, (colour, marker, dash) in LINES:
        values = [
            float("nan") if week.counts is None else sum(week.counts.get(kind, 0) for kind in kinds)
            for week in weeks
        ]
        highest = max([highest, *(value for value in values if not math.isnan(value))])
        style = {"color": colour, "marker": marker, "linestyle": dash, "linewidth": 2, "markersize": 7}
        axes.plot(positions, values, label=name, **style)
    if not recorded:
        message = "No weekly figures yet:\nthey are kept from the first weekly digest on"
        axes.text(0.5, 0.5, message, transform=axes.transAxes, ha="center", va="center", fontsize=12)
    axes.set_xticks(positions, [f"{week.week_start:%d %b}".lstrip("0") for week in weeks])
    axes.set_xlim(-0.5, len(weeks) - 0.5)
    axes.set_ylim(0, highest * 1.15)
    from matplotlib.ticker import MaxNLocator  # loaded with the figure by _figure, so no cost here

    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylabel("Overdue", fontsize=12)
    axes.set_xlabel("Week starting", fontsize=11)
    axes.tick_params(labelsize=10)
    figure.legend(loc="outside lower center", ncols=2, fontsize=10)
    axes.set_title(_title(f"overdue items, last {len(weeks)} weeks", scope, day), fontsize=13)
    return _png(figure)
