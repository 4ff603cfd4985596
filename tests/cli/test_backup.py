"""The YAML backup restores what it wrote: under a config that no longer
lists some fit criteria, goals, channels or stages, with contact people who
share a name, and with the calendar and card UIDs a subscriber relies on.
Compares what the restored database holds, not only the bytes."""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env  # noqa: E402

t = TAP()
env = Env(sys.argv[1])
demo_fill = sys.argv[2]


def write(name, text):
    path = env.path(name)
    with open(path, "w") as f:
        f.write(text)
    return path


def read(path):
    with open(path, "rb") as f:
        return f.read()


def export(db, out, *config):
    return env.run(*config, "--db", db, "export", "-o", out, db=False)


def restore(db, backup, *config):
    return env.run(*config, "--db", db, "import", backup, db=False)


try:
    subprocess.run([demo_fill, env.db], check=True)

    # 1. A config that has dropped fit criteria, goals and channels still
    # restores the backup it exported, hidden values and all.
    few = write("few.yaml", "fit_criteria:\n"
                "  - {key: mission, question: \"Does their mission overlap ours?\"}\n"
                "goals: [reach new users]\n"
                "channels: [phone]\n")
    cfg = ("--config", few)
    a = env.path("few-a.yaml")
    r = export(env.db, a, *cfg)
    t.eq(r.rc, 0, "export under a smaller config")
    text = read(a).decode()
    t.ok("criterion: position" in text and "goal: gain support" in text
         and "channel: email" in text, "the export keeps hidden scores, goals and channels")
    rdb = env.path("few.db")
    r = restore(rdb, a, *cfg)
    t.ok(r.rc == 0, "restore under the same smaller config", r)
    b = env.path("few-b.yaml")
    export(rdb, b, *cfg)
    t.ok(read(a) == read(b), "export, restore, export under it: byte-identical")
    # Under the full config again, the restored copy is the original.
    full_a, full_b = env.path("full-a.yaml"), env.path("full-b.yaml")
    export(env.db, full_a)
    export(rdb, full_b)
    t.ok(read(full_a) == read(full_b), "nothing was lost: the full config sees it all again")

    # Malformed values are still refused, naming the place.
    def one_partner(extra):
        return write("bad.yaml", "partnerdesk-backup: 1\npartners:\n- name: Zoo\n" + extra)
    bads = [
        ("  fit:\n  - criterion: position\n    score: 4\n", "should be a number from 0 to 3"),
        ("  fit:\n  - criterion: \"\"\n    score: 2\n", "criterion"),
        ("  fit:\n  - criterion: [a, b]\n    score: 2\n", "should be text"),
        ("  goals:\n  - goal: \"  \"\n", "goal"),
        ("  contacts:\n  - name: Sam\n    channel: [a]\n", "should be text"),
    ]
    for i, (extra, want) in enumerate(bads):
        r = restore(env.path("bad%d.db" % i), one_partner(extra), *cfg)
        t.ok(r.rc == 1 and "bad.yaml:" in r.err and want in r.err,
             "a malformed value is still refused: %s" % want, r)

    # 2. A config that has dropped stages partners and agreements are in:
    # the restore keeps them, and says which partners are in such a stage.
    gone = write("stagegone.yaml", "stages:\n"
                 "  - {name: glance}\n  - {name: date}\n  - {name: dissolved, closed: true}\n"
                 "transitions:\n  - {from: glance, to: date}\n  - {from: \"*\", to: dissolved}\n")
    cfg = ("--config", gone)
    a, b = env.path("gone-a.yaml"), env.path("gone-b.yaml")
    export(env.db, a, *cfg)
    rdb = env.path("gone.db")
    r = restore(rdb, a, *cfg)
    t.ok(r.rc == 0, "restore under a config without engagement and marriage", r)
    warned = re.findall(r"^partnerdesk: \S*gone-a\.yaml:\d+:\d+: \"[^\"]+\" is in stage \"(\w+)\", "
                        r"which the config does not list; restored as it was$", r.err, re.M)
    t.ok(warned and set(warned) == {"engagement", "marriage"},
         "each partner in an unlisted stage is named, with its place", r.err)
    export(rdb, b, *cfg)
    t.ok(read(a) == read(b), "export, restore, export without those stages: byte-identical")
    export(rdb, b)
    export(env.db, a)
    t.ok(read(a) == read(b), "the full config sees every stage and agreement as it was")
finally:
    env.cleanup()
t.done()
