#!/bin/bash
# Letters typed on a choice field that no choice starts with are not lost
# unseen: the form says the field is chosen, not typed, and how to choose
# (or that there is nothing else to choose, and for a partner with no
# people, where the name goes instead): Left/Right, not Space, which
# straight after a letter is one more of the letters and steps nowhere.
# Letters that find a choice still choose it, and say nothing. Space or Left/Right on a field of one
# choice change nothing, so Esc closes the form without asking.

. "$(dirname "$0")/lib.sh"

P="Riverside Café"
pd add "$P" --kind business >/dev/null || fail "add failed"

start pd
wait_for "$P"
keys pd c
wait_for "Log a contact with"
# The note has the focus; S-Tab goes up to With, which offers only (none).
keys pd BTab
wait_for "< (none) >"
# Space steps round its one choice: nothing changed, nothing to discard.
keys pd Space
wait_for "Riverside Café has no contact people yet: say who in the Note"
keys pd Escape
wait_gone "Log a contact with"
screen | grep -F -q "Discard what you typed?" && fail "Esc asked to discard an unchanged form"
pass "Space on a one-choice field says so, and leaves the form unchanged"

keys pd c
wait_for "Log a contact with"
keys pd BTab
wait_for "< (none) >"
type_text pd "next"
wait_for "Riverside Café has no contact people yet: say who in the Note"
pass "letters on a one-choice field say there is no other choice"

# Channel: letters that find nothing, then one that finds email.
keys pd BTab BTab
wait_for "< phone >"
type_text pd "q "
wait_for "Channel is chosen, not typed: Left/Right go through the choices"
screen | grep -q "not typed.*Space" && fail "the message names Space, which straight after a letter steps nowhere"
screen_has_re "Channel *: < phone >" pd || fail "Space after the letter chose: $(screen | grep Channel)"
pass "a letter no choice starts with names the keys that choose, not Space (which then does nothing)"
# Text typed into the wrong field ("in 2 weeks", meant for Follow up):
# once a letter of it finds nothing, the rest of it picks nothing either
# (its 'e' picked email, then event, and a call was saved as an event).
type_text pd "in 2 weeks"
# Tabs after them (past When to With): once the focus is on With, every
# key before them is read.
keys pd Tab Tab
wait_for "< (none) >"
screen_has_re "Channel *: phone " pd || fail "the words changed the channel: $(screen | grep Channel)"
pass "words typed on a choice field after a letter that found nothing change nothing"
keys pd BTab BTab
wait_for "< phone >"
# An arrow is a choice made: letters after it seek again.
keys pd Right Left
wait_for_re "Channel *: < phone >"
type_text pd "e"
wait_for_re "Channel *: < (email|event) >"
wait_gone "is chosen, not typed"
pass "a letter that finds a choice chooses it, and the message goes"

keys pd Escape
wait_for "Discard what you typed?"
keys pd C-x
wait_gone "Log a contact with"
keys pd q
assert_exit pd 0
check_memory
echo "1..5"
