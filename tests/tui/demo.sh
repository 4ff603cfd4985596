#!/bin/bash
# Two throw-away demos at once (two people trying partnerdesk on one
# account): the second does not remove the first's database under it; each
# has its own, removed when it ends.

. "$(dirname "$0")/lib.sh"

DATA="$XDG_DATA_HOME/partnerdesk"
demo_files() {
	ls "$DATA" 2>/dev/null | grep -E '^demo-[0-9]+\.db$' | sort
}
start_demo() {
	rm -f "$TEST_DIR/status.$1"
	t new-session -d -s "$1" -x 80 -y 24 "$PD_WRAP '$PD' --demo; echo \$? > '$TEST_DIR/status.$1'" ||
		fail "could not start tmux"
	t set-option -t "$1" remain-on-exit on >/dev/null
}

start_demo a
wait_for "(demo)" a
first=$(demo_files)
[ "$(echo "$first" | wc -w)" = 1 ] || fail "the first demo's files: $first"
ino=$(stat -c %i "$DATA/$first")
start_demo b
wait_for "(demo)" b
[ -e "$DATA/$first" ] && [ "$(stat -c %i "$DATA/$first")" = "$ino" ] ||
	fail "the second demo removed the first's database"
[ "$(demo_files | wc -l)" = 2 ] || fail "not one database each: $(demo_files)"
pass "the second demo leaves the first's database alone"

keys a c
wait_for "Log a contact with" a
type_text a "Only in the first demo"
keys a C-s
wait_gone "Log a contact with" a
pass "the first demo still writes to its own database"

keys a q
assert_exit a 0
[ -e "$DATA/$first" ] && fail "the first demo's database outlived it"
[ "$(demo_files | wc -l)" = 1 ] || fail "the second demo's database went too: $(demo_files)"
keys b q
assert_exit b 0
[ -z "$(demo_files)" ] || fail "left behind: $(demo_files)"
pass "each demo's database goes when it ends"
check_memory
