#!/usr/bin/env bash
# End-to-end test of step-level curation in a real terminal (tmux): open a trajectory, select its first
# step, mask its agent turn with `m`, correct it with `e` (EDITOR is a script that rewrites the file),
# accept the trajectory; then check the store with sqlite3 and the sharegpt, openai and agentinstruct
# exports with python3 (the masked turn is untrained and corrected, the manifest counts both), and that
# Backspace in a second session takes all of it back.
#
# Usage: Tests/e2e/review-step.sh [path/to/trove]   (default .build/debug/trove)
# Prints one line per check and `N passed, N failed` last; exits non-zero on any failure.
set -u
TROVE=$(realpath "${1:-.build/debug/trove}")
E2E_NAME=step
SESSION=step
# shellcheck source=Tests/e2e/e2e-lib.sh
source "$(dirname "$0")/e2e-lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

# Waits up to 10 s for the session to end.
wait_exit() {
    for _ in $(seq 1 100); do tm has-session -t step 2>/dev/null || return 0; sleep 0.1; done
    return 1
}

# json FILE EXPRESSION: prints EXPRESSION of the first JSON line of FILE (`d` is the line, parsed).
json() { python3 -c "import json, sys; d = json.loads(open(sys.argv[1]).readline()); print($2)" "$1"; }

require_tools tmux sqlite3 python3
require_trove

# The "editor": rewrites the turn's thought in the file it is given, as a reviewer would in vi, and
# notes the file's path and mode.
printf '#!/bin/sh\nstat -c "%%a %%n" "$1" >"%s/editor.seen"\nsed -i "s/I should count the rows./I count the singers./" "$1"\n' \
    "$WORK" >"$WORK/editor.sh"
chmod +x "$WORK/editor.sh"

STORE="$WORK/step.sqlite"
"$TROVE" import --store "$STORE" -q "$ROOT/fixtures/import/db-small.jsonl" >/dev/null 2>&1
check "fixture imported" test "$(sql "SELECT count(*) FROM trajectory WHERE external_id = 'db_0'")" = 1

# --- Session 1: open db_0, select step 1, mask its turn, accept ---------------------------------------
tm new-session -d -s step -x 100 -y 30 \
    "VISUAL= EDITOR='$WORK/editor.sh' TERM=xterm-256color '$TROVE' review --store '$STORE' --reviewer e2e"
check "list screen shows" wait_for "pending"
tm send-keys -t step Enter
check "db_0 opens" wait_for "Step 1/"
tm send-keys -t step ']' m
check "the mask is saved" wait_for "mask step 1 (turn 3) of db_0 (saved)"
check "the step heading marks it" wait_for "masked: not trained"
tm send-keys -t step e
check "the correction is saved" wait_for "edit step 1 (turn 3) of db_0 (saved)"
check "the step heading says it is corrected" wait_for "corrected (d diff)"
check "the step shows the corrected thought" wait_for "I count the singers."
check "the editor's file was private (0600)" test "$(cut -d' ' -f1 "$WORK/editor.seen")" = 600
check "the editor's file is gone" test ! -e "$(cut -d' ' -f2- "$WORK/editor.seen")"
tm send-keys -t step a
check "accept shows on screen" wait_for "accepted db_0 (saved)"
tm send-keys -t step q q
check "quit ends the session" wait_exit
check "two turn events by e2e from the ui: the mask, then the correction (which keeps it)" \
    test "$(sql "SELECT group_concat(train || ':' || (text IS NOT NULL), ' ') FROM turn_event WHERE reviewer = 'e2e' AND origin = 'ui' AND turn = 3 ORDER BY id")" = "0:0 0:1"
check "the message keeps the imported text" \
    test "$(sql "SELECT count(*) FROM message m JOIN trajectory t ON t.id = m.trajectory_id WHERE t.external_id = 'db_0' AND m.idx = 3 AND m.text LIKE 'I should count the rows.%'")" = 1
check "turn_label holds the correction" \
    test "$(sql "SELECT count(*) FROM turn_label WHERE turn = 3 AND edited = 1 AND text LIKE 'I count the singers.%'")" = 1
check "turn_label says turn 3 is masked" \
    test "$(sql "SELECT masked FROM turn_label l JOIN trajectory t ON t.id = l.trajectory_id WHERE t.external_id = 'db_0' AND l.turn = 3")" = 1
check "the masked filter finds db_0" test "$("$TROVE" export --store "$STORE" --where masked --format sharegpt --dry-run 2>&1 | grep -c '^db ')" = 1

# --- The exports ---------------------------------------------------------------------------------------
"$TROVE" export --store "$STORE" --format sharegpt --out "$WORK/agent.jsonl" 2>/dev/null
check "sharegpt: the masked turn has loss false" test "$(json "$WORK/agent.jsonl" 'd["conversations"][3]["loss"]')" = False
check "sharegpt: the next agent turn still trains" test "$(json "$WORK/agent.jsonl" 'd["conversations"][5]["loss"]')" = True
check "sharegpt: the turn has the corrected text" \
    test "$(json "$WORK/agent.jsonl" 'd["conversations"][3]["value"].startswith("I count the singers.")')" = True
check "the manifest counts the masked turn" test "$(json "$WORK/agent.jsonl.manifest.json" 'd["masked_turns"]')" = 1
check "the manifest counts the corrected turn" test "$(json "$WORK/agent.jsonl.manifest.json" 'd["edited_turns"]')" = 1
"$TROVE" export --store "$STORE" --format openai --out "$WORK/openai.jsonl" 2>/dev/null
check "openai: the masked turn has weight 0" test "$(json "$WORK/openai.jsonl" 'd["messages"][3].get("weight")')" = 0
"$TROVE" export --store "$STORE" --format agentinstruct --out "$WORK/plain.jsonl" 2>/dev/null
check "agentinstruct stays byte-identical to the import" \
    cmp -s "$WORK/plain.jsonl" <(head -n 1 "$ROOT/fixtures/import/db-small.jsonl")
check "its manifest says the masks and corrections were left out" \
    test "$(json "$WORK/plain.jsonl.manifest.json" '(d["masks_written"], d["edits_written"])')" = "(False, False)"
# The corrected turn is masked too: a DPO pair would train on it, so none is written, and stderr says so.
"$TROVE" export --store "$STORE" --format dpo --pairs edits --out "$WORK/pairs.jsonl" 2>"$WORK/pairs.err"
check "dpo --pairs edits: a masked correction makes no pair" test "$(wc -l < "$WORK/pairs.jsonl")" = 0
check "dpo --pairs edits: and the run is named" grep -q "masked.*: db_0\. The manifest counts them as left_out_masked" "$WORK/pairs.err"

# --- Session 2: Backspace undoes the accept, the correction, then the mask --------------------------------
tm new-session -d -s step -x 100 -y 30 "TERM=xterm-256color '$TROVE' review --store '$STORE' --reviewer e2e"
check "the list shows again" wait_for "accepted"
tm send-keys -t step BSpace
check "the accept is undone" wait_for "undone: accept of db_0"
tm send-keys -t step BSpace
check "the correction is undone" wait_for "undone: edit turn 3 on db_0"
tm send-keys -t step BSpace
check "the mask is undone" wait_for "undone: mask turn 3 on db_0"
tm send-keys -t step q
wait_exit
check "no turn is masked or corrected any more" test "$(sql "SELECT count(*) FROM turn_label")" = 0

finish
