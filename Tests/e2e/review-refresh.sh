#!/usr/bin/env bash
# End-to-end test that `trove review` shows labels written by another process (tmux): with the list
# open, `trove label ID --accept --reviewer other` runs from the shell, and the row must show
# `accepted` (and the status bar count) without any key, within LIMIT_MS; with a trajectory
# open, another process's reject and reward must show in its title bar the same way. The review
# runtime asks the store for its change token about once a second.
#
# Usage: Tests/e2e/review-refresh.sh [path/to/trove]   (default .build/debug/trove)
# Environment: TROVE_E2E_REFRESH_LIMIT_MS (default 1500).
# Prints one line per check (with the measured delay) and `N passed, N failed` last; exits
# non-zero on any failure.
set -u
TROVE=$(realpath "${1:-.build/debug/trove}")
E2E_NAME=refresh
# shellcheck source=Tests/e2e/e2e-lib.sh
source "$(dirname "$0")/e2e-lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LIMIT_MS=${TROVE_E2E_REFRESH_LIMIT_MS:-1500}
SESSION=refresh

now_ms() { echo $(($(date +%s%N) / 1000000)); }

wait_for_row() {  # wait_for_row REGEX: up to 10 s
    for _ in $(seq 1 200); do
        screen | grep -qE -- "$1" && return 0
        sleep 0.05
    done
    echo "  no screen line matched: $1" >&2
    dump
    return 1
}

# Runs `trove label ARGS...` as another process, then waits (polling every 20 ms, no key sent) until
# a screen line matching the extended regex PATTERN shows; true if it did within LIMIT seconds.
# Prints the measured delay.
label_and_wait() {
    local pattern=$1; shift
    "$TROVE" label --store "$STORE" --reviewer other "$@" >/dev/null 2>&1 || { echo "  trove label $* failed" >&2; return 1; }
    local start
    start=$(now_ms)
    for _ in $(seq 1 250); do
        if screen | grep -qE -- "$pattern"; then
            local delay=$(($(now_ms) - start))
            echo "  shown after $delay ms (limit $LIMIT_MS ms)"
            ((delay <= LIMIT_MS)); return
        fi
        sleep 0.02
    done
    echo "  never shown: $pattern" >&2
    dump
    return 1
}

require_tools tmux sqlite3
require_trove

STORE="$WORK/refresh.sqlite"
"$TROVE" import --store "$STORE" -q "$ROOT"/fixtures/dialects/*.json >/dev/null 2>&1
check "fixtures imported" test "$(sql 'SELECT count(*) FROM trajectory')" -ge 5
FIRST=$(sql 'SELECT external_id FROM trajectory ORDER BY id LIMIT 1')
THIRD=$(sql 'SELECT external_id FROM trajectory ORDER BY id LIMIT 1 OFFSET 2')
FOURTH=$(sql 'SELECT external_id FROM trajectory ORDER BY id LIMIT 1 OFFSET 3')

tm new-session -d -s "$SESSION" -x 150 -y 30 \
    "exec env TERM=xterm-256color '$TROVE' review --store '$STORE' --reviewer ui"
check "list screen shows" wait_for "✓0 accepted"
check "row $THIRD shows pending" wait_for_row "^$THIRD .* pending "
# Let a poll pass first, so the label lands at a random point of the poll cycle, not right after start.
sleep 0.3
check "another process's accept shows in the list row without a key" \
    label_and_wait "^$THIRD .* accepted " "$THIRD" --accept
check "the status bar counts the accept" wait_for "✓1 accepted"
check "another process's reject shows in the list row without a key" \
    label_and_wait "^$FOURTH .* rejected " "$FOURTH" --reject
check "the status bar counts the reject" wait_for "✗1 rejected"

tm send-keys -t "$SESSION" Enter
check "trajectory $FIRST opens, pending" wait_for "$FIRST · "
check "its title says pending" wait_for "steps · pending"
sleep 0.4
check "another process's reject shows in the open trajectory's title without a key" \
    label_and_wait "^ $FIRST · .* · rejected" "$FIRST" --reject
check "another process's reward shows in the open trajectory's title without a key" \
    label_and_wait "^ $FIRST · .* · rejected · reward 0\.30" "$FIRST" --reward 0.3
tm send-keys -t "$SESSION" q
check "back on the list, $FIRST shows rejected" wait_for "✗2 rejected"
check "the UI wrote no label (all were by other)" \
    test "$(sql "SELECT count(*) FROM label_event WHERE reviewer <> 'other'")" = 0

finish
