#!/bin/bash
# A paste is text where it is pasted: with bracketed paste (tmux's
# paste-buffer -p) a TAB or a newline in a pasted note stays in the note
# (it does not move to Channel and pick channels with its letters), a
# one-line field takes them as spaces, a paste in the list runs no
# command, and the mode is switched off again at the end, including when
# the program is told to stop by a signal, and while it is stopped
# (Ctrl-Z) and the shell has the terminal.

. "$(dirname "$0")/lib.sh"

pd add "Amgueddfa Cymru" --kind museum >/dev/null || fail "add failed"
pd add "Brynmawr Youth Club" --kind nonprofit >/dev/null || fail "add failed"

last_note() {
	pd show "$1" --format json | json_get 'j["interactions"][0]["text"] + "|" + j["interactions"][0]["channel"]'
}

# paste SESSION FILE [-r]: FILE's bytes pasted bracketed, as a terminal
# does (each LF sent as CR; with -r as they are).
paste() {
	t load-buffer -b p "$2" || fail "load-buffer failed"
	t paste-buffer -p -d ${3:-} -b p -t "$1" || fail "paste-buffer failed"
}

# start_piped SESSION: as start, with everything the program writes
# copied to $TEST_DIR/out.SESSION from its first byte (the program waits
# for the pipe to be in place).
start_piped() {
	local s=$1
	rm -f "$TEST_DIR/status.$s" "$TEST_DIR/go.$s"
	local cmd="while [ ! -e '$TEST_DIR/go.$s' ]; do sleep 0.05; done; $PD_WRAP '$PD' --db '$DB'; echo \$? > '$TEST_DIR/status.$s'"
	new_session "$s" -x 80 -y 24 "$cmd"
	t set-option -t "$s" remain-on-exit on >/dev/null
	t set-option -t "$s" status off >/dev/null
	t pipe-pane -o -t "$s" "cat >> '$TEST_DIR/out.$s'"
	touch "$TEST_DIR/go.$s"
}

start_piped pd
wait_for "Amgueddfa Cymru"

# --- a note with TABs and a newline, pasted into the note field ---
keys pd c
wait_for "Log a contact with Amgueddfa Cymru"
printf 'Spoke with Dana.\tBudget: $500\tapproved by the board\nNext: room booking' > "$TEST_DIR/note.txt"
paste pd "$TEST_DIR/note.txt"
wait_for "Next: room booking"
screen pd | grep -q "Follow up.*Budget" && fail "part of the paste went to Follow up"
keys pd C-s
wait_gone "Log a contact with"
want=$'Spoke with Dana.\tBudget: $500\tapproved by the board\nNext: room booking|phone'
got=$(last_note "Amgueddfa Cymru")
[ "$got" = "$want" ] || fail "saved note/channel: $(printf %q "$got"), want $(printf %q "$want")"
pass "a pasted note keeps its TABs and newline, and the channel stays phone"

# --- a long paste (many reads: a pty passes a few kB at a time) with
# tabs, CR LF line ends and accents arrives whole, in the note ---
python3 - "$TEST_DIR/long.txt" <<'PY'
import sys
rows = ["row %03d\tcafé Łódź\t%s" % (i, "x" * 40) for i in range(300)]
open(sys.argv[1], "wb").write("\r\n".join(rows).encode())
PY
keys pd j c
wait_for "Log a contact with Brynmawr Youth Club"
paste pd "$TEST_DIR/long.txt" -r
keys pd C-s
wait_gone "Log a contact with" pd 30
python3 - "$TEST_DIR/long.txt" "$(last_note "Brynmawr Youth Club")" <<'PY' || fail "the long paste did not arrive whole (above)"
import sys
want = open(sys.argv[1], encoding="utf-8").read().replace("\r\n", "\n") + "|phone"
got = sys.argv[2]
if got != want:
    print("got %d characters, want %d; first difference at %d" % (len(got), len(want),
          next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))))
    sys.exit(1)
PY
pass "an 18 kB paste in many reads arrives whole, TABs and accents kept"

