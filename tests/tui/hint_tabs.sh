#!/bin/bash
# At 80 columns the detail's hint line is too short for all its keys; the
# key a tab's own text tells to press is kept, not left out: C in a
# Contacts tab with nobody ("press C to add one"), A in the Agreement tab
# ("press A to record one"), F and A in the Fit tab ("F scores the
# questions; A edits the agreement").

. "$(dirname "$0")/lib.sh"

P="Canolfan Gymraeg"
pd add "$P" --kind school >/dev/null || fail "add failed"

start pd
wait_for "$P"
keys pd Enter
wait_for "Overview"
keys pd l
wait_for "No contact people yet: press C to add one"
offers_only "the Contacts tab with nobody" "C contact" "h/l tab" "c log call"
pass "the empty Contacts tab offers C, which its text names"
keys pd l l l
wait_for "No agreement recorded: press A to record one"
offers_only "the Agreement tab" "A agreement" "h/l tab"
pass "the Agreement tab offers A, which its text names"
keys pd l
wait_for "F scores the questions; A edits the agreement"
offers_only "the Fit tab" "F fit" "A agreement" "h/l tab"
pass "the Fit tab offers F and A, which its text names"
keys pd h h h h h
wait_for "No contact logged yet: press c to log one"
offers_only "the Overview" "c log call" "m move" -- "C contact" "A agreement" "F fit"
pass "the Overview, whose text names c alone, leaves C, A and F out as before"
keys pd q q
assert_exit pd 0
