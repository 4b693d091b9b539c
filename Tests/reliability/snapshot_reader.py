#!/usr/bin/env python3
"""Reads a trove store in a loop, as a trainer would, while reviewers write to it.

Usage: snapshot_reader.py STORE STOP_FILE

Each read is one snapshot (one read transaction) that checks what every committed
`trove label` run of the concurrency test keeps true: labels come in pairs, so the
number of label events and of accepted trajectories is even; each trajectory's
label_current row is its latest label_event; accepted_trajectory agrees with
label_current. Runs until STOP_FILE exists (at least one read), then prints one
JSON line: {"reads": N, "errors": [...], "inconsistent": [...]}.
Uses only the standard library and the documented read-only URI (docs/store.md).
"""
import json
import os
import sqlite3
import sys


def read_once(db):
    db.execute("BEGIN")
    try:
        events = db.execute("SELECT count(*) FROM label_event").fetchone()[0]
        accepted = db.execute("SELECT count(*) FROM accepted_trajectory").fetchone()[0]
        current_accepted = db.execute(
            "SELECT count(*) FROM label_current WHERE status = 'accepted'").fetchone()[0]
        stale = db.execute(
            """SELECT count(*) FROM label_current c
               WHERE c.event_id <> (SELECT max(id) FROM label_event e WHERE e.trajectory_id = c.trajectory_id)"""
        ).fetchone()[0]
        records = db.execute("SELECT record FROM accepted_trajectory ORDER BY id").fetchall()
        for (record,) in records:
            json.loads(record)
    finally:
        db.execute("COMMIT")
    problems = []
    if events % 2:
        problems.append(f"odd number of label events: {events}")
    if accepted % 2:
        problems.append(f"odd number of accepted trajectories: {accepted}")
    if accepted != current_accepted:
        problems.append(f"accepted_trajectory {accepted} != label_current accepted {current_accepted}")
    if stale:
        problems.append(f"{stale} label_current rows are not the latest event")
    return problems


def main():
    store, stop_file = sys.argv[1], sys.argv[2]
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True, isolation_level=None)
    reads, errors, inconsistent = 0, [], []
    while True:
        stopping = os.path.exists(stop_file)
        try:
            inconsistent += read_once(db)
            reads += 1
        except sqlite3.Error as error:
            errors.append(str(error))
            if db.in_transaction:
                db.execute("ROLLBACK")
        if stopping:
            break
    print(json.dumps({"reads": reads, "errors": errors[:20], "inconsistent": inconsistent[:20]}))


if __name__ == "__main__":
    main()
