#!/bin/bash
# The Contacts tab keeps a person's "[outreach]" on their row when the name
# is very long: the name is shortened ("…", at a whole character by
# display width: a Korean letter takes two columns), the mark stays. The
# name took the row and pushed the mark off. At 80x24 and 60x16. The "…"
# follows the last Korean letter that fits (a blank was left before it).

. "$(dirname "$0")/lib.sh"

P="Canolfan Gymraeg"
WELSH="Angharad Gwenllian Llywelyn-Williams ap Rhys Cadwaladr Pryderi ferch Gruffydd ap Iorwerth"
KOREAN="김민준박서연이도윤최하은정시우강지호조수아윤예준장서윤임하준김민준박서연이도윤최하은"
ARABIC="عبد الرحمن بن محمد بن عبد الله بن أحمد بن يوسف الهاشمي القرشي المكي المدني"
pd add "$P" >/dev/null || fail "add failed"
for n in "$WELSH" "$KOREAN" "$ARABIC"; do
	pd contact add "$P" "$n" --title "Community outreach" >/dev/null || fail "contact add failed"
done

# marks_kept SIZE: each of the three rows shows its name's start, shortened,
# and the whole mark, within the screen's width.
marks_kept() {
	local s n
	s=$(screen)
	for n in "${WELSH:0:20}" "${KOREAN:0:8}" "${ARABIC:0:12}"; do
		grep -F -- "$n" <<<"$s" | grep -q -E -- "…  \[outreach\]$" ||
			fail "at $1 the row of '$n…' lost its [outreach]: '$(grep -F -- "$n" <<<"$s")'"
	done
	# "…" right after the last whole Korean letter, never a blank before it
	grep -F -- "${KOREAN:0:8}" <<<"$s" | grep -q -- " …" &&
		fail "at $1 the Korean name has a gap before its …: '$(grep -F -- "${KOREAN:0:8}" <<<"$s")'"
	python3 -c 'import sys, unicodedata as u
for l in sys.stdin.read().splitlines():
    w = sum(2 if u.east_asian_width(c) in "WF" else 0 if u.combining(c) else 1 for c in l)
    if w > int(sys.argv[1]): sys.exit("a row %d wide: %s" % (w, l))' "${1%x*}" <<<"$s" || fail "at $1"
}

start pd
wait_for "$P"
keys pd Enter
wait_for "Overview"
keys pd l
wait_for ">${WELSH:0:20}"   # the Contacts tab's mark (the Overview names people too)
marks_kept 80x24
pass "at 80x24 long Welsh, Korean and Arabic names are shortened, [outreach] kept"
t resize-window -t pd -x 60 -y 16
wait_for_re "^─{60}$"   # the rule under the tabs, 60 wide
marks_kept 60x16
pass "at 60x16 too"
keys pd q q
assert_exit pd 0
check_memory
