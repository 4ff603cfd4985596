/* iCalendar (RFC 5545) of what is waiting: a VTODO per open follow-up and
 * an all-day VEVENT per stage review date and per review and end date of a
 * partner's current agreement (the agenda's items, however far ahead), and
 * a COMPLETED VTODO per follow-up marked done in the last PD_ICS_DONE_DAYS
 * days, so that a calendar that imported an earlier export ticks it off.
 * UIDs come from the uid each partner and log entry keeps for life, so they
 * stay the same from one export to the next, through a rename, and through
 * a backup and its restore (a calendar updates rather than duplicates);
 * DTSTAMP and LAST-MODIFIED are the last change of the rows written into
 * the component (a follow-up's partner name, stage and contact too), and
 * SEQUENCE grows with it, so equal data gives equal bytes and a change,
 * a rename included, is taken as one. */
#include <errno.h>
#include <string.h>
#include <time.h>

#include "partnerdesk/io/content_line.h"
#include "partnerdesk/io/export.h"
#include "partnerdesk/io/progress.h"
#include "partnerdesk/model/agreement.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/partner_uid.h"
#include "partnerdesk/model/text.h"

/* How long a done follow-up stays in the export as COMPLETED: a calendar
 * re-imported at least once a quarter sees every one; after that the
 * calendar has long ticked it off, and the file does not grow for ever. */
#define PD_ICS_DONE_DAYS 90

/* The calendar could not be written: errno is the failed write's. */
static bool write_failed(pd_error *err)
{
	return pd_error_set(err, PD_ERR_IO, "writing the calendar failed: %s",
		errno ? strerror(errno) : "a write error");
}

/* 2026-11-23T14:05:00Z -> 20261123T140500Z; 2026-12-01 -> 20261201 */
static void compact(const char *iso, char *out, size_t size)
{
	size_t o = 0;
	for (size_t i = 0; iso[i] && o + 1 < size; i++)
		if (iso[i] != '-' && iso[i] != ':')
			out[o++] = iso[i];
	out[o] = '\0';
}

/* A SUMMARY is a line a calendar shows, not the record: the first line of
 * a note is cut at PD_ICS_NOTE_MAX bytes and the whole at PD_ICS_SUMMARY_MAX,
 * each where a UTF-8 character starts (RFC 5545 3.1.4: the file is UTF-8). */
#define PD_ICS_NOTE_MAX 400
#define PD_ICS_SUMMARY_MAX 600

/* Appends s[0..len) to the summary in out, as much as fits in whole
 * characters. */
static void summary_put(char out[PD_ICS_SUMMARY_MAX], const char *s, size_t len)
{
	size_t used = strlen(out);
	size_t n = pd_utf8_cut(s, len, PD_ICS_SUMMARY_MAX - 1 - used);
	memcpy(out + used, s, n);
	out[used + n] = '\0';
}

/* "LABEL: NAME", then " - " and the first line of text when there is one. */
static void summary_of(char out[PD_ICS_SUMMARY_MAX], const char *label, const char *name,
	const char *text)
{
	out[0] = '\0';
	summary_put(out, label, strlen(label));
	summary_put(out, ": ", 2);
	summary_put(out, name, strlen(name));
	size_t first = text ? strcspn(text, "\r\n") : 0;   /* CR, CRLF or LF ends it */
	if (first) {
		summary_put(out, " - ", 3);
		summary_put(out, text, pd_utf8_cut(text, first, PD_ICS_NOTE_MAX));
	}
}

/* SEQUENCE: seconds from 2020 to the row's last change. A row's version
 * would do while the desk lives, but a restore starts versions again at 1
 * and keeps the times, and a calendar ignores an update whose SEQUENCE went
 * down. Within 32 bits (RFC 5545 INTEGER) until 2088. */
static bool sequence(FILE *f, const char *updated)
{
	time_t t, base;
	long long s = 0;
	if (pd_time_parse(updated, &t) && pd_time_parse("2020-01-01T00:00:00Z", &base) && t > base)
		s = (long long)(t - base);
	if (s > 2147483647LL)
		s = 2147483647LL;
	return fprintf(f, "SEQUENCE:%lld\r\n", s) > 0;
}

/* The later of two stored times; one that does not read loses. */
static const char *later(const char *a, const char *b)
{
	time_t ta, tb;
	bool ga = a && pd_time_parse(a, &ta), gb = b && pd_time_parse(b, &tb);
	if (!gb)
		return a;
	if (!ga)
		return b;
	return tb > ta ? b : a;
}

