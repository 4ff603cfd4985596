#!/bin/sh
# The CI check that no SQL is built by string formatting: every statement
# must be a literal (or literals joined) with values bound as parameters.
# Fails on, anywhere under the given directories:
#   - sqlite3's own formatters (sqlite3_mprintf, sqlite3_snprintf, %q/%Q/%w);
#   - a printf-family call (sprintf, snprintf, asprintf, ...) or a
#     strcat/strcpy whose string literals hold SQL;
#   - formatting into a variable that is later handed to SQLite as SQL
#     (sqlite3_exec, sqlite3_prepare*, pd_stmt, pd_db_exec, ...).
# Usage: check_sql.sh DIR...      (exit 0 clean, 1 with findings listed)
#        check_sql.sh --self-test (proves each rule fires on a bad sample)
set -eu

check() {
	python3 - "$@" <<'PY'
import os, re, sys

SQL_WORDS = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|REPLACE INTO|CREATE|DROP|ALTER|PRAGMA|"
                       r"WHERE|VALUES|ORDER BY|GROUP BY|LIMIT|JOIN|MATCH|ATTACH|BEGIN|COMMIT|"
                       r"ROLLBACK|SAVEPOINT)\b(?!:)|\binstr\(|\bAND\s+\(?[a-z_.]+\s*(=|IN\b)")
SQLITE_FMT = re.compile(r"\bsqlite3_(v?mprintf|v?snprintf|str_v?appendf)\s*\(")
FORMATTERS = re.compile(r"\b(v?s?n?printf|v?asprintf|v?dprintf|strn?cat|strl?cpy|stpn?cpy)\s*\(")
EXECUTORS = re.compile(r"\b(sqlite3_exec|sqlite3_prepare(?:_v2|_v3|16(?:_v2|_v3)?)?|pd_stmt|"
                       r"pd_db_exec|query_int|findings)\s*\(")
# Which argument of each holds the SQL.
SQL_ARG = {"findings": 2}
STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def strip_comments(text):
    out, i, n = [], 0, len(text)
    while i < n:
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text[i] in "\"'":
            q = text[i]
            j = i + 1
            while j < n and text[j] != q:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def call_args(text, start):
    """The text between the '(' at start and its matching ')'."""
    depth, i, n = 0, start, len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return text[start + 1:i]
        i += 1
    return text[start + 1:]


def split_args(args):
    parts, depth, cur, i = [], 0, [], 0
    while i < len(args):
        c = args[i]
        if c in "\"'":
            j = i + 1
            while j < len(args) and args[j] != c:
                j += 2 if args[j] == "\\" else 1
            cur.append(args[i:j + 1])
            i = j + 1
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        if c == "," and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(c)
        i += 1
    parts.append("".join(cur).strip())
    return parts


def last_name(expr):
    """sql, q.sql, q->sql, lists[l].add, &buf -> the identifier that holds it."""
    expr = re.sub(r"\[[^\]]*\]", "", expr).strip().lstrip("&*( ")
    expr = re.split(r"[+]", expr)[0]
    m = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", expr)
    return m[-1] if m else None


