# Shared by the tmux end-to-end scripts. Source it after setting E2E_NAME (and TROVE); it defines
# WORK (a temporary folder), SOCKET and `tm` (a tmux server of the script's own), `check`, `require_trove`
# and `finish`, and cleans up on exit. Set E2E_TMUX_FLAGS for extra tmux flags, KEEP=1 to keep WORK,
# and define `e2e_fail_note` to add context to FAIL lines.
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

require_trove() {
    [ -x "$TROVE" ] || { echo "$E2E_NAME: no trove binary at $TROVE"; echo "0 passed, 1 failed"; exit 1; }
}

finish() {  # the closing line CI reads, and the exit status
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
