/* Unit tests of the built-in rules (the Williamsburg model and the lists
 * the config file documents), copying, and the lookups. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "partnerdesk/model/rules.h"
#include "partnerdesk/model/stage.h"

int main(void)
{
	pd_rules r;
	ok(pd_rules_init_defaults(&r), "defaults build");
	is(r.n_stages, 5, "five stages");
	static const char *const names[] = {"glance", "date", "engagement", "marriage", "dissolved"};
	for (int i = 0; i < 5; i++)
		streq(r.stages[i].name, names[i], "stage %d is %s", i, names[i]);
	streq(r.stages[0].label, "Glance", "label");
	streq(r.stages[0].description, "Any overture or contact between the library and a community group",
		"glance description");
	streq(r.stages[1].description, "A short-term activity or commitment together", "date description");
	is(r.stages[2].review_days, 90, "engagement is reviewed after 90 days");
	ok(strstr(r.stages[2].description, "downsizes to a date") != NULL, "engagement description");
	ok(strstr(r.stages[3].description, "needs management approval") != NULL, "marriage description");
	ok(r.stages[4].closed && !r.stages[3].closed, "only dissolved is closed");
	is(r.n_transitions, 11, "eleven transitions");
	is(r.kinds.n, 15, "fifteen kinds");
	ok(pd_strv_find(&r.kinds, "public broadcaster") >= 0, "kinds include public broadcaster");
	is(r.audiences.n, 11, "eleven audiences");
	ok(pd_strv_find(&r.audiences, "english learners") >= 0, "audiences include English learners");
	is(r.channels.n, 6, "six channels");
	is(r.goals.n, 6, "six goals");
	is(r.library_offers.n, 6, "six library offers");
	is(r.n_criteria, 10, "ten fit criteria");
	streq(r.criteria[0].key, "mission", "first criterion");
	streq(r.criteria[0].question, "Does their mission overlap ours?", "first question");
	streq(r.criteria[9].key, "unique", "last criterion");
	streq(r.criteria[8].question, "Does their planning and budget cycle fit ours?", "cycle question");
	is(r.outreach_keywords.n, 7, "seven outreach keywords");
	is(r.stale_days, 90, "stale after 90 days");

	ok(pd_rules_stage(&r, "ENGAGEMENT") == &r.stages[2], "stage lookup ignores case");
	ok(pd_rules_stage(&r, "courtship") == NULL, "unknown stage");
	is(pd_rules_stage_index(&r, "marriage"), 3, "stage index");
	is(pd_rules_stage_index(&r, NULL), -1, "NULL stage index");
	const pd_stage *end = NULL;
	is(pd_rules_step(&r, "glance", +1, &end), 1, "a step on from glance is date");
	is(pd_rules_step(&r, "date", -1, &end), 0, "a step back from date is glance");
	is(pd_rules_step(&r, "glance", -1, &end), PD_STEP_NONE, "no step back from the first stage");
	ok(!end, "and no end state named going back");
	is(pd_rules_step(&r, "marriage", +1, &end), PD_STEP_NONE, "an end state is no step on");
	ok(end == &r.stages[4], "but is named, for the caller to say");
	is(pd_rules_step(&r, "dissolved", -1, NULL), 3, "a step back from dissolved is marriage");
	is(pd_rules_step(&r, "courtship", +1, &end), PD_STEP_UNLISTED, "a stage the config lacks has no step");

	const pd_transition *t = pd_rules_transition(&r, "glance", "date");
	ok(t && t->requires == PD_REQ_REASON, "glance->date needs a reason");
	t = pd_rules_transition(&r, "engagement", "marriage");
	ok(t && (t->requires & PD_REQ_APPROVAL) && (t->requires & PD_REQ_REASON),
		"engagement->marriage needs reason and approval");
	t = pd_rules_transition(&r, "date", "engagement");
	ok(t && (t->requires & PD_REQ_REVIEW), "date->engagement needs a review");
	ok(pd_rules_transition(&r, "glance", "marriage") == NULL, "glance->marriage not allowed");
	ok(pd_rules_transition(&r, "dissolved", "glance") != NULL, "renewing contact allowed");
	ok(pd_rules_transition(&r, "glance", "dissolved")->requires == 0, "glance->dissolved needs nothing");

	const char *allowed[8];
	size_t n = pd_stage_allowed(&r, "engagement", allowed, 8);
	is(n, 3, "three moves from engagement");
	ok(n == 3 && strcmp(allowed[0], "date") == 0 && strcmp(allowed[1], "marriage") == 0 &&
	   strcmp(allowed[2], "dissolved") == 0, "in pipeline order");
	is(pd_stage_allowed(&r, "engagement", allowed, 1), 1, "max is respected");

	ok(pd_rules_is_outreach_title(&r, "Director of Education"), "education title");
	ok(pd_rules_is_outreach_title(&r, "PUBLIC PROGRAMS Manager"), "public programs, any case");
	ok(pd_rules_is_outreach_title(&r, "Youth Services"), "youth");
	ok(!pd_rules_is_outreach_title(&r, "Chief Financial Officer"), "CFO is not outreach");
	ok(!pd_rules_is_outreach_title(&r, NULL), "no title");

	/* What an agreement can be for: not the first stage, not a closed one. */
	ok(!pd_rules_stage_takes_agreement(&r, "glance"), "no agreement for glance (the first stage)");
	ok(pd_rules_stage_takes_agreement(&r, "date") && pd_rules_stage_takes_agreement(&r, "Engagement") &&
	   pd_rules_stage_takes_agreement(&r, "marriage"), "date, engagement and marriage take one");
	ok(!pd_rules_stage_takes_agreement(&r, "dissolved"), "no agreement for dissolved (closed)");
	ok(!pd_rules_stage_takes_agreement(&r, "courtship") && !pd_rules_stage_takes_agreement(&r, NULL),
	   "nor for a stage the rules do not list");
	ok(pd_rules_stage_needs_approval(&r, "marriage"), "marriage needs an approval");
	ok(!pd_rules_stage_needs_approval(&r, "engagement") && !pd_rules_stage_needs_approval(&r, "date") &&
	   !pd_rules_stage_needs_approval(&r, NULL), "the other stages do not");
	ok(pd_rules_move_reviewed(&r, "date", "engagement"), "date -> engagement is reviewed");
	ok(pd_rules_move_reviewed(&r, "marriage", "engagement"), "so is marriage -> engagement");
	ok(!pd_rules_move_reviewed(&r, "engagement", "marriage") && !pd_rules_move_reviewed(&r, "glance", "date") &&
	   !pd_rules_move_reviewed(&r, "engagement", "dissolved"), "moves to the other stages are not");

	/* A wildcard rule, and an exact one winning over it. */
	pd_rules c;
	ok(pd_rules_copy(&c, &r), "copy");
	is(c.n_transitions, r.n_transitions, "copy keeps transitions");
	ok(c.stages != r.stages && strcmp(c.stages[2].name, "engagement") == 0, "deep copy");
	free(c.transitions[1].from);
	c.transitions[1].from = strdup("*");          /* * -> dissolved, no requirement */
	t = pd_rules_transition(&c, "marriage", "dissolved");
	ok(t && t->requires == PD_REQ_REASON, "exact rule wins over *");
	t = pd_rules_transition(&c, "glance", "dissolved");
	ok(t && strcmp(t->from, "*") == 0, "* applies where no exact rule");
	c.transitions[1].requires = PD_REQ_APPROVAL | PD_REQ_REVIEW;   /* * -> dissolved */
	ok(pd_rules_stage_needs_approval(&c, "dissolved"), "a * rule's approval counts for its stage");
	ok(pd_rules_move_reviewed(&c, "glance", "dissolved"), "a required review date makes a move reviewed");
	c.stages[0].closed = true;
	c.stages[4].closed = false;
	ok(!pd_rules_stage_takes_agreement(&c, "glance") && pd_rules_stage_takes_agreement(&c, "dissolved"),
	   "from the config's stages, not their names");
	pd_rules_finish(&c);
	pd_rules_finish(&c);   /* finishing twice is harmless */
	pd_rules_finish(&r);
	is(r.n_stages, 0, "finish empties");
	return tap_done();
}