/* DTSTAMP, LAST-MODIFIED and SEQUENCE, all from the last change of what
 * the component shows: the row's own, or a later one of a row it names
 * (also_a, also_b: NULL or "" when there is none). Each only grows, so
 * their latest does, and SEQUENCE with it. */
static bool stamps(FILE *f, const char *created, const char *updated, const char *also_a,
	const char *also_b)
{
	const char *when = later(later(updated[0] ? updated : created, also_a), also_b);
	char stamp[32];
	compact(when, stamp, sizeof stamp);
	return pd_content_line(f, "DTSTAMP", stamp) && pd_content_line(f, "LAST-MODIFIED", stamp)
	       && sequence(f, when);
}

static bool write_todo(FILE *f, pd_db *db, const pd_partner_uids *keys, const pd_agenda_item *a,
	bool done, pd_error *err)
{
	pd_interaction it;
	if (!pd_interaction_get(db, a->interaction_id, &it, err))
		return false;
	char due[16], uid[160], summary[PD_ICS_SUMMARY_MAX], completed[32];
	compact(a->date, due, sizeof due);
	compact(it.updated[0] ? it.updated : it.created, completed, sizeof completed);
	snprintf(uid, sizeof uid, "interaction-%s-%s@partnerdesk",
		pd_partner_uid_of(keys, it.partner_id), it.uid);
	/* The first line of the note says what to follow up. */
	const char *text = a->text ? a->text : "";
	summary_of(summary, "Follow up", a->partner_name, text);
	/* COMPLETED: the entry's last change, which is when it was marked done
	 * unless it was edited since (the model keeps no separate time). */
	bool ok = pd_content_line(f, "BEGIN", "VTODO")
	          && pd_content_text(f, "UID", uid)
	          && stamps(f, it.created, it.updated, a->partner_updated, a->contact_updated)
	          && pd_content_line(f, "DUE;VALUE=DATE", due)
	          && pd_content_text(f, "SUMMARY", summary)
	          && pd_content_text(f, "DESCRIPTION", text)
	          && (!a->contact_name || pd_content_text(f, "X-PARTNERDESK-CONTACT", a->contact_name))
	          && pd_content_text(f, "CATEGORIES", a->stage)
	          && pd_content_line(f, "STATUS", done ? "COMPLETED" : "NEEDS-ACTION")
	          && (!done || (pd_content_line(f, "COMPLETED", completed)
	                        && pd_content_line(f, "PERCENT-COMPLETE", "100")))
	          && pd_content_line(f, "END", "VTODO");
	pd_interaction_finish(&it);
	if (!ok)
		return write_failed(err);
	return true;
}

/* A day-long event on date: DTEND is the next day, exclusive. After
 * 9999-12-31 there is none to name, and a DATE-valued event with neither
 * DTEND nor DURATION lasts one day (RFC 5545 3.6.1), so it is left out. */
static bool all_day(FILE *f, const char *date)
{
	char start[16], end[16], next[PD_DATE_LEN];
	compact(date, start, sizeof start);
	pd_date_add_days(date, 1, next);
	if (!pd_content_line(f, "DTSTART;VALUE=DATE", start))
		return false;
	if (!next[0] || strcmp(next, date) <= 0)
		return true;
	compact(next, end, sizeof end);
	return pd_content_line(f, "DTEND;VALUE=DATE", end);
}

static bool write_review(FILE *f, pd_db *db, const pd_partner_uids *keys, const pd_agenda_item *a,
	pd_error *err)
{
	pd_partner *p = pd_partner_get(db, a->partner_id, err);
	if (!p)
		return false;
	char uid[96], summary[PD_ICS_SUMMARY_MAX];
	snprintf(uid, sizeof uid, "review-%s@partnerdesk", pd_partner_uid_of(keys, p->id));
	summary_of(summary, a->text ? a->text : "Review", p->name, NULL);
	bool ok = pd_content_line(f, "BEGIN", "VEVENT")
	          && pd_content_text(f, "UID", uid)
	          && stamps(f, p->created, p->updated, NULL, NULL)
	          && all_day(f, a->date)
	          && pd_content_text(f, "SUMMARY", summary)
	          && pd_content_text(f, "CATEGORIES", a->stage)
	          && pd_content_line(f, "TRANSP", "TRANSPARENT")
	          && pd_content_line(f, "END", "VEVENT");
	pd_partner_destroy(p);
	if (!ok)
		return write_failed(err);
	return true;
}

