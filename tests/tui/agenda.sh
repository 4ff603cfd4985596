#!/bin/bash
# A follow-up marked done by mistake comes back: d in the agenda says how
# to undo it and u reopens it; in the detail's Log tab d and u mark done
# or reopen the follow-up marked >. A stage review is settled as the agenda
# says: a new Review by date in the edit form. An agreement's review or end
# date is listed in words of its own, d says how it is settled, and Enter
# opens the partner at its Agreement tab; the hint line offers A there.
# Checked through the command line too.

. "$(dirname "$0")/lib.sh"

# The open follow-ups of partner $1 (by name), from the command line.
open_follow_ups() {
	pd show "$1" --format json | json_get 'sum(1 for i in j["interactions"] if i["follow_up"] and not i["done"])'
}

start pd --demo
wait_for "Harbor Science Center"
keys pd 3
wait_for "Overdue ("
# The agenda's items (the view looks 14 days ahead) in its order: where the
# first follow-up and the first stage review are.
index_of() {
	pd agenda --days 14 --format json | json_get "[i['kind'] for i in j].index('$1')"
}
down() {
	local n
	for n in $(seq 1 "$1"); do keys pd j; done
}
first_follow_up=$(index_of follow_up)
first_review=$(index_of review)
first_end=$(index_of agreement_end)

# The demo keeps a few date agreements that ended days ago.
wait_for "agreement ended: "
down "$first_end"
offers_only "the agenda on an agreement's row" "A agreement" -- "d done" "e review by"
keys pd d
wait_for "to settle an agreement's date: A and a later date"
pass "an ended agreement is on the agenda; d says how it is settled, and the hint line offers A"

# A there opens the agreement with the cursor in Ends, the date to settle,
# not in its title: what is typed at once is the date.
keys pd A
wait_for "Agreement with "
keys pd C-u
type_text pd "+2m"
wait_for_re "Ends +: \+2m += "
screen | grep -q "Title *: +2m" && fail "the date went into the agreement's title"
keys pd Escape C-x
wait_gone "Agreement with "
pass "A on an agreement's end opens the agreement with the cursor in Ends"

keys pd Enter
wait_for "The library offers"
screen | grep -q " Agreement " || fail "no Agreement tab shown"
pass "Enter on it opens the partner at the Agreement tab"
screen | head -1 | grep -F -q "[3 Agenda]" || fail "the partner opened from the agenda marks another tab: $(screen | head -1)"
pass "the top line marks the Agenda, where q goes back to"
# The detail keeps its tab from one partner to the next: back to Overview.
keys pd h h h h
wait_gone "The library offers"
keys pd q
wait_for "Overdue ("
keys pd g
down "$first_follow_up"
before_all=$(pd agenda --days 14 --format json | json_get 'sum(1 for i in j if i["kind"] == "follow_up")')
keys pd d
wait_for "done (u undoes): follow-up with"
full=$(screen | grep -o 'follow-up with .*' | sed -E 's/^follow-up with //; s/ +$//')
[ -n "$full" ] || fail "the status line names no partner"
before=$(( $(open_follow_ups "$full") + 1 ))
after_all=$(pd agenda --days 14 --format json | json_get 'sum(1 for i in j if i["kind"] == "follow_up")')
[ "$after_all" = $((before_all - 1)) ] || fail "d did not mark a follow-up done ($before_all -> $after_all)"
pass "d marks the follow-up done and says u undoes it"
keys pd u
wait_for "reopened: follow-up with $full"
[ "$(open_follow_ups "$full")" = "$before" ] || fail "u did not reopen the follow-up of $full"
pass "u in the agenda reopens the follow-up just marked done"
keys pd u
wait_for "nothing to reopen here"
pass "a second u says there is nothing more to reopen"

# The reopened follow-up is selected again: Enter opens its partner at
# the note, in the Log tab (it opened on Overview; the agenda's row is the
# note's first line, cut at 80 columns).
keys pd Enter
wait_for "d: mark done"
screen | grep -A4 '^>' | grep -q '^   follow up .*d: mark done' || fail "no follow-up marked > in the Log tab"
keys pd d
wait_for "u: reopen"
wait_for "done: follow-up of"
[ "$(open_follow_ups "$full")" = $((before - 1)) ] || fail "d in the Log tab did not mark it done"
pass "d in the Log tab marks the follow-up marked > done"
keys pd u
wait_for "reopened: follow-up of"
wait_for "d: mark done"
[ "$(open_follow_ups "$full")" = "$before" ] || fail "u in the Log tab did not reopen it"
pass "u in the Log tab reopens it"
keys pd h
keys pd d
wait_for "in the Log tab"
pass "d outside the Log tab says where follow-ups are marked"

# The demo's first stage review is Harbor Science Center's, overdue.
keys pd q 3 g
down "$first_review"
wait_for "review: Engagement stage is due for review"
keys pd d
wait_for "to settle a review: e and a new Review by date"
keys pd e
wait_for "Edit Harbor Science Center"
# The form shows the review date the agenda listed (the demo's dates
# follow today's).
was=$(pd show "Harbor Science Center" --format json | json_get 'j["review_date"]')
[ -n "$was" ] || fail "Harbor Science Center has no review date"
wait_for_re "Review by +: $was"
# e is offered there as "review by": the cursor starts in Review by, so
# what is typed at once is the date, not a new name for the partner.
keys pd C-u
type_text pd "+30d"
want=$(date -u -d '+30 days' +%F)
wait_for_re "Review by +: \+30d += $(date -u -d '+30 days' '+%a') $want"
wait_for_re "Name +: Harbor Science Center "
keys pd C-s
wait_gone "Edit Harbor Science Center"
wait_gone "review: Engagement stage is due for review"
got=$(pd show "Harbor Science Center" --format json | json_get 'j["review_date"]')
[ "$got" = "$want" ] || fail "the review date is '$got', want $want"
pass "a new Review by date in the edit form settles the review the agenda showed"

# A colleague logs a follow-up overdue longer than any other: it lands
# above the item selected here. The selection stays on that item, on its
# screen line, and d marks it done, not the item that took its row.
wait_for "Overdue ("
keys pd g
second=$(pd agenda --days 14 --format json | json_get "[n for n, i in enumerate(j) if i['kind'] == 'follow_up'][1]")
who=$(pd agenda --days 14 --format json | json_get "j[$second]['partner']")
iid=$(pd agenda --days 14 --format json | json_get "j[$second]['interaction_id']")
text=$(pd agenda --days 14 --format json | json_get "j[$second]['text']")
down "$second"
# The selected row as drawn (name and note are cut at 80 columns).
row=$(screen | grep -n -F -- "${who:0:15}" | grep -F -- "${text:0:12}" | head -1)
[ -n "$row" ] || fail "no row of $who in the agenda"
overdue=$(screen | grep -o 'Overdue ([0-9]*)')
pd log "Riverside Art Museum" "A colleague's call" --follow-up "$(date -d '-90 days' +%F)" 2>/dev/null >/dev/null ||
	fail "the colleague's log failed"
wait_gone "$overdue"
[ "$(screen | grep -n -F -- "${row#*:}" | head -1)" = "$row" ] ||
	fail "the selected row moved from line ${row%%:*} after a colleague's follow-up above it"
keys pd d
wait_for "done (u undoes): follow-up with $who"
[ "$(sql "SELECT done FROM interactions WHERE id = $iid")" = "[(1,)]" ] ||
	fail "d after a refresh did not mark the selected follow-up ($who) done"
pass "a colleague's follow-up above the selection: it stays on its item and line, d marks that one"
keys pd q
assert_exit pd 0
check_memory
