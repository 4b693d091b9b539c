#!/usr/bin/env bash
# End-to-end test of what the reviewer's screen promises (issue 11's starred items) in a real terminal
# (tmux): keys on the "terminal too small" notice do nothing but quit; the help lists each section once
# and each of its columns starts with a heading; long ids are shortened in the middle and sort naturally;
# A labels every trajectory the filter shows after a confirmation naming the count, as one undo step;
# the header names where the env reward came from, and with --blind no env reward or other reviewer's
# reward shows on the list, trajectory, history or stats screens, and a reward filter is refused; `v`
# pipes the open trajectory's record to $PAGER and comes back to the same screen. `trove review FILE`
# names the records it rejects (FILE:LINE, the rejects file, the screen's first message) and exits 65.
#
# Usage: Tests/e2e/review-screen.sh [path/to/trove]   (default .build/debug/trove)
# Prints one line per check and `N passed, N failed` last; exits non-zero on any failure.
set -u
TROVE=$(realpath "${1:-.build/debug/trove}")
E2E_NAME=e2e-screen
SESSION=screen
# shellcheck source=Tests/e2e/e2e-lib.sh
source "$(dirname "$0")/e2e-lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

wait_exit() {  # up to 10 s for the session to end
    for _ in $(seq 1 100); do tm has-session -t "$SESSION" 2>/dev/null || return 0; sleep 0.1; done
    return 1
}

require_tools tmux sqlite3
require_trove

