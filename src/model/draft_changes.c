/* The offer dialog's preview of a draft: which fields it changes from what
 * is stored, worked out from plain strings so it is tested without curses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/model/draft.h"
#include "partnerdesk/model/text.h"

/* A value longer than this many bytes is cut: a 200-character name must
 * not push the field that changed after it off the line. */
#define VALUE_MAX 40
/* What an edit's value replaces is cut shorter: it is there to be
 * recognised, the new value to be read. */
#define OLD_MAX 24

/* Appends s to out[size], cut on a character's edge when out is full. */
static void append(char *out, size_t size, const char *s)
{
	size_t have = strlen(out);
	if (have + 1 >= size)
		return;
	size_t n = pd_utf8_cut(s, strlen(s), size - have - 1);
	memcpy(out + have, s, n);
	out[have + n] = '\0';
}

/* v trimmed, on one line (a note's line breaks as spaces) and cut short. */
static void shown(const char *v, char *out, size_t size, int max)
{
	char *one = strdup(v ? v : "");
	if (!one) {
		out[0] = '\0';
		return;
	}
	pd_utf8_fit(out, size, pd_trim(pd_text_spaced(one)), max);
	free(one);
}

/* Whether typed differs from stored, white space at the ends aside: the
 * form trims what it saves, so a trailing space is no change. */
static bool differs(const char *stored, const char *typed)
{
	char *a = strdup(stored ? stored : ""), *b = strdup(typed ? typed : "");
	bool diff = !a || !b || strcmp(pd_trim(a), pd_trim(b)) != 0;
	free(a);
	free(b);
	return diff;
}

void pd_draft_changes(const pd_draft_field *fields, size_t n, bool edit, const char *arrow, char *out,
                      size_t size)
{
	if (!size)
		return;
	out[0] = '\0';
	size_t listed = 0;
	for (size_t i = 0; i < n; i++) {
		const pd_draft_field *f = &fields[i];
		if (!f->typed || !differs(f->stored, f->typed))
			continue;
		char v[VALUE_MAX + 8], was[OLD_MAX + 8], item[VALUE_MAX + OLD_MAX + 200];
		shown(f->typed, v, sizeof v, VALUE_MAX);
		if (!edit && !v[0])
			continue;
		/* An edit names the value it replaces: "Email → 04 72 69 47 60"
		 * hid that the draft writes over jardin@lyon.fr, and what a
		 * colleague saved since is told from what was typed only so. */
		shown(f->stored, was, sizeof was, OLD_MAX);
		if (edit)
			snprintf(item, sizeof item, "%s%s %s%s%s %s", listed ? "; " : "", f->label,
			         was, was[0] ? " " : "", arrow ? arrow : "->", v[0] ? v : "(empty)");
		else
			snprintf(item, sizeof item, "%s%s \"%s\"", listed ? ", " : "", f->label, v);
		append(out, size, item);
		if (++listed == 3 && !edit)
			break;
	}
	if (edit && !listed)
		snprintf(out, size, "(no change from what is saved)");
}
