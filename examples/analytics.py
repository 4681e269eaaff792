"""From coded sentences to event data, in Python: a notebook-style walk through heron.analytics.

Run it after `make run` (which codes examples/ into heron.duckdb), or point it at a store of your
own:  uv run python examples/analytics.py [path/to/store.duckdb]

Every function returns a pandas DataFrame (the network: a networkx DiGraph), counts event
clusters — one per happening, however many reports — unless mentions=True, and leaves negated
and hypothetical events out unless include_flagged=True.
"""

import sys
from datetime import date

from heron.analytics import cluster_detail, clusters, copies, network, series, top_dyads

db = sys.argv[1] if len(sys.argv) > 1 else "heron.duckdb"

# %% Which happenings were reported most? One row per event cluster.
top = clusters(db, limit=10).sort_values("n_mentions", ascending=False)
print(top[["cluster_id", "date", "cameo", "actor_code", "recipient_code", "n_mentions"]])

# %% Why were these reports joined? Every member says which member it matched, and why.
detail = cluster_detail(db, int(top["cluster_id"].iloc[0]))
print(detail.summary["sentence_text"])
print(detail.members[["event_id", "via", "reason"]].to_string())

# %% Japan's events toward anyone, by month, with the mean Goldstein score (empty months are 0).
monthly = series(db, actor="JPN", recipient="*", by="month", measure="goldstein",
                 since=date(2024, 1, 1), until=date(2024, 12, 31))
print(monthly)
print("left out (dated too coarsely for a month):", monthly.attrs["left_out"])

# %% Cooperation and conflict between Japan and North Korea, both directions, by year.
quads = series(db, actor="JPN", recipient="PRK", by="year", measure="quad", both_directions=True)
print(quads)

# %% The busiest pairs, and the most conflictual ones.
print(top_dyads(db, top=10))
print(top_dyads(db, top=5, rank="conflict", international=True))

# %% The network of who did what to whom (networkx): e.g. who acts on the most others.
g = network(db)
print(sorted(g.out_degree, key=lambda kv: -kv[1])[:5])

# %% Documents that were copies of others (not coded twice).
print(copies(db))
