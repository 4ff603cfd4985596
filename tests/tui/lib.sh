# Shared by the tmux scenarios of tests/tui (sourced, never run): a private
# tmux server on a socket in a temporary directory, HOME and XDG_* there
# too, a fixed 80x24 window, polling capture-pane with a timeout instead of
# fixed sleeps, and clear failures that print the screen.
#
# The script sets PD (the partnerdesk binary) from $1 or $PARTNERDESK.
# PD_WRAP, if set, runs the binary under a wrapper (valgrind ...).

set -u

PD=${1:-${PARTNERDESK:-}}
if [ -z "$PD" ] || [ ! -x "$PD" ]; then
	echo "usage: $0 PATH-TO-partnerdesk" >&2
	exit 2
fi
PD=$(cd "$(dirname "$PD")" && pwd)/$(basename "$PD")
command -v tmux >/dev/null 2>&1 || { echo "1..0 # SKIP tmux is not installed"; exit 77; }

TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/pd-tui.XXXXXX")
export HOME="$TEST_DIR/home"
export XDG_CONFIG_HOME="$TEST_DIR/config"
export XDG_DATA_HOME="$TEST_DIR/data"
export XDG_STATE_HOME="$TEST_DIR/state"
export XDG_CACHE_HOME="$TEST_DIR/cache"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset PARTNERDESK_DB PARTNERDESK_CONFIG VISUAL EDITOR NO_COLOR TMUX
DB="$TEST_DIR/partnerdesk.db"
PD_WRAP=${PD_WRAP:-}
TIMEOUT=${PD_TUI_TIMEOUT:-10}

TMUX_SOCK="$TEST_DIR/tmux.sock"
t() {
	tmux -S "$TMUX_SOCK" -f /dev/null "$@"
}

cleanup() {
	t kill-server >/dev/null 2>&1
	# a lock holder of lock_desk lets go (its loop ends, or it is stopped)
	[ -n "${LOCK_PID:-}" ] && kill "$LOCK_PID" 2>/dev/null
	reap_started
	rm -rf "$TEST_DIR"
}

