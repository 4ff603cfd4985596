#!/bin/bash
# The detail being read stays in front across a resize: beside the list at
# 200 columns, it fills the screen at 80 (it had vanished behind the list,
# keys still going to it once the terminal grew again); opened full at 80,
# it goes beside the list at 200. q then goes back to the list.

. "$(dirname "$0")/lib.sh"

pd add "Amgueddfa Cymru" --kind museum >/dev/null || fail "add failed"
pd add "Llyfrgell Genedlaethol Cymru" --kind library >/dev/null || fail "add failed"

start pd
# From 100 columns the list's Follow-up column is 14 wide ("Fri 2026-11-27").
t resize-window -t pd -x 200 -y 30
wait_for "Follow-up      │"
keys pd Enter
wait_for "Amgueddfa Cymru  [Glance]"
offers_only "the detail beside the list" "Tab list"
t resize-window -t pd -x 80 -y 24
wait_gone "Follow-up      │"
wait_for "Amgueddfa Cymru  [Glance]"
offers_only "the detail alone at 80 columns" "q back" -- "Enter open"
pass "the detail read beside the list fills the screen at 80 columns"

t resize-window -t pd -x 200 -y 30
wait_for "Follow-up      │"
wait_for "Amgueddfa Cymru  [Glance]"
offers_only "the detail beside the list again" "Tab list"
keys pd q
offers_only "the list after q" "Enter open"
t resize-window -t pd -x 80 -y 24
wait_gone "Amgueddfa Cymru  [Glance]"
keys pd Enter
wait_for "Amgueddfa Cymru  [Glance]"
t resize-window -t pd -x 200 -y 30
wait_for "Follow-up      │"
wait_for "Amgueddfa Cymru  [Glance]"
pass "the detail opened at 80 columns goes beside the list at 200"

keys pd q
offers_only "the list after q" "Enter open"
keys pd q
assert_exit pd 0
check_memory
