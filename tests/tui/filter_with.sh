#!/bin/bash
# On the phone: the list filtered by the caller's surname or by the number
# on the display as dialled ("06 12 34 56 78" for +33 6 12 34 56 78), c
# opens the log form with that person in With; it started at "(none)",
# to be picked while talking. Two people the filter names (a surname they
# share): With stays "(none)". Enter on the partner marks the person > in
# the Contacts tab, where c starts With at them too. Welsh, Korean, French.
# The number as a mobile shows it, with its country code, names the person
# whose number is on file as dialled at home; and typed in Arabic-Indic
# digits, the person whose number is in ASCII.

. "$(dirname "$0")/lib.sh"

F="Médiathèque Jean Macé" W="Canolfan Gymraeg" K="한인 문화센터"
for p in "$F" "$W" "$K"; do pd add "$p" >/dev/null || fail "add $p failed"; done
pd contact add "$F" "Bruno Martin" --phone "+33 1 40 00 00 00" >/dev/null &&
	pd contact add "$F" "Camille Le Goff" --phone "+33 6 12 34 56 78" >/dev/null &&
	pd contact add "$W" "Dafydd ap Gwilym" --phone "01758 555 123" >/dev/null &&
	pd contact add "$W" "Gwenllian Prydderch" >/dev/null &&
	pd contact add "$W" "Siân Prydderch" --email "sian@canolfan.cymru" >/dev/null &&
	pd contact add "$K" "김민준" --phone "+82 2-123-4567" >/dev/null &&
	pd contact add "$K" "이서연" >/dev/null || fail "contact add failed"

# filtered TEXT NAME: the list filtered by TEXT, down to partner NAME.
filtered() {
	keys pd Escape /
	wait_for "/"
	type_text pd "$1"
	wait_for "/$1"
	wait_for "1/1"
	keys pd Enter
	screen | grep -qF "$2" || fail "'$1' does not find $2"
}

# with KEYS...: the keys, c, and what With starts at; Esc after.
with() {
	keys pd "$@" c
	wait_for "Log a contact with"
	screen | grep -o 'With     : [^│]*' | sed 's/ *$//'
	keys pd Escape
	wait_gone "Log a contact with"
}

start pd
wait_for "3 partners"
filtered "le goff" "$F"
got=$(with) && [ "$got" = "With     : Camille Le Goff" ] || fail "c filtered by her surname: '$got'"
pass "filtered by a surname, c starts With at that person"
filtered "06 12 34 56 78" "$F"
got=$(with) && [ "$got" = "With     : Camille Le Goff" ] || fail "c filtered by her number: '$got'"
pass "filtered by the number as dialled at home, c starts With at its person"
filtered "+44 1758 555123" "$W"
got=$(with) && [ "$got" = "With     : Dafydd ap Gwilym" ] || fail "c filtered by +44 1758 555123: '$got'"
filtered "٠٦ ١٢ ٣٤ ٥٦ ٧٨" "$F"
got=$(with) && [ "$got" = "With     : Camille Le Goff" ] || fail "c filtered by her number in Arabic-Indic digits: '$got'"
pass "by the number with its country code, or in Arabic-Indic digits, c starts With at its person"
filtered "02-123-4567" "$K"
got=$(with) && [ "$got" = "With     : 김민준" ] || fail "c filtered by his Seoul number: '$got'"
filtered "SIAN" "$W"
got=$(with) && [ "$got" = "With     : Siân Prydderch" ] || fail "c filtered by 'SIAN': '$got'"
pass "Korean and Welsh too, accents and case aside"
filtered "prydderch" "$W"
got=$(with) && [ "$got" = "With     : (none)" ] || fail "two Prydderchs: '$got', want (none)"
pass "two people match: With stays (none)"

filtered "siân" "$W"
keys pd Enter l
wait_for "Dafydd ap Gwilym"
got=$(with) && [ "$got" = "With     : Siân Prydderch" ] || fail "c in Contacts after Enter: '$got'"
pass "Enter marks the person the filter names in the Contacts tab"
keys pd q q
assert_exit pd 0
check_memory
