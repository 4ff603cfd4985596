#!/bin/bash
# Correcting a log entry, an emptied When is refused, saying what it was:
# read as "now", it moved the entry to this minute unasked (the new
# entry's When starts as "now"; a correction's holds the stored time).

. "$(dirname "$0")/lib.sh"

P="Aberdeen Central Library"
pd add "$P" --kind library >/dev/null || fail "add failed"
pd log "$P" --at "2026-01-20 10:05" --follow-up +6d "Called about the winter reading scheme" >/dev/null ||
	fail "log failed"
at_of() {
	pd show "$P" --format json | json_get 'j["interactions"][0]["at"]'
}
was=$(at_of)

start pd
wait_for "$P"
keys pd 3
wait_for "Called about the winter reading scheme"
keys pd r
wait_for "Correct the log entry of 2026-01-20"
wait_for_re "When +: 2026-01-20 10:05"
# The cursor starts in Follow up; When is three fields up.
keys pd BTab BTab BTab C-u
wait_for_re "When +:  +│"
keys pd C-s
wait_for "When: empty; it was 2026-01-20 10:05"
[ "$(at_of)" = "$was" ] || fail "the entry's time is $(at_of), was $was"
pass "an emptied When is refused, naming the time it was; the entry keeps it"
type_text pd "2026-01-20 10:05"
keys pd C-s
wait_gone "Correct the log entry"
wait_for "saved the log entry of 2026-01-20"
[ "$(at_of)" = "$was" ] || fail "the entry's time is $(at_of), was $was"
pass "typed again, it saves as it was"
keys pd q
assert_exit pd 0
