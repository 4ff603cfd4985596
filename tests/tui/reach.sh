#!/bin/bash
# The partner and contact forms refuse a website, phone or email that can't
# be one, or a partner's or a person's name past 200 characters, when
# saved: the message says what is wrong, the cursor is put on that field,
# nothing is written; put right, the form saves what was typed.

. "$(dirname "$0")/lib.sh"

pd add "Amgueddfa Cymru" >/dev/null || fail "add failed"
count() {
	pd list --format json | json_get "sum(1 for p in j if p['name'] == '$1')"
}
# cursor_on LABEL: the cursor is on the line that shows LABEL.
cursor_on() {
	local y
	y=$(t display-message -p -t pd '#{cursor_y}')
	screen | sed -n "$((y + 1))p" | grep -F -q -- "$1"
}
# erase N: N backspaces in the focused field.
erase() {
	local i
	for i in $(seq "$1"); do
		keys pd BSpace
	done
}

start pd
wait_for "Amgueddfa Cymru"
keys pd a
wait_for "Add a partner"
# A name past the model's limit (200 characters), as add and every import
# refuse it: said at the save with the cursor on Name.
type_text pd "$(printf 'Z%.0s' $(seq 201))"
keys pd C-s
wait_for "name holds at most 200 characters"
poll 2 cursor_on "Name" || fail "the cursor is not on Name"
[ "$(pd list --format json | json_get 'len(j)')" = 1 ] || fail "added with a 201-character name"
keys pd C-u
pass "a name of 201 characters is refused at the save, with the cursor on Name"
type_text pd "Hilltop Zoo"
# Fields: Name, Kind, Scale, Stage, Owner, Website, Phone, Email
keys pd Tab Tab Tab Tab Tab
type_text pd "htp:/zoo"
keys pd Tab Tab
type_text pd "jane.zoo.org"
wait_for "jane.zoo.org"
keys pd C-s
wait_for "website 'htp:/zoo' starts with 'htp:'"
screen | grep -q "Add a partner" || fail "the form closed on a bad website"
poll 2 cursor_on "Website" || fail "the cursor is not on Website"
[ "$(count 'Hilltop Zoo')" = 0 ] || fail "added with a bad website"
pass "a bad website is refused at the save, said, with the cursor on it"

erase 8
type_text pd "zoo.org"
wait_for "zoo.org"
keys pd C-s
wait_for "email 'jane.zoo.org' has no @"
poll 2 cursor_on "Email" || fail "the cursor is not on Email"
[ "$(count 'Hilltop Zoo')" = 0 ] || fail "added with a bad email"
pass "then the email, with the cursor on Email"

erase 12
type_text pd "jane@zoo.org"
keys pd C-s
wait_gone "Add a partner"
got=$(pd show "Hilltop Zoo" --format json | json_get 'j["website"] + "|" + j["email"]')
[ "$got" = "zoo.org|jane@zoo.org" ] || fail "saved website|email '$got'"
pass "put right, it saves, the website as typed"

# The contact form: a phone with no digits.
keys pd C
wait_for "New contact person at Hilltop Zoo"
# A person's name is held to the same limit, the cursor put on Name.
type_text pd "$(printf 'Y%.0s' $(seq 201))"
keys pd C-s
wait_for "name holds at most 200 characters"
poll 2 cursor_on "Name" || fail "the cursor is not on the contact's Name"
keys pd C-u
pass "a person's name of 201 characters is refused at the save, the cursor on Name"
type_text pd "Sam Keeper"
# Fields: Name, Title, Email, Phone
keys pd Tab Tab Tab
type_text pd "call me"
wait_for "call me"
keys pd C-s
wait_for "phone 'call me' has no digits"
poll 2 cursor_on "Phone" || fail "the cursor is not on Phone"
n=$(pd show "Hilltop Zoo" --format json | json_get 'len(j["contacts"])')
[ "$n" = 0 ] || fail "a contact was added with a bad phone"
pass "the contact form refuses a phone with no digits, the cursor on Phone"
erase 7
type_text pd "1-800-FLOWERS"
keys pd C-s
wait_gone "New contact person"
got=$(pd show "Hilltop Zoo" --format json | json_get 'j["contacts"][0]["phone"]')
[ "$got" = "1-800-FLOWERS" ] || fail "saved phone '$got'"
pass "a vanity number saves"
keys pd q
assert_exit pd 0
check_memory
