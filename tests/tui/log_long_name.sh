#!/bin/bash
# A log entry's header in the Log tab keeps its end when the person's name
# is very long: the name is shortened ("...…"), and " (removed)  by ..."
# stays on the line. The whole header went through a 1 KiB buffer and the
# draw routine's cut, so the name took the line and its end was lost.
# So too a long staff name after "by" (free text, --by): shortened, the
# person's name and "r: correct" kept; where the line is wide enough it is
# whole, not cut at a 384-byte buffer (mid-character, its end lost).

. "$(dirname "$0")/lib.sh"

P="Riverside Art Museum"
# 600 two-byte letters: longer than any screen and than the old buffer;
# a name kept from before names held 200 characters at most (a person
# added now is held to it), so it is put in as it was stored.
LONG="Dana $(printf 'é%.0s' $(seq 600)) Ortiz"
pd add "$P" --kind museum >/dev/null || fail "add failed"
pd contact add "$P" "Dana" >/dev/null || fail "contact add failed"
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("UPDATE contacts SET name = ? WHERE name = ?", (sys.argv[2], "Dana")); c.commit()' "$DB" "$LONG" ||
	fail "the old name could not be stored"
pd contact add "$P" "Ben Lee" >/dev/null || fail "contact add failed"
pd log "$P" --contact Dana --by ann "Talked about the fair" >/dev/null || fail "log failed"
pd log "$P" --contact Ben --by ann "Asked for posters" >/dev/null || fail "log failed"
pd contact delete "$P" Dana --force >/dev/null || fail "contact delete failed"
# 131 decomposed é (e and U+0301, three bytes a column): 393 bytes, 131
# columns, the old buffer's cut inside one of them.
E=$'e\xcc\x81'
BY="Staffx $(printf "$E%.0s" $(seq 131)) End"
pd log "$P" --contact Ben --by "$BY" "Brought the posters" >/dev/null || fail "log failed"

start pd
wait_for "$P"
keys pd Enter
wait_for "Overview"
keys pd l l
wait_for "with Ben Lee  by ann"
wait_for_re "with Dana éé+… \(removed\)  by ann"
pass "a very long removed name is shortened, its (removed) and by kept"
screen pd | grep -q "with Ben Lee  by ann" || fail "a short name is shown whole"
pass "a short name is shown whole"
wait_for_re "^>.* with Ben Lee  by Staffx ($E)+…   r: correct"
pass "a long staff name is shortened; the person's name and r: correct kept"
# Widened, the detail goes beside the list and gets half the width: 400
# columns leave it room for the whole header.
t resize-window -t pd -x 400 -y 24
wait_for "  by $BY   r: correct"
screen pd | grep -q $'\xef\xbf\xbd' && fail "a character is cut in a header: $(screen pd | grep -a 'by Staffx')"
pass "where it fits the staff name is whole, no character cut"
keys pd q q
assert_exit pd 0
check_memory
