#!/usr/bin/env bash
# End-to-end test of `trove label` as one batch and of search scopes (issue 10 items 4 and 6), on
# synthetic AgentInstruct data: `--dry-run` writes nothing; a `--where` label is one batch that one
# `--undo` takes back and one `--redo` brings back; a change that changes nothing writes nothing; a
# batch over 100 trajectories asks on a terminal (tmux) and changes nothing on "n", while `--yes` and
# a non-terminal stdin do not ask; `has:` does not match the prompt every record shares, `context:`
# does, and `action:` / `observation:` search one part of the steps.
#
# Usage: Tests/e2e/cli-labels.sh [path/to/trove]   (default .build/debug/trove)
# Prints one line per check and `N passed, N failed` last; exits non-zero on any failure.
set -u
TROVE=$(realpath "${1:-.build/debug/trove}")
E2E_NAME=cli-labels
SESSION=labels
# shellcheck source=Tests/e2e/e2e-lib.sh
source "$(dirname "$0")/e2e-lib.sh"
require_tools tmux sqlite3
require_trove

STORE=$WORK/store.sqlite
export TROVE_REVIEWER=e2e
"$TROVE" synth --count 240 --seed 3 --task db --task os --out "$WORK/synth.jsonl" >/dev/null 2>&1
"$TROVE" import --store "$STORE" --quiet "$WORK/synth.jsonl" >/dev/null 2>&1
events() { sql 'SELECT count(*) FROM label_event'; }
db_count=$(sql "SELECT count(*) FROM trajectory WHERE task = 'db'")
check "the store holds over 100 db trajectories ($db_count)" test "$db_count" -gt 100

# Item 4: dry run, one batch, undo and redo whole, no-op.
out=$("$TROVE" label --store "$STORE" --where 'task:db' --reject --dry-run)
check "--dry-run says how many would change" grep -qx "would label $db_count trajectories: rejected" <<<"$out"
check "--dry-run lists the first ids" test "$(grep -c '^  ' <<<"$out")" -ge 10
check "--dry-run writes nothing" test "$(events)" = 0
out=$("$TROVE" label --store "$STORE" --where 'task:db' --reject </dev/null)
check "without a terminal on stdin the batch runs unasked" \
    grep -qx "labeled $db_count trajectories: rejected (by e2e)" <<<"$out"
check "the batch is one label_batch row" test "$(sql 'SELECT count(*) FROM label_batch')" = 1
check "every event names that batch" \
    test "$(sql 'SELECT count(DISTINCT batch) || "/" || count(*) FROM label_event')" = "1/$db_count"
out=$("$TROVE" label --store "$STORE" --where 'task:db' --reject </dev/null)
check "a change that changes nothing says so" grep -q "^no change" <<<"$out"
check "and writes nothing" test "$(events)" = "$db_count"
out=$("$TROVE" label --store "$STORE" --undo)
check "one undo takes back the whole batch" grep -qx "undone: reject of $db_count trajectories" <<<"$out"
check "every db trajectory is pending again" \
    test "$(sql "SELECT count(*) FROM trajectory_review WHERE task = 'db' AND status = 'pending'")" = "$db_count"
out=$("$TROVE" label --store "$STORE" --redo)
check "one redo brings it back" grep -qx "redone: reject of $db_count trajectories" <<<"$out"
check "every db trajectory is rejected again" \
    test "$(sql "SELECT count(*) FROM trajectory_review WHERE task = 'db' AND status = 'rejected'")" = "$db_count"
out=$(env -u TROVE_REVIEWER USER= "$TROVE" label --store "$STORE" --where 'task:os' --accept </dev/null 2>&1)
check "with no reviewer known, label asks for --reviewer" grep -q "give --reviewer" <<<"$out"

# Item 4: a batch over 100 trajectories from a terminal asks first.
before=$(events)
tm new-session -d -s "$SESSION" -x 120 -y 30 \
    "TROVE_REVIEWER=e2e '$TROVE' label --store '$STORE' --where 'task:db' --accept; echo exit=\$?; sleep 30"
check "a terminal is asked to confirm" wait_for "label $db_count trajectories: accepted? [y/N]"
tm send-keys -t "$SESSION" n Enter
check "answering n exits 1" wait_for "exit=1"
check "answering n changes nothing" test "$(events)" = "$before"
tm kill-session -t "$SESSION"
tm new-session -d -s "$SESSION" -x 120 -y 30 \
    "TROVE_REVIEWER=e2e '$TROVE' label --store '$STORE' --where 'task:db' --accept; echo exit=\$?; sleep 30"
wait_for "[y/N]" >/dev/null
tm send-keys -t "$SESSION" y Enter
check "answering y labels the batch" wait_for "labeled $db_count trajectories: accepted (by e2e)"
tm kill-session -t "$SESSION"
tm new-session -d -s "$SESSION" -x 120 -y 30 \
    "TROVE_REVIEWER=e2e '$TROVE' label --store '$STORE' --where 'task:db' --pending --yes; echo exit=\$?; sleep 30"
check "--yes does not ask" wait_for "labeled $db_count trajectories: pending (by e2e)"
tm kill-session -t "$SESSION"

# Item 6: search scopes.
count() { "$TROVE" label --store "$STORE" --where "$1" --accept --dry-run | head -1 | sed -E 's/^would label ([0-9]+) .*/\1/'; }
prompt_phrase='operate a MySQL database'
check "context: finds the prompt every db record shares" test "$(count "context:\"$prompt_phrase\"")" = "$db_count"
check "has: does not match the shared prompt" test "$(count "has:\"$prompt_phrase\"")" = 0
check "has: finds text in the trajectories' own turns" test "$(count 'has:SELECT')" -gt 0
check "action: finds SQL in actions" test "$(count 'action:SELECT')" -gt 0
check "observation: finds fewer than action: for a SQL keyword" \
    test "$(count 'observation:SELECT')" -lt "$(count 'action:SELECT')"
check "has: covers every part" test "$(count 'has:SELECT')" -ge "$(count 'action:SELECT')"
finish
