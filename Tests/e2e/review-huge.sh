#!/usr/bin/env bash
# End-to-end test that `trove review` opens a record of any size on a real terminal (tmux): one OS
# record whose observation is MB megabytes is imported, opened from the list and read page by page
# with `>` and `<`; the fold line and the status bar say where the reader is, the record opens within
# LIMIT_MS, and the process's peak RSS (VmHWM) stays under RSS_MB.
#
# Usage: Tests/e2e/review-huge.sh [path/to/trove]   (default .build/debug/trove)
# Environment: TROVE_E2E_HUGE_MB (default 3), TROVE_E2E_HUGE_LIMIT_MS (default 3000, a debug build
# under load), TROVE_E2E_HUGE_RSS_MB (default 200).
# Prints one line per check and `N passed, N failed` last; exits non-zero on any failure.
set -u
TROVE=$(realpath "${1:-.build/debug/trove}")
E2E_NAME=huge
# shellcheck source=Tests/e2e/e2e-lib.sh
source "$(dirname "$0")/e2e-lib.sh"
MB=${TROVE_E2E_HUGE_MB:-3}
LIMIT_MS=${TROVE_E2E_HUGE_LIMIT_MS:-3000}
RSS_MB=${TROVE_E2E_HUGE_RSS_MB:-200}
SESSION=huge

now_ms() { echo $(($(date +%s%N) / 1000000)); }

session_ends() {  # up to 5 s for trove to exit, which ends the session
    for _ in $(seq 1 100); do
        tm has-session -t "$SESSION" 2>/dev/null || return 0
        sleep 0.05
    done
    return 1
}

require_tools tmux sqlite3 python3
require_trove

STORE="$WORK/huge.sqlite"
python3 - "$MB" "$WORK/huge.jsonl" <<'PY'
import json, sys
megabytes, path = int(sys.argv[1]), sys.argv[2]
line = "row: lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor\n"
output = line * (megabytes * 1_000_000 // len(line))
record = {"id": "os_huge", "conversations": [
    {"from": "human", "value": "Count the rows."},
    {"from": "gpt", "value": "Think: look.\n\nAct: bash\n\n```bash\ncat rows\n```"},
    {"from": "human", "value": "The output of the OS:\n\n" + output},
    {"from": "gpt", "value": "Think: done.\n\nAct: answer(1)"}]}
with open(path, "w") as out:
    out.write(json.dumps(record) + "\n")
PY
"$TROVE" import --store "$STORE" -q "$WORK/huge.jsonl" >/dev/null 2>&1
check "the $MB MB record is imported" test "$(sql 'SELECT count(*) FROM trajectory')" = 1
SIZE=$(sql "SELECT length(CAST(x.text AS BLOB)) FROM message_row r JOIN message_text x ON x.id = r.text_id WHERE r.idx = 2")
PAGES=$(((SIZE + 65535) / 65536))

tm new-session -d -s "$SESSION" -x 120 -y 40 \
    "exec env TERM=xterm-256color '$TROVE' review --store '$STORE' --reviewer ui"
check "list screen shows" wait_for "os_huge"
PID=$(tm display-message -p -t "$SESSION" '#{pane_pid}')
start=$(now_ms)
tm send-keys -t "$SESSION" Enter
check "the record opens, its observation folded at page 1/$PAGES" wait_for "MB more, page 1/$PAGES (o unfolds, > next page)"
opened=$(($(now_ms) - start))
echo "  opened after $opened ms (limit $LIMIT_MS ms)"
check "it opened within $LIMIT_MS ms" test "$opened" -le "$LIMIT_MS"
tm send-keys -t "$SESSION" '>'
check "> shows page 2 of the observation from the top of its block" wait_for "· Observed mpor"
check "the status bar says page 2" wait_for "· page 2/$PAGES · view"
tm send-keys -t "$SESSION" '>'
check "> again shows page 3" wait_for "· page 3/$PAGES · view"
tm send-keys -t "$SESSION" '<' '<'
check "< twice is back at the first page as parsed" wait_for "page 1/$PAGES (o unfolds, > next page)"
hwm=$(awk '/^VmHWM:/ {print int($2 / 1024)}' "/proc/$PID/status" 2>/dev/null)
echo "  peak RSS ${hwm:-?} MB (limit $RSS_MB MB)"
check "peak RSS stays under $RSS_MB MB" test "${hwm:-999999}" -le "$RSS_MB"
tm send-keys -t "$SESSION" q q
check "it quits cleanly" session_ends

finish
