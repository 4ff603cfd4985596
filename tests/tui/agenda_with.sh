#!/bin/bash
# The agenda's c on a follow-up's row opens the log form with the person
# the follow-up names in With: the call it reminds of is with them. It
# started at "(none)". A follow-up whose person was removed since leaves
# With as c anywhere does. So too c in the detail's Contacts tab: the
# person marked >. At 80x24 and 60x16; Welsh, Korean, Arabic.

. "$(dirname "$0")/lib.sh"

W="Canolfan Gymraeg" K="한인 문화센터" A="جمعية الجالية العربية"
for p in "$W" "$K" "$A"; do pd add "$p" >/dev/null || fail "add $p failed"; done
for c in "$W|Dafydd ap Gwilym" "$W|Siân Prydderch" "$K|김민준" "$K|이서연" \
	"$A|عمر صالح" "$A|ليلى حداد" "$A|يوسف"; do
	pd contact add "${c%%|*}" "${c#*|}" >/dev/null || fail "contact add $c failed"
done
pd log "$W" --contact Siân --follow-up today "Noson lyfrau" >/dev/null || fail "log failed"
pd log "$K" --contact 이서연 --follow-up tomorrow "도서 행사" >/dev/null || fail "log failed"
pd log "$A" --contact ليلى --follow-up +2d "أمسية القراءة" >/dev/null || fail "log failed"
pd contact delete "$A" ليلى --force >/dev/null || fail "contact delete failed"

# log_with KEYS...: the keys, c, and what With starts at; Esc after.
log_with() {
	keys pd "$@" c
	wait_for "Log a contact with"
	screen | grep -o 'With     : [^│]*' | sed 's/ *$//'
	keys pd Escape
	wait_gone "Log a contact with"
}

start pd
wait_for "3 partners"
keys pd 3
wait_for "Today (1)"
got=$(log_with) && [ "$got" = "With     : Siân Prydderch" ] ||
	fail "c on Siân's follow-up: '$got', want her in With"
got=$(log_with j) && [ "$got" = "With     : 이서연" ] || fail "c on 이서연's follow-up: '$got'"
pass "at 80x24 c on a follow-up starts With at its person (Welsh, Korean)"
got=$(log_with j) && [ "$got" = "With     : (none)" ] ||
	fail "c on a removed person's follow-up: '$got', want (none) as c anywhere"
pass "a person removed since leaves With as c anywhere does"

t resize-window -t pd -x 60 -y 16
keys pd g
got=$(log_with) && [ "$got" = "With     : Siân Prydderch" ] || fail "at 60x16: '$got'"
pass "at 60x16 too"
keys pd 1
wait_for "1/3"
keys pd Enter l
wait_for "Dafydd ap Gwilym"
got=$(log_with j) && [ "$got" = "With     : Siân Prydderch" ] || fail "c on Siân marked in Contacts: '$got'"
pass "c in the Contacts tab starts With at the person marked"
keys pd q q
assert_exit pd 0
check_memory
