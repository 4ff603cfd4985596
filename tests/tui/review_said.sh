#!/bin/bash
# A review date in the detail is said as the agenda says its dates, to
# plan by: the Overview's "Review by Sun 2026-11-22 (3 days ago)", in the
# overdue look when past (the agenda lists it as late), "(in 9 days)"
# when ahead. It was the bare date, past or not.

. "$(dirname "$0")/lib.sh"

pd add "Metro Richmond Zoo" >/dev/null || fail "add failed"
pd move "Metro Richmond Zoo" date --reason "a first program" >/dev/null || fail "move 1 failed"
pd move "Metro Richmond Zoo" engagement --reason "a pilot" --review +9d >/dev/null || fail "move 2 failed"
ahead=$(pd show "Metro Richmond Zoo" --format json | json_get 'j.get("review_date") or j.get("review") or ""')
[ -n "$ahead" ] || ahead=$(python3 -c 'import datetime; print(datetime.date.today() + datetime.timedelta(days=9))')
day=$(LC_ALL=C date -d "$ahead" +%a)

start pd
wait_for "Metro Richmond Zoo"
keys pd Enter
wait_for "Review by"
wait_for "$day $ahead (in 9 days)"
pass "a review ahead is said with its weekday and how far: $day $ahead (in 9 days)"
keys pd q q
assert_exit pd 0

pd edit "Metro Richmond Zoo" --review -3d >/dev/null 2>&1 || fail "edit failed"
past=$(python3 -c 'import datetime; print(datetime.date.today() - datetime.timedelta(days=3))')
pday=$(LC_ALL=C date -d "$past" +%a)
start again
wait_for "Metro Richmond Zoo" again
keys again Enter
wait_for "$pday $past (3 days ago)" again
pass "a review past is said so: $pday $past (3 days ago)"
keys again q q
assert_exit again 0
