#!/bin/bash
# The plug pulled mid-save: a note typed in the quick log, Ctrl-S, and the
# whole terminal (the tmux server) killed in the same tmux command as the
# key, just after it, then 50 ms and 300 ms after. Whichever moment the kill lands on, the note ends up exactly
# once: in the log with no draft offered back, or offered back as a draft
# and not in the log, never both (accepting it would log it twice) and
# never neither. check says the desk is clean and nothing but the desk's
# own files is left beside it.

. "$(dirname "$0")/lib.sh"

pd add "Harbor Science Center" --kind museum >/dev/null || fail "add failed"

# notes_with TEXT: how many log entries hold TEXT.
notes_with() {
	pd show "Harbor Science Center" --format json |
		json_get "sum(1 for i in j['interactions'] if '$1' in i['text'])"
}

for delay in with 0 0.05 0.3; do
	note="Pier booking $delay confirmed"
	case $delay in with) when="with Ctrl-S" ;; *) when="${delay}s after Ctrl-S" ;; esac
	start pd
	wait_for "Harbor Science Center"
	keys pd c
	wait_for "Log a contact with Harbor Science Center"
	type_text pd "$note"
	wait_for "$note"
	pid=$(pane_pid pd)
	if [ "$delay" = with ]; then
		t send-keys -t pd C-s \; kill-server
	else
		keys pd C-s
		[ "$delay" = 0 ] || sleep "$delay"
		t kill-server
	fi
	pid_gone "$pid" "$EXIT_LIMIT" || fail "partnerdesk ($pid) still runs ${EXIT_LIMIT}s after its terminal went away"

	out=$(pd check) || fail "check after the kill $when: $out"
	case $out in *": ok"*) ;; *) fail "check does not say ok: $out" ;; esac
	saved=$(notes_with "$note")

	start next
	wait_for "Harbor Science Center" next
	sleep 0.5
	if screen next | grep -F -q "Unsaved work"; then
		offered=1
		wait_for "$note" next
	else
		offered=0
	fi
	case "$saved$offered" in
	10) pass "killed $when: the note is in the log once, and no draft is offered" ;;
	01) pass "killed $when: the note is not in the log, and is offered back" ;;
	*) fail "killed $when: the note is in the log $saved times and offered back: $offered" ;;
	esac
	if [ "$offered" = 1 ]; then
		keys next Enter
		wait_for "Log a contact with Harbor Science Center" next
		keys next C-s
		wait_gone "Log a contact with" next
		[ "$(notes_with "$note")" = 1 ] || fail "the draft saved: the note is not in the log once"
	fi
	keys next q
	assert_exit next 0
	t kill-server
	left=$(cd "$TEST_DIR" && ls -A | grep -v -x -e home -e config -e data -e state -e cache \
		-e 'tmux.*' -e 'asan.*' -e 'ubsan.*' -e 'valgrind.*' -e 'status\..*' -e 'partnerdesk\.db' -e 'partnerdesk\.db-wal' -e 'partnerdesk\.db-shm')
	[ -z "$left" ] || fail "left beside the desk: $left"
done
pass "no stray files beside the desk"
check_memory