# Every program the test started names a file in TEST_DIR (its --db). One
# still running 5 s after its terminal went away is killed, and said: under
# ASan, LeakSanitizer's stop-the-world at exit can wait forever for a stop
# that the hangup's SIGCONT cancelled, and the program then spun a CPU
# through the rest of the run (two such in one evening, each at 78%).
reap_started() {
	local tries=0
	while pgrep -f -- "$TEST_DIR/" >/dev/null && [ "$tries" -lt 50 ]; do
		sleep 0.1
		tries=$((tries + 1))
	done
	if pgrep -f -- "$TEST_DIR/" >/dev/null; then
		echo "# still running 5 s after the test ended, killed: $(pgrep -f -- "$TEST_DIR/" | tr '\n' ' ')"
		pkill -KILL -f -- "$TEST_DIR/"
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# The screen of window $1 (default: pd) as text.
screen() {
	t capture-pane -p -t "${1:-pd}" 2>/dev/null
}

fail() {
	echo "FAIL: $*"
	for w in $(t list-windows -a -F '#{session_name}' 2>/dev/null | sort -u); do
		echo "--- screen of $w ---"
		screen "$w"
	done
	echo "---------------------"
	for f in "$TEST_DIR"/valgrind.*.log "$TEST_DIR"/asan* "$TEST_DIR"/ubsan*; do
		[ -s "$f" ] && { echo "--- $f ---"; cat "$f"; }
	done
	exit 1
}

pass() {
	echo "ok - $*"
}

# new_session NAME ARGS...: tmux new-session -d -s NAME ARGS, or fail.
# Killing a test's last session makes its server exit; a new-session sent
# while that server is still going down fails with "server exited
# unexpectedly". That race is tried again for a while, not failed on.
new_session() {
	local s=$1 tries=50
	shift
	until t new-session -d -s "$s" "$@" 2>"$TEST_DIR/tmux.err"; do
		t has-session -t "$s" 2>/dev/null && return 0
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || fail "could not start tmux: $(cat "$TEST_DIR/tmux.err")"
		sleep 0.1
	done
}

# start SESSION ARGS...: partnerdesk in a new 80x24 session. A small shell
# runs it and writes its exit status to a file (tmux does not always record
# a dead pane's status); the pane stays after the exit for its last screen.
start() {
	start_after "" "$@"
}

# start_after PREFIX SESSION ARGS...: the same, the shell running PREFIX
# first ("sleep 2; ", so that keys sent meanwhile wait in the terminal;
# "env VAR=... ").
start_after() {
	local pre=$1 s=$2
	shift 2
	rm -f "$TEST_DIR/status.$s"
	local cmd="$pre$PD_WRAP '$PD' --db '$DB' $*; echo \$? > '$TEST_DIR/status.$s'"
	new_session "$s" -x 80 -y 24 "$cmd"
	t set-option -t "$s" remain-on-exit on >/dev/null
	t set-option -t "$s" status off >/dev/null
}

# nap: one pause of a polling loop, which keeps its tries so far in a local
# poll_tries and its time left, in hundredths of a second, in a local
# poll_left (named so that a condition polled never sets them). A
# screen is redrawn within milliseconds of a key, so the first few pauses
# are short (a tenth of a second each was most of many tests' time); a
# wait that goes on polls ten times a second, as before, and the limit is
# the same.
nap() {
	if [ "$poll_tries" -lt 5 ]; then
		sleep 0.02
		poll_left=$((poll_left - 2))
	else
		sleep 0.1
		poll_left=$((poll_left - 10))
	fi
	poll_tries=$((poll_tries + 1))
}

# wait_for TEXT [SESSION] [SECONDS]: polls until the screen shows TEXT.
wait_for() {
	local text=$1 s=${2:-pd} secs=${3:-$TIMEOUT}
	local poll_left=$((secs * 100)) poll_tries=0
	while [ "$poll_left" -gt 0 ]; do
		if screen "$s" | grep -F -q -- "$text"; then
			return 0
		fi
		nap
	done
	fail "waited ${secs}s for '$text' on $s"
}

# screen_has_re REGEX [SESSION]: the screen matches an extended regex.
screen_has_re() {
	screen "${2:-pd}" | grep -E -q -- "$1"
}

# wait_for_re REGEX [SESSION]: polls until the screen matches REGEX.
wait_for_re() {
	local re=$1 s=${2:-pd} poll_left=$((TIMEOUT * 100)) poll_tries=0
	while [ "$poll_left" -gt 0 ]; do
		screen_has_re "$re" "$s" && return 0
		nap
	done
	fail "waited ${TIMEOUT}s for /$re/ on $s"
}

# wait_gone TEXT [SESSION] [SECONDS]: polls until the screen no longer shows TEXT.
wait_gone() {
	local text=$1 s=${2:-pd} secs=${3:-$TIMEOUT}
	local poll_left=$((secs * 100)) poll_tries=0
	while [ "$poll_left" -gt 0 ]; do
		if ! screen "$s" | grep -F -q -- "$text"; then
			return 0
		fi
		nap
	done
	fail "waited ${secs}s for '$text' to go from $s"
}

# keys SESSION KEY...: tmux key names (Enter, Escape, C-s, Tab, BTab, Down).
keys() {
	local s=$1
	shift
	t send-keys -t "$s" "$@"
}

# type SESSION TEXT: literal text.
type_text() {
	t send-keys -t "$1" -l -- "$2"
}

# poll SECONDS COMMAND...: runs COMMAND every tenth of a second until it
# succeeds (its output then passed on); status 1 when it never did in
# SECONDS.
poll() {
	local poll_left=$(($1 * 100)) poll_tries=0
	shift
	while [ "$poll_left" -gt 0 ]; do
		"$@" && return 0
		nap
	done
	return 1
}

# The pid of the program in session $1: the child of the pane's shell.
pane_pid() {
	local sh
	sh=$(t list-panes -t "$1" -F '#{pane_pid}')
	poll 5 first_child "$sh" || fail "no partnerdesk process in $1"
}
first_child() {
	pgrep -P "$1" | head -1 | grep .
}

# pid_gone PID SECONDS: polls until process PID is gone, or a zombie
# waiting for its (also hung up) parent to reap it; status 1 when it still
# runs after SECONDS.
pid_gone() {
	local poll_left=$(($2 * 100)) poll_tries=0 st
	while st=$(ps -o stat= -p "$1" 2>/dev/null) && [ "${st#Z}" = "$st" ]; do
		[ "$poll_left" -gt 0 ] || return 1
		nap
	done
}

# wait_exit SESSION [SECONDS]: polls until the program has exited within
# SECONDS; prints its exit status (128+N for a signal).
wait_exit() {
	local s=$1 secs=${2:-$TIMEOUT}
	local poll_left=$((secs * 100)) poll_tries=0
	while [ "$poll_left" -gt 0 ]; do
		if [ -s "$TEST_DIR/status.$s" ]; then
			cat "$TEST_DIR/status.$s"
			return 0
		fi
		nap
	done
	echo "still running after ${secs}s"
	return 1
}

# pd ARGS...: the command line against the test database.
pd() {
	"$PD" --db "$DB" "$@"
}

# json_get EXPR: evaluates a Python expression over the JSON on stdin (as j).
json_get() {
	python3 -c 'import json,sys; j=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"
}

# Memory checking: sanitizer reports go to files in the test directory (a
# pane's stderr vanishes with it); PD_VALGRIND=1 runs the program under
# valgrind. check_memory fails the test on any report.
export ASAN_OPTIONS="log_path=$TEST_DIR/asan:detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="log_path=$TEST_DIR/ubsan:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
EXIT_LIMIT=1
# Under AddressSanitizer the exit walks the heap for leaks, which a loaded
# machine stretches past a second; it must still exit, not hang.
[ "${PD_SANITIZED:-0}" = 1 ] && EXIT_LIMIT=4
if [ "${PD_VALGRIND:-0}" = 1 ]; then
	command -v valgrind >/dev/null 2>&1 || { echo "1..0 # SKIP valgrind is not installed"; exit 77; }
	PD_WRAP="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --log-file=$TEST_DIR/valgrind.%p.log"
	# valgrind itself is slow to start and to stop
	EXIT_LIMIT=8
	TIMEOUT=$((TIMEOUT * 4))
fi

check_memory() {
	local bad=0
	for f in "$TEST_DIR"/asan* "$TEST_DIR"/ubsan*; do
		[ -s "$f" ] || continue
		# A program a test kills (SIGKILL, as a pulled plug) while
		# LeakSanitizer walks its heap at exit leaves only the walker's
		# "Unable to get registers from thread N": no report of ours.
		grep -qv '^==[0-9]*==Unable to get registers from thread [0-9]*\.$' "$f" || continue
		echo "--- $f ---"
		cat "$f"
		bad=1
	done
	for f in "$TEST_DIR"/valgrind.*.log; do
		[ -s "$f" ] || continue
		echo "--- $f ---"
		cat "$f"
		bad=1
	done
	[ "$bad" = 0 ] || fail "memory errors reported (above)"
}

# assert_exit SESSION STATUS...: the program exited within the limit with
# one of the STATUSes (a signal or a crash leaves no status: that fails).
assert_exit() {
	local s=$1 got want
	shift
	got=$(wait_exit "$s" "$EXIT_LIMIT")
	for want in "$@"; do
		[ "$got" = "$want" ] && return 0
	done
	fail "partnerdesk in $s exited with status '$got', want $*"
}

# quit_both A B: q in both sessions, both exit 0, both sessions go.
quit_both() {
	keys "$1" q
	keys "$2" q
	assert_exit "$1" 0
	assert_exit "$2" 0
	t kill-session -t "$1"
	t kill-session -t "$2"
}

# open_both A B KEY TITLE: both sessions start on the list, press KEY, and
# show TITLE (two people opening the same form).
open_both() {
	local a=$1 b=$2 key=$3 title=$4
	start "$a"
	start "$b"
	wait_for "$NAME" "$a"
	wait_for "$NAME" "$b"
	keys "$a" "$key"
	keys "$b" "$key"
	wait_for "$title" "$a"
	wait_for "$title" "$b"
}

# lock_desk [SECONDS]: another program (an import, say) takes the desk's
# write lock as an import does, BEGIN IMMEDIATE with a write in it, and
# holds it until unlock_desk, or for at most SECONDS (default 90).
lock_desk() {
	rm -f "$TEST_DIR/locked" "$TEST_DIR/release"
	python3 - "$DB" "$TEST_DIR/locked" "$TEST_DIR/release" "${1:-90}" >"$TEST_DIR/lock.log" 2>&1 <<'PY' &
import os, sqlite3, sys, time
db, locked, release, most = sys.argv[1:5]
c = sqlite3.connect(db, isolation_level=None, timeout=10)
c.execute("BEGIN IMMEDIATE")
c.execute("UPDATE partners SET updated = updated")
open(locked, "w").close()
end = time.time() + float(most)
while not os.path.exists(release) and time.time() < end:
    time.sleep(0.05)
c.execute("ROLLBACK")
PY
	LOCK_PID=$!
	local n=100
	while [ ! -e "$TEST_DIR/locked" ] && [ $n -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
	[ -e "$TEST_DIR/locked" ] || fail "the lock holder did not start"
}

# unlock_desk: the lock taken by lock_desk is let go.
unlock_desk() {
	touch "$TEST_DIR/release"
	wait "$LOCK_PID"
}

# sql QUERY: the rows of a query on the test database, as a Python list.
sql() {
	python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1], timeout=30).execute(sys.argv[2]).fetchall())' "$DB" "$1"
}

