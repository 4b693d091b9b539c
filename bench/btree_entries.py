"""Counts, per trajectory, the rows and index entries a trove store holds: each is one B-tree insert at import.

    python3 bench/btree_entries.py STORE.sqlite
"""
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = db.execute("SELECT count(*) FROM trajectory").fetchone()[0]
m = db.execute("SELECT count(*) FROM message_row").fetchone()[0]
print(f"trajectories {n}, messages {m} ({m/n:.1f} per record)")
tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'message_fts_%' AND name <> 'message_fts'")]
total = 0.0
for t in tables:
    rows = db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
    if rows == 0: continue
    line = [f"{t}: {rows/n:.2f} rows"]
    total += rows / n
    for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name=?", (t,)):
        if sql is None:
            entries = rows  # automatic (UNIQUE / PRIMARY KEY of a rowid table)
        elif " WHERE " in sql.upper():
            where = sql[sql.upper().index(" WHERE ") + 7:]
            entries = db.execute(f'SELECT count(*) FROM "{t}" WHERE {where}').fetchone()[0]
        else:
            entries = rows
        line.append(f"{name} {entries/n:.2f}")
        total += entries / n
    print("; ".join(line))
for t in ["message_fts_data", "message_fts_idx", "message_fts_docsize"]:
    rows = db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
    print(f"{t}: {rows/n:.3f} rows per record ({rows})")
docs = db.execute("SELECT count(*) FROM message_fts_docsize").fetchone()[0]
print(f"total rows + index entries per record, FTS5 docsize rows included: {total + docs/n:.1f}")
priv = db.execute("SELECT count(*) FROM message_text WHERE trajectory_id IS NOT NULL").fetchone()[0]
shared = db.execute("SELECT count(*) FROM message_text WHERE trajectory_id IS NULL").fetchone()[0]
print(f"private texts {priv/n:.2f}/record, shared texts {shared} total")
