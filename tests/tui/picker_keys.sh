#!/bin/bash
# The partner picker acts on its keys as the config binds them, as its
# bottom line names them. Enter chooses where it is bound to nothing the
# picker does: open bound to a letter alone (which the filter takes) left
# the line without "choose" while Enter chose. Enter bound to down moves,
# as the line says, and open's own key chooses; Enter chose before.

. "$(dirname "$0")/lib.sh"

for p in "Harbor Books" "Riverside Art Museum" "Valley Arts Council"; do
	pd add "$p" >/dev/null || fail "could not add $p"
done

# open_merge CONFIG: partnerdesk with the keys of CONFIG, M on Harbor
# Books (the list's first), its picker up.
open_merge() {
	printf 'keys:\n%s\n' "$1" > "$TEST_DIR/keys.yaml"
	"$PD" --config "$TEST_DIR/keys.yaml" --db "$DB" check >/dev/null || fail "the config is refused: $1"
	start pd --config "$TEST_DIR/keys.yaml"
	wait_for "Harbor Books"
	keys pd M
	wait_for "into which partner?"
}

open_merge "  open: [o]"
wait_for "1 of 2  Enter choose  Esc cancel  type to filter  Down/Up move"
pass "open bound to a letter: the picker names Enter, which chooses"
keys pd o
wait_for "Find: o"
wait_for "1 of 1  Enter choose"
keys pd Enter
wait_for "Put Harbor Books (#1) into Valley Arts Council"
pass "o is typed into the filter (Council); Enter chooses"
keys pd n
wait_gone "Put Harbor Books (#1)"
keys pd q
assert_exit pd 0
t kill-session -t pd

open_merge "  open: [C-o]
  down: [Enter, j]"
wait_for "1 of 2  C-o choose  Esc cancel  type to filter  Enter/Up move"
keys pd Enter
wait_for "2 of 2  C-o choose"
screen | grep -q "Put Harbor Books (#1)" && fail "Enter chose although it is bound to down"
pass "Enter bound to down moves in the picker, as its line says"
keys pd C-o
wait_for "Put Harbor Books (#1) into Valley Arts Council"
pass "C-o, open's key, chooses"
keys pd C-o
wait_for "C-o decides nothing here: y merge"
pass "open's C-o at the question is named as pressed (it said Enter)"
keys pd n
wait_gone "Put Harbor Books (#1)"
keys pd q
assert_exit pd 0
check_memory
