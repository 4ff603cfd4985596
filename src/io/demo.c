/* The --demo sample data: a living desk of partners of every kind, scale
 * and stage, with people, months of logged calls and follow-ups, stage
 * histories, agreements, fit scores and goals. Built through the model API
 * with the model's clock pinned to past moments so that every row carries a
 * believable time; deterministic, and relative to pd_db_now. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "partnerdesk/io/demo.h"
#include "partnerdesk/model/agreement.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/fit.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/stage.h"
#include "partnerdesk/model/text.h"
#include "demo_data.h"

#define DAY 86400L

static const char *const staff[] = {"mgarcia", "jchen", "aokafor", "lrossi", "tnguyen", "bwhite"};
#define N_STAFF (sizeof staff / sizeof staff[0])

/* The log's notes: %c is the contact, %t the topic, %p the partner. */
typedef struct note_template {
	const char *channel;
	const char *text;
} note_template;

static const note_template first_notes[] = {
	{"phone", "Intro call with %c. Walked through what the library can offer for %t; they want to see our program calendar before committing."},
	{"email", "First email to %c introducing the library's outreach team and asking whether %t might interest them."},
	{"event", "Met %c at the county nonprofit breakfast. Quick chat about %t; exchanged cards."},
	{"visit", "Stopped by %p and met %c. Left booklists and our events flyer; %c mentioned %t as something they have wanted to try."},
};

static const note_template middle_notes[] = {
	{"email", "Sent %c our program calendar and the meeting-room policy. Suggested two dates for %t."},
	{"visit", "Visited their site with %c. Looked at the space for %t: room for about 40, good parking, no projector."},
	{"meeting", "Planning meeting with %c.\n- We handle registration and promotion\n- They bring staff and materials\n- Next: confirm dates and a rain plan"},
	{"phone", "%c called back: their board approved %t in principle. Budget questions still to settle."},
	{"email", "%c sent the draft flyer for %t. Corrected the branch hours and sent it back."},
	{"phone", "Left a voicemail for %c about %t; no answer yet."},
	{"event", "%t went well: 57 attendees, about a third new to the library. %c wants to repeat it next season."},
	{"meeting", "Debrief with %c on %t. What worked: joint promotion. What didn't: the Saturday morning slot."},
	{"email", "%c asked whether we could host %t at a branch in the spring. Checking room availability."},
	{"visit", "Dropped off library-card sign-up forms and booklists with %c."},
	{"other", "Ran into %c at the farmers market; renewed interest in %t, asked us to call next week."},
	{"meeting", "Quarterly check-in with %c. Attendance at %t is up; talked about a longer agreement."},
};

static const char *const end_notes[] = {
	"%c let us know their education position was cut; nobody left to run %t. Closing this out for now.",
	"No reply from %c after three tries over two months; %t is on hold indefinitely.",
	"%c's organisation is merging with another group; they asked to pause %t.",
};

/* Follow-up of a partner's latest note, days from today: some overdue,
 * some this week, some later, some none (0 = none). */
static const int follow_up_days[] = {-12, 3, -3, 1, 16, 0, 5, -1, 9, 0, 2, 30};

typedef struct demo {
	pd_db *db;
	time_t now;
	char today[PD_DATE_LEN];
	pd_error *err;
} demo;

static time_t at_days_ago(const demo *d, double days, int salt)
{
	/* Days back from today's noon, not from now: the demo's days are the
	 * same whatever the hour it is made at (from now, "half a day ago"
	 * was yesterday afternoon just after midnight, and the calls the demo
	 * logs today read "1d" until noon). Then working hours, local time,
	 * spread so the log does not read like a timetable. */
	struct tm tm;
	if (!localtime_r(&d->now, &tm))
		return d->now - (time_t)(days * DAY);
	tm.tm_hour = 12;
	tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	time_t noon = mktime(&tm);
	time_t t = (noon == (time_t)-1 ? d->now : noon) - (time_t)(days * DAY);
	if (!localtime_r(&t, &tm))
		return t;
	tm.tm_hour = 9 + salt % 8;
	tm.tm_min = (salt * 17) % 60;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	time_t work = mktime(&tm);
	if (work == (time_t)-1)
		return t < d->now ? t : d->now;
	if (work < d->now)
		return work;
	/* Today's working hours are still ahead: earlier today, between
	 * midnight and now, never in the future nor yesterday. */
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	time_t midnight = mktime(&tm);
	time_t back = midnight == (time_t)-1 || d->now - midnight > 1200 ? 600 : (d->now - midnight) / 2;
	return d->now - back;
}

