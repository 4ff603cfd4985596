#!/bin/bash
# The History tab shows a time inside an audit entry's detail (a logged
# call's "phone with ... at TIME") in local time, as the entry's own time
# beside it, not the UTC time the trail stores.

. "$(dirname "$0")/lib.sh"
export TZ=America/New_York

pd add "Harbor Science Center" --kind "science center" >/dev/null || fail "add"
pd log harbor --channel phone --at 2026-11-20T08:16:45Z "called about hours" >/dev/null || fail "log"
stored=$(pd audit --partner harbor --format json | json_get 'j[-1]["detail"]')
[ "$stored" = "phone with Harbor Science Center at 2026-11-20T08:16:45Z: called about hours" ] ||
	fail "the stored detail is '$stored'"

start pd
wait_for "Harbor Science Center"
keys pd Enter
for _ in 1 2 3; do keys pd l; done
wait_for "Changes, newest first"
wait_for "phone with Harbor Science Center at 2026-11-20 03:16: called about hours"
screen | grep -q "T08:16:45Z" && fail "the UTC time is still on the screen"
pass "a logged call's time in the History tab is local (New York)"
keys pd q
keys pd q
assert_exit pd 0
check_memory