# --- the same paste into a one-line field: spaces, focus stays ---
keys pd a
wait_for "Name"
printf 'Castell\tCoch\nTrust' > "$TEST_DIR/name.txt"
paste pd "$TEST_DIR/name.txt"
wait_for "Castell Coch Trust"
keys pd Escape
wait_for "Discard"
keys pd C-x
wait_gone "Castell Coch Trust"
pass "a one-line field takes a pasted TAB and newline as spaces"

# --- a paste in the list is no command (a would add, c log, q quit) ---
printf 'aq\tcq\n' > "$TEST_DIR/keys.txt"
paste pd "$TEST_DIR/keys.txt"
keys pd k
sleep 0.5
screen pd | grep -q "Log a contact\|New partner\|Add a partner" && fail "a pasted letter opened a form"
wait_for "Brynmawr Youth Club"
[ -s "$TEST_DIR/status.pd" ] && fail "a pasted q quit the program"
pass "a paste in the list runs nothing"

keys pd q
assert_exit pd 0
python3 - "$TEST_DIR/out.pd" <<'PY' || fail "bracketed paste was not switched on and off (above)"
import sys
d = open(sys.argv[1], "rb").read()
on, off = d.rfind(b"\x1b[?2004h"), d.rfind(b"\x1b[?2004l")
if on < 0 or off < on:
    print("on at %d, off at %d" % (on, off)); sys.exit(1)
PY
pass "bracketed paste on at the start, off at the end"

# --- a signal: off too ---
start_piped sig
wait_for "Amgueddfa Cymru" sig
kill -TERM "$(pane_pid sig)"
wait_exit sig >/dev/null || fail "no exit after SIGTERM"
python3 - "$TEST_DIR/out.sig" <<'PY' || fail "bracketed paste left on after SIGTERM (above)"
import sys
d = open(sys.argv[1], "rb").read()
on, off = d.rfind(b"\x1b[?2004h"), d.rfind(b"\x1b[?2004l")
if on < 0 or off < on:
    print("on at %d, off at %d" % (on, off)); sys.exit(1)
PY
pass "off after SIGTERM"

# --- Ctrl-Z: off while stopped (the shell has the terminal), on again after fg ---
if command -v dash >/dev/null 2>&1; then
	new_session job -x 80 -y 24 "env PS1='sh\$ ' dash -i"
	t set-option -t job status off >/dev/null
	t pipe-pane -o -t job "cat >> '$TEST_DIR/out.job'"
	wait_for 'sh$' job
	type_text job "'$PD' --db '$DB'"
	keys job Enter
	wait_for "Amgueddfa Cymru" job
	keys job C-z
	wait_for "Stopped" job
	last_mode() {
		python3 -c 'import sys; d=open(sys.argv[1],"rb").read(); on=d.rfind(b"\x1b[?2004h"); off=d.rfind(b"\x1b[?2004l"); print("on" if on > off else "off")' "$TEST_DIR/out.job"
	}
	[ "$(last_mode)" = off ] || fail "bracketed paste left on in the shell after Ctrl-Z"
	pass "Ctrl-Z: bracketed paste off while the shell has the terminal"
	type_text job "fg"
	keys job Enter
	wait_for "Amgueddfa Cymru" job
	[ "$(last_mode)" = on ] || fail "bracketed paste not on again after fg"
	keys job c
	wait_for "Log a contact with Amgueddfa Cymru" job
	printf 'after\tfg' > "$TEST_DIR/fg.txt"
	paste job "$TEST_DIR/fg.txt"
	wait_for "Note     : after   fg" job
	keys job Escape
	wait_for "Discard" job
	keys job C-x
	wait_gone "Log a contact with" job
	keys job q
	wait_gone "Amgueddfa Cymru" job
	[ "$(last_mode)" = off ] || fail "bracketed paste left on after q"
	pass "after fg: on again, a paste is text; off at the end"
else
	pass "# SKIP no dash for the Ctrl-Z check"
fi
check_memory
