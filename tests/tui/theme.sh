#!/bin/bash
# Every theme element partnerdesk.yaml(5) documents changes what it says:
# help (the hint line's keys and the help overlay's), match (the part of a
# name the filter matched, in the list), outreach (the detail's mark),
# an element the interface has no use for, or a setting for normal (always
# the terminal's own look), is refused, not ignored.

. "$(dirname "$0")/lib.sh"
SGR="python3 $(dirname "$0")/sgr.py"

cat > "$TEST_DIR/theme.yaml" <<'YAML'
theme:
  help: {fg: red}
  match: {fg: green, reverse: true}
  outreach: {fg: magenta, underline: true}
  normal: {}
YAML

look() {
	t capture-pane -e -p -t pd | $SGR "$@"
}

pd add "Canolfan Gymraeg" >/dev/null || fail "add failed"
pd add "Harbor Science Center" >/dev/null || fail "add failed"
pd add "Eglwys St Mary’s" >/dev/null || fail "add failed"
pd contact add "Harbor Science Center" "Priya Raman" --title "Director of Education" >/dev/null || fail "contact add failed"
start pd --config "$TEST_DIR/theme.yaml"
wait_for "Canolfan Gymraeg"
got=$(look "? help")
case $got in *fg=1*) ;; *) fail "the hint line's key is '$got', want fg red (help)" ;; esac
pass "help colours the hint line's keys"
keys pd '?'
wait_for "Every key of this view"
got=$(look "?, F1" "show the keys of this view")
case $got in *fg=1*) ;; *) fail "the help overlay's key is '$got', want fg red (help)" ;; esac
pass "help colours the help overlay's keys"
keys pd q
wait_gone "Every key of this view"

keys pd /
type_text pd "an"
wait_for "/an"

got=$(look "anolfan" "Canolfan")
case $got in *fg=2*reverse*) ;; *) fail "the filter's match in the name is '$got', want fg green reverse (match)" ;; esac
got=$(look "olfan" "Canolfan")
case $got in *fg=2*) fail "the match look runs past the match ('$got')" ;; esac
pass "match marks the part of a name the filter matched"
keys pd Escape
wait_gone "/an"

# The mark follows the filter's own matching: "mary's" typed finds the
# spreadsheet's curly apostrophe, and marks it.
keys pd /
type_text pd "mary's"
wait_for "/mary's"
got=$(look "Mary’s" "Eglwys")
case $got in *fg=2*reverse*) ;; *) fail "the match through a curly apostrophe is '$got', want marked" ;; esac
got=$(look "Eglwys" "Eglwys")
case $got in *fg=2*) fail "the match look starts before \"Mary’s\" ('$got')" ;; esac
pass "match marks a match made through a typographic apostrophe"
keys pd Escape
wait_gone "/mary's"


keys pd G Enter
wait_for "Overview"
keys pd l
wait_for "[outreach]"
got=$(look "[outreach]")
case $got in *fg=5*underline*) ;; *) fail "the outreach mark is '$got', want fg magenta underline (outreach)" ;; esac
pass "outreach marks a likely outreach contact"
keys pd q q
assert_exit pd 0

# Mistakes are refused with the place, never passed over.
printf 'theme:\n  hint: {fg: red}\n' > "$TEST_DIR/bad1.yaml"
out=$("$PD" --config "$TEST_DIR/bad1.yaml" --db "$DB" list 2>&1) && fail "an unknown element passed: $out"
echo "$out" | grep -q "bad1.yaml:2:3" || fail "no place in: $out"
printf 'theme:\n  normal: {fg: yellow}\n' > "$TEST_DIR/bad2.yaml"
out=$("$PD" --config "$TEST_DIR/bad2.yaml" --db "$DB" list 2>&1) && fail "normal: {fg: yellow} passed: $out"
echo "$out" | grep -q "bad2.yaml:2:.*normal (ordinary text) is drawn in the terminal's own colours" || fail "unclear refusal: $out"
pass "an unknown element, and an attribute normal cannot show, are refused"
check_memory
