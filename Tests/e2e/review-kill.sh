#!/usr/bin/env bash
# End-to-end crash test of `trove review` in a real terminal (tmux): each run opens the review UI on
# the same store, drives a seeded random sequence of keys (a, x, Space, 0, 1, r VALUE Enter,
# t N Enter, Backspace undo, j, k; some runs on the trajectory screen), waits after each label key
# until the screen shows the change (the message line), and records it as acknowledged. At a seeded
# random point it kill -9s trove: either right after an acknowledgement or while a label key is in
# flight (0, 0-20 or 0-150 ms after sending it). Then sqlite3 checks the store:
#   - the run's label_event rows are, in order, exactly the acknowledged changes (plus at most the
#     one in-flight change), all by reviewer `kill` with origin `ui`, each with the status / reward
#     the screen showed;
#   - every trajectory the run touched has as its current label (trajectory_review) the last
#     acknowledged status / reward (or the in-flight change's, if that one was committed);
#   - PRAGMA integrity_check is ok.
#
# Usage: Tests/e2e/review-kill.sh [path/to/trove]   (default .build/debug/trove)
# Environment: TROVE_E2E_RUNS (default 20), TROVE_E2E_SEED (default 7). A failure prints the seed
# and the run, so it replays exactly.
# Prints one line per check and `N passed, N failed` last; exits non-zero on any failure.
set -u
TROVE=$(realpath "${1:-.build/debug/trove}")
E2E_NAME=kill
# shellcheck source=Tests/e2e/e2e-lib.sh
source "$(dirname "$0")/e2e-lib.sh"
e2e_fail_note() { echo " (seed $SEED)"; }
RUNS=${TROVE_E2E_RUNS:-20}
SEED=${TROVE_E2E_SEED:-7}
SESSION=kill
total_acks=0
total_kills=0
total_inflight=0
total_committed_inflight=0

quiet() { "$@" >/dev/null 2>&1; }
# R=random integer in 0..<N; never called in a subshell, so the seeded sequence replays.
rnd() { R=$((RANDOM % $1)); }
bottom() { tm capture-pane -p -t "$SESSION" 2>/dev/null | tail -n 1; }

# Waits up to 10 s until the screen's last line matches the extended regex; leaves it in LINE.
wait_bottom() {
    local pattern=$1
    for _ in $(seq 1 200); do
        LINE=$(bottom)
        if [[ $LINE =~ $pattern ]]; then return 0; fi
        sleep 0.05
    done
    echo "  last line did not match: $pattern" >&2
    dump
    return 1
}

ACK='^(accepted|rejected) ([^ ]+) \(saved\)|^reward ([0-9.]+) for ([^ ]+) \(saved\)|^reward cleared for ([^ ]+) \(saved\)|^tags of ([^ ]+):|^undone: .+ (on|of) ([^ ]+) *$|^nothing to undo|^no change: '

# Records the acknowledgement in LINE (matched against ACK) as `id|status|reward|kind` in ACKS,
# with `?` for what the change left as it was (or, for an undo, what the screen does not say).
record_ack() {
    local line=$1
    [[ $line =~ $ACK ]] || return 1
    if [[ -n ${BASH_REMATCH[2]} ]]; then ACKS+=("${BASH_REMATCH[2]}|${BASH_REMATCH[1]}|?|label")
    elif [[ -n ${BASH_REMATCH[4]} ]]; then ACKS+=("${BASH_REMATCH[4]}|?|${BASH_REMATCH[3]}|label")
    elif [[ -n ${BASH_REMATCH[5]} ]]; then ACKS+=("${BASH_REMATCH[5]}|?||label")
    elif [[ -n ${BASH_REMATCH[6]} ]]; then ACKS+=("${BASH_REMATCH[6]}|?|?|label")
    elif [[ -n ${BASH_REMATCH[8]} ]]; then ACKS+=("${BASH_REMATCH[8]}|?|?|undo")
    else ACKS+=("-|-|-|none"); fi  # nothing to undo, or no change: acknowledged, and no event
}