# log_target: the partner the selection is on, as the log form's title
# names it ("Log a contact with NAME"): c, read, Esc.
log_target() {
	keys pd c
	wait_for "Log a contact with"
	screen | grep -o 'Log a contact with .*' | head -1 |
		sed -E 's/^Log a contact with //; s/[[:space:]]*[─q+-]{3,}.*$//; s/[[:space:]]*$//'
	keys pd Escape
	wait_gone "Log a contact with"
}

# offers_only WHAT WANT... [-- NOT...]: polls until one capture of the hint
# line (the screen's last row) shows every WANT and none of the NOTs (a
# key's redraw comes a moment later), else fails saying WHAT.
offers_only() {
	local what=$1
	shift
	poll "$TIMEOUT" offers_now "$@" ||
		fail "$what: the hint line is '$(screen | tail -1)'; want: $* (after --, not offered)"
}
offers_now() {
	local line item want=1 has
	line=$(screen | tail -1)
	for item in "$@"; do
		if [ "$item" = -- ]; then
			want=0
			continue
		fi
		has=0
		case $line in *"$item"*) has=1 ;; esac
		[ "$has" = "$want" ] || return 1
	done
}

# ---- bytes on the wire (counted through pipe-pane) ----

# demo_piped NAME COLS ROWS TERM: the demo desk at that size and TERM in
# session NAME, every byte it writes to the terminal kept in NAME.raw.
demo_piped() {
	local s=$1
	rm -f "$TEST_DIR/status.$s"
	new_session "$s" -x "$2" -y "$3" \
		"env TERM=$4 $PD_WRAP '$PD' --db '$TEST_DIR/$s.db' --demo; echo \$? > '$TEST_DIR/status.$s'"
	t set-option -t "$s" remain-on-exit on >/dev/null
	t set-option -t "$s" status off >/dev/null
	: > "$TEST_DIR/$s.raw"
	t pipe-pane -o -t "$s" "cat >> '$TEST_DIR/$s.raw'"
}

