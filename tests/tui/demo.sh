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
	new_session "$1" -x 80 -y 24 "$PD_WRAP '$PD' --demo; echo \$? > '$TEST_DIR/status.$1'"
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

# The first start's "sample partners" answer is a throw-away desk too: the
# real file is not made, so a spreadsheet imported into it later meets no
# invented "Riverside Art Museum".
DB="$TEST_DIR/first/desk.db"
start c
wait_for "There is no database yet" c
keys c y
wait_for "throw-away desk" c
wait_for "(demo)" c
screen c | grep -q "Harbor Science Center" || fail "no sample partners on screen"
[ -e "$DB" ] && fail "the samples went into the real file $DB"
[ "$(demo_files | wc -l)" = 1 ] || fail "no demo database of its own: $(demo_files)"
pass "sample partners at the first start are a throw-away desk, the real file unmade"
keys c q
assert_exit c 0
[ -e "$DB" ] && fail "quitting the samples made $DB"
[ -z "$(demo_files)" ] || fail "left behind: $(demo_files)"
t kill-session -t c
start c
wait_for "There is no database yet" c
keys c Enter
wait_for "press a to add a partner" c
screen c | grep -q "Harbor Science Center" && fail "the real desk holds samples"
keys c q
assert_exit c 0
[ -e "$DB" ] || fail "Enter made no $DB"
pass "the next start offers again, and Enter makes the real desk empty"
check_memory
