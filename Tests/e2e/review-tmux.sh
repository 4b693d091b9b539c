#!/usr/bin/env bash
# End-to-end test of `trove review` in a real terminal (tmux): open a trajectory, accept it, set a
# reward, quit; then check the screen and the store with sqlite3. A second run accepts and kill -9s
# trove right after the screen shows it, and checks the label survived. Then two assigned reviewers
# review blind: the second sees the first's label only after deciding, and their disagreement is disputed.
#
# With E2E_POSTGRES set to a server's URL (`.ci/run` passes its throwaway server's), the same script runs
# against PostgreSQL stores (a schema of their own each, dropped at the end, checked with psql), and a
# label written by another process reaches the open screen through LISTEN/NOTIFY.
#
# Usage: [E2E_POSTGRES=postgresql://…] Tests/e2e/review-tmux.sh [path/to/trove]   (default .build/debug/trove)
# Prints one line per check and `N passed, N failed` last; exits non-zero on any failure.
set -u
TROVE=$(realpath "${1:-.build/debug/trove}")
E2E_NAME=e2e
SESSION=e2e
# shellcheck source=Tests/e2e/e2e-lib.sh
source "$(dirname "$0")/e2e-lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

# Whether the screen does not show the fixed text now.
not_on_screen() { ! tm capture-pane -p -t e2e | grep -qF -- "$1"; }

# Waits up to 10 s for the session to end.
wait_exit() {
    for _ in $(seq 1 100); do tm has-session -t e2e 2>/dev/null || return 0; sleep 0.1; done
    return 1
}

require_trove
SCHEMAS=()
if [[ -n ${E2E_POSTGRES:-} ]]; then
    require_tools tmux psql
    # new_store NAME: STORE becomes a store in a schema of its own on the server.
    new_store() {
        local schema="e2e_$1_$$"
        SCHEMAS+=("$schema")
        local separator='?'; [[ $E2E_POSTGRES == *'?'* ]] && separator='&'
        STORE="$E2E_POSTGRES${separator}options=-csearch_path%3D$schema"
    }
    sql() { psql "$STORE" -XAtq -c "$1"; }
else
    require_tools tmux sqlite3
    new_store() { STORE="$WORK/$1.sqlite"; }
fi

