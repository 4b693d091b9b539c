#!/usr/bin/env bash
# End-to-end test of where `trove export` and `trove mix` write (issue 10 item 1, issue 18 items 1, 2,
# 6 and 14), from a shell as a user runs them: `-`, a FIFO (also through a symlink) and a character
# device are written straight through and keep their type and mode, with no manifest beside them; a
# symlink to a file is refused with 73, the link and its target left as they were; a directory, the
# store and an input are refused with 64 and left as they were; a killed run's temporary is removed by the next run; a
# split killed between its renames is completed by the next export.
#
# Usage: Tests/e2e/cli-outputs.sh [path/to/trove]   (default .build/debug/trove)
# Prints one line per check and `N passed, N failed` last; exits non-zero on any failure. The
# character device check needs root (mknod) and is skipped without it.
set -u
TROVE=$(realpath "${1:-.build/debug/trove}")
E2E_NAME=cli-outputs
# shellcheck source=Tests/e2e/e2e-lib.sh
source "$(dirname "$0")/e2e-lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
require_trove
cd "$WORK" || exit 1
STORE=$WORK/store.sqlite
export TROVE_STORE=$STORE
"$TROVE" import --reward 1 "$ROOT"/fixtures/dialects/{alfworld,db,kg,mind2web,os,react,webshop}.json >/dev/null 2>&1
export_to() { "$TROVE" export --policy agenttuning --format sharegpt --out "$@"; }
lines_of() { wc -l <"$1" | tr -d ' '; }
mode_of() { stat -c %a "$1"; }
no_temporaries() { ! ls -A "$1" | grep -q '\.trove-'; }

# Standard output: the records, nothing else written.
export_to - >"$WORK/stdout.jsonl" 2>/dev/null
check "- writes the records to standard output" test "$(lines_of "$WORK/stdout.jsonl")" -gt 0
check "- leaves no manifest" test ! -e "$WORK/-.manifest.json"
total=$(lines_of "$WORK/stdout.jsonl")

# A FIFO: read by a reader while export writes, still a FIFO afterwards.
mkfifo -m 600 "$WORK/pipe"
cat "$WORK/pipe" >"$WORK/from-pipe" &
reader=$!
export_to "$WORK/pipe" 2>/dev/null
wait "$reader"
check "a FIFO receives every record" test "$(lines_of "$WORK/from-pipe")" -eq "$total"
check "a FIFO stays a FIFO with its mode" test -p "$WORK/pipe" -a "$(mode_of "$WORK/pipe")" = 600
check "a FIFO gets no manifest" test ! -e "$WORK/pipe.manifest.json"
ln -s pipe "$WORK/to-pipe"
cat "$WORK/pipe" >"$WORK/from-link" &
reader=$!
export_to "$WORK/to-pipe" 2>/dev/null
wait "$reader"
check "a symlink to a FIFO is written through" test "$(lines_of "$WORK/from-link")" -eq "$total"

# A character device (the null device's numbers) in the work folder.
if [ "$(id -u)" = 0 ] && mknod "$WORK/null" c 1 3 2>/dev/null; then
    chmod 666 "$WORK/null"
    export_to "$WORK/null" 2>/dev/null
    check "a character device stays a device with its mode" \
        test -c "$WORK/null" -a "$(mode_of "$WORK/null")" = 666
    check "a character device gets no manifest" test ! -e "$WORK/null.manifest.json"
else
    echo "skip a character device (mknod needs root)"
fi

# --manifest writes one anywhere, for a stream too.
export_to - --manifest "$WORK/stream.manifest.json" >/dev/null 2>&1
check "--manifest writes a manifest for a stream" grep -q '"path": "-"' "$WORK/stream.manifest.json"

# A symlink to a file: refused with 73, nothing written through it or beside it.
mkdir "$WORK/real"
echo old >"$WORK/real/agent.jsonl"
ln -s real/agent.jsonl "$WORK/link.jsonl"
export_to "$WORK/link.jsonl" 2>/dev/null
check "a symlink to a file is refused with 73" test $? -eq 73
check "a symlink stays a symlink" test -L "$WORK/link.jsonl"
check "its target is unchanged" test "$(cat "$WORK/real/agent.jsonl")" = old
check "no manifest is written beside the link" test ! -e "$WORK/link.jsonl.manifest.json"
check "no temporary is left in the target's folder" no_temporaries "$WORK/real"
check "no temporary is left in the link's folder" no_temporaries "$WORK"

# Refused: a directory, the store (also through a hard link), an input of mix.
export_to "$WORK/real" 2>/dev/null
check "a directory is refused with 64" test $? -eq 64
before=$(sha256sum <"$STORE")
ln "$STORE" "$WORK/hard.sqlite"
export_to "$WORK/hard.sqlite" 2>/dev/null
check "the store through a hard link is refused with 64" test $? -eq 64
check "the store is unchanged" test "$(sha256sum <"$STORE")" = "$before"
cp "$ROOT/fixtures/general/sharegpt-small.json" "$WORK/general.json"
general=$(sha256sum <"$WORK/general.json")
"$TROVE" mix --general "$WORK/general.json" --total 10 --format sharegpt --out "$WORK/general.json" 2>/dev/null
check "mix refuses to write over its --general file with 64" test $? -eq 64
check "the --general file is unchanged" test "$(sha256sum <"$WORK/general.json")" = "$general"

# A temporary a killed run left is removed by the next run; nothing else is.
echo half >"$WORK/.agent.jsonl.trove-999999999-dead.tmp"
export_to "$WORK/agent.jsonl" 2>/dev/null
check "a dead run's temporary is removed" test ! -e "$WORK/.agent.jsonl.trove-999999999-dead.tmp"
check "the output and its manifest are in place" test -s "$WORK/agent.jsonl" -a -s "$WORK/agent.jsonl.manifest.json"

# A split killed between its two renames: the next export completes it before writing its own.
split() { export_to "$WORK/s.jsonl" --split valid=0.5 --seed "$1" "${@:2}" 2>/dev/null; }
split 1
mkdir "$WORK/new" && export_to "$WORK/new/s.jsonl" --split valid=0.5 --seed 2 2>/dev/null
TROVE_KILL_AT=rename-1 split 2
check "the killed split exited non-zero" test $? -ne 0
TROVE_KILL_AT=commit split 3
check "after recovery the train file is the new one" cmp -s "$WORK/s.jsonl" "$WORK/new/s.jsonl"
check "after recovery the valid file is the new one" cmp -s "$WORK/s.valid.jsonl" "$WORK/new/s.valid.jsonl"
split 2
check "a finished run leaves no temporary or journal" no_temporaries "$WORK"

finish
