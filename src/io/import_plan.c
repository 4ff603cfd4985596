/* The plan a dry run prints under a merged row or card: one line per field
 * the merge changes, old -> new, shortened to fit 80 columns, for the
 * partner and for its contact person alike, so that what a dry run says is
 * what the real import then does. Every reader that merges prints it. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "partnerdesk/io/import.h"
#include "partnerdesk/model/text.h"

void pd_import_plan_line(const pd_import_opts *o, FILE *to, long *n, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	pd_vformat(buf, sizeof buf, fmt, ap);
	va_end(ap);
	(*n)++;
	pd_import_report(o, to, "%s", buf);
}

/* A plan line "label: "old" -> "new"", indented by indent spaces, that fits
 * 80 columns: the old value, the one a merge loses, gets the room the new
 * one leaves. */
static void plan_change(const pd_import_opts *o, FILE *to, long *n, int indent, const char *label,
	const char *old, const char *now)
{
	char a[160], b[160];
	/* The indent, ": ", two pairs of quotes, " -> ", and "..." for each cut. */
	size_t room = 80 - (size_t)indent - strlen(label) - 2 - 8;
	size_t ln = now ? strlen(now) : 0, lo = old ? strlen(old) : 0;
	size_t keep_new = ln, keep_old = lo;
	if (ln + lo > room) {
		room -= 6;
		if (lo <= room / 2)
			keep_new = room - lo;
		else if (ln <= room / 2)
			keep_old = room - ln;
		else
			keep_old = keep_new = room / 2;
	}
	pd_utf8_fit(a, sizeof a, old ? old : "", keep_old < 150 ? keep_old : 150);
	pd_utf8_fit(b, sizeof b, now ? now : "", keep_new < 150 ? keep_new : 150);
	if (!old || !*old)
		pd_import_plan_line(o, to, n, "%*s%s: \"%s\" (was empty)", indent, "", label, b);
	else
		pd_import_plan_line(o, to, n, "%*s%s: \"%s\" -> \"%s\"", indent, "", label, a, b);
}

static bool line_in(const char *text, const char *line, size_t n)
{
	for (const char *p = text; p && *p;) {
		const char *end = strchr(p, '\n');
		size_t k = end ? (size_t)(end - p) : strlen(p);
		if (k == n && memcmp(p, line, n) == 0)
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

/* Notes lines the merge took out (replaced) and put in. */
static void plan_notes(const pd_import_opts *o, FILE *to, long *n, int indent, const char *old,
	const char *now)
{
	if (old && now && strcmp(old, now) == 0)
		return;
	const char *sides[2][2] = { { old, now }, { now, old } };
	for (int s = 0; s < 2; s++)
		for (const char *p = sides[s][0]; p && *p;) {
			const char *end = strchr(p, '\n');
			size_t k = end ? (size_t)(end - p) : strlen(p);
			if (k && !line_in(sides[s][1], p, k)) {
				/* Only the first 80 bytes matter: the line is cut at 64. */
				char line[81], cut[80];
				snprintf(line, sizeof line, "%.*s", (int)(k < 80 ? k : 80), p);
				pd_utf8_fit(cut, sizeof cut, line, 64);
				pd_import_plan_line(o, to, n, "%*snotes: %s \"%s\"", indent, "", s ? "+" : "-", cut);
			}
			p = end ? end + 1 : NULL;
		}
}

void pd_import_plan_partner(const pd_import_opts *o, FILE *to, long *n, const pd_partner *old,
	const pd_partner *now, const char *address_kept)
{
	const char *labels[] = { "kind", "scale", "email", "website", "phone", "address", "owner",
		"mission", "position", "directions" };
	const char *const was[] = { old->kind, old->scale, old->email, old->website, old->phone,
		old->address, old->owner, old->mission, old->position, old->directions };
	const char *const is[] = { now->kind, now->scale, now->email, now->website, now->phone,
		now->address, now->owner, now->mission, now->position, now->directions };
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (is[i] && (!was[i] || strcmp(was[i], is[i]) != 0))
			plan_change(o, to, n, 4, labels[i], was[i], is[i]);
	if (address_kept) {
		char a[64];
		pd_utf8_fit(a, sizeof a, address_kept, 40);
		/* Said, but not a change. */
		pd_import_report(o, to, "    address kept: the row's \"%s\" is only part of it", a);
	}
	if (old->fiscal_month != now->fiscal_month)
		pd_import_plan_line(o, to, n, "    fiscal month: %d -> %d", old->fiscal_month,
			now->fiscal_month);
	if (strcmp(old->review_date, now->review_date) != 0)
		plan_change(o, to, n, 4, "review date", old->review_date, now->review_date);
	const pd_strv *before[] = { &old->tags, &old->audiences, &old->branches };
	const pd_strv *after[] = { &now->tags, &now->audiences, &now->branches };
	const char *lists[] = { "tags", "audiences", "branches" };
	for (size_t k = 0; k < 3; k++)
		for (size_t i = 0; i < after[k]->n; i++)
			if (pd_strv_find(before[k], after[k]->v[i]) < 0)
				pd_import_plan_line(o, to, n, "    %s: + \"%s\"", lists[k], after[k]->v[i]);
	plan_notes(o, to, n, 4, old->notes, now->notes);
}

void pd_import_plan_contact(const pd_import_opts *o, FILE *to, long *n, int indent,
	const pd_contact *old, const pd_contact *now)
{
	const char *labels[] = { "title", "email", "phone", "channel" };
	const char *const was[] = { old->title, old->email, old->phone, old->channel };
	const char *const is[] = { now->title, now->email, now->phone, now->channel };
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (is[i] && (!was[i] || strcmp(was[i], is[i]) != 0))
			plan_change(o, to, n, indent, labels[i], was[i], is[i]);
	plan_notes(o, to, n, indent, old->notes, now->notes);
}