new_store e2e
SOLO_STORE=$STORE
"$TROVE" import --store "$STORE" -q "$ROOT"/fixtures/dialects/*.json >/dev/null 2>&1
check "fixtures imported" test "$(sql 'SELECT count(*) FROM trajectory')" -gt 0
FIRST=$(sql 'SELECT external_id FROM trajectory ORDER BY id LIMIT 1')

# --- Session 1: open, accept, set a reward, quit --------------------------------------------------
tm new-session -d -s e2e -x 100 -y 30 "TERM=xterm-256color '$TROVE' review --store '$STORE' --reviewer e2e"
check "list screen shows" wait_for "18 pending"
tm send-keys -t e2e Enter
check "trajectory screen shows the first step" wait_for "Step 1/"
check "trajectory screen shows an action" wait_for "Action"
tm send-keys -t e2e a
check "accept shows on screen" wait_for "accepted $FIRST (saved)"
# After accepting, the screen moves to the next pending trajectory; label it with a reward.
SECOND=$(sql "SELECT external_id FROM trajectory ORDER BY id LIMIT 1 OFFSET 1")
check "moved to the next pending trajectory" wait_for "$SECOND ·"
tm send-keys -t e2e r
check "reward prompt opens" wait_for "reward (0..1):"
tm send-keys -t e2e 2 Enter
check "a bad reward gets an inline message" wait_for "is not a reward"
tm send-keys -t e2e BSpace 0.5 Enter
check "reward shows on screen" wait_for "reward 0.50 for $SECOND (saved)"
tm send-keys -t e2e q
check "back on the list" wait_for "✓1 accepted"
tm send-keys -t e2e q
check "quit ends the session" wait_exit
check "accepted label stored" test "$(sql "SELECT status FROM trajectory_review WHERE external_id = '$FIRST'")" = accepted
check "reward stored" test "$(sql "SELECT review_reward FROM trajectory_review WHERE external_id = '$SECOND'")" = 0.5
check "label events by e2e" test "$(sql "SELECT count(*) FROM label_event WHERE reviewer = 'e2e' AND origin = 'ui'")" = 2
check "position saved for e2e" test -n "$(sql "SELECT trajectory_external_id FROM review_state WHERE reviewer = 'e2e'")"

# --- Session 2: accept, then kill -9 as soon as the screen shows it ---------------------------------
tm new-session -d -s e2e -x 100 -y 30 "TERM=xterm-256color '$TROVE' review --store '$STORE' --reviewer e2e"
check "reopened list shows" wait_for "✓1 accepted"
CURRENT=$(sql "SELECT trajectory_external_id FROM review_state WHERE reviewer = 'e2e'")
tm send-keys -t e2e x
check "reject shows on screen" wait_for "rejected $CURRENT (saved)"
PID=$(tm list-panes -t e2e -F '#{pane_pid}')
TROVE_PID=$(pgrep -P "$PID" -x trove || echo "$PID")
kill -9 "$TROVE_PID" 2>/dev/null
check "label survives kill -9" test "$(sql "SELECT status FROM trajectory_review WHERE external_id = '$CURRENT'")" = rejected
wait_exit

# --- Sessions 3 and 4: two reviewers, blind, on their queues ----------------------------------------
new_store team
"$TROVE" import --store "$STORE" -q "$ROOT"/fixtures/dialects/*.json >/dev/null 2>&1
"$TROVE" team --store "$STORE" --reviewer lead --min-reviews 2 --consensus majority >/dev/null
"$TROVE" assign --store "$STORE" --reviewers ana,bob --per-item 2 --where "id:$FIRST" --seed 1 >/dev/null
tm new-session -d -s e2e -x 100 -y 30 "TERM=xterm-256color '$TROVE' review --store '$STORE' --reviewer ana"
check "ana's queue opens, blind, with her progress" wait_for "done 0/1"
check "ana reviews blind" wait_for "ana · blind"
tm send-keys -t e2e Enter a
check "ana's accept counts as done" wait_for "done 1/1"
tm send-keys -t e2e q q
wait_exit
tm new-session -d -s e2e -x 100 -y 30 "TERM=xterm-256color '$TROVE' review --store '$STORE' --reviewer bob"
check "bob's queue opens" wait_for "done 0/1"
tm send-keys -t e2e Enter
check "bob's trajectory opens" wait_for "Step 1/"
check "ana's label is hidden from bob before he decides" not_on_screen ana
tm send-keys -t e2e x
check "bob's reject counts as done" wait_for "done 1/1"
check "then both labels show side by side" wait_for "REVIEWER"
check "ana's accept in the table" wait_for "ana      accepted"
check "two reviewers disagree: disputed" test "$(sql "SELECT status FROM trajectory_review WHERE external_id = '$FIRST'")" = disputed
tm send-keys -t e2e q q
wait_exit

# --- Session 5: a label another process writes appears on the open screen --------------------------
STORE=$SOLO_STORE
tm new-session -d -s e2e -x 100 -y 30 "TERM=xterm-256color '$TROVE' review --store '$STORE' --reviewer cy"
check "cy's list opens" wait_for "✗1 rejected"
LAST=$(sql "SELECT external_id FROM trajectory ORDER BY id DESC LIMIT 1")
"$TROVE" label --store "$STORE" --reviewer dee --reject "$LAST" >/dev/null
LABELLED=$(date +%s%N)
check "dee's reject appears on cy's open screen" wait_for "✗2 rejected"
ARRIVED_MS=$((($(date +%s%N) - LABELLED) / 1000000))
# SQLite's screen polls the store (review-refresh.sh); PostgreSQL's hears the commit (LISTEN).
[[ -n ${E2E_POSTGRES:-} ]] && check "... through LISTEN within a second of its commit (${ARRIVED_MS} ms)" test "$ARRIVED_MS" -lt 1000
tm send-keys -t e2e q
wait_exit

if [[ -n ${E2E_POSTGRES:-} ]]; then
    for schema in "${SCHEMAS[@]}"; do psql "$E2E_POSTGRES" -XAtq -c "SET client_min_messages = warning; DROP SCHEMA \"$schema\" CASCADE" >/dev/null; done
fi
finish
