#!/bin/bash
# Text typed into a form outlives a desk that cannot take it at exit: the
# terminal goes away (the tmux window killed, as a dropped SSH session
# hangs up) while a colleague's import holds the desk, and the process is
# then killed outright while it waits (as logind's cleanup of a hung-up
# session does), or the desk file was replaced under the open window.
# Either way the text is in a file of the data directory at once; the next
# start on that desk offers it back as a draft, text intact, and removes
# the file; a start on another desk leaves it alone; a file cut short is
# named on the status line and left in place. A desk replaced while the
# exit waits for it ends the wait at once. A start on a busy desk brings
# the file back once the desk is free.

. "$(dirname "$0")/lib.sh"

KEPT="$XDG_DATA_HOME/partnerdesk/kept"
NOTE_A="Locked out: Diolch yn fawr, Ŵyn bach — 감사합니다 — شكرا جزيلا"
NOTE_B="Replaced: storytime in Cymraeg — 동화 시간"

# kept_file DESK: the kept-forms file that names DESK, waiting up to 5 s;
# status 1 when none came.
kept_file() {
	poll 5 kept_file_now "$1"
}
kept_file_now() {   # the glob read again at each try
	grep -l -F -x "desk: $1" "$KEPT"/unsaved-forms-*.txt 2>/dev/null
}

# locked_hang_up PARTNER NOTE ERRFILE: a window on $DB, its log form for
# PARTNER typed into while an import holds the desk, then the window killed
# as a hangup does. The process must stay waiting for the desk, and the
# file kept for $DB at once: in $pid and $kept.
locked_hang_up() {
	start pd "2>'$3'"
	wait_for "$1"
	lock_desk 120
	keys pd c
	wait_for "Log a contact with $1"
	type_text pd "$2"
	wait_for "${2:0:20}"
	pid=$(pane_pid pd)
	t kill-session -t pd
	kept=$(kept_file "$(realpath "$DB")") ||
		{ kill -9 "$pid"; fail "no kept file for $DB: $(ls -la "$KEPT" 2>&1)"; }
	ps -p "$pid" >/dev/null 2>&1 || fail "partnerdesk ($pid) did not wait for the desk"
}

# --- desk A: locked by an import when the window goes ---
DB_A="$TEST_DIR/a.db"
DB="$DB_A"
pd add "Harbor Science Center" --kind museum >/dev/null || fail "add failed"
locked_hang_up "Harbor Science Center" "$NOTE_A" "$TEST_DIR/err.a"
file_a=$kept
kill -9 "$pid"
pid_gone "$pid" 5 || fail "partnerdesk ($pid) still runs 5 s after kill -9"
pass "the window gone on a locked desk: the text is in a file at once (the process then killed as it waits)"
mode=$(stat -c %a "$file_a")
[ "$mode" = 600 ] || fail "$file_a has mode $mode"
grep -F -q "$NOTE_A" "$file_a" || fail "the note is not readable in $file_a: $(cat "$file_a")"
pass "mode 0600, and the note reads as typed with cat"
grep -F -q "$file_a" "$TEST_DIR/err.a" || fail "stderr does not say where: $(cat "$TEST_DIR/err.a")"
pass "stderr said where the text is kept while it waited"
unlock_desk
[ "$(sql "select count(*) from drafts")" = "[(0,)]" ] || fail "drafts reached the desk: $(sql "select payload from drafts")"
out=$(pd check 2>&1) || fail "check failed: $out"
echo "$out" | grep -F -q "1 unsaved form kept in 1 file of $KEPT" || fail "check does not count the kept form: $out"
[ -e "$file_a" ] || fail "check took the file away"
pass "check counts the form kept for this desk and leaves its file"

# --- desk B: replaced under the open window ---
DB_B="$TEST_DIR/b.db"
DB="$DB_B"
pd add "Amgueddfa Cymru" --kind museum >/dev/null || fail "add failed"
pd backup "$TEST_DIR/copy.db" >/dev/null || fail "backup failed"
start pd "2>'$TEST_DIR/err.b'"
wait_for "Amgueddfa Cymru"
screen pd | grep -q "Unsaved work" && fail "desk A's kept form is offered on desk B"
[ -e "$file_a" ] || fail "a start on desk B removed desk A's file"
pass "a start on another desk leaves the file alone"
keys pd c
wait_for "Log a contact with Amgueddfa Cymru"
type_text pd "$NOTE_B"
wait_for "storytime in Cymraeg"
# Its draft row written first (a quiet second): that row goes with the
# old file, so the kept file must hold the text all the same.
drafted() { sql "select payload from drafts" | grep -q "storytime"; }
poll 10 drafted || fail "the note's draft row was never written"
mv "$TEST_DIR/copy.db" "$DB_B" || fail "mv failed"
wait_for "was replaced while open"
pid=$(pane_pid pd)
t kill-session -t pd
file_b=$(kept_file "$(realpath "$DB_B")") ||
	{ kill -9 "$pid" 2>/dev/null; fail "no kept file for desk B: $(ls -la "$KEPT" 2>&1)"; }
