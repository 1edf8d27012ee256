# %% [markdown]
# # Seed 004's checkout story, then an organisation-wide audit
#
# A notebook-style walk through okrkit's Python API (cells marked `# %%` open
# as a notebook in VS Code / Jupytext). Run it as a script:
#
#     python examples/python/checkout_audit.py
#
# pandas and matplotlib are optional: the cells that need them say so and are
# skipped when they are absent.

# %%
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import okrkit

DATA = Path(__file__).resolve().parents[1] / "data"
AS_OF = dt.date(2026, 2, 15)

try:
    import pandas as pd

    pd.set_option("display.width", 140)
except ImportError:  # pragma: no cover - pandas is optional
    pd = None

# %% [markdown]
# ## 1. Blended: two metrics and two things to build, all written as key results
#
# The team wrote "Build a tool to remind people of their shopping cart" and
# "Integrate sign-in via Amazon" as key results. The classifier and lint say
# they are outputs (R1); counting them as done / not done blends work with
# results.

# %%
blended = okrkit.load(DATA / "checkout_blended.json")
for kr in blended.to_dict()["objectives"][0]["key_results"]:
    c = okrkit.classify(kr["title"], structure=kr["measure"]["type"])
    print(f"  {c.kind.value:<7} {c.confidence:.2f}  {kr['title']}")

lint = okrkit.lint(blended)
print(lint)
for f in lint.findings:
    print(f"  {f['severity']:<7} {f['code']:<22} {f['path']} ({f['design_rule']})")

counted = blended.progress(as_of=AS_OF, milestones=okrkit.MilestonePolicy.COUNT_AS_IMPORTED)
default = blended.progress(as_of=AS_OF)
o_counted, o_default = counted.objectives[0], default.objectives[0]
print(f"counting milestones as done/not done: {o_counted['progress']:.1%}")
print(f"okrkit's default leaves them out and says so: {o_default['progress']:.1%} "
      f"({o_default['left_out']} key results left out)")

# %% [markdown]
# ## 2. Separated: the metrics are the key results; the work is initiatives (R2, R3)

# %%
checkout = okrkit.load(DATA / "checkout.json")
report = checkout.progress(as_of=AS_OF)
objective = report.objectives[0]
for k in objective["key_results"]:
    print(f"  {k['key_result']:<14} value {k['value']!s:>6}  progress {k['progress']:.1%}  ({k['value_source']})")
pace = objective["pace"]
print(f"objective {objective['progress']:.1%} against {pace['expected']:.1%} expected by the calendar: "
      f"{okrkit.PaceStatus(pace['status']).name}")
for i in checkout.to_dict()["initiatives"]:
    print(f"  initiative {i['title']!r} ({i['status']}) moves {i['key_results']} but never counts in progress")
if pd is not None:
    print(report.to_pandas("key_results")[["key_result", "value", "attainment", "progress", "value_source"]])

# %% [markdown]
# ## 3. The target changes only by renegotiation, and the history is kept (R4)

# %%
ledger = okrkit.Ledger()
team, approver = okrkit.Actor("mara", "checkout"), okrkit.Actor("lena", "shop")
doc = checkout.to_dict()
people = {p["id"] for p in doc.get("people", [])}
doc.setdefault("people", []).extend({"id": p, "name": p.title()} for p in ("mara", "lena") if p not in people)
# Lena (importing, so an admin) records who belongs to which team and that she agreed.
ledger.import_document("2026-01-05T09:00:00Z", approver, doc,
                       agreed=[{"team": o["team"], "cycle": o["cycle"], "agreed_by": "lena"} for o in doc["objectives"]],
                       roles={"members": [{"team": "checkout", "person": "mara"}, {"team": "shop", "person": "lena"}]})
kr = doc["objectives"][0]["key_results"][0]
proposal = ledger.propose_change("2026-02-10T09:00:00Z", team,
                                 {"kind": "target", "key_result": kr["id"], "target": kr["measure"]["target"] - 2},
                                 "The payment provider migration slipped a month")
try:
    ledger.accept("2026-02-10T10:00:00Z", team, proposal["id"])
except okrkit.LedgerRefused as e:
    print(f"refused ({e.code}): a team cannot accept its own proposal")
ledger.accept("2026-02-11T09:00:00Z", approver, proposal["id"])
for v in ledger.history(kr["id"]).versions:
    print(f"  {v['at'][:10]} {v['event']:<16} target {v['measure'].get('target')}  {v['reason'] or ''}")
print(ledger.verify())

# %% [markdown]
# ## 4. Organisation-wide audit of examples/data/org.json

# %%
org = okrkit.load(DATA / "org.json")
print(org)
audit = org.lint(as_of=dt.date(2026, 3, 20))
print(audit)
outputs = [f for f in audit.findings if f["code"] in ("output_key_result", "milestone_key_result")]
print(f"{len(outputs)} key results are really tasks:")
for f in outputs:
    print(f"  {f['path']}: {f['suggestion'] or f['message']}")

progress = org.progress(as_of=AS_OF)
behind = [o for o in progress.objectives if o["pace"] and o["pace"]["status"] == okrkit.PaceStatus.BEHIND]
print(f"{len(behind)} objectives behind the calendar as of {AS_OF}: {[o['objective'] for o in behind]}")
for t in progress.teams:
    p = "—" if t["progress"] is None else f"{t['progress']:.1%}"
    print(f"  {t['cycle']} {t['team']:<12} {p}")

for cycle in org.cycles:
    score = org.score_cycle(cycle)
    needs = [o["objective"] for o in score.objectives if o["explanation_required"]]
    print(f"{score}: explanation required for {needs}")
print("calibration flags (safe goals / overreaching):", org.calibrate())

health = org.health("2026-Q1", as_of=AS_OF)
print(health)
print(f"  outcome share {health.organisation['outcome_share']:.0%}, "
      f"stale key results {health.organisation['stale_key_results']}")
if pd is not None:
    print(health.to_pandas()[["scope", "team", "objectives", "key_results", "outcome_share", "mean_confidence"]])

# %% [markdown]
# ## 5. Progress against expected pace (matplotlib, optional)

# %%
try:
    import matplotlib

    matplotlib.use(os.environ.get("MPLBACKEND", "Agg"))
    ax = okrkit.plot_progress(org, "2026-Q1", every_days=7)
    print(f"chart: {ax.get_title()}")
except ImportError:
    print("matplotlib is not installed: skipping the chart")
