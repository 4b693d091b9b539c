#!/usr/bin/env python3
"""The import a curator writes today without trove: json + sqlite3, one transaction.

Each JSONL line is parsed with json.loads; the record goes into `trajectory` (its id and its line as
is) and each message into `message` (trajectory, index, role, text). With --fts, `message` is an FTS5
table instead, so its text is searchable like trove's store.

Usage: python3 bench/python_import.py FILE.jsonl STORE.sqlite [--fts]
"""
import json
import sqlite3
import sys


def messages_of(record):
    """The record's messages as (role, text), for ShareGPT-style and OpenAI-style records."""
    for key, role_key, text_key in (("conversations", "from", "value"), ("messages", "role", "content")):
        if isinstance(record.get(key), list):
            return [(m.get(role_key), m.get(text_key)) for m in record[key]]
    return []


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    path, store = sys.argv[1], sys.argv[2]
    fts = "--fts" in sys.argv[3:]
    db = sqlite3.connect(store)
    db.execute("CREATE TABLE trajectory (id INTEGER PRIMARY KEY, external_id TEXT UNIQUE, record TEXT NOT NULL)")
    if fts:
        db.execute(
            "CREATE VIRTUAL TABLE message USING fts5(trajectory_id UNINDEXED, idx UNINDEXED, role UNINDEXED, text)"
        )
    else:
        db.execute("CREATE TABLE message (trajectory_id INTEGER, idx INTEGER, role TEXT, text TEXT)")
    count = 0
    with db, open(path, encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            row = db.execute(
                "INSERT INTO trajectory (external_id, record) VALUES (?, ?)", (record.get("id"), line.rstrip("\n"))
            ).lastrowid
            db.executemany(
                "INSERT INTO message (trajectory_id, idx, role, text) VALUES (?, ?, ?, ?)",
                [(row, index, role, text) for index, (role, text) in enumerate(messages_of(record))],
            )
            count += 1
    db.close()
    print(count)


if __name__ == "__main__":
    main()