findings = []
for top in sys.argv[1:]:
    for root, _, files in os.walk(top):
        for fn in sorted(files):
            if not fn.endswith((".c", ".h")):
                continue
            path = os.path.join(root, fn)
            text = strip_comments(open(path, encoding="utf-8", errors="replace").read())
            line = lambda pos: text.count("\n", 0, pos) + 1
            for m in SQLITE_FMT.finditer(text):
                findings.append("%s:%d: %s builds SQL by formatting; bind parameters instead"
                                % (path, line(m.start()), m.group(1)))
            sql_vars = set()
            for m in EXECUTORS.finditer(text):
                args = split_args(call_args(text, m.end() - 1))
                k = SQL_ARG.get(m.group(1), 1)
                if len(args) > k and not args[k].startswith('"'):
                    name = last_name(args[k])
                    if name:
                        sql_vars.add(name)
            for m in FORMATTERS.finditer(text):
                if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"):
                    continue
                raw = call_args(text, m.end() - 1)
                literals = " ".join(s[1:-1] for s in STRING.findall(raw))
                w = SQL_WORDS.search(literals)
                if w:
                    findings.append("%s:%d: %s() with SQL in its strings (%r): build statements "
                                    "from literals and bind values" % (path, line(m.start()),
                                                                       m.group(1), w.group(0)))
                    continue
                args = split_args(raw)
                # snprintf(dst, n, "%s", s) is a copy, not formatting: joining
                # literal fragments is how a statement with optional clauses
                # is put together, and is judged by where the fragments come from.
                if len(args) == 4 and args[2] == '"%s"':
                    continue
                dest = last_name(args[0]) if args and m.group(1) not in ("printf", "vprintf") else None
                if dest and dest in sql_vars and m.group(1) not in ("dprintf", "vdprintf"):
                    findings.append("%s:%d: %s() writes into '%s', which is then run as SQL"
                                    % (path, line(m.start()), m.group(1), dest))
            for m in re.finditer(r'"(?:[^"\\\n]|\\.)*"', text):
                s = m.group(0)
                if SQL_WORDS.search(s) and re.search(r"%[-+ #0-9.]*(l|ll|z|j)?[qQwsdiu]", s) \
                        and not re.search(r"'%'|LIKE", s):
                    findings.append("%s:%d: an SQL string with a printf conversion: %s"
                                    % (path, line(m.start()), s[:80]))

seen = set()
for f in findings:
    if f not in seen:
        seen.add(f)
        print(f)
print("# checked %s: %d finding(s)" % (", ".join(sys.argv[1:]), len(seen)))
sys.exit(1 if seen else 0)
PY
}

self_test() {
	dir=$(mktemp -d)
	trap 'rm -rf "$dir"' EXIT
	n=0 bad=0
	sample() {   # name, C source: each sample must be found
		n=$((n + 1))
		mkdir "$dir/$1"
		printf '%s\n' "$2" >"$dir/$1/x.c"
		if check "$dir/$1" >/dev/null; then
			echo "not ok $n - the check misses: $1"
			bad=$((bad + 1))
		else
			echo "ok $n - the check finds: $1"
		fi
	}
	sample mprintf 'void f(sqlite3 *h, const char *n) { char *s = sqlite3_mprintf("SELECT * FROM t WHERE n = %Q", n); sqlite3_exec(h, s, 0, 0, 0); }'
	sample snprintf_values 'void f(int id) { char q[99]; snprintf(q, sizeof q,
	    "DELETE FROM partners WHERE id = %d", id); }'
	sample strcat_sql 'void f(char *q, const char *name) { strcpy(q, "SELECT id FROM partners WHERE name = '"'"'"); strcat(q, name); }'
	sample format_into_sql_var 'void f(sqlite3 *h, const char *a, const char *b) { char sql[99]; snprintf(sql, sizeof sql, "%s %s", a, b); sqlite3_exec(h, sql, 0, 0, 0); }'
	sample format_into_member 'struct q { char sql[99]; }; void f(pd_db *db, struct q *q, long id) { size_t n = strlen(q->sql); snprintf(q->sql + n, 9, "%ld", id); pd_stmt(db, q->sql, 0); }'
	sample asprintf 'void f(char **out, const char *t) { asprintf(out, "PRAGMA %s", t); }'
	n=$((n + 1))
	mkdir "$dir/clean"
	printf '%s\n' 'void f(sqlite3 *h) { sqlite3_exec(h, "BEGIN IMMEDIATE", 0, 0, 0); char m[64]; snprintf(m, sizeof m, "cannot open %s", "x"); }' >"$dir/clean/x.c"
	if check "$dir/clean" >/dev/null; then
		echo "ok $n - literal SQL and formatted messages pass"
	else
		echo "not ok $n - a clean sample was flagged"
		bad=$((bad + 1))
	fi
	echo "1..$n"
	[ "$bad" -eq 0 ]
}

if [ "${1:-}" = "--self-test" ]; then
	self_test
else
	check "$@"
fi
