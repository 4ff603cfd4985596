"""The everyday commands as a librarian types them: add with a kind in
another case, list filters given more than once, agenda done on ids that
are not open follow-ups, PARTNER as a number that is also a name."""
import json
import sys

from harness import TAP, Env, added_id

t = TAP()
env = Env(sys.argv[1])


def listed(*args):
    r = env.run("list", "--format", "json", *args)
    return sorted(p["id"] for p in json.loads(r.out)) if r.rc == 0 else r


try:
    # A configured kind typed in another case is that kind, stored as the
    # config spells it: kept as typed, list --kind (and the reports) would
    # take "Museum" for another kind than "museum".
    art = added_id(env.run("add", "Riverside Art Museum", "--kind", "museum"))
    r = env.run("add", "Harbor History Museum", "--kind", "Museum")
    t.ok(r.rc == 0 and "warning" not in r.err, "add --kind Museum is the configured kind", r)
    harbor = added_id(r)
    r = env.run("add", "Ridge Science Center", "--kind", "SCIENCE CENTER", "--tag", "stem", "--tag", "teens")
    ridge = added_id(r)
    j = json.loads(env.run("show", str(harbor), "--format", "json").out)
    t.eq(j["kind"], "museum", "stored as the config spells it")
    t.eq(json.loads(env.run("show", str(ridge), "--format", "json").out)["kind"], "science center",
         "a kind of two words too")
    t.eq(listed("--kind", "museum"), [art, harbor], "list --kind museum finds both museums")
    r = env.run("add", "Friends of the Ridge", "--kind", "Friends Group", "--tag", "teens")
    t.ok(r.rc == 0 and "not a configured kind" in r.err, "an unconfigured kind still draws the warning", r)
    friends = added_id(r)
    t.eq(json.loads(env.run("show", str(friends), "--format", "json").out)["kind"], "Friends Group",
         "and is kept as typed")

    # A filter given twice is refused, not half applied: add takes --tag
    # again and again, and list --tag teens --tag stem must not answer
    # for stem alone.
    t.eq(listed("--tag", "teens"), [ridge, friends], "list --tag teens")
    for opt, a, b in (("--tag", "teens", "stem"), ("--stage", "glance", "date"),
                      ("--kind", "museum", "zoo"), ("--search", "ridge", "harbor"),
                      ("--scale", "macro", "micro")):
        r = env.run("list", opt, a, opt, b)
        t.ok(r.rc == 2 and "%s is given twice" % opt in r.err and r.out == "",
             "list %s %s %s %s is a usage error" % (opt, a, opt, b), r)
    r = env.run("list", "--tag=teens", "--tag=stem")
    t.ok(r.rc == 2 and "--tag is given twice ('teens', 'stem')" in r.err, "in the --tag=T form too", r)
    t.eq(listed("--tag", "teens", "--kind", "science center"), [ridge], "different filters still combine")
finally:
    env.cleanup()
t.done()
