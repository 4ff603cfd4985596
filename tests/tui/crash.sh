#!/bin/bash
# The terminal is given back whatever ends the program: Ctrl-\ (SIGQUIT)
# in the middle of a note quits as SIGTERM does (status 1, the draft
# written and offered on the next start); a crash (SIGSEGV, SIGABRT,
# SIGILL sent from outside) still dies of its signal, but first the
# terminal is left as the shell had it: canonical input and echo on, out
# of the alternate screen, bracketed paste off (a paste shows no
# ESC[200~), cursor shown, arrow keys in normal mode. tmux itself is
# asked for the pane's modes; a shell that stays after the program is
# asked for its stty and shown a paste.

. "$(dirname "$0")/lib.sh"

pd add "Harbor Science Center" --kind museum >/dev/null || fail "add failed"

# start_shell SESSION: partnerdesk in a pane whose shell stays after it:
# the exit status and `stty -a` go to files, then `cat -v` shows what a
# paste sends. No core files (a core dump is the signal's business).
start_shell() {
	local s=$1
	rm -f "$TEST_DIR/status.$s" "$TEST_DIR/stty.$s"
	local cmd="ulimit -c 0; $PD_WRAP '$PD' --db '$DB'; echo \$? > '$TEST_DIR/status.$s'; stty -a > '$TEST_DIR/stty.$s'; echo READY; exec cat -v"
	new_session "$s" -x 80 -y 24 "$cmd"
	t set-option -t "$s" remain-on-exit on >/dev/null
	t set-option -t "$s" status off >/dev/null
}

# terminal_usable SESSION WHAT: after the program is gone, the terminal
# is the shell's again.
terminal_usable() {
	local s=$1 what=$2 f
	wait_for READY "$s"
	f="$TEST_DIR/stty.$s"
	[ -s "$f" ] || fail "$what: no stty output"
	grep -Eq '(^| )icanon( |$)' "$f" || fail "$what: icanon is off: $(cat "$f")"
	grep -Eq '(^| )echo( |$)' "$f" || fail "$what: echo is off: $(cat "$f")"
	grep -Eq '(^| )ixon( |$)' "$f" || fail "$what: ixon is off (Ctrl-S/Ctrl-Q dead): $(cat "$f")"
	grep -Eq '(^| )intr = \^C;' "$f" || fail "$what: Ctrl-C no longer interrupts: $(cat "$f")"
	local modes
	modes=$(t display -p -t "$s" '#{alternate_on} #{cursor_flag} #{keypad_cursor_flag}')
	[ "$modes" = "0 1 0" ] || fail "$what: alternate screen, cursor shown, cursor keys mode are '$modes', want '0 1 0'"
	t set-buffer -b p "pasted-$s" || fail "set-buffer failed"
	t paste-buffer -p -b p -t "$s" || fail "paste-buffer failed"
	keys "$s" Enter
	wait_for "pasted-$s" "$s"
	if screen "$s" | grep -F -q '[200~'; then
		fail "$what: bracketed paste is still on (the shell would see ESC[200~)"
	fi
	pass "$what: the terminal is the shell's again (cooked, echo, main screen, no paste brackets)"
}

# --- Ctrl-\ mid-note: quits as SIGTERM does, the draft kept ---
start_shell quit
wait_for "Harbor Science Center" quit
keys quit c
wait_for "Log a contact with Harbor Science Center" quit
type_text quit "Ana called back: the pier is booked"
wait_for "the pier is booked" quit
keys quit 'C-\'
assert_exit quit 1
pass "Ctrl-\\ ends the program as SIGTERM does (status 1)"
terminal_usable quit "Ctrl-\\"
t kill-session -t quit
start again
wait_for "Unsaved work from an earlier session" again
wait_for "the pier is booked" again
keys again l
wait_gone "Unsaved work" again
keys again q
assert_exit again 0
t kill-session -t again
pass "the note typed before Ctrl-\\ is offered back"

# --- crashes: the signal's own end, the terminal given back first ---
for sig in SEGV ABRT ILL; do
	s=$(echo "$sig" | tr 'A-Z' 'a-z')
	start_shell "$s"
	wait_for "Harbor Science Center" "$s"
	kill -"$sig" "$(pane_pid "$s")" || fail "cannot signal partnerdesk"
	want=$((128 + $(kill -l "$sig")))
	# A sanitizer build's own handler reports a SEGV and exits 1.
	case $sig in SEGV) assert_exit "$s" "$want" 1 ;; *) assert_exit "$s" "$want" ;; esac
	pass "SIG$sig: the program still dies of it (status $want)"
	terminal_usable "$s" "SIG$sig"
	t kill-session -t "$s"
done
