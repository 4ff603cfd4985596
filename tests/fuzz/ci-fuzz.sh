#!/bin/sh
# CI's fuzzing step: configure a clang build with AddressSanitizer and
# UndefinedBehaviorSanitizer (libraries instrumented for coverage), build
# every libFuzzer harness tests/fuzz/meson.build defines (fuzz_*), run each
# for SECONDS against a copy of its corpus, and write one JSON line per
# harness to BUILDDIR/fuzz-results.json as meson's testlog.json does:
#   {"name": "fuzz_csv", "result": "OK"|"FAIL", "duration": s, "runs": n}
# A harness fails on any crash, leak, timeout, out-of-memory or UB report.
# Usage: tests/fuzz/ci-fuzz.sh [BUILDDIR [SECONDS]]   (defaults build-fuzz 60)
# SECONDS "build" only configures and builds (CI does that while the
# sanitizer suite runs); a later run on that BUILDDIR then starts fuzzing
# at once, from what that build left.
set -u
cd "$(dirname "$0")/../.." || exit 1

dir=${1:-build-fuzz}
secs=${2:-60}
results="$dir/fuzz-results.json"

fail_setup() {   # message: one FAIL line so CI counts the step as failed
	echo "ci-fuzz: $1" >&2
	mkdir -p "$dir"
	printf '{"name": "fuzz-setup", "result": "FAIL", "reason": "%s"}\n' "$1" >"$results"
	exit 1
}

command -v clang >/dev/null || fail_setup "clang is not installed"
if [ "$secs" = build ] || [ ! -e "$dir/ci-fuzz.built" ]; then
	rm -rf "$dir"
	: >"$dir.build.log"
	CC=clang meson setup "$dir" \
		-Db_sanitize=address,undefined -Db_lundef=false \
		-Dc_args=-fsanitize=fuzzer-no-link -Dc_link_args=-fsanitize=fuzzer-no-link \
		>"$dir.setup.log" 2>&1 || { cat "$dir.setup.log"; fail_setup "meson setup failed"; }
fi
rm -f "$dir/ci-fuzz.built"   # used once: a second run starts afresh

# The harnesses are the executables named fuzz_* that meson knows of.
targets=$(meson introspect "$dir" --targets | python3 -c '
import json, sys
for t in json.load(sys.stdin):
    if t["type"] == "executable" and t["name"].startswith("fuzz_"):
        print(t["name"], t["filename"][0])
') || fail_setup "cannot list the fuzz targets"
[ -n "$targets" ] || fail_setup "no libFuzzer harness was configured (is libFuzzer there?)"

names=$(printf '%s\n' "$targets" | awk '{print $1}')
ninja -C "$dir" $(printf '%s\n' "$targets" | awk '{print $2}' | sed "s|^$(pwd)/$dir/||") \
	>>"$dir.build.log" 2>&1 || { tail -n 60 "$dir.build.log"; fail_setup "building the harnesses failed"; }
if [ "$secs" = build ]; then
	touch "$dir/ci-fuzz.built"
	exit 0
fi

: >"$results"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:symbolize=1"
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=0:print_stacktrace=1"

run_one() {   # name, executable
	name=$1 exe=$2 short=${1#fuzz_}
	seeds="tests/fuzz/corpus/$short"
	work="$dir/fuzz-corpus/$short"
	art="$dir/fuzz-artifacts/$short"
	mkdir -p "$work" "$art"
	[ -d "$seeds" ] && cp -r "$seeds/." "$work/" 2>/dev/null
	log="$dir/fuzz-$short.log"
	start=$(date +%s)
	"$exe" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$art/" "$work" >"$log" 2>&1
	rc=$?
	took=$(( $(date +%s) - start ))
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	found=$(ls "$art" 2>/dev/null | wc -l)
	if [ "$rc" -eq 0 ] && [ "$found" -eq 0 ]; then
		result=OK
	else
		result=FAIL
		echo "ci-fuzz: $name: exit $rc, $found finding(s) in $art" >&2
		grep -E "ERROR|SUMMARY|runtime error|Test unit written" "$log" | head -n 20 >&2
	fi
	echo "ci-fuzz: $name: $result, ${runs:-0} runs in ${took}s" >&2
	printf '{"name": "%s", "result": "%s", "duration": %s, "runs": %s}\n' \
		"$name" "$result" "$took" "${runs:-0}" >>"$results"
}

# Two at a time: CI machines have two cores.
status=0
set -- $(printf '%s\n' "$targets" | tr '\n' ' ')
while [ $# -ge 2 ]; do
	run_one "$1" "$2" &
	p1=$!
	shift 2
	p2=
	if [ $# -ge 2 ]; then
		run_one "$1" "$2" &
		p2=$!
		shift 2
	fi
	wait $p1
	[ -n "$p2" ] && wait $p2
done
grep -q '"FAIL"' "$results" && status=1
exit $status
