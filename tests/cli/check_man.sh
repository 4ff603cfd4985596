#!/bin/sh
# The man page renders with no groff warning and keeps the KEYS markers
# that the UI's owner fills between. Usage: check_man.sh GROFF PAGE
groff=$1 page=$2
out=$("$groff" -man -ww -z "$page" 2>&1) || { echo "$out"; exit 1; }
[ -z "$out" ] || { echo "$out"; exit 1; }
grep -qF '.\" BEGIN KEYS' "$page" || { echo "no BEGIN KEYS marker"; exit 1; }
grep -qF '.\" END KEYS' "$page" || { echo "no END KEYS marker"; exit 1; }
