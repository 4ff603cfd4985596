/* iCalendar (RFC 5545) of what is waiting: a VTODO per open follow-up and
 * an all-day VEVENT per stage review date and per review and end date of a
 * partner's current agreement (the agenda's items, however far ahead). UIDs come from creation times
 * (uid.h), so they stay the same from one export to the next and through a
 * backup and its restore (a calendar updates rather than duplicates);
 * DTSTAMP is the row's last change, so equal data gives equal bytes. */
#include <string.h>

#include "partnerdesk/io/content_line.h"
#include "partnerdesk/io/export.h"
#include "partnerdesk/io/uid.h"
#include "partnerdesk/model/agreement.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/partner.h"


/* 2026-11-23T14:05:00Z -> 20261123T140500Z; 2026-12-01 -> 20261201 */
static void compact(const char *iso, char *out, size_t size)
{
	size_t o = 0;
	for (size_t i = 0; iso[i] && o + 1 < size; i++)
		if (iso[i] != '-' && iso[i] != ':')
			out[o++] = iso[i];
	out[o] = '\0';
}

/* The interaction's key: its creation time, and which of the partner's
 * interactions created in that second it is, in the log's order (which a
 * restore keeps). */
static bool interaction_key(pd_db *db, const pd_interaction *it, char out[PD_UID_KEY_LEN],
	pd_error *err)
{
	size_t nth;
	if (!pd_interaction_created_rank(db, it, &nth, err))
		return false;
	pd_uid_key(it->created, nth, out);
	return true;
}

static bool write_todo(FILE *f, pd_db *db, const pd_uid_partners *keys, const pd_agenda_item *a,
	pd_error *err)
{
	pd_interaction it;
	if (!pd_interaction_get(db, a->interaction_id, &it, err))
		return false;
	char key[PD_UID_KEY_LEN], stamp[32], due[16], uid[128], summary[600];
	if (!interaction_key(db, &it, key, err)) {
		pd_interaction_finish(&it);
		return false;
	}
	compact(it.updated[0] ? it.updated : it.created, stamp, sizeof stamp);
	compact(a->date, due, sizeof due);
	snprintf(uid, sizeof uid, "interaction-%s-%s@partnerdesk",
		pd_uid_partner_key(keys, it.partner_id), key);
	/* The first line of the note says what to follow up. */
	const char *text = a->text ? a->text : "";
	size_t first = strcspn(text, "\n");
	snprintf(summary, sizeof summary, "Follow up: %s%s%.*s", a->partner_name,
		first ? " - " : "", (int)(first > 400 ? 400 : first), text);
	bool ok = pd_content_line(f, "BEGIN", "VTODO")
	          && pd_content_text(f, "UID", uid)
	          && pd_content_line(f, "DTSTAMP", stamp)
	          && pd_content_line(f, "DUE;VALUE=DATE", due)
	          && pd_content_text(f, "SUMMARY", summary)
	          && pd_content_text(f, "DESCRIPTION", text)
	          && (!a->contact_name || pd_content_text(f, "X-PARTNERDESK-CONTACT", a->contact_name))
	          && pd_content_text(f, "CATEGORIES", a->stage)
	          && pd_content_line(f, "STATUS", "NEEDS-ACTION")
	          && pd_content_line(f, "END", "VTODO");
	pd_interaction_finish(&it);
	if (!ok)
		return pd_error_set(err, PD_ERR_IO, "writing the calendar failed");
	return true;
}

static bool write_review(FILE *f, pd_db *db, const pd_uid_partners *keys, const pd_agenda_item *a,
	pd_error *err)
{
	pd_partner *p = pd_partner_get(db, a->partner_id, err);
	if (!p)
		return false;
	char stamp[32], start[16], end[16], uid[96], summary[600];
	char next[PD_DATE_LEN];
	compact(p->updated[0] ? p->updated : p->created, stamp, sizeof stamp);
	compact(a->date, start, sizeof start);
	pd_date_add_days(a->date, 1, next);
	compact(next, end, sizeof end);
	snprintf(uid, sizeof uid, "review-%s@partnerdesk", pd_uid_partner_key(keys, p->id));
	snprintf(summary, sizeof summary, "%s: %s", a->text ? a->text : "Review", p->name);
	bool ok = pd_content_line(f, "BEGIN", "VEVENT")
	          && pd_content_text(f, "UID", uid)
	          && pd_content_line(f, "DTSTAMP", stamp)
	          && pd_content_line(f, "DTSTART;VALUE=DATE", start)
	          && pd_content_line(f, "DTEND;VALUE=DATE", end)
	          && pd_content_text(f, "SUMMARY", summary)
	          && pd_content_text(f, "CATEGORIES", a->stage)
	          && pd_content_line(f, "TRANSP", "TRANSPARENT")
	          && pd_content_line(f, "END", "VEVENT");
	pd_partner_destroy(p);
	if (!ok)
		return pd_error_set(err, PD_ERR_IO, "writing the calendar failed");
	return true;
}

