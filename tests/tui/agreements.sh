#!/bin/bash
# What an agreement can be for, and what it needs. The agreement form
# offers only the stages an agreement can be for (date, engagement,
# marriage: not the first stage nor a closed one), starting a partner at
# glance at date; an agreement stored for glance before that still opens
# and saves as it was. An agreement for marriage, which needs management
# approval, is not saved without who approved it (an old one without asks
# for it on save), and a new one starts with the approver of the move to
# marriage. A partner back at glance after a date opens the date's
# agreement.

. "$(dirname "$0")/lib.sh"

# newest NAME EXPR: EXPR over NAME's newest agreement (as a), from show --format json.
newest() {
	pd show "$1" --format json |
		json_get "(lambda a: ($2))(j['agreements'][0]) if j['agreements'] else 'none'"
}

# stage_shown: what the form's "For stage" field shows now.
stage_shown() {
	screen pd | sed -n 's/^│ For stage *: *\(< \)\{0,1\}\([A-Za-z]*\).*/\2/p'
}

# open_next TITLE: A on the next partner down opens the form titled TITLE.
open_next() {
	keys pd Down
	keys pd A
	wait_for "$1"
}

# saved_as TITLE NAME EXPR WANT: C-s closes the form titled TITLE, and EXPR
# over NAME's newest agreement reads WANT.
saved_as() {
	keys pd C-s
	wait_gone "$1"
	local got
	got=$(newest "$2" "$3")
	[ "$got" = "$4" ] || fail "$2's agreement saved as $got, want $4"
}

# stage_changed WAS: the field shows another stage than WAS.
stage_changed() {
	[ "$(stage_shown)" != "$1" ]
}

# An agreement made for glance before the form stopped offering it, and an
# old marriage agreement without an approver: a backup of then.
cat >"$TEST_DIR/old.yaml" <<'YAML'
partnerdesk-backup: 1
partners:
- name: Old Mill Museum
  stage: glance
  agreements:
  - stage: glance
    title: Open house pact
- name: Wed Zoo
  stage: marriage
  agreements:
  - stage: marriage
    title: Two-year MOU
- name: Ystrad Garden
  stage: glance
  agreements:
  - stage: date
    title: Summer trail
YAML
pd import "$TEST_DIR/old.yaml" >/dev/null || fail "import of the old backup failed"
pd add "Harbor Science Center" --kind "science center" >/dev/null || fail "add failed"
pd add "Riverside Zoo" --kind zoo --stage engagement >/dev/null || fail "add failed"
pd move Riverside marriage --reason "two good seasons" --approved-by "Karen Whitfield" >/dev/null ||
	fail "move failed"

start pd
wait_for "Harbor Science Center"
# The list is sorted by name: Harbor, Old Mill, Riverside, Wed Zoo, Ystrad.

# 1. A partner at glance: the form starts at Date, and Space cycles through
# date, engagement and marriage only.
keys pd A
wait_for "New agreement with Harbor Science Center"
keys pd Tab
seen=$(stage_shown)
for _ in 1 2 3; do
	was=$(stage_shown)
	keys pd Space
	poll 5 stage_changed "$was" || fail "Space did not change the stage from $was"
	seen="$seen $(stage_shown)"
done
[ "$seen" = "Date Engagement Marriage Date" ] || fail "the form offered the stages: $seen"
pass "the agreement form offers date, engagement and marriage, starting a glance partner at date"
keys pd Escape
wait_for "Discard what you typed?"
keys pd C-x
wait_gone "New agreement with"

# 2. An agreement stored for glance opens at glance and saves as it was.
open_next "Agreement with Old Mill Museum"
[ "$(stage_shown)" = "Glance" ] || fail "the glance agreement opened at '$(stage_shown)'"
keys pd End
type_text pd " 2026"
saved_as "Agreement with Old Mill Museum" "Old Mill" 'a["stage"], a["title"]' "('glance', 'Open house pact 2026')"
pass "an agreement stored for glance opens and saves with its stage"

# 3. Marriage needs an approver: the move's is offered; without one the
# save is refused, the field focused; with one it saves.
open_next "New agreement with Riverside Zoo"
[ "$(stage_shown)" = "Marriage" ] || fail "the marriage agreement opened at '$(stage_shown)'"
wait_for "Approved by   : Karen Whitfield"
pass "a marriage's agreement starts with the approver of the move to marriage"
type_text pd "Two-year MOU"
keys pd Tab Tab Tab Tab Tab C-u
keys pd C-s
wait_for "an agreement for Marriage needs the name of whoever approved it"
[ "$(newest Riverside 'a')" = none ] || fail "an agreement was saved without an approver"
type_text pd "Library Board"
wait_for "Approved by   : Library Board"
saved_as "New agreement with Riverside Zoo" Riverside 'a["stage"], a["title"], a["approved_by"]' \
	"('marriage', 'Two-year MOU', 'Library Board')"
pass "a marriage agreement without an approver is refused, with one it saves"

# An old marriage agreement without one opens, and asks for one on save
# (the move's approver is offered to a new agreement only).
open_next "Agreement with Wed Zoo"
keys pd C-s
wait_for "an agreement for Marriage needs the name of whoever approved it"
type_text pd "Karen Whitfield"   # the refusal focused Approved by
wait_for "Approved by   : Karen Whitfield"
saved_as "Agreement with Wed Zoo" "Wed Zoo" 'a["title"], a["approved_by"]' "('Two-year MOU', 'Karen Whitfield')"
pass "an old marriage agreement without an approver asks for one on save"

# 4. A partner downsized to glance after a date: its date agreement opens
# (a new one for date would be refused as a second for the stage).
open_next "Agreement with Ystrad Garden"
[ "$(stage_shown)" = "Date" ] || fail "the date agreement opened at '$(stage_shown)'"
keys pd End
type_text pd " 2027"
saved_as "Agreement with Ystrad Garden" Ystrad 'a["stage"], a["title"]' "('date', 'Summer trail 2027')"
pass "a partner back at glance opens its date agreement, not a new one"

keys pd q
assert_exit pd 0
check_memory
