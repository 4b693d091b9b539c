#!/usr/bin/env bash
# End-to-end terminal-injection test of `trove review` on a real terminal (tmux). Imports records
# whose texts (and one id) hold OSC 52 clipboard writes, an OSC 8 hyperlink, OSC 0/2 window titles,
# CSI cursor moves and clears, DCS, BEL, C1 controls (U+009B, U+0085; escaped and as raw UTF-8),
# bidi overrides (U+202E), DEL and a grapheme cluster of 2,000 combining marks, then opens them in
# the list, the trajectory screen (paged to the end) and the raw record view (paged to the end).
# On every screen it checks:
#   - the pane title and window name are unchanged, and tmux has no paste buffer (the server runs
#     with set-clipboard on, so an OSC 52 that reached the terminal would create one: a positive
#     control in another pane shows that it does, and that OSC 2 there does change its title);
#   - the title bar (first line) and the status and key-hint bars (last two lines) are intact, and
#     the screen has its full height;
#   - no C1, bidi or other format control reached the screen, and the sequences show as visible
#     marks (␛]52;c;…␇ and so on).
#
# Usage: Tests/e2e/review-inject.sh [path/to/trove]   (default .build/debug/trove)
# Prints one line per check and `N passed, N failed` last; exits non-zero on any failure.
set -u
TROVE=$(realpath "${1:-.build/debug/trove}")
E2E_NAME=inject
E2E_TMUX_FLAGS=-u
# shellcheck source=Tests/e2e/e2e-lib.sh
source "$(dirname "$0")/e2e-lib.sh"
SESSION=inject
WIDTH=100
HEIGHT=12
export LC_ALL=C.UTF-8

not() { ! "$@" 2>/dev/null; }

# The pane's title and window name; tmux's paste buffers (one line each).
title_of() { tm display -p -t "$1" '#{pane_title}|#{window_name}'; }
buffers() { tm list-buffers -F '#{buffer_name}: #{buffer_sample}' 2>/dev/null; }

# Waits until the screen shows TEXT and the frame has settled (two equal captures 100 ms apart).
settle() {
    wait_for "$1" || return 1
    local previous="" current
    for _ in $(seq 1 50); do
        current=$(screen)
        [[ $current == "$previous" ]] && return 0
        previous=$current
        sleep 0.1
    done
}