/* One a partner and kind: only the current agreement is on the agenda, so
 * a renewed agreement's date moves the calendar's event rather than adding
 * one, and the key is the partner's, which a restore keeps (an agreement's
 * own creation time may tie with a sibling's, whose order a restore does
 * not keep). */
static bool write_agreement(FILE *f, pd_db *db, const pd_uid_partners *keys, const pd_agenda_item *a,
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
	char stamp[32], start[16], end[16], uid[96], summary[600];
	char next[PD_DATE_LEN];
	compact(ag->updated[0] ? ag->updated : ag->created, stamp, sizeof stamp);
	compact(a->date, start, sizeof start);
	pd_date_add_days(a->date, 1, next);
	compact(next, end, sizeof end);
	snprintf(uid, sizeof uid, "agreement-%s-%s@partnerdesk", review ? "review" : "end",
		pd_uid_partner_key(keys, a->partner_id));
	/* Not the agenda's "ended": a calendar shows the day it ends. */
	snprintf(summary, sizeof summary, "%s: %s", review ? "Agreement review" : "Agreement ends",
		a->partner_name);
	bool ok = pd_content_line(f, "BEGIN", "VEVENT")
	          && pd_content_text(f, "UID", uid)
	          && pd_content_line(f, "DTSTAMP", stamp)
	          && pd_content_line(f, "DTSTART;VALUE=DATE", start)
	          && pd_content_line(f, "DTEND;VALUE=DATE", end)
	          && pd_content_text(f, "SUMMARY", summary)
	          && (!ag->title || pd_content_text(f, "DESCRIPTION", ag->title))
	          && pd_content_text(f, "CATEGORIES", a->stage)
	          && pd_content_line(f, "TRANSP", "TRANSPARENT")
	          && pd_content_line(f, "END", "VEVENT");
	pd_agreements_finish(&list);
	if (!ok)
		return pd_error_set(err, PD_ERR_IO, "writing the calendar failed");
	return true;
}

static bool write_item(FILE *f, pd_db *db, const pd_uid_partners *keys, const pd_agenda_item *a,
	pd_error *err)
{
	switch (a->kind) {
	case PD_AGENDA_FOLLOW_UP: return write_todo(f, db, keys, a, err);
	case PD_AGENDA_REVIEW: return write_review(f, db, keys, a, err);
	case PD_AGENDA_AGREEMENT_REVIEW:
	case PD_AGENDA_AGREEMENT_END: return write_agreement(f, db, keys, a, err);
	}
	return pd_error_set(err, PD_ERR_INVALID, "an agenda item of an unknown kind");
}

bool pd_ics_write(pd_db *db, FILE *f, pd_error *err)
{
	pd_agenda ag;
	/* Everything open, however far ahead: two centuries of days. */
	if (!pd_agenda_load(db, 73000, &ag, err))
		return false;
	pd_uid_partners keys;
	if (!pd_uid_partners_load(db, &keys, err)) {
		pd_agenda_finish(&ag);
		return false;
	}
	bool ok = pd_content_line(f, "BEGIN", "VCALENDAR")
	          && pd_content_line(f, "VERSION", "2.0")
	          && pd_content_line(f, "PRODID", "-//partnerdesk//partnerdesk//EN")
	          && pd_content_line(f, "CALSCALE", "GREGORIAN");
	if (!ok)
		pd_error_set(err, PD_ERR_IO, "writing the calendar failed");
	for (size_t i = 0; ok && i < ag.n; i++)
		ok = write_item(f, db, &keys, &ag.v[i], err);
	if (ok && !pd_content_line(f, "END", "VCALENDAR"))
		ok = pd_error_set(err, PD_ERR_IO, "writing the calendar failed");
	pd_uid_partners_finish(&keys);
	pd_agenda_finish(&ag);
	return ok;
}
