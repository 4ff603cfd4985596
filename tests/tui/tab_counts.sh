#!/bin/bash
# The detail's tabs keep their counts on a narrow window: at 60 columns
# (and beside the list at 120, 59 wide) the gaps between tabs go and the
# longest name is shortened ("Agr. 2") before any count goes; at 60 they
# said "Contacts  Log  History", with no counts at all. At 80 the tabs are
# as they were, three blanks apart and whole.

. "$(dirname "$0")/lib.sh"

P="Canolfan Gymraeg"
python3 - "$P" > "$TEST_DIR/big.yaml" <<'PY'
import sys
print("partnerdesk-backup: 1\npartners:\n- name: %s\n  stage: glance\n  contacts:" % sys.argv[1])
for i in range(12):
    print("  - name: Person %d" % (i + 1))
print("  interactions:")
for i in range(120):
    print("  - at: \"2026-01-01T10:%02d:00Z\"\n    channel: phone\n    by: ann\n    text: Note %d" % (i % 60, i + 1))
print("  history:")
for i in range(12):
    print("  - at: \"2026-02-%02dT10:00:00Z\"\n    to: %s\n    by: ann" % (i + 1, "date" if i % 2 else "glance"))
    if i:
        print("    from: %s\n    reason: back and forth" % ("glance" if i % 2 else "date"))
print("  agreements:\n  - stage: date\n    title: Storytime\n  - stage: date\n    title: Reading club")
PY
pd import "$TEST_DIR/big.yaml" >/dev/null || fail "import failed"

start pd
wait_for "$P"
keys pd Enter
wait_for_re "Overview   Contacts 12   Log 120   History 12   Agreement 2   Fit"
pass "at 80x24 the tabs are whole, with their counts"
t resize-window -t pd -x 60 -y 16
wait_for_re "Overview  Contacts 12  Log 120  History 12  Agr\. 2  Fit"
pass "at 60x16 every count is kept, the longest name shortened"
keys pd q
t resize-window -t pd -x 120 -y 30
wait_for_re "Reports {40,}partnerdesk.db"   # the list, 120 wide
keys pd Enter
wait_for_re "│  Overview  Contacts 12  Log 120  History 12  Agr\. 2  Fit"
pass "beside the list at 120 columns too"
keys pd q q
assert_exit pd 0
check_memory