# The checks made on every screen. $1 names the screen; $2 is an extended regex the status bar must
# match.
screen_intact() {
    local name=$1 status_pattern=$2
    local -a lines
    mapfile -t lines < <(screen)
    local problems=()
    ((${#lines[@]} == HEIGHT)) || problems+=("captured ${#lines[@]} lines, not $HEIGHT")
    [[ ${lines[0]:-} =~ ^\ [^\ ].*\ inject$ ]] || problems+=("title bar: '${lines[0]:-}'")
    [[ ${lines[HEIGHT - 2]:-} =~ $status_pattern ]] || problems+=("status bar: '${lines[HEIGHT - 2]:-}'")
    [[ ${lines[HEIGHT - 1]:-} =~ ^a\ accept\ \ x\ reject ]] || problems+=("key hints: '${lines[HEIGHT - 1]:-}'")
    [[ $(title_of "$SESSION") == "$TITLE" ]] || problems+=("pane title / window name now '$(title_of "$SESSION")', was '$TITLE'")
    [[ -z $(buffers) ]] || problems+=("paste buffers: $(buffers)")
    # C1 controls, bidi and other format controls that must never reach the terminal.
    if screen | grep -qP '[\x{80}-\x{9F}\x{200E}\x{200F}\x{202A}-\x{202E}\x{2066}-\x{2069}\x{061C}]'; then
        problems+=("a control or bidi scalar reached the screen")
    fi
    for problem in "${problems[@]}"; do echo "  $name: $problem" >&2; done
    ((${#problems[@]} == 0)) || dump
    ((${#problems[@]} == 0))
}

shows_re() { screen | grep -qP -- "$1" || { echo "  screen lacks: $1" >&2; return 1; }; }
shows() { screen | grep -qF -- "$1" || { echo "  screen lacks: $1" >&2; return 1; }; }

# Pages down (PgDn) until the status bar's `line A/B` shows the last page, checking every page.
page_through() {
    local name=$1 status_pattern=$2 page=0 before
    while ((page < 200)); do
        screen_intact "$name page $page" "$status_pattern" || return 1
        local status
        status=$(screen | tail -n 2 | head -n 1)
        [[ $status =~ line\ ([0-9]+)/([0-9]+) ]] || return 1
        ((BASH_REMATCH[1] + HEIGHT - 3 > BASH_REMATCH[2])) && { PAGES=$((page + 1)); return 0; }
        before=$status
        tm send-keys -t "$SESSION" NPage
        for _ in $(seq 1 100); do
            [[ $(screen | tail -n 2 | head -n 1) != "$before" ]] && break
            sleep 0.05
        done
        settle "line " || return 1
        page=$((page + 1))
    done
    return 1
}

require_tools tmux sqlite3
require_trove

# --- The hostile records (JSON escapes; one record with raw C1 / bidi / DEL bytes) -----------------
marks=$(printf '\\u0301%.0s' $(seq 1 2000))
head=$(cat <<'EOF'
{"id":"inject_1","conversations":[{"from":"human","value":"CLIP \u001b]52;c;aGFja2Vk\u0007 TITLE \u001b]0;PWNED\u0007 \u001b]2;PWNED2\u0007 LINK \u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\ end"},{"from":"gpt","value":"Think: clear \u001b[2J\u001b[H\u001b[10;10Hmoved\u001b[K\u001b[1A\u001b[999C now. BEL \u0007\u0007 DCS \u001bP1$qm\u001b\\ done\nAct: bash\n```bash\necho \u001b]52;c;aGFja2Vk\u0007\n```"},{"from":"human","value":"The output of the OS:\nC1 \u009b2J \u009d0;PWNED\u009c NEL \u0085 bidi \u202egnp.exe\u202c \u2066x\u2069 \u200f DEL \u007f BS \b\b CR safe\rEVIL"},{"from":"gpt","value":"Think: a long cluster Z
EOF
)
tail=$(cat <<'EOF'
end.\nAct: answer(\u001b]52;c;aGFja2Vk\u0007)"}]}
{"id":"inj_\u001b]0;PWNED\u0007_2","conversations":[{"from":"human","value":"\u001b]52;c;aGFja2Vk\u0007 hostile id"},{"from":"gpt","value":"Think: ok\nAct: answer(1)"}]}
EOF
)
{
    printf '%s%s%s\n' "$head" "$marks" "$tail"
    printf '{"id":"inject_raw","conversations":[{"from":"human","value":"raw C1 \xc2\x9b2J NEL \xc2\x85 bidi \xe2\x80\xaegnp.exe DEL \x7f end"},{"from":"gpt","value":"Think: ok\\nAct: answer(1)"}]}\n'
} >"$WORK/hostile.jsonl"
STORE="$WORK/inject.sqlite"
"$TROVE" import --store "$STORE" -q "$WORK/hostile.jsonl" >"$WORK/import.log" 2>&1
check "3 hostile records imported" test "$(sql 'SELECT count(*) FROM trajectory')" = 3 || sed "s/^/  /" "$WORK/import.log" >&2

# --- Positive control: in a plain pane, OSC 52 creates a paste buffer and OSC 2 sets the title -------
tm new-session -d -s control -x 80 -y 10 "sleep 60"
tm set -s set-clipboard on
tm set -g allow-rename on
tm respawn-pane -k -t control \
    "printf '\\033]52;c;Y29udHJvbA==\\007\\033]2;CONTROLTITLE\\007\\033kCONTROLNAME\\033\\\\'; echo printed; sleep 600"
wait_for printed control >/dev/null
control_buffer() {
    for _ in $(seq 1 100); do [[ -n $(buffers) ]] && break; sleep 0.05; done
    [[ $(tm show-buffer 2>/dev/null) == control ]]
}
check "control: OSC 52 in a plain pane creates a tmux paste buffer" control_buffer
check "control: OSC 2 in a plain pane sets the pane title" test "$(title_of control)" = "CONTROLTITLE|CONTROLNAME"
# The control pane stays (an idle shell would be gone, and the server with it, and its options).
check "control: the server keeps set-clipboard on" test "$(tm show -sv set-clipboard)" = on
while [[ -n $(buffers) ]]; do tm delete-buffer; done

# --- The review UI --------------------------------------------------------------------------------
tm new-session -d -s "$SESSION" -n review -x "$WIDTH" -y "$HEIGHT" \
    "exec env TERM=xterm-256color '$TROVE' review --store '$STORE' --reviewer inject"
TITLE=$(title_of "$SESSION")
LIST_STATUS='^ [0-9]+/3 · ✓0 accepted ✗0 rejected 3 pending · sort: '
TRAJECTORY_STATUS='^ step [0-9]+/[0-9]+ · line [0-9]+/[0-9]+ · view '
RAW_STATUS='^ step [0-9]+/[0-9]+ · line [0-9]+/[0-9]+ · raw'
check "list shows" settle "3 pending"
check "list: frame, title, clipboard intact" screen_intact list "$LIST_STATUS"
check "list: the hostile id shows escaped, whole in its 20 columns" shows "inj_␛]0;PWNED␇_2"
check "list: the OSC 52 preview shows escaped" shows "␛]52;c;aGFja2Vk␇"

# In import order: inject_1, the hostile id, inject_raw.
tm send-keys -t "$SESSION" Enter
check "trajectory screen opens" settle " inject_1 · "
PAGES=0
check "trajectory: every page intact (frame, title, clipboard, no controls)" page_through trajectory "$TRAJECTORY_STATUS"
echo "  ($PAGES pages)"
tm send-keys -t "$SESSION" g
settle "line 1/"
check "trajectory: OSC 52 shows as marks" shows "CLIP ␛]52;c;aGFja2Vk␇ TITLE ␛]0;PWNED␇ ␛]2;PWNED2␇"
check "trajectory: OSC 8 shows as marks" shows "␛]8;;https://evil.example␛\\click␛]8;;␛\\"
check "trajectory: CSI moves and clears show as marks" shows "␛[2J␛[H␛[10;10Hmoved␛[K␛[1A␛[999C"
check "trajectory: BEL and DCS show as marks" shows "BEL ␇␇ DCS ␛P1\$qm␛\\"
check "trajectory: C1 and bidi show as ¤" shows "C1 ¤2J ¤0;PWNED¤ NEL ¤ bidi ¤gnp.exe¤ ¤x¤"
check "trajectory: DEL, BS and CR show as marks" shows "DEL ␡ BS ␈␈ CR safe␍EVIL"
check "trajectory: the 2,000-mark cluster is cut to one cell (at most 4 marks)" shows_re 'a long cluster Z\x{0301}{0,4}end\.'

tm send-keys -t "$SESSION" R
check "raw view opens" settle " · raw"
[[ -n ${SHOW_RAW:-} ]] && dump
PAGES=0
check "raw view: every page intact" page_through raw "$RAW_STATUS"
echo "  ($PAGES pages)"
tm send-keys -t "$SESSION" R q j Enter
check "the hostile-id record opens, its id escaped in the title bar" settle " inj_␛]0;PWNED␇_2 · "
check "hostile-id record: intact" screen_intact hostile-id "$TRAJECTORY_STATUS"
tm send-keys -t "$SESSION" q
check "back on the list" settle "3 pending"
check "list again: intact" screen_intact list "$LIST_STATUS"

# Key sequences the terminal description lacks (Home as ESC [ 1 ~ and ESC [ 7 ~, Alt-1, a CSI-u key)
# are dropped whole: their bytes must not act as Esc (back / quit), 1 (reward 1), and so on.
UNKNOWN_KEYS=(1b 5b 31 7e 1b 5b 37 7e 1b 31 1b 5b 35 37 3b 35 75)
tm send-keys -t "$SESSION" -H "${UNKNOWN_KEYS[@]}"
tm send-keys -t "$SESSION" j
check "list: unknown key sequences do nothing (the next key moves the cursor)" settle " 3/3 · "
check "list: still intact" screen_intact list "$LIST_STATUS"

# The record with raw C1 / bidi / DEL bytes: its raw view holds them unescaped in JSON.
tm send-keys -t "$SESSION" G Enter
check "the raw-bytes record opens" settle " inject_raw · "
check "raw-bytes record: intact" screen_intact raw-bytes "$TRAJECTORY_STATUS"
check "raw-bytes record: C1, bidi and DEL show as marks" shows "raw C1 ¤2J NEL ¤ bidi ¤gnp.exe DEL ␡ end"
tm send-keys -t "$SESSION" -H "${UNKNOWN_KEYS[@]}"
tm send-keys -t "$SESSION" T
check "trajectory: unknown key sequences do nothing (the next key hides thoughts)" settle " · view -O--"
tm send-keys -t "$SESSION" T
check "trajectory: still on inject_raw" shows " inject_raw · "
check "no label was written by any key" test "$(sql 'SELECT count(*) FROM label_event')" = 0
tm send-keys -t "$SESSION" R
check "raw-bytes record: raw view" settle " · raw"
check "raw-bytes record: raw view intact" screen_intact raw-bytes-raw "$RAW_STATUS"
check "raw-bytes record: raw view shows the bytes as marks" shows "raw C1 ¤2J NEL ¤ bidi ¤gnp.exe DEL ␡ end"
# q leaves the record view for the steps, then the trajectory, then quits.
tm send-keys -t "$SESSION" q q q
for _ in $(seq 1 100); do tm has-session -t "$SESSION" 2>/dev/null || break; sleep 0.05; done
check "review quit cleanly" not tm has-session -t "$SESSION"
check "no paste buffer after the session" test -z "$(buffers)"

finish
