#!/bin/bash
# The filter typed without accents ("cafe", "lodz") finds the accented
# names, and the match look marks exactly the letters matched: the folded
# text maps back onto the name a character at a time, so "é" and "Ł"
# are marked whole and nothing after them is.

. "$(dirname "$0")/lib.sh"
SGR="python3 $(dirname "$0")/sgr.py"

cat > "$TEST_DIR/theme.yaml" <<'YAML'
theme:
  match: {fg: green, reverse: true}
YAML

look() {
	t capture-pane -e -p -t pd | $SGR "$@"
}
marked() {
	case $(look "$1" "$2") in *fg=2*reverse*) return 0 ;; esac
	return 1
}

pd add "Café Olé Coffee Roasters" >/dev/null || fail "add failed"
pd add "Łódź Sister City Committee" >/dev/null || fail "add failed"
pd add "Riverside Art Museum" >/dev/null || fail "add failed"
# as macOS and many web pages paste it: e and COMBINING ACUTE ACCENT
decomposed=$(printf 'Cafe\xcc\x81 Nero Bookshop')
pd add "$decomposed" >/dev/null || fail "add failed"
start pd --config "$TEST_DIR/theme.yaml"
wait_for "Riverside Art Museum"

keys pd /
type_text pd "cafe ole"
wait_for "/cafe ole"
wait_gone "Riverside Art Museum"
screen pd | grep -qF "Café Olé Coffee Roasters" || fail "\"cafe ole\" does not list Café Olé"
marked "Café" "Coffee" || fail "the C of Café is not marked ('$(look "Café" "Coffee")')"
marked "é Olé" "Coffee" || fail "the é of Café is not marked ('$(look "é Olé" "Coffee")')"
marked "é Coffee" "Coffee" || fail "the é of Olé is not marked ('$(look "é Coffee" "Coffee")')"
marked " Coffee" "Coffee" && fail "the match look runs past Olé ('$(look " Coffee" "Coffee")')"
pass "\"cafe ole\" finds and marks Café Olé, accents and all"
keys pd Escape
wait_gone "/cafe ole"

keys pd /
type_text pd "lodz"
wait_for "/lodz"
wait_gone "Riverside Art Museum"
marked "Łódź" "Sister" || fail "the Ł of Łódź is not marked ('$(look "Łódź" "Sister")')"
marked "ź Sister" "Sister" || fail "the ź of Łódź is not marked ('$(look "ź Sister" "Sister")')"
marked " Sister" "Sister" && fail "the match look runs past Łódź ('$(look " Sister" "Sister")')"
pass "\"lodz\" finds and marks Łódź"
keys pd Escape
wait_gone "/lodz"

# A match that ends on a letter with its accent typed apart ("Cafe" +
# COMBINING ACUTE) takes the accent with it: drawn over the name without
# it, the accent was lost from the screen ("Cafe Nero" shown).
keys pd /
type_text pd "cafe"
wait_for "/cafe"
wait_gone "Riverside Art Museum"
screen pd | grep -qF "$(printf 'Cafe\xcc\x81 Nero Bookshop')" ||
	fail "the accent of a decomposed Café is lost under the match look: '$(screen pd | grep Bookshop)'"
marked "Caf" "Bookshop" || fail "the C of the decomposed Café is not marked ('$(look "Caf" "Bookshop")')"
marked " Nero" "Bookshop" && fail "the match look runs past Café ('$(look " Nero" "Bookshop")')"
pass "\"cafe\" marks a decomposed Café with its accent kept"
keys pd Escape
wait_gone "/cafe"

keys pd q
assert_exit pd 0
check_memory
