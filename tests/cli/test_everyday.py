"""The everyday commands as a librarian types them: add with a kind in
another case, list filters given more than once, agenda done on ids that
are not open follow-ups, PARTNER as a number that is also a name."""
import json
import os
import subprocess
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
    # edit --kind the same way.
    r = env.run("edit", str(friends), "--kind", "MUSEUM")
    t.ok(r.rc == 0 and "warning" not in r.err, "edit --kind MUSEUM is the configured kind", r)
    t.eq(json.loads(env.run("show", str(friends), "--format", "json").out)["kind"], "museum",
         "edit stores it as the config spells it")
    t.eq(listed("--kind", "museum"), [art, harbor, friends], "and list --kind museum finds it")
    t.eq(listed("--kind", "MUSEUM"), [art, harbor, friends], "list --kind MUSEUM is the same kind")
    r = env.run("list", "--kind", "musuem")
    t.ok(r.rc == 0 and "'musuem' is not a configured kind (did you mean 'museum'?)\n" in r.err
         and "no partners match" in r.err, "a kind nobody has and the config lacks names the one meant", r)
    r = env.run("list", "--kind", "bowling alley")
    t.ok(r.rc == 0 and "'bowling alley' is not a configured kind (museum, " in r.err,
         "one like no configured kind is named with the kinds", r)
    r = env.run("add", "Typo Museum", "--kind", "Musuem")
    t.ok(r.rc == 0 and "'Musuem' is not a configured kind (did you mean 'museum'?); kept as written" in r.err,
         "add names the kind meant", r)
    r = env.run("edit", "Typo Museum", "--kind", "science centre")
    t.ok(r.rc == 0 and "'science centre' is not a configured kind (did you mean 'science center'?); kept as written"
         in r.err, "edit names the kind meant", r)
    # Said as the option is read, before the add or edit is tried: one
    # that is then refused wrote nothing, and 'added anyway' said it had.
    r = env.run("add", "Refused Museum", "--kind", "Musuem", "--audience", "teenz", "--stage", "marriage")
    t.ok(r.rc == 1 and "needs an approval" in r.err and "anyway" not in r.err
         and "'teenz' is not a configured audience (did you mean 'teens'?); kept as written" in r.err,
         "an add refused after the warnings never says it added", r)
    env.run("move", "Typo Museum", "dissolved", "--reason", "a typo")
    r = env.run("edit", "Typo Museum", "--kind", "zooo", "--add-audience", "teenz", "--review", "+1w")
    t.ok(r.rc == 1 and "--review: Dissolved has no review period" in r.err and "anyway" not in r.err
         and "'teenz' is not a configured audience (did you mean 'teens'?); kept as written" in r.err,
         "nor an edit refused after them", r)
    env.run("delete", "Typo Museum")
    r = env.run("list", "--kind", "musuem", "--format", "json")
    t.ok(r.rc == 0 and json.loads(r.out) == [] and "not a configured kind" in r.err,
         "in json too, the array still printed", r)
    r = env.run("edit", str(friends), "--kind", "Friends Group")
    t.ok(r.rc == 0 and "not a configured kind" in r.err, "an unconfigured kind edited in warns", r)

    # Audiences the same way, trimmed too: "  Teens" is the configured
    # teens, said as such, not an unconfigured "  Teens" counted apart.
    r = env.run("add", "Eastside Teen Center", "--audience", "  Teens", "--audience", "SENIORS ")
    t.ok(r.rc == 0 and "warning" not in r.err, "add --audience '  Teens' is the configured audience", r)
    east = added_id(r)
    t.eq(json.loads(env.run("show", str(east), "--format", "json").out)["audiences"], ["seniors", "teens"],
         "stored as the config spells them")
    r = env.run("edit", str(east), "--add-audience", " FAMILIES", "--add-audience", "Teens")
    t.ok(r.rc == 0 and "warning" not in r.err, "edit --add-audience the same", r)
    t.eq(json.loads(env.run("show", str(east), "--format", "json").out)["audiences"],
         ["families", "seniors", "teens"], "no second teens")
    r = env.run("edit", str(east), "--add-audience", " Welsh speakers ")
    t.ok(r.rc == 0 and "'Welsh speakers' is not a configured audience" in r.err,
         "an unconfigured audience is named trimmed", r)

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
    # agenda done: any open follow-up, however far away (a year typed
    # 2226 for 2026 is still one to clear); an id that is no open
    # follow-up says what it is instead.
    def logged_id(r):
        return int(r.out.split(":", 1)[0].split()[-1])

    far = logged_id(env.run("log", "Ridge", "--follow-up", "2226-11-30", "renewal, year mistyped"))
    r = env.run("agenda", "done", str(far))
    t.ok(r.rc == 0 and "done: follow-up %d" % far in r.out and "2226-11-30" in r.out,
         "agenda done marks a follow-up 200 years away done", r)
    its = json.loads(env.run("show", str(ridge), "--format", "json").out)["interactions"]
    t.eq([i["done"] for i in its if i["id"] == far], [True], "and it is done")
    r = env.run("agenda", "done", str(far))
    t.ok(r.rc == 1 and "done already" in r.err and "agenda undone %d" % far in r.err,
         "done twice says it is done already, and how to reopen it", r)
    plain = logged_id(env.run("log", "Ridge", "a call with no follow-up"))
    r = env.run("agenda", "done", str(plain))
    t.ok(r.rc == 1 and "log entry %d" % plain in r.err and "has no follow-up" in r.err
         and "Ridge Science Center" in r.err, "an entry without a follow-up says so, naming the partner", r)
    r = env.run("agenda", "done", "99999")
    t.ok(r.rc == 1 and "no log entry #99999" in r.err, "an unknown id says there is no such entry", r)
    t.eq(r.out, "", "and prints no data")

    # The messages name an entry #ID; that form is the ID too.
    soon = logged_id(env.run("log", "Ridge", "--follow-up", "+2d", "send the forms"))
    r = env.run("agenda", "done", "#%d" % soon)
    t.ok(r.rc == 0 and "done: follow-up %d" % soon in r.out, "agenda done '#ID'", r)
    r = env.run("agenda", "undone", "#%d" % soon)
    t.ok(r.rc == 0 and "reopened: follow-up %d" % soon in r.out, "agenda undone '#ID'", r)
    r = env.run("agenda", "done", "#")
    t.eq(r.rc, 2, "a # alone is still a usage error")

    # PARTNER as a number: an id, unless it is also another partner's whole
    # name ("1901"), which is ambiguous as two names are; #ID is always the
    # id, and a name a number only begins is a prefix, which the id beats.
    def shown(text):
        r = env.run("show", text, "--format", "json")
        return json.loads(r.out)["id"] if r.rc == 0 else r

    society = added_id(env.run("add", "%d Society" % art))
    t.eq(shown(str(art)), art, "a number that begins a name is still the id")
    t.eq(shown("%d soc" % art), society, "and the name is found by its prefix")
    numbered = added_id(env.run("add", str(art)))
    r = env.run("log", str(art), "which one?")
    t.ok(r.rc == 1 and r.out == "" and "#%d Riverside Art Museum" % art in r.err
         and "#%d %d\n" % (numbered, art) in r.err + "\n",
         "a number that is one partner's id and another's name is ambiguous, listing both", r)
    logs = [json.loads(env.run("show", "#%d" % i, "--format", "json").out)["interactions"] for i in (art, numbered)]
    t.eq(logs, [[], []], "and nothing was logged to either")
    t.eq(shown("#%d" % art), art, "#ID is the id")
    t.eq(shown("#%d" % numbered), numbered, "and the other by its own id")
    t.eq(shown(str(numbered)), numbered, "a partner named as its own id is itself")
    # A note too long for the desk, typed or pasted at `log -` (a pipe
    # here), exists nowhere else: it is kept, to be split, as any note
    # read with - that could not be logged; one in a file stays there.
    def kept_files():
        d = os.path.join(env.data, "partnerdesk", "kept")
        return sorted(os.listdir(d)) if os.path.isdir(d) else []

    long_note = "The whole minutes of the board meeting. " * 1800   # 72,000 bytes
    r = env.run("log", "Ridge", "-", input=long_note)
    kept = kept_files()
    t.ok(r.rc == 1 and "notes hold at most 65536" in r.err and "kept in" in r.err,
         "a 72 KB note from a pipe is refused, and kept", r.err[:600])
    text = ""
    if kept:
        with open(os.path.join(env.data, "partnerdesk", "kept", kept[0])) as f:
            text = f.read()
    t.ok(len(kept) == 1 and long_note.strip() in text, "the kept file holds all of it")
    its = json.loads(env.run("show", str(ridge), "--format", "json").out)["interactions"]
    t.ok(not any(i["text"].startswith("The whole minutes") for i in its), "and nothing was logged")
    with open(env.path("minutes.txt"), "w") as f:
        f.write(long_note)
    with open(env.path("minutes.txt"), "rb") as f:
        p = subprocess.run([env.exe, "--db", env.db, "log", "Ridge", "-"], stdin=f, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=env.env, timeout=60)
    err = p.stderr.decode()
    t.ok(p.returncode == 1 and "still in the file" in err and kept_files() == kept,
         "from a file, it is left there, not kept twice", err)

    # The agenda's row is the note's first line, whatever ends it: a lone
    # CR (an old Mac's file) too.
    r = env.run("log", "Ridge", "--follow-up", "+2d", "Rang the docent\rShe will call back")
    t.eq(r.rc, 0, "a note with a lone CR is logged")
    out = env.run("agenda", "--days", "7").out
    row = [l for l in out.splitlines() if "Rang the docent" in l]
    t.ok(len(row) == 1 and "^M" not in row[0] and "She will" not in row[0],
         "the agenda row ends at the lone CR", out)
finally:
    env.cleanup()
t.done()
