#!/usr/bin/env bash
# End-to-end test of which commands create a store (issue 10 item 2, issue 18 item 12), from a shell
# and, for `trove review`, from a terminal under tmux, as a user runs them: a command that fails
# leaves no file behind, only `import` and `review FILE` create a store, a file that is not a store
# is refused with 66 and left as it was, and with several inputs a missing one changes nothing.
#
# Usage: Tests/e2e/cli-store.sh [path/to/trove]   (default .build/debug/trove)
# Prints one line per check and `N passed, N failed` last; exits non-zero on any failure.
set -u
TROVE=$(realpath "${1:-.build/debug/trove}")
E2E_NAME=cli-store
SESSION=e2e
# shellcheck source=Tests/e2e/e2e-lib.sh
source "$(dirname "$0")/e2e-lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
require_tools tmux sqlite3
require_trove
cd "$WORK" || exit 1
STORE=$WORK/store.sqlite
unset TROVE_STORE

status_of() { "$TROVE" "$@" >/dev/null 2>"$WORK/stderr"; echo $?; }
absent() { [ ! -e "$1" ]; }

# `trove review missing.jsonl` in a terminal: a message naming the file, exit 66, no store beside it.
tm new-session -d -s "$SESSION" -x 100 -y 30 \
    "TERM=xterm-256color '$TROVE' review --reviewer e2e '$WORK/missing.jsonl'; echo \"exit \$?\"; sleep 30"
check "review of a missing file names it" wait_for "missing.jsonl: cannot open"
check "review of a missing file exits 66" wait_for "exit 66"
check "review of a missing file creates no store" absent "$WORK/missing.trove.sqlite"
tm kill-session -t "$SESSION"

check "import of a missing file into a new store exits 66" \
    test "$(status_of import --store "$WORK/new.sqlite" "$WORK/missing.jsonl")" = 66
check "and creates no store" absent "$WORK/new.sqlite"
for command in check reparse stats "show os_f1" "label os_f1 --accept --reviewer e2e"; do
    # shellcheck disable=SC2086 # the command's words split on purpose
    check "$command on a mistyped store exits 66" test "$(status_of $command --store "$WORK/typo.sqlite")" = 66
done
check "and creates no file" absent "$WORK/typo.sqlite"
: >"$WORK/empty.sqlite"
check "an empty file is not a store (66)" test "$(status_of check --store "$WORK/empty.sqlite")" = 66
check "and stays empty" test ! -s "$WORK/empty.sqlite"

"$TROVE" import --store "$STORE" -q "$ROOT"/fixtures/dialects/os.json >/dev/null 2>&1
before=$(sqlite3 "$STORE" "SELECT count(*) || '/' || (SELECT count(*) FROM import_run) FROM trajectory")
check "with one input missing, import exits 66" \
    test "$(status_of import --store "$STORE" "$ROOT"/fixtures/dialects/db.json "$WORK/missing.jsonl")" = 66
check "naming the missing file" grep -q "missing.jsonl" "$WORK/stderr"
check "and the store is unchanged" \
    test "$(sqlite3 "$STORE" "SELECT count(*) || '/' || (SELECT count(*) FROM import_run) FROM trajectory")" = "$before"

finish