static void date_days_from_today(const demo *d, long days, char out[PD_DATE_LEN])
{
	pd_date_add_days(d->today, days, out);
}

/* Splits s at sep into at most max fields (copied into buf). */
static size_t split(const char *s, char sep, char *buf, size_t size, char **fields, size_t max)
{
	snprintf(buf, size, "%s", s ? s : "");
	size_t n = 0;
	char *p = buf;
	while (n < max) {
		fields[n++] = p;
		char *q = strchr(p, sep);
		if (!q)
			break;
		*q = '\0';
		p = q + 1;
	}
	return n;
}

static bool push_list(pd_strv *sv, const char *list)
{
	char buf[256];
	char *f[16];
	size_t n = split(list, '|', buf, sizeof buf, f, 16);
	for (size_t i = 0; i < n; i++)
		if (*f[i] && !pd_strv_push(sv, f[i]))
			return false;
	return true;
}

/* Expands %c, %t and %p in a note template. */
static char *expand(const char *tmpl, const char *contact, const char *topic, const char *partner)
{
	size_t len = strlen(tmpl) + 1;
	for (const char *s = tmpl; *s; s++)
		if (s[0] == '%' && s[1])
			len += strlen(s[1] == 'c' ? contact : s[1] == 't' ? topic : partner);
	char *out = malloc(len);
	if (!out)
		return NULL;
	char *o = out;
	for (const char *s = tmpl; *s; s++) {
		if (s[0] == '%' && (s[1] == 'c' || s[1] == 't' || s[1] == 'p')) {
			const char *v = s[1] == 'c' ? contact : s[1] == 't' ? topic : partner;
			size_t vl = strlen(v);
			memcpy(o, v, vl);
			o += vl;
			s++;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	/* A sentence that starts with the topic starts with a capital. */
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	return out;
}

static bool add_contacts(demo *d, int64_t partner_id, const demo_partner *dp,
                         int64_t *ids, const char **names, size_t *n_out)
{
	size_t n = 0;
	for (size_t i = 0; i < 4 && dp->contacts[i]; i++) {
		char buf[512];
		char *f[5] = {0};
		size_t nf = split(dp->contacts[i], ';', buf, sizeof buf, f, 5);
		pd_contact c = {0};
		c.partner_id = partner_id;
		bool ok = pd_set_str(&c.name, f[0]) &&
		          pd_set_str(&c.title, nf > 1 && *f[1] ? f[1] : NULL) &&
		          pd_set_str(&c.email, nf > 2 && *f[2] ? f[2] : NULL) &&
		          pd_set_str(&c.phone, nf > 3 && *f[3] ? f[3] : NULL) &&
		          pd_set_str(&c.channel, nf > 4 && *f[4] ? f[4] : NULL);
		if (ok && i == 0 && dp->story == STORY_PLAIN && dp->age_days > 300)
			ok = pd_set_str(&c.notes, "Best reached before 10 a.m.; prefers a short agenda in advance.");
		if (!ok) {
			pd_contact_finish(&c);
			return pd_error_set(d->err, PD_ERR_NOMEM, "out of memory");
		}
		ok = pd_contact_insert(d->db, &c, d->err);
		ids[n] = c.id;
		names[n] = dp->contacts[i];   /* the name is the field before ';' */
		n++;
		pd_contact_finish(&c);
		if (!ok)
			return false;
	}
	*n_out = n;
	return true;
}

static bool move(demo *d, int64_t id, const char *to, const char *reason, const char *review,
                 const char *approved_by)
{
	if (!pd_rules_stage(pd_db_rules(d->db), to))
		return true;   /* a config without this stage: the story stops short */
	pd_error err = {0};
	/* A config whose engagement has no review period takes no review date. */
	if (review) {
		pd_partner *p = pd_partner_get(d->db, id, &err);
		if (!p) {
			*d->err = err;
			return false;
		}
		if (!pd_rules_move_reviewed(pd_db_rules(d->db), p->stage, to))
			review = NULL;
		pd_partner_destroy(p);
	}
	pd_move_request req = {
		.to = to, .reason = reason, .review_date = review, .approved_by = approved_by,
	};
	if (pd_stage_move(d->db, id, &req, &err))
		return true;
	if (err.code == PD_ERR_REFUSED)
		return true;   /* custom transition rules: keep what we have */
	*d->err = err;
	return false;
}

/* One event on a partner's timeline, replayed in time order. */
typedef struct event {
	double days_ago;
	enum { EV_NOTE, EV_MOVE } type;
	const char *to, *reason, *approved_by;
	long review_in;        /* days after the move; 0: the stage's default */
} event;

static int event_cmp(const void *a, const void *b)
{
	const event *x = a, *y = b;
	return (x->days_ago < y->days_ago) - (x->days_ago > y->days_ago);
}

static size_t plan_moves(const demo_partner *dp, size_t idx, event *ev)
{
	double age = dp->age_days;
	size_t n = 0;
	const char *s = dp->stage;
	bool reached_date = strcmp(s, "glance") != 0 && dp->story != STORY_QUICK_END;
	bool reached_engagement = strcmp(s, "engagement") == 0 || strcmp(s, "marriage") == 0 ||
	                          dp->story == STORY_DOWNSIZED;

	if (dp->story == STORY_QUICK_END) {
		ev[n++] = (event){age * 0.4, EV_MOVE, "dissolved",
		                  "Club changed its service focus to scholarships this year; no project with us.", NULL, 0};
		return n;
	}
	if (reached_date)
		ev[n++] = (event){age * 0.75, EV_MOVE, "date",
		                  idx % 2 ? "Agreed to try one event together." : "First joint program scheduled.", NULL, 0};
	if (reached_engagement) {
		double when = dp->story == STORY_PAST_REVIEW ? 135 : age * 0.45;
		if (strcmp(s, "engagement") == 0 && dp->story == STORY_PLAIN && when > 60)
			when = 60;   /* still inside its review period */
		ev[n++] = (event){when, EV_MOVE, "engagement",
		                  "Two successful events; trying a season-long pilot before anything formal.", NULL, 90};
	}
	if (strcmp(s, "marriage") == 0)
		ev[n++] = (event){age * 0.2, EV_MOVE, "marriage",
		                  "Pilot met its goals; memorandum of understanding signed for two years.",
		                  idx % 2 ? "Karen Whitfield, Library Director" : "Library Board, on the director's recommendation", 0};
	if (dp->story == STORY_DOWNSIZED)
		ev[n++] = (event){age * 0.15, EV_MOVE, "date",
		                  "Review: staff turnover on both sides; scaling back to the seed library swap only.", NULL, 0};
	if (strcmp(s, "dissolved") == 0)
		ev[n++] = (event){age * 0.15, EV_MOVE, "dissolved", end_notes[idx % 3], NULL, 0};
	return n;
}

static bool add_agreement(demo *d, int64_t id, const demo_partner *dp, size_t idx,
                          const char *stage, double days_ago)
{
	pd_agreement a = {0};
	char title[256];
	bool ok = true;
	a.partner_id = id;
	const pd_rules *rules = pd_db_rules(d->db);
	const char *offer_a = rules->library_offers.n > 0 ? rules->library_offers.v[0] : "space";
	const char *offer_b = rules->library_offers.n > 4 ? rules->library_offers.v[4] : "promotion and outreach";
	const char *offer_c = rules->library_offers.n > 3 ? rules->library_offers.v[3] : "programming and expertise";

	date_days_from_today(d, -(long)days_ago, a.start_date);
	if (strcmp(stage, "date") == 0) {
		snprintf(title, sizeof title, "%s: one event", dp->topic);
		/* A living desk: a date long begun has had its event moved to the
		 * coming weeks, except every fifth, which ended days ago and so
		 * shows the agenda's "agreement ended". */
		long end = 45 - (long)days_ago;
		if (end < 0)
			end = idx % 5 == 0 ? -(long)(idx % 7) - 2 : 5 + (long)(idx % 4) * 8;
		date_days_from_today(d, end, a.end_date);
		ok = pd_agreement_add_offer(&a, "library", offer_a, "Meeting room and setup") &&
		     pd_agreement_add_offer(&a, "library", offer_b, "Newsletter, social media, branch flyers") &&
		     pd_agreement_add_offer(&a, "partner", "staff", "Two staff members to lead the activity");
	} else if (strcmp(stage, "engagement") == 0) {
		snprintf(title, sizeof title, "%s: pilot season", dp->topic);
		date_days_from_today(d, -(long)days_ago + 90, a.review_date);
		date_days_from_today(d, -(long)days_ago + 180, a.end_date);
		ok = pd_agreement_add_offer(&a, "library", offer_c, "Librarians co-plan and co-lead each session") &&
		     pd_agreement_add_offer(&a, "library", rules->library_offers.n > 1 ? rules->library_offers.v[1] : "an audience",
		                            "Our program attendees and mailing list") &&
		     pd_agreement_add_offer(&a, "partner", "materials", "Supplies and hands-on kits for every session") &&
		     pd_agreement_add_offer(&a, "partner", "expertise", "Educators with subject knowledge");
	} else {
		snprintf(title, sizeof title, "%s: memorandum of understanding", dp->topic);
		date_days_from_today(d, -(long)days_ago + 730, a.end_date);
		date_days_from_today(d, -(long)days_ago + 365, a.review_date);
		ok = pd_set_str(&a.approved_by, idx % 2 ? "Karen Whitfield, Library Director" : "Library Board") &&
		     pd_agreement_add_offer(&a, "library", offer_a, "Program space at two branches, booked a term ahead") &&
		     pd_agreement_add_offer(&a, "library", offer_b, "Joint branding in all library channels") &&
		     pd_agreement_add_offer(&a, "library", rules->library_offers.n > 5 ? rules->library_offers.v[5] : "service and volunteer opportunities",
		                            "Teen volunteers for their events") &&
		     pd_agreement_add_offer(&a, "partner", "programs", "Six programs a year at library branches") &&
		     pd_agreement_add_offer(&a, "partner", "data", "Attendance and outcome numbers each quarter") &&
		     pd_set_str(&a.notes, "Shared work, shared risk: both sides report results to their boards each June.");
	}
	if (title[0] >= 'a' && title[0] <= 'z')
		title[0] = (char)(title[0] - 'a' + 'A');
	ok = ok && pd_set_str(&a.stage, stage) && pd_set_str(&a.title, title);
	if (!ok) {
		pd_agreement_finish(&a);
		return pd_error_set(d->err, PD_ERR_NOMEM, "out of memory");
	}
	ok = pd_agreement_insert(d->db, &a, d->err);
	pd_agreement_finish(&a);
	return ok;
}

static bool add_fit_and_goals(demo *d, int64_t id, size_t idx)
{
	const pd_rules *rules = pd_db_rules(d->db);
	static const char *const fit_notes[] = {
		"Strong overlap with our literacy goals", NULL, "Serves families we rarely see",
		NULL, NULL, "We know their director well", "Their season starts when ours slows",
		NULL, "Budget set in spring, like ours", NULL,
	};
	for (size_t k = 0; k < rules->n_criteria; k++) {
		int score = (int)((idx * 5 + k * 7) % 4);
		if (score == 0 && k % 3 == 0)
			score = 2;
		const char *note = k < 10 ? fit_notes[k] : NULL;
		if (!pd_fit_set(d->db, id, rules->criteria[k].key, score, note, d->err))
			return false;
	}
	static const char *const goal_notes[] = {
		"Families who have never had a library card",
		"Take programs out of the building",
		"Their educators and collections",
		"Letters of support for the bond campaign",
		"What do newcomers need from us?",
		"A shared local-history collection",
	};
	for (size_t k = 0; k < 2 && rules->goals.n; k++) {
		size_t g = (idx + k * 3) % rules->goals.n;
		if (!pd_goal_set(d->db, id, rules->goals.v[g], g < 6 ? goal_notes[g] : NULL, d->err))
			return false;
	}
	return true;
}

static bool fill_partner(demo *d, const demo_partner *dp, size_t idx)
{
	pd_partner *p = pd_partner_create();
	if (!p)
		return pd_error_set(d->err, PD_ERR_NOMEM, "out of memory");
	bool ok = pd_set_str(&p->name, dp->name) && pd_set_str(&p->kind, dp->kind) &&
	          pd_set_str(&p->scale, dp->scale) && pd_set_str(&p->owner, dp->owner) &&
	          pd_set_str(&p->mission, dp->mission) &&
	          pd_set_str(&p->website, *dp->website ? dp->website : NULL) &&
	          pd_set_str(&p->phone, *dp->phone ? dp->phone : NULL) &&
	          push_list(&p->audiences, dp->audiences) && push_list(&p->tags, dp->tags) &&
	          push_list(&p->branches, dp->branches);
	p->fiscal_month = dp->fiscal_month;
	if (ok && idx % 4 == 0)
		ok = pd_set_str(&p->position, "Well known and trusted in its neighbourhood; a regular at city events.");
	if (ok && idx % 5 == 0)
		ok = pd_set_str(&p->directions, "Their new strategic plan names early literacy and family engagement.");
	if (ok && idx % 3 == 0)
		ok = pd_set_str(&p->notes, "Parking is behind the building; check in at the front desk.");
	if (!ok) {
		pd_partner_destroy(p);
		return pd_error_set(d->err, PD_ERR_NOMEM, "out of memory");
	}

	pd_db_set_now(d->db, at_days_ago(d, dp->age_days, (int)idx));
	ok = pd_partner_insert(d->db, p, d->err);
	int64_t id = p->id;
	pd_partner_destroy(p);
	if (!ok)
		return false;

	int64_t contact_ids[4] = {0};
	const char *contact_specs[4] = {0};
	size_t n_contacts = 0;
	if (!add_contacts(d, id, dp, contact_ids, contact_specs, &n_contacts))
		return false;

	/* The timeline: moves, and notes spread between the first contact and
	 * now (a dissolved partner's log stops when it ended). */
	event ev[32];
	size_t n = plan_moves(dp, idx, ev);
	bool dissolved = strcmp(dp->stage, "dissolved") == 0;
	double end = dissolved ? ev[n - 1].days_ago : 0.5 + (double)(idx % 4);
	/* The latest note sets the follow-up: one now overdue was promised on
	 * a call a week or so before it fell due, not on yesterday's (the
	 * demo read "email ... follow up 12 days ago"). A relationship too
	 * young for that call has its follow-up ahead instead. */
	int fu = dissolved ? 0 : follow_up_days[idx % (sizeof follow_up_days / sizeof follow_up_days[0])];
	if (fu < 0) {
		double call = 7.0 - fu + (double)(idx % 3);
		if (call < (double)dp->age_days - 1.0)
			end = call;
		else
			fu = -fu;
	}
	/* Older relationships have longer logs: months of calls and emails. */
	size_t n_notes = 2 + (size_t)dp->age_days / 45 + (idx * 7) % 3;
	if (n_notes > 14)
		n_notes = 14;
	if (dp->age_days < 30)
		n_notes = 1 + idx % 2;
	for (size_t k = 0; k < n_notes && n < 32; k++) {
		double span = dp->age_days - end;
		ev[n++] = (event){dp->age_days - span * (double)k / (double)(n_notes > 1 ? n_notes - 1 : 1) - (k == 0 ? 0 : 0.3),
		                  EV_NOTE, NULL, NULL, NULL, 0};
	}
	qsort(ev, n, sizeof *ev, event_cmp);

	size_t note_no = 0;
	double stage_days[8] = {0};
	const char *stage_names[8] = {0};
	size_t n_stage_marks = 0;
	for (size_t e = 0; e < n; e++) {
		time_t when = at_days_ago(d, ev[e].days_ago, (int)(idx + e));
		pd_db_set_now(d->db, when);
		if (ev[e].type == EV_MOVE) {
			char review[PD_DATE_LEN] = "";
			if (ev[e].review_in) {
				char then[PD_DATE_LEN];
				pd_date_today(when, then);
				pd_date_add_days(then, ev[e].review_in, review);
			}
			/* A reason may name the first contact and the topic too. */
			char who[128] = "them";
			if (n_contacts) {
				snprintf(who, sizeof who, "%s", contact_specs[0]);
				who[strcspn(who, ";")] = '\0';
			}
			char *reason = expand(ev[e].reason, who, dp->topic, dp->name);
			bool moved = reason && move(d, id, ev[e].to, reason, review[0] ? review : NULL, ev[e].approved_by);
			free(reason);
			if (!moved)
				return false;
			if (n_stage_marks < 8) {
				stage_names[n_stage_marks] = ev[e].to;
				stage_days[n_stage_marks++] = ev[e].days_ago;
			}
			continue;
		}
		pd_interaction it = {0};
		size_t ci = n_contacts ? (idx + note_no) % n_contacts : 0;
		char cname[128] = "them";
		if (n_contacts) {
			snprintf(cname, sizeof cname, "%s", contact_specs[ci]);
			cname[strcspn(cname, ";")] = '\0';
			it.contact_id = contact_ids[ci];
		}
		const note_template *t;
		if (note_no == 0)
			t = &first_notes[idx % (sizeof first_notes / sizeof first_notes[0])];
		else
			t = &middle_notes[(idx * 3 + note_no * 5) % (sizeof middle_notes / sizeof middle_notes[0])];
		it.partner_id = id;
		it.text = expand(t->text, cname, dp->topic, dp->name);
		it.channel = strdup(t->channel);
		it.by = strdup(note_no % 3 == 2 ? staff[(idx + note_no) % N_STAFF] : dp->owner);
		pd_time_format(when, it.at);
		bool last = note_no + 1 == n_notes;
		if (last && !dissolved) {
			if (fu)
				date_days_from_today(d, fu, it.follow_up);
		} else if (!last && note_no % 2 == 1) {
			/* An older promise, kept. */
			char then[PD_DATE_LEN];
			pd_date_today(when, then);
			pd_date_add_days(then, 7, it.follow_up);
			it.done = true;
		}
		if (!it.text || !it.channel || !it.by) {
			pd_interaction_finish(&it);
			return pd_error_set(d->err, PD_ERR_NOMEM, "out of memory");
		}
		ok = pd_interaction_insert(d->db, &it, d->err);
		pd_interaction_finish(&it);
		if (!ok)
			return false;
		note_no++;
	}

	/* Agreements for each committed stage reached, made when it began. */
	for (size_t s = 0; s < n_stage_marks; s++) {
		const char *st = stage_names[s];
		if (strcmp(st, "date") != 0 && strcmp(st, "engagement") != 0 && strcmp(st, "marriage") != 0)
			continue;
		if (s + 1 < n_stage_marks && strcmp(st, "date") == 0 && strcmp(stage_names[s + 1], "engagement") == 0)
			continue;   /* the pilot's agreement supersedes the first event's */
		pd_db_set_now(d->db, at_days_ago(d, stage_days[s] - 0.2, (int)s));
		if (!add_agreement(d, id, dp, idx, st, stage_days[s]))
			return false;
	}
	if (strcmp(dp->stage, "engagement") == 0 || strcmp(dp->stage, "marriage") == 0 || idx % 3 == 0) {
		pd_db_set_now(d->db, at_days_ago(d, dp->age_days * 0.5, (int)idx));
		if (!add_fit_and_goals(d, id, idx))
			return false;
	}
	return true;
}

bool pd_demo_fill(pd_db *db, pd_error *err)
{
	pd_error local = {0};
	if (!err)
		err = &local;
	long count = pd_partner_count(db, err);
	if (count < 0)
		return false;
	if (count > 0)
		return pd_error_set(err, PD_ERR_REFUSED,
		                    "%s already holds %ld partner%s; the demo fills only a new or empty database",
		                    pd_db_path(db), count, count == 1 ? "" : "s");

	demo d = {.db = db, .now = pd_db_now(db), .err = err};
	pd_date_today(d.now, d.today);
	/* A clock the caller pinned stays pinned; the real one comes back. */
	time_t restore = labs((long)(d.now - time(NULL))) <= 2 ? 0 : d.now;

	if (!pd_db_begin(db, err))
		return false;
	bool ok = true;
	for (size_t i = 0; ok && i < sizeof demo_partners / sizeof demo_partners[0]; i++)
		ok = fill_partner(&d, &demo_partners[i], i);
	pd_db_set_now(db, restore);
	if (!ok) {
		pd_db_rollback(db);
		return false;
	}
	return pd_db_commit(db, err);
}
