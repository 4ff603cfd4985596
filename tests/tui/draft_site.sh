#!/bin/bash
# A partner's edit left by a hangup and saved from the draft the next start
# offers: the website goes in with its key (the merge picker's likely
# duplicates read it), and check finds nothing stale.

. "$(dirname "$0")/lib.sh"
# Not a test of how fast a hangup ends the program (hangup.sh is).
EXIT_LIMIT=5

pd add "Quay Theatre" --website https://old-quay.example >/dev/null || fail "add failed"

start pd
wait_for "Quay Theatre"
keys pd e
wait_for "Edit Quay Theatre"
# Edit form fields: Name, Kind, Scale, Owner, Website, ...
keys pd Tab Tab Tab Tab C-u
type_text pd "https://www.QuayTheatre.example/tickets"
wait_for "QuayTheatre.example/tickets"
kill -HUP "$(pane_pid pd)" || fail "cannot signal partnerdesk"
assert_exit pd 0 1

start again
wait_for "Unsaved work from an earlier session" again
keys again Enter
wait_for "Edit Quay Theatre" again
wait_for "QuayTheatre.example/tickets" again
keys again C-s
wait_gone "Edit Quay Theatre" again
keys again q
assert_exit again 0
[ "$(sql "select website, website_key from partners")" = \
  "[('https://www.QuayTheatre.example/tickets', 'quaytheatre.example')]" ] ||
	fail "website and key: $(sql "select website, website_key from partners")"
out=$(pd check 2>&1) || fail "check: $out"
pass "the draft's website saved with its key, check clean"
check_memory
