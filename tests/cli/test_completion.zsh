# The zsh completion (completion/_partnerdesk) loaded into a plain zsh with
# compadd, _call_program and _files stubbed to record what would be offered
# (real zsh filters by the prefix itself): commands, option values, stages,
# partner and contact person names from the database. TAP.
# usage: zsh -f test_completion.zsh PARTNERDESK REPORT_FIXTURE COMPLETION_FILE
exe=$1 fixture=$2 script=$3
dir=$(mktemp -d "${TMPDIR:-/tmp}/pd-zcomplete-XXXXXX")
trap 'rm -rf "$dir"' EXIT
export HOME=$dir XDG_CONFIG_HOME=$dir/config XDG_DATA_HOME=$dir/data LC_ALL=C.UTF-8 TZ=UTC
export PARTNERDESK_DB=$dir/t.db
path=(${exe:A:h} $path)
"$fixture" "$PARTNERDESK_DB" >/dev/null || { print "Bail out! the fixture failed"; exit 1 }
for person in "Mair Jones" "Tom Price"; do
  partnerdesk contact add "Beta School" "$person" >/dev/null 2>&1 || { print "Bail out! contact add failed"; exit 1 }
done
typeset -ga got
compadd() { if [[ $1 == -a ]]; then got+=(${(P)2}); else [[ $1 == -- ]] && shift; got+=("$@"); fi }
_call_program() { shift; "$@" }
_files() { got+=(FILES) }
source $script
integer n=0 failed=0
check() {
  local want=$1; shift
  got=(); words=("$@"); CURRENT=${#words}; PREFIX=${words[-1]}
  _partnerdesk
  (( n++ ))
  local pat=${want//|/\\|}
  if [[ ${(j:|:)got} == $~pat ]]; then
    print "ok $n - '$*' offers $want"
  else
    print "not ok $n - '$*' offers $want"; print "#   got: ${(j:|:)got}"; (( failed++ ))
  fi
}
check '*|report|restore|show' partnerdesk re
check 'Alpha Museum|Beta School|Delta Arts|Epsilon Library|Foxtrot College|Gamma Zoo' partnerdesk show ''
check 'Alpha Museum|Beta School|Delta Arts|Epsilon Library|Foxtrot College|Gamma Zoo' partnerdesk log ''
check '' partnerdesk log --edit 3 ''
check 'glance|date|engagement|marriage|dissolved' partnerdesk move Alpha ''
check 'table|csv|json|yaml' partnerdesk list --format ''
check 'month|quarter|year|all' partnerdesk report --period ''
check '--period|--format|--excel|--help' partnerdesk report --f
check 'museum|*|arts organisation|*' partnerdesk add X --kind ''
check 'Alpha Museum|*' partnerdesk --db $PARTNERDESK_DB show ''
check 'FILES' partnerdesk import ''
check 'auto|utf-8|windows-1252' partnerdesk import x.csv --encoding ''
check 'children|*|families|*' partnerdesk add X --audience ''
check 'Alpha Museum|Beta School|Delta Arts|Epsilon Library|Foxtrot College|Gamma Zoo' partnerdesk audit --partner ''
check 'table|json' partnerdesk audit --format ''
check 'Alpha Museum|Beta School|Delta Arts|Epsilon Library|Foxtrot College|Gamma Zoo' partnerdesk merge Alpha ''
check 'Alpha Museum|Beta School|Delta Arts|Epsilon Library|Foxtrot College|Gamma Zoo' partnerdesk delete ''
check 'today|yesterday|mon|-7d|-1m' partnerdesk audit --since ''
check 'add|edit|delete|list' partnerdesk contact ''
check 'Mair Jones|Tom Price' partnerdesk contact edit 'Beta\ School' ''
check 'Mair Jones|Tom Price' partnerdesk contact delete '"Beta School"' ''
check '' partnerdesk contact list 'Beta\ School' ''
check 'done|undone' partnerdesk agenda ''
# Every command's options: each offered once, and each one the command
# takes (its help text names other commands' options too).
local cmd opt
local -a unknown once
for cmd in $(partnerdesk complete commands); do
  got=(); words=(partnerdesk $cmd --); CURRENT=3; PREFIX=--
  _partnerdesk
  (( n++ ))
  unknown=()
  for opt in $got; do
    [[ $(partnerdesk $cmd $opt </dev/null 2>&1) == *"unknown option"* ]] && unknown+=($opt)
  done
  once=(${(u)got})
  if (( ${#got} > 0 && ${#got} == ${#once} && ${#unknown} == 0 )); then
    print "ok $n - '$cmd --' offers each of its options once, and only its own"
  else
    print "not ok $n - '$cmd --' offers each of its options once, and only its own"
    print "#   got: ${(j:|:)got}; not its own: ${(j:|:)unknown}"; (( failed++ ))
  fi
done
print "1..$n"
(( failed == 0 ))
