#!/bin/bash
# A filter's guess of long words in another script: "漢漢漢漢x 漢漢漢漢y"
# (two names of 90 CJK characters and more) is guessed past what the filter
# holds (511 bytes); the guess is cut on a character's edge, said without
# a stray byte, and Tab takes it as a filter that finds the partner. It
# was cut inside a character, and the filter Tab made found nothing.

. "$(dirname "$0")/lib.sh"

HAN=$(printf '\346\274\242')
LONG=$(printf "$HAN%.0s" $(seq 90))
pd add "${LONG}a$(printf '\344\271\231')" >/dev/null || fail "add 1 failed"
pd add "Harbor Arts Center" >/dev/null || fail "add 2 failed"

start pd
wait_for "Harbor Arts Center"
keys pd /
type_text pd "$HAN$HAN$HAN${HAN}x $HAN$HAN$HAN${HAN}y"
wait_for "No partner matches the filter (Esc clears it)."
wait_for "Tab takes it."
screen pd | grep -q -e '\\x' -e '<e' -e $'\xef\xbf\xbd' && fail "a byte of a cut character drawn"
pass "the long guess is said, cut on a character's edge"
keys pd Tab
wait_gone "No partner matches"
wait_for "$HAN$HAN$HAN$HAN$HAN$HAN"
screen pd | grep -F -q "Harbor Arts Center" && fail "the guess taken still lists Harbor"
pass "Tab takes it: the partner is found"
keys pd Escape
keys pd q
assert_exit pd 0
