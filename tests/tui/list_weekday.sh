#!/bin/bash
# The list's Follow-up column and the Agreement tab's start-to-end line
# name a date's weekday, as the agenda does: a week is planned by its
# days. At 80 columns a follow-up to come is "Fri 11-27" in the column's
# ten cells, the columns where they were; from 100 whole ("Fri
# 2026-11-27"). An overdue one keeps its date, the overdue colour saying
# the rest.

. "$(dirname "$0")/lib.sh"

pd add "Seoul Friends" --kind nonprofit >/dev/null || fail "add 1 failed"
pd add "Hillcrest Senior Center" --kind nonprofit >/dev/null || fail "add 2 failed"
pd log "Seoul Friends" --follow-up +2d "Confirm the tables" >/dev/null || fail "log 1 failed"
pd log "Hillcrest Senior Center" --follow-up -3d "Send the flyer" >/dev/null || fail "log 2 failed"
due=$(pd show "Seoul Friends" --format json | json_get 'j["interactions"][0]["follow_up"]')
late=$(pd show "Hillcrest" --format json | json_get 'j["interactions"][0]["follow_up"]')
day=$(LC_ALL=C date -d "$due" +%a) || fail "cannot read the date $due"

# column TEXT: the column TEXT starts at on the screen's first line holding it.
column() {
	screen pd | python3 -c '
import sys
s = sys.argv[1]
for line in sys.stdin.read().splitlines():
    if s in line:
        print(line.index(s))
        break' "$1"
}

start pd
wait_for "Seoul Friends"
wait_for "$day ${due#*-}"
at=$(column "Follow-up")
[ "$(column "$day ${due#*-}")" = "$at" ] || fail "the date is not under Follow-up (column $at)"
[ "$(column "$late")" = "$at" ] || fail "the overdue date $late is not under Follow-up"
screen pd | grep -q "Seoul Friends.*nonprofit.*Glance" || fail "the name, kind and stage columns are gone"
pass "at 80 columns a follow-up to come shows its weekday ($day ${due#*-}) under Follow-up, an overdue one its date"

t resize-window -t pd -x 110 -y 30 >/dev/null 2>&1
wait_for "$day $due"
pass "at 110 columns with its year: $day $due"
t resize-window -t pd -x 80 -y 24 >/dev/null 2>&1
wait_gone "$day $due"

# An agreement from a Monday to a Friday: the Agreement tab says so.
keys pd A
wait_for "New agreement with"
type_text pd "Table talks"
keys pd Tab Tab
type_text pd "2027-01-04"
keys pd Tab
type_text pd "2027-06-25"
keys pd C-s
wait_gone "New agreement with"
keys pd Enter
wait_for "Overview"
keys pd l l l l
wait_for "Table talks"
wait_for "Mon 2027-01-04 to Fri 2027-06-25"
pass "the Agreement tab names the weekdays of its start and end"
keys pd q q
assert_exit pd 0
