#!/bin/bash
# What an 80-column screen has no room for is shortened, never dropped or
# overprinted: the top line keeps the desk's file name, shortened ("…"),
# and its "(demo)" mark whole (staff must tell a demo desk from the real
# one); at 200x50 the name shows whole, and a name of three letters at
# 80x24; at 60x16 a part that does not fit goes whole, never cut in a
# word. The kanban's "column 1 of 6 >" mark and a column's "not in
# config" both show whole.

. "$(dirname "$0")/lib.sh"

# start_at SESSION COLSxROWS ARGS...: as lib.sh's start, at another size.
start_at() {
	local s=$1 size=$2
	shift 2
	rm -f "$TEST_DIR/status.$s"
	new_session "$s" -x "${size%x*}" -y "${size#*x}" "$PD_WRAP '$PD' --db '$DB' $*; echo \$? > '$TEST_DIR/status.$s'"
	t set-option -t "$s" remain-on-exit on >/dev/null
	t set-option -t "$s" status off >/dev/null
}
top_line() {
	screen "$1" | head -1
}

mkdir -p "$TEST_DIR/x"
DB="$TEST_DIR/x/demo-new.db"
start_at demo 80x24 --demo
wait_for "30 partners" demo
line=$(top_line demo)
case $line in
*"demo-new"*" (demo)  30 partners, 10 due"*) ;;
*) fail "the 80-column top line lost the name or the demo mark: '$line'" ;;
esac
pass "at 80 columns a demo desk's top line names it and says (demo)"
# At 60x16 the parts that do not fit go whole, the least needed first:
# never "30 partner…", a count cut inside its word.
t resize-window -t demo -x 60 -y 16
wait_gone "30 partners" demo
line=$(top_line demo)
case $line in
*"Reports"*"   (demo)  10 due") ;;
*) fail "the 60-column top line cuts a part or lost the demo mark: '$line'" ;;
esac
pass "at 60 columns the top line drops whole parts and keeps (demo)"
keys demo q
assert_exit demo 0

DB="$TEST_DIR/x/community-partnerships-of-the-central-library.db"
pd add "Alpha Library" >/dev/null || fail "add failed"
start_at long 80x24
wait_for "1 partner" long
line=$(top_line long)
case $line in
*"community-partne"*"…  1 partner") ;;
*) fail "the 80-column top line does not show the long name shortened: '$line'" ;;
esac
[ "${#line}" -le 80 ] || fail "the top line is wider than the screen: '$line'"
pass "at 80 columns a long desk name is shortened, not dropped"
keys long q
assert_exit long 0

start_at wide 200x50
wait_for "1 partner" wide
top_line wide | grep -q "community-partnerships-of-the-central-library.db  1 partner" ||
	fail "at 200 columns the name is not whole: '$(top_line wide)'"
pass "at 200 columns the name shows whole"
keys wide q
assert_exit wide 0

# A name shorter than the few columns a shortened one keeps ("crm") is
# shown whole where it fits, not left out.
DB="$TEST_DIR/x/crm"
pd add "Alpha Library" >/dev/null || fail "add failed"
start_at crm 80x24
wait_for "1 partner" crm
case $(top_line crm) in
*"Reports"*" crm  1 partner") ;;
*) fail "at 80 columns the short desk name is missing: '$(top_line crm)'" ;;
esac
pass "a desk name of three letters shows whole"
keys crm q
assert_exit crm 0

# Three configured stages and three the config does not list: at 80
# columns five columns fit, the last two not in the config.
DB="$TEST_DIR/kanban.db"
pd add "Alpha Library" >/dev/null || fail "add failed"
pd add "Hilltop Zoo" --stage engagement >/dev/null || fail "add failed"
pd add "Delta Museum" --stage marriage --approved-by "Library Board" >/dev/null || fail "add failed"
pd add "Gone Gallery" --stage dissolved >/dev/null || fail "add failed"
cat > "$TEST_DIR/short.yaml" <<'Y'
stages:
  - {name: glance, label: Glance}
  - {name: date, label: Date}
  - {name: ended, label: Ended, closed: true}
transitions:
  - {from: glance, to: date}
  - {from: "*", to: ended, requires: reason}
Y
start pd --config "$TEST_DIR/short.yaml"
wait_for "4 partners"
keys pd 2
wait_for "Glance (1)"
rule=$(screen | sed -n 3p)
n=$(grep -o "not in config" <<<"$rule" | wc -l)
[ "$n" = 2 ] || fail "the rule shows 'not in config' $n times, want 2 whole: '$rule'"
grep -q " column 1 of 6 > " <<<"$rule" || fail "the rule lost the column mark: '$rule'"
keys pd l l l l l
wait_for "< column 6 of 6"
rule=$(screen | sed -n 3p)
n=$(grep -o "not in config" <<<"$rule" | wc -l)
[ "$n" = 3 ] || fail "at the last column the rule shows 'not in config' $n times, want 3: '$rule'"
pass "the kanban's column mark and 'not in config' both show whole at 80 columns"
keys pd q
assert_exit pd 0
check_memory
