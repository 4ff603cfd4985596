#!/bin/bash
# The unsaved-work dialog names a new partner's draft by the name typed
# ("new partner: Café Olé"), or says it has none yet, never a bare
# "partner" with nothing after it, nor an empty "" preview under it.

. "$(dirname "$0")/lib.sh"

pd add "Harbor Science Center" --kind museum >/dev/null || fail "add failed"

# draft_new_partner SESSION OFFERED KEYS...: a new partner's form (after
# "later" in the unsaved-work dialog when OFFERED is yes), the keys typed
# into it, then the session hung up on.
draft_new_partner() {
	local s=$1 offered=$2
	shift 2
	start "$s"
	wait_for "Harbor Science Center" "$s"
	if [ "$offered" = yes ]; then
		wait_for "Unsaved work from an earlier session" "$s"
		keys "$s" l
		wait_gone "Unsaved work" "$s"
	fi
	keys "$s" a
	wait_for "Add a partner" "$s"
	"$@"
	sleep 0.3
	kill -HUP "$(pane_pid "$s")" || fail "cannot signal partnerdesk"
	assert_exit "$s" 0 1
	t kill-session -t "$s"
}
named() {
	type_text one "Café Olé"
	wait_for "Café Olé" one
}
unnamed() {
	keys two Tab
	type_text two "museum"
	wait_for "museum" two
}
draft_new_partner one no named
draft_new_partner two yes unnamed

start again
wait_for "Unsaved work from an earlier session" again
wait_for_re "new partner: Café Olé  \(" again
wait_for_re "new partner \(no name yet\)  \(" again
screen again | grep -E -q "│ *partner  \(" && fail "a draft is offered as a bare 'partner'"
pass "a new partner's draft is named by what was typed, or said to have no name yet"
screen again | grep -q '│ *""' && fail "the unnamed draft shows an empty \"\" preview"
pass "and with nothing to preview it shows no preview line"
keys again l
wait_gone "Unsaved work" again
keys again q
assert_exit again 0
check_memory
