"""Goals (why the library wants a partnership) recorded from the command
line: edit --goal GOAL[=NOTE] by the config's goal or the start of one,
--remove-goal, all or nothing with the other changes, and the partner's
version left alone when only goals change."""
import json
import sys

from harness import TAP, Env

t = TAP()
env = Env(sys.argv[1])


def goals(name, *config):
    r = env.run(*config, "show", name, "--format", "json")
    j = json.loads(r.out)
    return [(g["goal"], g["note"]) for g in j["goals"]], j["version"], j.get("phone")


try:
    r = env.run("edit", "--help")
    t.ok("--goal GOAL[=NOTE]" in r.out and "--remove-goal GOAL" in r.out, "edit --help names the goal options", r)

    env.run("add", "Casa Latina", "--phone", "555-0101")
    _, v0, _ = goals("Casa")

    r = env.run("edit", "Casa", "--goal", "reach new=first-time card holders", "--goal", "Gain Feedback")
    t.eq(r.rc, 0, "edit --goal exits 0")
    got, v, _ = goals("Casa")
    t.eq(got, [("reach new users", "first-time card holders"), ("gain feedback", None)],
         "the start of a goal and a goal in any case record the configured goals, one with its note")
    t.eq(v, v0, "goals alone leave the partner's version as it was")
    r = env.run("show", "Casa")
    t.ok("Goals\n  reach new users: first-time card holders\n  gain feedback\n" in r.out, "show lists them", r)

    r = env.run("edit", "Casa", "--goal", "reach new users=ESL class parents")
    got, _, _ = goals("Casa")
    t.eq(got[0], ("reach new users", "ESL class parents"), "the same goal again replaces its note")

    r = env.run("edit", "Casa", "--goal", "reach")
    t.eq(r.rc, 1, "the start of two goals is refused")
    t.ok("more than one goal" in r.err and "reach current patrons in a new way" in r.err,
         "naming the goals", r)
    r = env.run("edit", "Casa", "--phone", "555-0199", "--goal", "world peace")
    t.eq(r.rc, 1, "a goal the config does not list is refused")
    t.ok("'world peace' is not a goal; goals: reach new users" in r.err, "listing the goals", r)
    got, v1, phone = goals("Casa")
    t.ok(phone == "555-0101" and v1 == v0 and len(got) == 2, "and nothing of that edit was saved",
         (got, v1, phone))

    r = env.run("edit", "Casa", "--remove-goal", "gain feedback", "--remove-goal", "gain support")
    t.eq(r.rc, 0, "--remove-goal exits 0")
    t.ok("no goal 'gain support' to remove" in r.err, "warning about a goal the partner does not have", r)
    got, _, _ = goals("Casa")
    t.eq(got, [("reach new users", "ESL class parents")], "the removed goal is gone")

    # The config's own goals are the choices; one it dropped can still go.
    cfg = env.path("goals.yaml")
    with open(cfg, "w") as f:
        f.write("goals: [serve newcomers, raise funds]\n")
    r = env.run("--config", cfg, "edit", "Casa", "--goal", "serve=Welcome Week", "--phone", "555-0102")
    t.ok(r.rc == 0, "a configured goal by its start", r)
    got, v2, phone = goals("Casa", "--config", cfg)
    t.ok(("serve newcomers", "Welcome Week") in got and phone == "555-0102" and v2 == v0 + 1,
         "saved with the field change, in one new version", (got, v2, phone))
    r = env.run("--config", cfg, "edit", "Casa", "--goal", "reach new users")
    t.eq(r.rc, 1, "a goal the config no longer lists cannot be set")
    r = env.run("--config", cfg, "edit", "Casa", "--remove-goal", "Reach New Users")
    t.ok(r.rc == 0 and r.err == "", "but can be removed", r)
    got, _, _ = goals("Casa", "--config", cfg)
    t.eq(got, [("serve newcomers", "Welcome Week")], "leaving the configured one")

    r = env.run("--config", cfg, "complete", "goals")
    t.eq(r.out.splitlines(), ["serve newcomers", "raise funds"], "complete goals prints the config's goals")
finally:
    env.cleanup()
t.done()
