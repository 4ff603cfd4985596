#!/bin/bash
# A partner calls while another is open: / from the detail (or the kanban)
# starts a new filter, the one kept from the last search dropped, so that
# the caller's name finds them ("/museo", not "/harbormuseo", which found
# no one). In the list itself / goes on with the kept filter, to narrow it.

. "$(dirname "$0")/lib.sh"

pd add "Harbor Science Center" >/dev/null || fail "add 1 failed"
pd add "Museo de la Herencia Latina" --kind museum >/dev/null || fail "add 2 failed"
pd add "Riverside Art Museum" --kind museum >/dev/null || fail "add 3 failed"

start pd
wait_for "Riverside Art Museum"
keys pd /
type_text pd "harbor"
wait_for "/harbor"
wait_gone "Riverside Art Museum"
keys pd Enter Enter
wait_for "[Glance]"
pass "the kept filter found Harbor, which is open"

keys pd /
type_text pd "museo"
wait_for "/museo"
wait_for "Museo de la Herencia Latina"
screen pd | grep -F -q "harbormuseo" && fail "/ from the detail typed after the old filter"
screen pd | grep -F -q "Harbor Science Center" && fail "/museo lists Harbor"
pass "/ from the open partner starts a new filter"

keys pd Enter
wait_gone "Enter keep filter"
keys pd 2
wait_for "Glance"
keys pd /
type_text pd "harbor"
wait_for "/harbor"
screen pd | grep -F -q "museoharbor" && fail "/ from the kanban typed after the old filter"
wait_for "Harbor Science Center"
pass "/ from the kanban starts a new filter"

# In the list, / narrows what is kept.
keys pd Escape
wait_gone "/harbor"
keys pd /
type_text pd "mus"
wait_for "/mus"
wait_for "Riverside Art Museum"
keys pd Enter
wait_gone "Enter keep filter"
keys pd /
type_text pd "eo"
wait_for "/museo"
wait_gone "Riverside Art Museum"
pass "/ in the list goes on with the kept filter"

keys pd Escape
wait_gone "/museo"
keys pd q
assert_exit pd 0
