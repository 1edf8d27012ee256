"""Charts for a leadership meeting, on matplotlib (optional: ``pip install matplotlib``).

Every number is the core's: each chart draws one of the core's tables
(:func:`okrkit.progress_series`, :func:`okrkit.check_ins`, ``ScoreReport.table("bands")``,
:func:`okrkit.score_history`, :func:`okrkit.calibration`) and computes nothing
itself. Each function returns the matplotlib ``Axes`` (drawing into ``ax=`` when
given) and raises :class:`okrkit.InvalidArgument` (code ``dangling_reference``)
for an unknown cycle, team or objective instead of drawing an empty chart.

- :func:`plot_progress` — progress against the expected pace over a cycle (the
  cycle, one team or one objective), from the check-in history.
- :func:`plot_score_bands` — objectives per score band and team at a cycle's close.
- :func:`plot_confidence` — confidence of each key result over a cycle, from check-ins.
- :func:`plot_calibration` — each team's aspirational score across cycles, with
  the 0.6–0.7 stretch sweet spot and the calibration flags (R5).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Optional, Sequence

from okrkit import _okrkit
from okrkit.errors import InvalidArgument

__all__ = ["plot_progress", "plot_score_bands", "plot_confidence", "plot_calibration"]

# Band colours (also used by the HTML views' status cells, darker here to read on white).
BAND_COLOURS = {"red": "#d9534f", "yellow": "#f0ad4e", "green": "#5cb85c", "not_scored": "#b0b0b0"}


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - exercised when matplotlib is absent
        raise ImportError("okrkit's charts need matplotlib, which okrkit does not install: pip install matplotlib") from e
    return plt


def _axes(ax: Any, size: tuple[float, float] = (8.0, 4.0)) -> Any:
    if ax is not None:
        return ax
    _, ax = _pyplot().subplots(figsize=size, layout="constrained")
    return ax


def _date_axis(ax: Any) -> None:
    """Few, concise date labels: they never overlap, even in small side-by-side axes."""
    import matplotlib.dates as mdates

    width_in = ax.get_position().width * ax.figure.get_figwidth()
    locator = mdates.AutoDateLocator(minticks=3, maxticks=max(3, int(width_in * 1.6)))
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _percent_axis(ax: Any, label: str) -> None:
    from matplotlib.ticker import PercentFormatter

    ax.set_ylim(0, 100)
    ax.yaxis.set_major_formatter(PercentFormatter(100))
    ax.set_ylabel(label)
    ax.grid(axis="y", alpha=0.3)


def _check_teams(teams: Optional[Sequence[str]], known: Sequence[str]) -> None:
    """An unknown team is an error, not an empty chart."""
    for t in teams or ():
        if t not in known:
            raise InvalidArgument(
                f"no team has id '{t}'; the teams are {', '.join(sorted(set(known)))}",
                code="dangling_reference",
                path="team",
            )


def plot_progress(
    org: Any,
    cycle: str,
    *,
    objective: Optional[str] = None,
    team: Optional[str] = None,
    every_days: Optional[int] = None,
    dates: Optional[Sequence[_dt.date]] = None,
    ax: Any = None,
) -> Any:
    """Progress (of the cycle, one team or one objective) against the expected
    pace, as of each date of the cycle, from the check-in history.

    A key result's value at a date is its last check-in at or before it. When
    the selection has no check-in at all, there is no history to draw: the
    chart shows the expected pace and the one known (latest) value at the
    cycle's end, and says so, instead of a flat line from the first day. When
    only some key results lack history, a note says how many.
    """
    plt = _pyplot()
    series = _okrkit.progress_series(
        org, cycle, team=team, objective=objective, every_days=every_days, dates=dates
    )
    ax = _axes(ax)
    days = series.column("date")
    progress = series.column("progress_pct")
    expected = series.column("expected_pct")
    counted = series.column("key_results")
    checked = series.column("from_check_ins")
    no_history = series.column("without_history")
    name = next(iter(series.column("name")), None) or team or objective or cycle
    label = f"team {name}" if team else (name if objective else f"cycle {name}")

    ax.plot(days, [float("nan") if e is None else e for e in expected], linestyle="--", color="#777777",
            label="expected pace (linear)")
    history = any(c for c in checked)
    if history:
        ax.plot(days, [float("nan") if p is None else p for p in progress], marker="o", markersize=3,
                color="#1f77b4", label="progress (check-ins)")
        partial = max((n for n in no_history), default=0)
        if partial:
            ax.text(0.01, 0.97, f"{partial} of {max(counted)} key results have no check-in history:\n"
                                "their latest value is used at every date",
                    transform=ax.transAxes, va="top", fontsize=8, color="#a94442")
    else:
        last = next((i for i in range(len(days) - 1, -1, -1) if progress[i] is not None), None)
        if last is not None:
            ax.plot([days[last]], [progress[last]], marker="D", markersize=8, linestyle="none", color="#1f77b4",
                    label="latest value (no history)", clip_on=False, zorder=5)
        ax.text(0.5, 0.55, "No check-in history: progress over time is unknown",
                transform=ax.transAxes, ha="center", va="center", fontsize=10, color="#a94442")
    _percent_axis(ax, "progress")
    _date_axis(ax)
    ax.set_title(f"Progress vs expected pace\n{label}")
    ax.legend(loc="lower right", fontsize=8)
    plt.setp(ax.get_xticklabels(), rotation=0)
    return ax


def plot_score_bands(org: Any, cycle: str, *, teams: Optional[Sequence[str]] = None, ax: Any = None) -> Any:
    """Objectives per score band (red 0–0.3, yellow 0.4–0.6, green 0.7–1.0, not
    scored) for each team at the close of ``cycle``, as stacked horizontal bars."""
    if not isinstance(org, _okrkit.Org):
        # As the other plots, whose org the native functions read.
        what = f"'{type(org).__name__}' object is not an instance of 'Org'"
        raise InvalidArgument(f"org: {what}", code="parse_error", path="org")
    report = org.score_cycle(cycle)
    bands = report.table("bands")
    all_teams = bands.column("team")
    _check_teams(teams, all_teams)
    rows = [i for i, t in enumerate(all_teams) if teams is None or t in teams]
    order: list[str] = []
    for i in rows:
        if all_teams[i] not in order:
            order.append(all_teams[i])
    names = dict(zip(all_teams, bands.column("team_name")))
    ax = _axes(ax, (8.0, 0.6 * max(2, len(order)) + 1.2))
    left = [0] * len(order)
    band_col, count_col = bands.column("band"), bands.column("objectives")
    labels = {"red": "red (0–0.3)", "yellow": "yellow (0.4–0.6)", "green": "green (0.7–1.0)", "not_scored": "not scored"}
    for band in ("red", "yellow", "green", "not_scored"):
        widths = [next((count_col[i] for i in rows if all_teams[i] == t and band_col[i] == band), 0) for t in order]
        ax.barh([names[t] or t for t in order], widths, left=left, color=BAND_COLOURS[band], label=labels[band])
        left = [a + b for a, b in zip(left, widths)]
    ax.invert_yaxis()
    ax.set_xlabel("objectives")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title(f"Scores at the close of {cycle}")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncols=4, fontsize=8, frameon=False)
    return ax


def plot_confidence(
    org: Any,
    cycle: str,
    *,
    team: Optional[str] = None,
    every_days: Optional[int] = None,
    dates: Optional[Sequence[_dt.date]] = None,
    ax: Any = None,
) -> Any:
    """Each team's mean confidence (0–10) over ``cycle``: as of each date, the
    mean of its key results' latest confidence (the core's
    :func:`okrkit.confidence_series`). Dates before a team's first confidence
    are left empty, not drawn as zero."""
    table = _okrkit.confidence_series(org, cycle, team=team, every_days=every_days, dates=dates)
    ax = _axes(ax)
    days, teams, names = table.column("date"), table.column("team"), table.column("team_name")
    mean = table.column("mean_confidence")
    drawn = False
    for t in dict.fromkeys(teams):
        idx = [i for i, tt in enumerate(teams) if tt == t]
        ys = [float("nan") if mean[i] is None else mean[i] for i in idx]
        if all(m is None for m in (mean[i] for i in idx)):
            continue
        ax.plot([days[i] for i in idx], ys, marker="o", markersize=3, label=names[idx[0]] or t, gid=t)
        drawn = True
    if not drawn:
        ax.text(0.5, 0.5, "No check-in gives a confidence", transform=ax.transAxes, ha="center", va="center")
    ax.set_ylim(0, 10)
    ax.set_ylabel("mean confidence (0–10)")
    ax.grid(axis="y", alpha=0.3)
    _date_axis(ax)
    ax.set_title(f"Confidence over {cycle}" + (f" — team {team}" if team else " per team"))
    if drawn:
        ax.legend(loc="lower left", fontsize=8, ncols=2)
    return ax


def plot_calibration(org: Any, *, teams: Optional[Sequence[str]] = None, ax: Any = None) -> Any:
    """Each team's mean aspirational score in every cycle (R5): the 0.6–0.7
    sweet spot shaded, 1.0 (goals too safe) and 0.1 (overreaching) marked, and
    the teams calibration flags circled."""
    history = _okrkit.score_history(org)
    flags = _okrkit.calibration(org)
    all_teams = history.column("team")
    _check_teams(teams, all_teams)
    cycles = list(dict.fromkeys(history.column("cycle")))
    cycle_names = dict(zip(history.column("cycle"), history.column("cycle_name")))
    x = {c: i for i, c in enumerate(cycles)}
    ax = _axes(ax)
    ax.axhspan(0.6, 0.7, color="#5cb85c", alpha=0.15, label="stretch sweet spot 0.6–0.7")
    ax.axhline(1.0, color="#f0ad4e", linestyle=":", linewidth=1)
    ax.axhline(0.1, color="#d9534f", linestyle=":", linewidth=1)
    asp, names = history.column("aspirational"), history.column("team_name")
    for t in dict.fromkeys(all_teams):
        if teams is not None and t not in teams:
            continue
        idx = [i for i, tt in enumerate(all_teams) if tt == t and asp[i] is not None]
        if not idx:
            continue
        ax.plot([x[history.column("cycle")[i]] for i in idx], [asp[i] for i in idx], marker="o",
                label=names[idx[0]] or t, gid=t)
    flagged = [(t, c, s, f) for t, c, s, f in zip(flags.column("team"), flags.column("cycle"),
                                                  flags.column("aspirational"), flags.column("flag"))
               if teams is None or t in teams]
    for t, c, s, f in flagged:
        ax.plot([x[c]], [s], marker="o", markersize=14, markerfacecolor="none", markeredgecolor="#a94442",
                linestyle="none", label="_flag")
    if flagged:
        ax.plot([], [], marker="o", markersize=10, markerfacecolor="none", markeredgecolor="#a94442",
                linestyle="none", label="flagged (safe goals / overreaching)")
    ax.set_xticks(range(len(cycles)), [cycle_names.get(c) or c for c in cycles])
    ax.set_xlim(-0.3, max(0.3, len(cycles) - 0.7))
    ax.set_ylim(0, 1.15)
    ax.set_ylabel("mean aspirational score")
    ax.set_title("Stretch calibration per team across cycles (R5)")
    ax.legend(loc="upper left", fontsize=8, ncols=2)
    return ax
