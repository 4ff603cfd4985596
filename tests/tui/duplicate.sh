#!/bin/bash
# The add form warns before a second partner of the same name (case and
# spacing aside, as import compares) and before an audience the config
# does not list; the same C-s again adds it anyway, as the person chose.

. "$(dirname "$0")/lib.sh"

pd add "Amgueddfa Cymru" >/dev/null || fail "add failed"
id=$(pd show "Amgueddfa Cymru" --format json | json_get 'j["id"]')
count() {
	pd list --format json | json_get "sum(1 for p in j if p['name'].lower().split() == '$1'.lower().split())"
}

start pd
wait_for "Amgueddfa Cymru"
keys pd a
wait_for "Add a partner"
type_text pd "amgueddfa   CYMRU"
keys pd C-s
wait_for "same name as #$id Amgueddfa Cymru"
wait_for "C-s again adds it anyway: same name as"
screen | grep -q "Add a partner" || fail "the form closed on the warning"
[ "$(count 'Amgueddfa Cymru')" = 1 ] || fail "the duplicate was added before the warning was answered"
pass "adding a partner of an existing name warns first and names it"
keys pd C-s
wait_gone "Add a partner"
[ "$(count 'Amgueddfa Cymru')" = 2 ] || fail "C-s again did not add it"
pass "C-s again adds it anyway"

# An audience the config does not list: said, as the command line does.
keys pd a
wait_for "Add a partner"
type_text pd "Toddler Gym"
# Fields: Name, Kind, Scale, Stage, Owner, Website, Phone, Email, Address, Audiences
keys pd Tab Tab Tab Tab Tab Tab Tab Tab Tab
type_text pd "families, toddlers"
wait_for "families, toddlers"
keys pd C-s
wait_for "'toddlers' is not a configured audience"
screen | grep -q "families' is not" && fail "a configured audience was called unknown"
[ "$(count 'Toddler Gym')" = 0 ] || fail "added before the audience warning was answered"
keys pd C-s
wait_gone "Add a partner"
[ "$(count 'Toddler Gym')" = 1 ] || fail "C-s again did not add it"
pass "an unknown audience is named before the save, and C-s again saves"

# A new name goes straight through.
keys pd a
wait_for "Add a partner"
type_text pd "Brand New Society"
keys pd C-s
wait_gone "Add a partner"
[ "$(count 'Brand New Society')" = 1 ] || fail "a new name was not added at once"
pass "a new name is added with one C-s"
keys pd q
assert_exit pd 0
check_memory
