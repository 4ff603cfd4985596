#!/bin/bash
# On the phone: the list filtered by the caller's surname or by the number
# on the display as dialled ("06 12 34 56 78" for +33 6 12 34 56 78), c
# opens the log form with that person in With; it started at "(none)",
# to be picked while talking. Two people the filter names (a surname they
# share): With stays "(none)". Enter on the partner opens its detail on
# the Contacts tab with the person marked > and scrolled to, where c
# starts With at them too; it opened on the tab last shown (Overview), the
# person out of sight. Two people named: the tab last shown, as before.
# The help overlay says both, at 80 columns. Welsh, Korean, French.
# The number as a mobile shows it, with its country code, names the person
# whose number is on file as dialled at home; and typed in Arabic-Indic
# digits, the person whose number is in ASCII. A number dialled at home
# with its trunk 0 finds it at the start of a number on file, not inside
# an American one (+1 612 345 6789 holds 612345678). An address names its
# person by the part before the @: the partner's own name, found in the
# domain of its one person with an address, started With at her.

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
pd add "Hennepin Youth Center" --phone "+1 612 345 6789" >/dev/null || fail "add Hennepin failed"
# A museum whose name is in the domain of its one person with an address:
# filtered by that name, the librarian typed the partner, not a person.
M="Museo de la Herencia Latina"
pd add "$M" >/dev/null || fail "add $M failed"
pd contact add "$M" "Gabriela Ríos" --email "grios@museolatino.example.org" >/dev/null &&
	pd contact add "$M" "Tomás Vega" >/dev/null || fail "contact add at $M failed"
# A branch of many people, the one called last of them: five lines each,
# so at 80x24 she is well below the tab's first screen.
B="Cymdeithas Hanes Caerdydd"
pd add "$B" >/dev/null || fail "add $B failed"
for i in 01 02 03 04 05 06 07 08 09 10 11; do
	pd contact add "$B" "Aelod $i Jones" --title "Volunteer" --email "aelod$i@hanes.cymru" \
		--phone "+44 29 2000 00$i" >/dev/null || fail "contact add $i failed"
done
pd contact add "$B" "Nia Llywelyn" --title "Secretary" --email "nia@hanes.cymru" \
	--phone "+44 29 2087 1234" >/dev/null || fail "contact add Nia failed"

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
wait_for "6 partners"
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
filtered "museo" "$M"
got=$(with) && [ "$got" = "With     : (none)" ] || fail "filtered by the museum's name: '$got', want (none)"
keys pd Enter
wait_for "Tomás Vega"
if screen | grep -q "^>"; then fail "filtered by the museum's name: a person marked: $(screen)"; fi
keys pd q
wait_gone "Tomás Vega"
filtered "grios" "$M"
got=$(with) && [ "$got" = "With     : Gabriela Ríos" ] || fail "filtered by her address: '$got'"
pass "a partner's name in its one address's domain names nobody; the address before its @ names her"

filtered "siân" "$W"
keys pd Enter
wait_for "Siân Prydderch"
screen | grep -q '^>Siân Prydderch .*edit' ||
	fail "Enter filtered by 'siân' does not open Contacts with Siân marked: $(screen)"
got=$(with) && [ "$got" = "With     : Siân Prydderch" ] || fail "c in Contacts after Enter: '$got'"
pass "Enter opens the Contacts tab with the person the filter names marked"

# Back to the list, the detail left on Overview; the filter by a number
# finds the branch's last person, far down its Contacts tab.
keys pd h q
wait_gone "Siân Prydderch"
filtered "029 2087 1234" "$B"
keys pd Enter
wait_for ">Nia Llywelyn"
screen | grep -q "^>Nia Llywelyn .*edit" || fail "Nia not marked on the screen: $(screen)"
pass "a person far down the tab is scrolled to"
keys pd h q
wait_gone "Nia Llywelyn"
filtered "jones" "$B"
keys pd Enter
wait_for "People"
if screen | grep -q "^>"; then fail "eleven Joneses: a person marked: $(screen)"; fi
pass "eleven people named: the detail opens as before"
keys pd q
wait_gone "Nia Llywelyn"

# help_says TEXT: the help overlay's descriptions, their wrapped lines
# joined, hold TEXT.
help_says() {
	screen | sed -n 's/^.*│ \(.*\)│.*$/\1/p' | cut -c18- | tr -s ' \n' '  ' | grep -qF -- "$1"
}
# 80 columns wide as ever, tall enough for every key at once.
t resize-window -t pd -x 80 -y 120
keys pd Escape '?'
wait_for "Keys: list"
poll 10 help_says "from a list filtered by one of its people (name, number, email), With starts at them" ||
	fail "the help does not say c starts With at the person filtered by: $(screen)"
help_says "open the selected partner (from a list filtered by one of its people: at them, in its Contacts tab;" ||
	fail "the help does not say where Enter opens a partner filtered by a person: $(screen)"
pass "the help overlay says what c and Enter do from a list filtered by a person"
keys pd q
wait_gone "Keys: list"
t resize-window -t pd -x 80 -y 24
keys pd q
assert_exit pd 0
check_memory
