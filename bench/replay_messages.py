"""Prices storing messages as rows against one column per trajectory (issue 17, DECISIONS.md 70).

    python3 bench/replay_messages.py STORE.sqlite DEST.sqlite rows|column|none

Replays the rows of a trove store (`trove-bench --only import --keep DIR` leaves one) into an empty
store with its schema, 2,000 trajectories a transaction, each table through INSERT ... SELECT so that
only SQLite's work is timed: `rows` writes `message_row` as trove does, `column` each trajectory's
messages as one JSON array in a `trajectory.messages` column instead, `none` no messages. Trajectories,
texts, text uses and flags are written alike in all three; the FTS5 index is left out.
"""
import sqlite3, sys, time, os
src, dest, variant = sys.argv[1], sys.argv[2], sys.argv[3]
if os.path.exists(dest): os.remove(dest)
d = sqlite3.connect(dest, isolation_level=None)
d.execute("PRAGMA page_size = 16384"); d.execute("PRAGMA journal_mode = WAL"); d.execute("PRAGMA cache_size = -32768")
d.execute("ATTACH ? AS src", (src,))
for name, sql in d.execute("SELECT name, sql FROM src.sqlite_master WHERE type IN ('table','index') AND sql IS NOT NULL AND name NOT LIKE 'message_fts%' AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, rowid").fetchall():
    d.execute(sql)
if variant == "column":
    d.execute("ALTER TABLE main.trajectory ADD COLUMN messages TEXT")
d.execute("CREATE TEMP TABLE owner_of AS SELECT x.id, coalesce(x.trajectory_id, (SELECT min(u.trajectory_id) FROM src.text_use u WHERE u.text_id = x.id)) AS owner FROM src.message_text x")
d.execute("CREATE INDEX temp.owner_idx ON owner_of(owner, id)")
tcols = ", ".join(r[1] for r in d.execute("PRAGMA src.table_info(trajectory)"))
ids = [r[0] for r in d.execute("SELECT id FROM src.trajectory ORDER BY id")]
cpu = 0.0
for start in range(0, len(ids), 2000):
    lo, hi = ids[start], ids[min(start + 1999, len(ids) - 1)]
    t0 = time.process_time()
    d.execute("BEGIN")
    if variant == "column":
        d.execute(f"INSERT INTO main.trajectory ({tcols}, messages) SELECT {tcols}, (SELECT json_group_array(json_array(role, original_role, text_id, loss, turn, tool_calls, tool_call_id)) FROM (SELECT * FROM src.message_row r WHERE r.trajectory_id = t.id ORDER BY idx)) FROM src.trajectory t WHERE id BETWEEN ? AND ? ORDER BY id", (lo, hi))
    else:
        d.execute(f"INSERT INTO main.trajectory ({tcols}) SELECT {tcols} FROM src.trajectory WHERE id BETWEEN ? AND ? ORDER BY id", (lo, hi))
    d.execute("INSERT INTO main.message_text SELECT x.* FROM src.message_text x JOIN owner_of o USING (id) WHERE o.owner BETWEEN ? AND ? ORDER BY x.id", (lo, hi))
    if variant == "rows":
        d.execute("INSERT INTO main.message_row SELECT * FROM src.message_row WHERE trajectory_id BETWEEN ? AND ? ORDER BY trajectory_id, idx", (lo, hi))
    d.execute("INSERT INTO main.text_use SELECT * FROM src.text_use WHERE trajectory_id BETWEEN ? AND ? ORDER BY 1, 2", (lo, hi))
    d.execute("INSERT INTO main.trajectory_flag SELECT * FROM src.trajectory_flag WHERE trajectory_id BETWEEN ? AND ?", (lo, hi))
    d.execute("COMMIT")
    cpu += time.process_time() - t0
print(f"{variant}: {cpu:.2f} s CPU, {len(ids)} trajectories, {os.path.getsize(dest) / 1e6:.0f} MB")
