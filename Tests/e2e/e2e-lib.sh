# Shared by the tmux end-to-end scripts. Source it after setting E2E_NAME, TROVE and SESSION; it defines
# WORK (a temporary folder), SOCKET and `tm` (a tmux server of the script's own), `check`, `screen`,
# `dump`, `wait_for`, `require_tools`, `require_trove` and `finish`, and cleans up on exit.
# Set E2E_TMUX_FLAGS for extra tmux flags, KEEP=1 to keep WORK, and define `e2e_fail_note` to add
# context to FAIL lines.
WORK=$(mktemp -d)
SOCKET="trove-$E2E_NAME-$$"
passed=0
failed=0

tm() { tmux ${E2E_TMUX_FLAGS:-} -L "$SOCKET" "$@"; }

cleanup() {
    tm kill-server 2>/dev/null
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCKET"
    [[ -n ${KEEP:-} ]] || rm -rf "$WORK"
}
trap cleanup EXIT

e2e_fail_note() { :; }

check() {  # check NAME CONDITION-COMMAND...
    local name=$1; shift
    if "$@"; then
        passed=$((passed + 1)); echo "ok   $name"
    else
        failed=$((failed + 1)); echo "FAIL $name$(e2e_fail_note)"
    fi
}

require_tools() {  # require_tools TOOL...
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "$E2E_NAME: $tool is required"; echo "0 passed, 1 failed"; exit 1; }
    done
}

sql() { sqlite3 "$STORE" "$1"; }  # sql QUERY: one query against the script's $STORE
screen() { tm capture-pane -p -t "$SESSION" 2>/dev/null; }
dump() { screen | sed 's/^/  | /' >&2; }

wait_for() {  # wait_for FIXED-TEXT [TARGET]: up to 10 s for the text on SESSION's (or TARGET's) screen
    for _ in $(seq 1 200); do
        tm capture-pane -p -t "${2:-$SESSION}" 2>/dev/null | grep -qF -- "$1" && return 0
        sleep 0.05
    done
    echo "  screen did not show: $1" >&2
    dump
    return 1
}

require_trove() {
    [ -x "$TROVE" ] || { echo "$E2E_NAME: no trove binary at $TROVE"; echo "0 passed, 1 failed"; exit 1; }
}

finish() {  # the closing line CI reads, and the exit status
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
