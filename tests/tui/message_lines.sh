#!/bin/bash
# The status message and the hint line take turns, never fight: a message
# that answers a key and needs more than its line goes on over the hint
# line until the next key, which brings the hints back (read whole at
# once, without a key that would clear it); one longer than both lines
# ends in "…" rather than being cut silently. A note that stands for the
# whole session (a read-only desk's, with a long path) keeps to its own
# line, shortened, and the hints stay under it; a key it refuses says it
# whole. The read-only part runs only as root, where another user's modes
# can be tried.

. "$(dirname "$0")/lib.sh"

msg_rows() {
	screen | tail -2
}

LONG="The Greater Riverside Community Partnership for Literacy, Lifelong Learning, Arts, Heritage and Civic Engagement of the Tri-County Area"
pd add "$LONG" >/dev/null || fail "add failed"
pd add "Harbor Science and Technology Education Center" >/dev/null || fail "add failed"

start pd
wait_for "Harbor Science and Tech"
offers_only "the list" "? help" "Enter open"
keys pd '<'
wait_for "Harbor Science and Technology Education Center is at the first stage already"
msg_rows | tail -1 | grep -q "m moves to any allowed stage)" ||
	fail "the message did not go on over the hint line: $(msg_rows)"
pass "a message longer than its line goes on over the hint line"
keys pd j
wait_gone "is at the first stage already"
offers_only "the list after the next key" "? help" "Enter open"
pass "the next key brings the hints back"
keys pd '<'
wait_for "Arts, Heritage and Civic Engagement"
screen | tail -1 | sed -E 's/ +$//' | grep -q '…$' ||
	fail "a message longer than two lines is cut without a mark: $(msg_rows)"
pass "a message longer than both lines ends in …"
keys pd q
assert_exit pd 0
t kill-session -t pd

[ "$(id -u)" = 0 ] && SETPRIV=$(command -v setpriv) || {
	echo "ok - # SKIP the read-only desk: needs root and setpriv"
	check_memory
	exit 0
}
# As in readonly.sh: the user nobody may read the desk but not write it.
chmod 1777 "$TEST_DIR"
RO="$TEST_DIR/desk/branch-libraries/community-partnerships"
mkdir -p -m 0755 "$RO"
cp "$DB" "$RO/shared.db"
DB="$RO/shared.db"
chmod 0644 "$DB"
PD_WRAP="$SETPRIV --reuid=65534 --regid=65534 --clear-groups $PD_WRAP"
start pd
wait_for "Harbor Science and Tech"
wait_for "read-only: $TEST_DIR/desk/"
offers_only "the read-only desk" "? help" "q quit" "/ filter"
screen | tail -2 | head -1 | sed -E 's/ +$//' | grep -q '…$' ||
	fail "the read-only note is not shortened with …: $(msg_rows)"
pass "a standing read-only note keeps to its line; the hints stay"
keys pd a
wait_for "read-only: nothing can be added or changed here"
msg_rows | tail -1 | grep -q "? help" && fail "the refusal did not go on over the hint line: $(msg_rows)"
pass "a key the desk refuses says why over both lines"
keys pd j
wait_gone "nothing can be added or changed here"
offers_only "the read-only desk after the next key" "? help" "q quit" "/ filter"
pass "the next key brings the hints back under the read-only note"
keys pd q
assert_exit pd 0
check_memory