kill_trove() {
    local pid
    pid=$(tm list-panes -t "$SESSION" -F '#{pane_pid}' 2>/dev/null)
    if [[ -n $pid && $(cat "/proc/$pid/comm" 2>/dev/null) == trove ]]; then
        kill -9 "$pid"
        total_kills=$((total_kills + 1))
    else
        echo "  no trove process to kill (pane pid '$pid')" >&2
        KILL_FAILED=1
    fi
    for _ in $(seq 1 100); do tm has-session -t "$SESSION" 2>/dev/null || return 0; sleep 0.05; done
    tm kill-session -t "$SESSION" 2>/dev/null
}

# Checks the store against the acknowledgements of run $1 (events after id $2). $3: a label key was
# in flight at the kill.
verify_run() {
    local run=$1 first_event=$2 inflight=$3
    local -a events
    mapfile -t events < <(sql "SELECT t.external_id, e.status, iif(e.reward IS NULL, '', printf('%.2f', e.reward)), e.kind,
        e.reviewer, e.origin FROM label_event e JOIN trajectory t ON t.id = e.trajectory_id
        WHERE e.id > $first_event ORDER BY e.id")
    local -A status=() reward=()
    local expected=0 problems=() i=0 ack id st rw kind
    for ack in "${ACKS[@]}"; do
        IFS='|' read -r id st rw kind <<<"$ack"
        [[ $kind == none ]] && continue
        expected=$((expected + 1))
        local event=${events[$i]:-}
        local e_id e_status e_reward e_kind e_reviewer e_origin
        IFS='|' read -r e_id e_status e_reward e_kind e_reviewer e_origin <<<"$event"
        [[ $e_id == "$id" ]] || problems+=("ack $i ($ack): event is '$event'")
        [[ $st == '?' || $st == "$e_status" ]] || problems+=("ack $i ($ack): event status $e_status")
        [[ $rw == '?' || $rw == "$e_reward" ]] || problems+=("ack $i ($ack): event reward '$e_reward'")
        [[ $e_kind == "$kind" ]] || problems+=("ack $i ($ack): event kind $e_kind")
        [[ $st == '?' ]] || status[$id]=$st
        [[ $rw == '?' ]] || reward[$id]=$rw
        # An undo's message names what it took back, not the label left: the event holds that label.
        [[ $kind == undo ]] && status[$id]=$e_status && reward[$id]='?'
        [[ -v "status[$id]" ]] || status[$id]='?'
        [[ -v "reward[$id]" ]] || reward[$id]='?'
        i=$((i + 1))
    done
    local extra=$((${#events[@]} - expected))
    if ((extra == 1 && inflight)); then
        # The in-flight change was committed before the kill: it supersedes what the screen showed.
        IFS='|' read -r e_id e_status e_reward e_kind e_reviewer e_origin <<<"${events[$expected]}"
        status[$e_id]=$e_status
        reward[$e_id]=$e_reward
        total_committed_inflight=$((total_committed_inflight + 1))
    elif ((extra != 0)); then
        problems+=("${#events[@]} events for $expected acknowledged changes (in flight: $inflight)")
    fi
    for event in "${events[@]}"; do
        IFS='|' read -r e_id e_status e_reward e_kind e_reviewer e_origin <<<"$event"
        [[ $e_reviewer == kill && $e_origin == ui ]] || problems+=("event not by kill/ui: $event")
    done
    for id in "${!status[@]}"; do
        local current
        current=$(sql "SELECT status || '|' || iif(review_reward IS NULL, '', printf('%.2f', review_reward)) FROM trajectory_review
            WHERE external_id = '$id'")
        IFS='|' read -r st rw <<<"$current"
        [[ ${status[$id]} == '?' || ${status[$id]} == "$st" ]] || problems+=("$id: current status $st, screen showed ${status[$id]}")
        [[ ${reward[$id]} == '?' || ${reward[$id]} == "$rw" ]] || problems+=("$id: current reward '$rw', screen showed '${reward[$id]}'")
    done
    local integrity
    integrity=$(sql 'PRAGMA integrity_check')
    [[ $integrity == ok ]] || problems+=("integrity_check: $integrity")
    for problem in "${problems[@]}"; do echo "  run $run: $problem" >&2; done
    ((${#problems[@]} == 0))
}

require_tools tmux sqlite3
require_trove

STORE="$WORK/kill.sqlite"
"$TROVE" synth --count 600 --seed 3 --out "$WORK/synth.jsonl" >/dev/null 2>&1
"$TROVE" import --store "$STORE" -q "$WORK/synth.jsonl" >/dev/null 2>&1
check "synthetic store imported" test "$(sql 'SELECT count(*) FROM trajectory')" -ge 500

RANDOM=$SEED
start=$SECONDS
for run in $(seq 1 "$RUNS"); do
    ACKS=()
    KILL_FAILED=0
    first_event=$(sql 'SELECT coalesce(max(id), 0) FROM label_event')
    tm new-session -d -s "$SESSION" -x 150 -y 30 \
        "exec env TERM=xterm-256color '$TROVE' review --store '$STORE' --reviewer kill"
    if ! wait_for "pending"; then check "run $run: review opens" false; continue; fi
    rnd 2; if ((R)); then tm send-keys -t "$SESSION" Enter; wait_for " · line " || true; fi
    rnd 20; keys=$((4 + R))
    rnd $((keys + 1)); kill_at=$R
    rnd 2; inflight_mode=$R
    inflight=0
    ok=1
    for step in $(seq 0 "$keys"); do
        rnd 17
        case $R in
            0|1|2) key=a ;; 3|4) key=x ;; 5) key=Space ;; 6) key=0 ;; 7) key=1 ;; 8|9) key=r ;;
            10|11) key=t ;; 12|13) key=BSpace ;; 14|15) key=j ;; *) key=k ;;
        esac
        is_label=1
        [[ $key == Space || $key == j || $key == k ]] && is_label=0
        if ((step == kill_at)) && ! ((inflight_mode && is_label)); then break; fi
        ((step == keys)) && break
        if ((!is_label)); then tm send-keys -t "$SESSION" "$key"; continue; fi
        # A fresh message line, so the acknowledgement seen next is this key's.
        if [[ $(bottom) =~ $ACK ]]; then
            tm send-keys -t "$SESSION" C-l
            for _ in $(seq 1 200); do [[ $(bottom) =~ $ACK ]] || break; sleep 0.05; done
        fi
        case $key in
            r)
                tm send-keys -t "$SESSION" r
                wait_bottom '^reward \(0\.\.1\):' || { ok=0; break; }
                rnd 5; values=(0.25 0.5 0.75 0.1 ''); value=${values[$R]}
                if [[ -n $value ]]; then tm send-keys -t "$SESSION" -l "$value"; fi
                tm send-keys -t "$SESSION" Enter ;;
            t)
                tm send-keys -t "$SESSION" t
                wait_bottom '^toggle tags:' || { ok=0; break; }
                rnd 5; tm send-keys -t "$SESSION" "$((R + 1))" Enter ;;
            *) tm send-keys -t "$SESSION" "$key" ;;
        esac
        if ((step == kill_at)); then
            # No pause, up to 20 ms, or up to 150 ms: before, during and after the commit.
            rnd 3; pauses=(1 20 150); rnd "${pauses[$R]}"
            ((R)) && sleep "0.$(printf '%03d' "$R")"
            inflight=1
            break
        fi
        if wait_bottom "$ACK"; then record_ack "$LINE"; else ok=0; break; fi
    done
    kill_trove
    total_acks=$((total_acks + ${#ACKS[@]}))
    total_inflight=$((total_inflight + inflight))
    check "run $run: every key acknowledged on screen, trove killed" test "$ok$KILL_FAILED" = 10
    check "run $run: ${#ACKS[@]} acknowledged labels are the store's events and current labels" \
        verify_run "$run" "$first_event" "$inflight"
done
check "trove check passes after $RUNS kills" quiet "$TROVE" check --store "$STORE"
echo "kill: $RUNS runs, $total_acks acknowledged labels, $total_kills kills" \
    "($total_inflight with a label key in flight, $total_committed_inflight of those committed), $((SECONDS - start)) s"
finish
