#!/bin/bash
# "feb 29" typed with no year is the 29 February within a year, as a
# person means it; one up to four years off is refused, naming it, so
# that a follow-up is not set years ahead unseen: the field says
# "? next: Tue 2028-02-29" and C-s names the date to write. (It was
# taken as 2028-02-29 in November 2026.) Which it is depends on today:
# the test works out both.

. "$(dirname "$0")/lib.sh"

pd add "Harbor Science Center" --kind museum >/dev/null || fail "add failed"
read -r next day within <<<"$(python3 -c '
import datetime
t = datetime.date.today()
y = t.year
while True:
    try:
        d = datetime.date(y, 2, 29)
        if d >= t:
            break
    except ValueError:
        pass
    y += 1
try:
    year_on = t.replace(year=t.year + 1)
except ValueError:
    year_on = t.replace(year=t.year + 1, day=28)
print(d.isoformat(), d.strftime("%a"), "yes" if d < year_on else "no")
')"

start pd
wait_for "Harbor Science Center"
keys pd c
wait_for "Log a contact with Harbor Science Center"
type_text pd "Ask about the leap-day star party"
keys pd Tab
wait_for "Follow up"
type_text pd "feb 29"
if [ "$within" = yes ]; then
	wait_for "= $day $next"
	keys pd C-s
	wait_gone "Log a contact with"
	[ "$(sql "SELECT follow_up FROM interactions")" = "[('$next',)]" ] || fail "follow-up not $next"
	pass "feb 29 within a year is $next"
else
	wait_for "? next: $day $next"
	keys pd C-s
	wait_for "does not come within a year; the next is $next"
	[ "$(sql "SELECT count(*) FROM interactions")" = "[(0,)]" ] || fail "the note was logged all the same"
	pass "feb 29 more than a year off is refused, naming $next"
	keys pd C-u
	type_text pd "$next"
	wait_for "= $day $next"
	keys pd C-s
	wait_gone "Log a contact with"
	[ "$(sql "SELECT follow_up FROM interactions")" = "[('$next',)]" ] || fail "follow-up not $next"
	pass "written whole it is taken"
fi
keys pd q
assert_exit pd 0
