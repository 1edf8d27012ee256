"""Writes a ledger of one import and N `draft_objective` entries (red team
finding 5; BENCHMARKS.md, "Ledger: drafts validated alone").

Usage: python benches/python/ledger_drafts.py N OUT.jsonl, then
`okrkit ledger verify OUT.jsonl` (release build) to time the replay."""
import okrkit, datetime as dt, sys
from okrkit import Actor
n = int(sys.argv[1])
doc = {"schema_version": 1, "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
  "teams": [{"id": "shop", "name": "Shop"}, {"id": "web", "name": "Web", "parent": "shop"}],
  "people": [{"id": "ana", "name": "Ana"}, {"id": "bo", "name": "Bo"}], "objectives": []}
L = okrkit.Ledger()
L.import_document("2026-01-02T00:00:00Z", Actor("bo","shop"), doc, roles={"members": [{"team":"web","person":"ana"},{"team":"shop","person":"bo"}]})
t0 = dt.datetime(2026,1,3)
for i in range(n):
    L.draft_objective(t0 + dt.timedelta(seconds=i), Actor("ana","web"), {"id": f"o{i}", "title": f"Objective {i}", "team": "web", "cycle": "q1",
       "key_results": [{"id": f"k{i}", "title": f"Conversion {i}", "measure": {"type":"metric","baseline":0,"target":10}}]})
open(sys.argv[2], "w").write(L.to_jsonl())