# settled NAME: the bytes NAME.raw holds once none has come for 0.4 s
# (10 s at most).
settled() {
	local f="$TEST_DIR/$1.raw" last=-1 now quiet=0 n=100
	while [ "$quiet" -lt 4 ] && [ "$n" -gt 0 ]; do
		sleep 0.1
		now=$(stat -c %s "$f")
		if [ "$now" = "$last" ]; then quiet=$((quiet + 1)); else quiet=0; last=$now; fi
		n=$((n - 1))
	done
	echo "$last"
}

# counted NAME KEY...: each key sent once the screen has settled; prints
# "FROM TO", where in NAME.raw the bytes the keys cost lie.
counted() {
	local s=$1 from k
	shift
	from=$(settled "$s")
	for k in "$@"; do
		keys "$s" "$k"
		settled "$s" >/dev/null
	done
	echo "$from $(settled "$s")"
}

# counted_each NAME KEY...: as counted, but one line "FROM TO" for each key,
# each range starting where the one before ends: a key waits once for the
# screen to settle, where a counted call for each key waited three times
# (before it, after it, and again at the end). The last key's range ends,
# as counted's does, after a second wait.
counted_each() {
	local s=$1 from to
	shift
	from=$(settled "$s")
	while [ "$#" -gt 0 ]; do
		keys "$s" "$1"
		to=$(settled "$s")
		[ "$#" -gt 1 ] || to=$(settled "$s")
		echo "$from $to"
		from=$to
		shift
	done
}

# raw_count NAME FROM TO REGEX: how often the Python bytes regex REGEX
# matches in NAME.raw's bytes FROM to TO.
raw_count() {
	python3 - "$TEST_DIR/$1.raw" "$2" "$3" "$4" <<'PY'
import re, sys
d = open(sys.argv[1], "rb").read()[int(sys.argv[2]):int(sys.argv[3])]
print(len(re.findall(sys.argv[4].encode(), d)))
PY
}