/* One a partner and kind: only the current agreement is on the agenda, so
 * a renewed agreement's date moves the calendar's event rather than adding
 * one, and the key is the partner's, which a restore keeps (an agreement's
 * own creation time may tie with a sibling's, whose order a restore does
 * not keep). */
static bool write_agreement(FILE *f, pd_db *db, const pd_partner_uids *keys, const pd_agenda_item *a,
	pd_error *err)
{
	pd_agreements list;
	if (!pd_agreement_list(db, a->partner_id, &list, err))
		return false;
	const pd_agreement *ag = NULL;
	for (size_t i = 0; i < list.n && !ag; i++)
		if (list.v[i].id == a->agreement_id)
			ag = &list.v[i];
	if (!ag) {
		pd_agreements_finish(&list);
		return pd_error_set(err, PD_ERR_CONFLICT, "the agreement with %s changed while the calendar "
			"was written; export again", a->partner_name);
	}
	bool review = a->kind == PD_AGENDA_AGREEMENT_REVIEW;
	char uid[96], summary[PD_ICS_SUMMARY_MAX];
	snprintf(uid, sizeof uid, "agreement-%s-%s@partnerdesk", review ? "review" : "end",
		pd_partner_uid_of(keys, a->partner_id));
	/* Not the agenda's "ended": a calendar shows the day it ends. */
	summary_of(summary, review ? "Agreement review" : "Agreement ends", a->partner_name, NULL);
	bool ok = pd_content_line(f, "BEGIN", "VEVENT")
	          && pd_content_text(f, "UID", uid)
	          && stamps(f, ag->created, ag->updated, a->partner_updated, NULL)
	          && all_day(f, a->date)
	          && pd_content_text(f, "SUMMARY", summary)
	          && (!ag->title || pd_content_text(f, "DESCRIPTION", ag->title))
	          && pd_content_text(f, "CATEGORIES", a->stage)
	          && pd_content_line(f, "TRANSP", "TRANSPARENT")
	          && pd_content_line(f, "END", "VEVENT");
	pd_agreements_finish(&list);
	if (!ok)
		return write_failed(err);
	return true;
}

static bool write_item(FILE *f, pd_db *db, const pd_partner_uids *keys, const pd_agenda_item *a,
	pd_error *err)
{
	switch (a->kind) {
	case PD_AGENDA_FOLLOW_UP: return write_todo(f, db, keys, a, false, err);
	case PD_AGENDA_REVIEW: return write_review(f, db, keys, a, err);
	case PD_AGENDA_AGREEMENT_REVIEW:
	case PD_AGENDA_AGREEMENT_END: return write_agreement(f, db, keys, a, err);
	}
	return pd_error_set(err, PD_ERR_INVALID, "an agenda item of an unknown kind");
}

bool pd_ics_write(pd_db *db, FILE *f, FILE *progress, size_t *items, pd_error *err)
{
	pd_agenda ag, done;
	if (!pd_agenda_load(db, PD_AGENDA_ALL, &ag, err))
		return false;
	if (!pd_agenda_done_within(db, PD_ICS_DONE_DAYS, &done, err)) {
		pd_agenda_finish(&ag);
		return false;
	}
	pd_partner_uids keys;
	if (!pd_partner_uids_load(db, &keys, err)) {
		pd_agenda_finish(&done);
		pd_agenda_finish(&ag);
		return false;
	}
	bool ok = pd_content_line(f, "BEGIN", "VCALENDAR")
	          && pd_content_line(f, "VERSION", "2.0")
	          && pd_content_line(f, "PRODID", "-//partnerdesk//partnerdesk//EN")
	          && pd_content_line(f, "CALSCALE", "GREGORIAN");
	if (!ok)
		write_failed(err);
	/* Both lists are in memory, so the total is known before the first. */
	pd_progress prog;
	pd_progress_init_unit(&prog, progress, "exporting", "items", (long)(ag.n + done.n), false);
	for (size_t i = 0; ok && i < ag.n; i++) {
		ok = write_item(f, db, &keys, &ag.v[i], err);
		pd_progress_step(&prog, (long)i + 1);
	}
	for (size_t i = 0; ok && i < done.n; i++) {
		ok = write_todo(f, db, &keys, &done.v[i], true, err);
		pd_progress_step(&prog, (long)(ag.n + i) + 1);
	}
	pd_progress_finish(&prog);
	if (items)
		*items = ag.n + done.n;
	if (ok && !pd_content_line(f, "END", "VCALENDAR"))
		ok = write_failed(err);
	pd_partner_uids_finish(&keys);
	pd_agenda_finish(&done);
	pd_agenda_finish(&ag);
	return ok;
}
