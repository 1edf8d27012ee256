"""An optional matplotlib chart: progress against the expected pace over a cycle.

The numbers are the core's: :meth:`Org.progress_over` computes progress as of
each date (and the expected, linear pace); this module only draws them.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Optional, Sequence

__all__ = ["plot_progress"]


def plot_progress(
    org: Any,
    cycle: str,
    *,
    objective: Optional[str] = None,
    team: Optional[str] = None,
    every_days: int = 7,
    dates: Optional[Sequence[_dt.date]] = None,
    ax: Any = None,
) -> Any:
    """Draws progress (of the cycle, one team or one objective) against the
    expected pace, as of each date of the cycle, and returns the matplotlib Axes.

    Needs matplotlib (``pip install matplotlib``); imported only when called.
    """
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - exercised when matplotlib is absent
        raise ImportError("plot_progress() needs matplotlib: pip install matplotlib") from e

    if dates is None:
        doc_cycles = org.to_dict()["cycles"]
        found = [c for c in doc_cycles if c["id"] == cycle]
        if not found:
            from okrkit.errors import InvalidArgument

            raise InvalidArgument(f"no cycle has id '{cycle}'", code="dangling_reference", path="cycle")
        start = _dt.date.fromisoformat(found[0]["start"])
        end = _dt.date.fromisoformat(found[0]["end"])
        step = max(1, int(every_days))
        dates = [start + _dt.timedelta(days=i) for i in range(0, (end - start).days + 1, step)]
        if dates[-1] != end:
            dates.append(end)
    reports = org.progress_over(list(dates), cycle=cycle)

    def pick(report: Any) -> tuple[Optional[float], Optional[float]]:
        if objective is not None:
            rows = [o for o in report.objectives if o["objective"] == objective]
        elif team is not None:
            rows = [t for t in report.teams if t["team"] == team]
        else:
            rows = report.cycles
        if not rows:
            return None, None
        row = rows[0]
        pace = row.get("pace")
        return row.get("progress"), (pace or {}).get("expected")

    points = [pick(r) for r in reports]
    progress = [p for p, _ in points]
    expected = [e for _, e in points]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4))
    label = objective or team or f"cycle {cycle}"
    ax.plot(list(dates), [None if p is None else p * 100 for p in progress], marker="o", label=f"{label}: progress")
    ax.plot(list(dates), [None if e is None else e * 100 for e in expected], linestyle="--", label="expected pace")
    ax.set_ylim(0, 100)
    ax.set_ylabel("%")
    ax.set_title(f"Progress against expected pace — {label}")
    ax.legend()
    return ax
