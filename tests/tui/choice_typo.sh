#!/bin/bash
# A choice typed a letter off, in the Channel of the log form as in the
# Kind of the partner form, is the choice meant: "vist" is visit and
# "evnt" event, said without "Channel is chosen, not typed"; "libary" is
# library, where its 'a' alone picked archive. Letters after one that
# fit nothing were each taken as a new choice's start (Kind), or, since
# session 21, dropped with the refusal (Channel), which is why the same
# letters chose in one form and were refused in the other. Text typed in
# the wrong field still picks nothing ("in 2 weeks", "thursday" on
# Channel, "tomorrow" on Kind): a guess is one word, from its first letter.

. "$(dirname "$0")/lib.sh"

P="Riverside Cafe"
pd add "$P" --kind business >/dev/null || fail "add failed"

start pd
wait_for "$P"
keys pd c
wait_for "Log a contact with"
# The note has the focus; With, When, then Channel above it.
keys pd BTab BTab BTab
wait_for "< phone >"
type_text pd "vist"
wait_for_re "Channel *: < visit >"
sleep 0.3   # what the form says after the last letter is drawn
screen | grep -q "is chosen, not typed" && fail "vist was refused though it chose: $(screen)"
pass "vist is visit, and not refused"
sleep 1.1   # a pause ends the word
type_text pd "evnt"
wait_for_re "Channel *: < event >"
pass "evnt is event"
sleep 1.1
type_text pd "in 2 weeks"
wait_for "is chosen, not typed"
screen_has_re "Channel *: < event >" pd || fail "words for another field changed the channel: $(screen | grep Channel)"
pass "words typed in the wrong field pick nothing"
# Nor a word meant for Follow up a few letters off a choice: 'thur' was
# taken for a typo of other, though no choice starts with its t.
sleep 1.1
type_text pd "thursday"
wait_for "is chosen, not typed"
screen_has_re "Channel *: < event >" pd || fail "thursday changed the channel: $(screen | grep Channel)"
pass "a weekday typed on Channel picks nothing"
keys pd Escape
wait_for "Discard what you typed?"
keys pd C-x
wait_gone "Log a contact with"

keys pd a
wait_for "Kind"
keys pd Tab
wait_for_re "Kind *: < "
was=$(screen | grep -o "Kind *: < [a-z ]* >")
# A date typed in Kind is no kind ('tomorrow' was zoo, 'noon' zoo too).
type_text pd "tomorrow"
wait_for "is chosen, not typed"
screen | grep -q -F "$was" || fail "tomorrow changed the kind: $(screen | grep Kind)"
pass "a date typed on Kind picks nothing"
sleep 1.1
# A word is at most what its first letters spell (s: science center),
# not a choice three letters off it: 'should' was school.
type_text pd "should"
wait_for "is chosen, not typed"
screen_has_re "Kind *: < science center >" pd || fail "should was taken for another kind: $(screen | grep Kind)"
pass "should is no typo of school"
sleep 1.1
type_text pd "libary"
wait_for_re "Kind *: < library >"
pass "libary in Kind is library, not archive"
keys pd Escape
wait_for "Discard what you typed?"
keys pd C-x
wait_gone "Add a partner"
keys pd q
assert_exit pd 0
