"""Lost updates through the command line: two `edit --if-version V` started
at the same instant on the same partner. Exactly one may succeed; the other
must exit 1 saying "conflict", and the stored value is the winner's. (The
interface's side of this is tests/tui/conflict.sh, suite 'tui'.)"""
import json
import os
import subprocess
import sys

from pdshared import TAP, Env, scaled

ROUNDS = scaled(50, 15)

t = TAP()
env = Env(sys.argv[1])
r = env.run("add", "Contested Library Friends")
t.ok(r.rc == 0, "a partner to fight over", r)

both = neither = silent = unclear = 0
wins = [0, 0]
for i in range(ROUNDS):
    v = json.loads(env.run("show", "Contested", "--format", "json").out)["version"]
    procs = [subprocess.Popen(env.argv("edit", "Contested", "--if-version", v,
                                       "--notes", "%s-%d" % (who, i)),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=env.environ())
             for who in ("a", "b")]
    res = [(p.wait(60), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    won = [rc == 0 for rc, _ in res]
    if all(won):
        both += 1
    elif not any(won):
        neither += 1
    else:
        w = won.index(True)
        wins[w] += 1
        rc, msg = res[1 - w]
        if rc != 1 or b"conflict" not in msg:
            unclear += 1
        now = json.loads(env.run("show", "Contested", "--format", "json").out)
        if now["notes"] != "%s-%d" % ("ab"[w], i) or now["version"] != v + 1:
            silent += 1

t.note("%d rounds of two simultaneous `edit --if-version`: a won %d, b won %d, both %d, "
       "neither %d, loser not told of a conflict %d, wrong final value %d"
       % (ROUNDS, wins[0], wins[1], both, neither, unclear, silent))
t.eq(both, 0, "never do both edits succeed")
t.eq(neither, 0, "one of the two always wins")
t.eq(unclear, 0, "the loser exits 1 and says 'conflict'")
t.eq(silent, 0, "the stored value is the winner's, one version on")

here = os.path.dirname(os.path.abspath(__file__))
tui = os.path.join(here, "..", "tui", "conflict.sh")
t.ok(os.access(tui, os.X_OK), "the interface's conflict scenario exists (tests/tui/conflict.sh)")

env.cleanup()
t.done()
