"""The commands over the demo desk: every partner's record shown as JSON
and YAML and parsed back (the two agree), the list in every format agrees
with itself, the agenda puts overdue first, check passes."""
import csv
import io
import json
import subprocess
import sys

import yaml

from harness import TAP, Env

t = TAP()
env = Env(sys.argv[1])
try:
    subprocess.run([sys.argv[2], env.db], check=True)
    r = env.run("check")
    t.eq(r.rc, 0, "the demo database passes check")

    lj = json.loads(env.run("list", "--format", "json").out)
    t.ok(20 <= len(lj) <= 40, "20-40 demo partners (%d)" % len(lj))
    ly = yaml.safe_load(env.run("list", "--format", "yaml").out)
    lc = list(csv.DictReader(io.StringIO(env.run("list", "--format", "csv").out, newline="")))
    t.eq([p["id"] for p in ly], [p["id"] for p in lj], "yaml and json list the same partners in order")
    t.eq([int(p["id"]) for p in lc], [p["id"] for p in lj], "csv too")
    t.eq([p["name"] for p in lc], [p["name"] for p in lj], "with the same names (UTF-8 intact)")
    t.eq(ly, lj, "yaml and json list carry the same values")
    t.eq({p["stage"] for p in lj}, {"glance", "date", "engagement", "marriage", "dissolved"}, "every stage")
    t.eq({p["scale"] for p in lj}, {"macro", "micro"}, "both scales")

    table = env.run("list").out.splitlines()
    t.eq(len(table), len(lj) + 1, "the table has a line per partner")
    # Columns line up by display width, whatever the script of the name.
    import unicodedata

    def width(s):
        return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
                   for c in s)

    header = table[0]
    kind_col = header.index("KIND")
    ok = True
    for line, p in zip(table[1:], lj):
        i = line.find(p["kind"], line.find(p["name"]) + len(p["name"]))
        if width(line[:i]) != kind_col:
            ok = False
            t.ok(False, "KIND column of %s at %d, want %d" % (p["name"], width(line[:i]), kind_col))
    t.ok(ok, "the KIND column lines up for every name (wide and RTL ones too)")

    before_call = []   # follow-ups due before the note that set them
    counts = {"contacts": 0, "interactions": 0, "agreements": 0, "fit": 0, "goals": 0}
    agree = True
    for p in lj:
        rj = env.run("show", str(p["id"]), "--format", "json")
        ry = env.run("show", str(p["id"]), "--format", "yaml")
        rt = env.run("show", str(p["id"]))
        j = json.loads(rj.out)
        y = yaml.safe_load(ry.out)
        if j != y:
            agree = False
            t.ok(False, "show json and yaml differ for %s" % p["name"])
        if rt.rc != 0 or p["name"] not in rt.out:
            t.ok(False, "show text for %s" % p["name"], rt)
        for k in counts:
            counts[k] += len(j[k])
        for it in j["interactions"]:
            assert set(["at", "channel", "contact", "text", "follow_up", "done", "by"]) <= set(it)
            if it["follow_up"] and it["follow_up"] < it["at"][:10]:
                before_call.append("%s: %s, follow up %s" % (p["name"], it["at"], it["follow_up"]))
        for c in j["contacts"]:
            assert set(["name", "title", "email", "phone"]) <= set(c)
        for m in j["history"]:
            assert set(["from", "to", "at", "by", "reason"]) <= set(m)
    t.ok(agree, "show json and yaml agree for every demo partner")
    t.eq(before_call, [], "no follow-up falls due before the call that set it")
    for k, n in counts.items():
        t.ok(n > 0, "the demo has %s (%d)" % (k, n))

    items = json.loads(env.run("agenda", "--format", "json").out)
    t.ok(any(i["overdue"] for i in items), "the agenda has overdue items")
    t.ok(any(i["kind"] == "review" and i["overdue"] for i in items), "and an engagement past review")
    seen_future = False
    ordered = True
    for i in items:
        if not i["overdue"]:
            seen_future = True
        elif seen_future:
            ordered = False
    t.ok(ordered, "overdue items come first")
finally:
    env.cleanup()
t.done()
