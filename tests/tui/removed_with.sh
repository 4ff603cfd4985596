#!/bin/bash
# A log entry whose person was removed keeps their name ("Dana Ortiz
# (removed)" in the Log tab); correcting it, the log form's With shows
# them so, not "(none)", and a save that leaves With alone keeps the name;
# "(none)" chosen clears it.

. "$(dirname "$0")/lib.sh"

P="Riverside Art Museum"
pd add "$P" --kind museum >/dev/null || fail "add failed"
pd contact add "$P" "Dana Ortiz" >/dev/null || fail "contact add failed"
pd contact add "$P" "Ben Lee" >/dev/null || fail "contact add failed"
pd log "$P" --contact Dana "Talked about the fair" >/dev/null || fail "log failed"
pd contact delete "$P" Dana --force >/dev/null || fail "contact delete failed"

with_of() {
	pd show "$P" --format json | json_get '[(i["contact"], i.get("contact_removed"), i["text"]) for i in j["interactions"]][0]'
}

start pd
wait_for "$P"
keys pd Enter
wait_for "Overview"
keys pd l l
wait_for "with Dana Ortiz (removed)"
keys pd r
wait_for "Correct the log entry"
wait_for "With     : Dana Ortiz (removed)"
pass "the log form's With names the removed person, marked removed"

keys pd End
type_text pd " in May"
keys pd C-s
wait_gone "Correct the log entry"
got=$(with_of)
[ "$got" = "('Dana Ortiz', True, 'Talked about the fair in May')" ] || fail "after the save the entry is $got"
pass "saved with With left alone, the entry still names her"

# With goes round its choices and back: the person is offered again.
keys pd r
wait_for "Correct the log entry"
keys pd BTab
keys pd Right
wait_gone "With     : < Dana Ortiz (removed) >"
keys pd Right Right
wait_for "With     : < Dana Ortiz (removed) >"
keys pd C-s
wait_gone "Correct the log entry"
got=$(with_of)
[ "$got" = "('Dana Ortiz', True, 'Talked about the fair in May')" ] || fail "after the second save the entry is $got"
pass "the removed person is one of With's choices, kept when chosen"

# "(none)" chosen instead: the entry names no one, her name goes.
keys pd r
wait_for "Correct the log entry"
keys pd BTab
keys pd Right
wait_for "With     : < (none) >"
keys pd C-s
wait_gone "Correct the log entry"
got=$(with_of)
[ "$got" = "(None, False, 'Talked about the fair in May')" ] || fail "after saving with (none) the entry is $got"
pass "With set to (none) clears the removed person's name"

# Ben is removed by a colleague while his entry is being corrected: the
# save merges (their removal, my note) and the entry keeps his name. It
# was refused as "contact #N is not one of partner #M's", and "(none)",
# the only save left, dropped the name.
pd log "$P" --contact Ben "Ben asked for posters" >/dev/null || fail "log failed"
wait_for "with Ben Lee"
keys pd k
wait_for_re ">.*with Ben Lee"
keys pd r
wait_for "Correct the log entry"
wait_for "With     : Ben Lee"
pd contact delete "$P" Ben --force >/dev/null || fail "contact delete failed"
keys pd End
type_text pd " for May"
keys pd C-s
wait_gone "Correct the log entry"
got=$(pd show "$P" --format json | json_get '[(i["contact"], i.get("contact_removed"), i["text"]) for i in j["interactions"] if i["text"].startswith("Ben")][0]')
[ "$got" = "('Ben Lee', True, 'Ben asked for posters for May')" ] ||
	fail "the correction saved over a removal gives $got"
pass "a correction open while its person is removed saves, the entry keeping the name"
keys pd q q
assert_exit pd 0
check_memory