STORE="$WORK/screen.sqlite"
"$TROVE" import --store "$STORE" -q "$ROOT"/fixtures/dialects/*.json >/dev/null 2>&1
check "fixtures imported" test "$(sql 'SELECT count(*) FROM trajectory')" -gt 0

start() {  # start COLUMNS ROWS: a review session as reviewer e2e
    tm new-session -d -s "$SESSION" -x "$1" -y "$2" \
        "TERM=xterm-256color '$TROVE' review --store '$STORE' --reviewer e2e"
}

# --- Too small: every key but q, Ctrl-C and resize is inert ------------------------------------------
start 100 30
check "list screen shows" wait_for "18 pending"
tm resize-window -t "$SESSION" -x 20 -y 5
check "the too-small notice shows" wait_for "terminal too small"
tm send-keys -t "$SESSION" a x 1 Space Enter Escape
sleep 0.3
tm resize-window -t "$SESSION" -x 100 -y 30
check "back at full size, the list is unchanged" wait_for "✓0 accepted ✗0 rejected 18 pending"
check "no label was written on the notice" test "$(sql 'SELECT count(*) FROM label_event')" = 0
tm resize-window -t "$SESSION" -x 20 -y 5
check "the notice shows again" wait_for "terminal too small"
tm send-keys -t "$SESSION" q
check "q quits from the notice" wait_exit

# --- Help: each section once, every column headed ----------------------------------------------------
start 120 40
check "list screen shows at 120x40" wait_for "18 pending"
tm send-keys -t "$SESSION" Enter
check "trajectory screen shows" wait_for "Step 1/"
tm send-keys -t "$SESSION" '?'
check "help shows" wait_for "keys · trajectory screen"
check "Application is listed once" test "$(screen | grep -o 'Application' | wc -l)" = 1
right_column_headed() {  # the second help column's first row is a section heading
    screen | sed -n 2p | cut -c62- | grep -qE '^(Labelling|Navigation|Search, filter, sort|View|Prompts|Application)'
}
check "the right column starts with a heading" right_column_headed
tm send-keys -t "$SESSION" j j j
check "scrolled help keeps a heading on top" wait_for "Labelling (continued)"
tm send-keys -t "$SESSION" C-c
check "Ctrl-C quits from help" wait_exit

# --- Ids: shortened in the middle, natural sort ------------------------------------------------------
IDS="$WORK/ids.sqlite"
for n in 10 9 144 2 1000 1; do
    printf '{"id":"fireact-openai-gpt4-trajectories.jsonl:%s","conversations":[{"from":"human","value":"Task %s"},{"from":"gpt","value":"Think: t\\n\\nAct: bash\\n\\n```bash\\nls\\n```"}]}\n' "$n" "$n"
done >"$WORK/ids.jsonl"
"$TROVE" import --store "$IDS" --task os -q "$WORK/ids.jsonl" >/dev/null 2>&1
tm new-session -d -s "$SESSION" -x 80 -y 24 "TERM=xterm-256color '$TROVE' review --store '$IDS' --reviewer e2e"
check "id list shows" wait_for "6 pending"
check "six distinct shortened ids" test "$(screen | grep -o '^fireact-o…[^ ]*' | sort -u | wc -l)" = 6
tm send-keys -t "$SESSION" s
check "sorted by id" wait_for "sort: id"
check "natural order: :2 before :10 before :1000" test \
    "$(screen | grep -o '^fireact-o…[^ ]*' | tr '\n' ' ')" = "fireact-o…es.jsonl:1 fireact-o…es.jsonl:2 fireact-o…es.jsonl:9 fireact-o…s.jsonl:10 fireact-o….jsonl:144 fireact-o…jsonl:1000 "
tm send-keys -t "$SESSION" q
wait_exit

# --- Bulk: A / X label what the filter shows, one undo step ------------------------------------------
start 100 30
check "list shows for the bulk label" wait_for "18 pending"
tm send-keys -t "$SESSION" f task:db Enter
check "filtered to db" wait_for "filter: task:db"
tm send-keys -t "$SESSION" A
check "the confirmation names the count" wait_for "accept all 3 trajectories this list shows? y confirms"
tm send-keys -t "$SESSION" n
check "any other key cancels" wait_for "not labeled: the batch was cancelled"
check "nothing was written on cancel" test "$(sql 'SELECT count(*) FROM label_event')" = 0
tm send-keys -t "$SESSION" A
check "the confirmation asks again" wait_for "accept all 3 trajectories"
tm send-keys -t "$SESSION" y
check "y accepts all three" wait_for "accepted 3 trajectories"
check "three db labels stored" test "$(sql "SELECT count(*) FROM trajectory_review WHERE status = 'accepted'")" = 3
tm send-keys -t "$SESSION" BSpace
check "one Backspace undoes the batch" wait_for "undone: accept of 3 trajectories"
check "no db label left" test "$(sql "SELECT count(*) FROM trajectory_review WHERE status = 'accepted'")" = 0
tm send-keys -t "$SESSION" C-r
check "one Ctrl-r redoes it" wait_for "redone: accept of 3 trajectories"
check "three db labels again" test "$(sql "SELECT count(*) FROM trajectory_review WHERE status = 'accepted'")" = 3
tm send-keys -t "$SESSION" q

# --- Blind: no environment reward on any screen, reward filters refused -------------------------------
# react_f1's env reward is 1.00 (its last observation says so); another reviewer gives react_f2 0.75.
"$TROVE" label --store "$STORE" --reviewer other react_f2 --reward 0.75 >/dev/null 2>&1
reward_shows() {  # an env reward value, the ENV column or the other reviewer's reward is on the screen
    screen | grep -qE 'ENV|env [0-9—]|1\.00|0\.75|observation text|Reward histogram'
}
no_reward_shows() { ! reward_shows; }
tm new-session -d -s "$SESSION" -x 120 -y 40 \
    "TERM=xterm-256color '$TROVE' review --store '$STORE' --reviewer e2e"
check "seeing: the list shows" wait_for "pending"
tm send-keys -t "$SESSION" f id:react_f1 Enter Enter
check "seeing: the header shows the env reward and its source" wait_for "env 1.00 (observation text)"
check "seeing: the reward check finds it (a control for the blind checks)" reward_shows
tm send-keys -t "$SESSION" q q
check "seeing: quit" wait_exit
tm new-session -d -s "$SESSION" -x 120 -y 40 \
    "TERM=xterm-256color '$TROVE' review --store '$STORE' --reviewer e2eb --blind"
check "blind: the list shows" wait_for "e2eb · blind"
check "blind: the list shows no env or other reviewer's reward" no_reward_shows
tm send-keys -t "$SESSION" f env_reward\>0 Enter
check "blind: an env_reward filter is refused" wait_for "blind review hides the environment's reward"
tm send-keys -t "$SESSION" C-u id:react_f1 Enter Enter
check "blind: the trajectory opens" wait_for "react_f1 · unknown"
check "blind: its header shows no env reward" no_reward_shows
tm send-keys -t "$SESSION" H
check "blind: the history shows" wait_for "label history"
check "blind: the history shows no reward" no_reward_shows
tm send-keys -t "$SESSION" q q Tab
check "blind: the stats say rewards are hidden" wait_for "Rewards hidden: blind review"
check "blind: the stats show no reward" no_reward_shows
tm send-keys -t "$SESSION" Tab q
check "blind: quit" wait_exit

# --- v: the record in $PAGER, and back to the same place ---------------------------------------------
PAGED="$WORK/paged.json"
tm new-session -d -s "$SESSION" -x 100 -y 30 \
    "TERM=xterm-256color PAGER='cat > \"$PAGED\"' '$TROVE' review --store '$STORE' --reviewer e2ev"
check "pager: the list shows" wait_for "pending"
tm send-keys -t "$SESSION" f id:kg_f1 Enter Enter
check "pager: the trajectory opens" wait_for "kg_f1 · kg"
tm send-keys -t "$SESSION" ']' v
for _ in $(seq 1 50); do [ -s "$PAGED" ] && break; sleep 0.1; done
check "pager: the record went to \$PAGER re-indented" grep -q '^  "id": "kg_f1",$' "$PAGED"
check "pager: back on the trajectory, same step" wait_for "step 1/3"
tm send-keys -t "$SESSION" R
check "pager: R shows the record as JSON" wait_for '"conversations": ['
# q leaves the record view for the steps, then the trajectory, then quits.
tm send-keys -t "$SESSION" q q q
check "pager: quit" wait_exit

# --- the pager and the editor own the terminal: they read the keyboard (a child in a process group of
# its own is a background job there, and its read of the terminal fails) --------------------------------
ANSWER="$WORK/answer.txt"
READS_TTY='read answer < /dev/tty && printf "%s" "$answer" >'
tm new-session -d -s "$SESSION" -x 100 -y 30 \
    "TERM=xterm-256color PAGER='cat > /dev/null; $READS_TTY \"$ANSWER\"' \
     EDITOR='f() { $READS_TTY \"\$1\"; }; f' '$TROVE' review --store '$STORE' --reviewer e2etty"
check "tty: the list shows" wait_for "pending"
tm send-keys -t "$SESSION" f id:kg_f1 Enter Enter
check "tty: the trajectory opens" wait_for "kg_f1 · kg"
tm send-keys -t "$SESSION" ']' v
sleep 0.5
tm send-keys -t "$SESSION" paged Enter
for _ in $(seq 1 50); do [ -s "$ANSWER" ] && break; sleep 0.1; done
check "tty: the pager read the keyboard" test "$(cat "$ANSWER" 2>/dev/null)" = paged
check "tty: back on the trajectory" wait_for "step 1/3"
tm send-keys -t "$SESSION" e
sleep 0.5
tm send-keys -t "$SESSION" 'Think: typed by hand' Enter
check "tty: the editor read the keyboard and its text is the correction" wait_for "edit step 1 (turn"
check "tty: the correction is stored" \
    test "$(sql "SELECT count(*) FROM turn_event WHERE text = 'Think: typed by hand'")" = 1
tm send-keys -t "$SESSION" q q
check "tty: quit" wait_exit

# --- a signal ends the review by that signal, the terminal restored (curses' own handlers exit 1) --------
for signal in TERM INT; do
    tm new-session -d -s "$SESSION" -x 100 -y 30 \
        "TERM=xterm-256color '$TROVE' review --store '$STORE' --reviewer e2e-signal; echo \$? > '$WORK/signal.rc'; stty -a > '$WORK/stty.after'; sleep 30"
    check "signal $signal: the list is up" wait_for "of "
    kill -"$signal" "$(pgrep -f -- '--reviewer e2e-signal$')"  # trove itself, not the shell around it
    for _ in $(seq 1 50); do [ -s "$WORK/signal.rc" ] && break; sleep 0.1; done
    expected=$((128 + $(kill -l "$signal")))
    check "signal $signal: exit status $expected" test "$(cat "$WORK/signal.rc" 2>/dev/null)" = "$expected"
    # bash ends itself after a child died of SIGINT (it takes it for a Ctrl-C): only TERM leaves it to look.
    if [ "$signal" = TERM ]; then
        check "signal $signal: the terminal echoes again" grep -qE '(^| )echo( |$)' "$WORK/stty.after"
    fi
    tm kill-session -t "$SESSION" 2>/dev/null
    rm -f "$WORK/signal.rc" "$WORK/stty.after"
done

# --- review FILE: rejected records are named, kept in the rejects file, and the exit status says so -------
{ sed -n 1p "$ROOT/fixtures/import/db-small.jsonl"; echo 'not json at all'; sed -n 2p "$ROOT/fixtures/import/db-small.jsonl"; } \
    > "$WORK/mixed.jsonl"
tm new-session -d -s "$SESSION" -x 100 -y 30 \
    "TERM=xterm-256color '$TROVE' review --reviewer e2e '$WORK/mixed.jsonl' 2>'$WORK/review.err'; echo \$? > '$WORK/review.rc'"
check "file: the screen says a record was rejected" wait_for "1 record rejected"
tm send-keys -t "$SESSION" q
check "file: quit" wait_exit
check "file: exit status 65" test "$(cat "$WORK/review.rc" 2>/dev/null)" = 65
check "file: the bad line is named" grep -qF "mixed.jsonl:2:" "$WORK/review.err"
check "file: the rejects file holds it" test "$(wc -l < "$WORK/mixed.trove.sqlite.rejects.jsonl")" = 1
check "file: the good records are stored" \
    test "$(sqlite3 "$WORK/mixed.trove.sqlite" 'SELECT count(*) FROM trajectory')" = 2

finish
