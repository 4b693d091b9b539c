#!/usr/bin/env python3
"""The import a curator writes today without trove, into PostgreSQL: json + psycopg 3 COPY.

Each JSONL line is parsed with json.loads; the record goes into `trajectory` (its id and its line as
bytes) and each message into `message` (trajectory, index, role, text), both through COPY in one
transaction, in a schema of its own. With --fts, `message` also gets the search index trove's
PostgreSQL store keeps (a stored tsvector column with a GIN index), so its text is searchable too.

Usage: python3 bench/postgres_import.py FILE.jsonl URL SCHEMA [--fts]   (needs psycopg 3)
"""
import json
import sys

import psycopg

from python_import import messages_of


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    path, url, schema = sys.argv[1], sys.argv[2], sys.argv[3]
    fts = "--fts" in sys.argv[4:]
    count = 0
    with psycopg.connect(url) as db:
        db.execute(f'CREATE SCHEMA "{schema}"')
        db.execute(f'SET search_path = "{schema}"')
        db.execute("CREATE TABLE trajectory (id bigint PRIMARY KEY, external_id text UNIQUE, record bytea NOT NULL)")
        words = ", words tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(text, ''))) STORED" if fts else ""
        db.execute(f"CREATE TABLE message (trajectory_id bigint, idx integer, role text, text text{words})")
        if fts:
            db.execute("CREATE INDEX message_words ON message USING gin (words)")
        with db.cursor() as cursor:
            with cursor.copy("COPY trajectory (id, external_id, record) FROM STDIN") as records, open(
                path, "rb"
            ) as lines:
                messages = []
                for line in lines:
                    if not line.strip():
                        continue
                    record = json.loads(line)
                    count += 1
                    records.write_row((count, record.get("id"), line.rstrip(b"\n")))
                    messages.extend((count, index, role, text) for index, (role, text) in enumerate(messages_of(record)))
            with cursor.copy("COPY message (trajectory_id, idx, role, text) FROM STDIN") as rows:
                for row in messages:
                    rows.write_row(row)
    print(f"{count} records")


if __name__ == "__main__":
    main()
