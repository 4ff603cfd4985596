#!/bin/bash
# What an agreement can be for. The agreement form offers only the stages
# an agreement can be for (date, engagement, marriage: not the first stage
# nor a closed one), starting a partner at glance at date; an agreement
# stored for glance before that still opens and saves as it was.

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

# stage_changed WAS: the field shows another stage than WAS.
stage_changed() {
	[ "$(stage_shown)" != "$1" ]
}

# An agreement made for glance before the form stopped offering it: a
# backup of then.
cat >"$TEST_DIR/old.yaml" <<'YAML'
partnerdesk-backup: 1
partners:
- name: Old Mill Museum
  stage: glance
  agreements:
  - stage: glance
    title: Open house pact
YAML
pd import "$TEST_DIR/old.yaml" >/dev/null || fail "import of the old backup failed"
pd add "Harbor Science Center" --kind "science center" >/dev/null || fail "add failed"

start pd
wait_for "Harbor Science Center"
# The list is sorted by name: Harbor, Old Mill.

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
keys pd Down
keys pd A
wait_for "Agreement with Old Mill Museum"
[ "$(stage_shown)" = "Glance" ] || fail "the glance agreement opened at '$(stage_shown)'"
keys pd End
type_text pd " 2026"
keys pd C-s
wait_gone "Agreement with Old Mill Museum"
got=$(newest "Old Mill" 'a["stage"], a["title"]')
[ "$got" = "('glance', 'Open house pact 2026')" ] || fail "the glance agreement saved as $got"
pass "an agreement stored for glance opens and saves with its stage"

keys pd q
assert_exit pd 0
check_memory