ps -p "$pid" >/dev/null 2>&1 && kill -9 "$pid"
pid_gone "$pid" 5 || fail "partnerdesk ($pid) still runs 5 s after kill -9"
grep -F -q "$file_b" "$TEST_DIR/err.b" || fail "stderr does not say where: $(cat "$TEST_DIR/err.b")"
grep -F -q "storytime in Cymraeg" "$file_b" || fail "the note, in a draft row of the old file, is not in $file_b"
pass "the desk replaced: the text is kept in a file, and stderr says where"

# --- desk C: locked when the window goes, then replaced while the
# process waits: it stops waiting at once (the file keeps the text). ---
DB_C="$TEST_DIR/c.db"
DB="$DB_C"
pd add "Llyfrgell Genedlaethol" --kind library >/dev/null || fail "add failed"
pd backup "$TEST_DIR/copy-c.db" >/dev/null || fail "backup failed"
locked_hang_up "Llyfrgell Genedlaethol" "Waited, then replaced" "$TEST_DIR/err.c"
file_c=$kept
pd check 2>/dev/null | grep -F -q "$file_c holds unsaved forms its session still waits to write" ||
	{ kill -9 "$pid"; fail "check does not name the file its session waits to write: $(pd check 2>&1)"; }
pass "check names the file its session still waits to write"
mv "$TEST_DIR/copy-c.db" "$DB_C" || fail "mv failed"
pid_gone "$pid" 5 || { kill -9 "$pid"; fail "partnerdesk ($pid) still waits 5 s after its desk was replaced"; }
unlock_desk
# Kept again once the wait saw the desk go: the same text, maybe a new name.
file_c=$(kept_file "$(realpath "$DB_C")") || fail "the kept file went with the wait"
grep -F -q "Waited, then replaced" "$file_c" || fail "the note is not in $file_c: $(cat "$file_c")"
grep -F -q "was replaced or removed while this waited" "$TEST_DIR/err.c" ||
	fail "stderr does not say why the wait ended: $(cat "$TEST_DIR/err.c")"
pass "a desk replaced while the exit waits ends the wait at once; the file keeps the text"
rm -f "$file_c"

# A file cut short (a disk full, an editor) is not read back in part.
cut="$KEPT/unsaved-forms-00000000-000000-1.txt"
head -c -12 "$file_b" >"$cut"

# --- desk A again, first while an import holds it: the note comes back
# once the desk lets go, without another start ---
DB="$DB_A"
lock_desk 120
start again
wait_for "not back yet" again
[ -e "$file_a" ] || fail "$file_a went while the desk was busy"
screen again | grep -q "Unsaved work" && fail "offered before the desk let the note in"
unlock_desk
wait_for "Unsaved work from an earlier session" again
pass "a start on a busy desk brings the note back once the desk is free"
wait_for "Diolch yn fawr" again
[ -e "$file_a" ] && fail "$file_a is still there after the start took it back"
[ -e "$file_b" ] || fail "desk B's file went with desk A's"
keys again Enter
wait_for "Log a contact with Harbor Science Center" again
wait_for "Diolch yn fawr" again
pass "the next start on desk A offers the note back as a draft and removes the file"
pd check 2>&1 | grep -q "unsaved form" && fail "check still counts a kept form: $(pd check 2>&1)"
keys again C-s
wait_gone "Log a contact with" again
keys again q
assert_exit again 0
t kill-session -t again
texts=$(pd show "Harbor Science Center" --format json | json_get '[i["text"] for i in j["interactions"]]')
[ "$texts" = "['$NOTE_A']" ] || fail "logged: $texts"
pass "and it saves with its text intact"

# --- desk B again: back too; the cut file is named and stays ---
DB="$DB_B"
start again
wait_for "Unsaved work from an earlier session" again
wait_for "storytime in Cymraeg" again
[ -e "$file_b" ] && fail "$file_b is still there after the start took it back"
screen again | tr -s ' \n' ' ' | grep -F -q "$(basename "$cut")" || fail "the status line does not name $cut"
[ -e "$cut" ] || fail "the file cut short was removed"
pass "desk B's note is back too; a file cut short is named on the status line and left in place"
keys again Enter
wait_for "Log a contact with Amgueddfa Cymru" again
keys again C-s
wait_gone "Log a contact with" again
keys again q
assert_exit again 0
texts=$(pd show "Amgueddfa Cymru" --format json | json_get '[i["text"] for i in j["interactions"]]')
[ "$texts" = "['$NOTE_B']" ] || fail "logged: $texts"
pass "and it saves with its text intact"
check_memory
