# %% [markdown]
# # An analyst's tour: load, audit, chart
#
# A notebook-style script (cells marked `# %%` open as a notebook in VS Code /
# Jupytext). Every number comes from okrkit's core; pandas, polars and
# matplotlib only hold and draw them. Run it as a script; the charts are
# written as PNG files:
#
#     python examples/python/notebook_tour.py [chart-directory]
#
# (default directory: `okrkit-charts` under the system's temporary directory).
# Needs pandas and matplotlib (`pip install okrkit[pandas,plot]`); polars is used
# when installed.

# %%
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use(os.environ.get("MPLBACKEND", "Agg"))
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

import okrkit  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data"
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.gettempdir()) / "okrkit-charts"
OUT.mkdir(parents=True, exist_ok=True)
pd.set_option("display.width", 160)
pd.set_option("display.max_columns", 12)

org = okrkit.load(DATA / "org.json")
print(org)

# %% [markdown]
# ## 1. Progress: one typed table per level, with titles, names and percents
#
# `to_pandas()` gives the same columns and dtypes whatever the data
# (`okrkit.table_schema("progress.key_results")` documents them).

# %%
progress = org.progress(as_of="2026-02-15")
print(progress)  # a terminal view that fits 100 columns
krs = progress.to_pandas("key_results")
print(krs[["team_name", "key_result", "title", "unit", "value", "progress_pct"]].head(8))
print(krs.dtypes.value_counts().to_dict())
behind = progress.to_pandas()
print(behind.loc[behind["pace_status"] == "behind", ["team_name", "title", "progress_pct", "expected_pct"]])

# %% [markdown]
# ## 2. Lint findings joined to the progress table and grouped by team

# %%
findings = org.lint(as_of="2026-03-20").to_pandas()
on_krs = findings.dropna(subset=["key_result"]).merge(
    krs[["key_result", "progress_pct"]], on="key_result", how="left"
)
print(on_krs[["team_name", "code", "key_result", "title", "progress_pct"]])
print(findings.groupby("team_name")["code"].count().rename("findings"))

# %% [markdown]
# ## 3. Many statements classified at once (R1): a frame, at the core's speed

# %%
titles = krs["title"].tolist()
classified = okrkit.classify_many(titles, structures=krs["measure"].tolist())
print(classified[["text", "kind", "confidence", "top_signal", "top_signal_matched"]].head(8))
print(classified["kind"].value_counts().to_dict())
try:
    import polars as pl  # noqa: F401

    print(okrkit.classify_many(titles, frame="polars").group_by("kind").len().sort("kind"))
except ImportError:
    print("polars is not installed: skipping the polars frame")

# %% [markdown]
# ## 4. Charts for the leadership meeting
#
# Each chart reads a core table; an unknown team or cycle raises
# `okrkit.InvalidArgument` instead of drawing an empty chart.

# %%
fig, axes = plt.subplots(2, 2, figsize=(13, 8), layout="constrained")
okrkit.plot_progress(org, "2026-Q1", team="web", ax=axes[0][0])
okrkit.plot_score_bands(org, "2026-Q1", ax=axes[0][1])
okrkit.plot_confidence(org, "2026-Q1", ax=axes[1][0])
okrkit.plot_calibration(org, ax=axes[1][1])
fig.savefig(OUT / "dashboard.png", dpi=90)

fig, axes = plt.subplots(1, 3, figsize=(13, 3.5), layout="constrained", sharey=True)
for ax, team in zip(axes, ["web", "mobile", "platform"]):
    okrkit.plot_progress(org, "2026-Q1", team=team, ax=ax, every_days=3)
fig.savefig(OUT / "progress_by_team.png", dpi=90)

# A document without check-in history: the chart says so instead of drawing a flat line.
no_history = org.to_dict()
no_history["check_ins"] = []
ax = okrkit.plot_progress(okrkit.load(no_history), "2026-Q1", team="web")
ax.figure.savefig(OUT / "progress_without_history.png", dpi=90)

try:
    okrkit.plot_progress(org, "2026-Q1", team="Checkout")
except okrkit.InvalidArgument as e:
    print(f"refused ({e.code}): {e}")

plt.close("all")
for png in sorted(OUT.glob("*.png")):
    print(f"chart: {png}")
