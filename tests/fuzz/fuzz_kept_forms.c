/* libFuzzer harness: the file of unsaved forms read back at a start (it
 * sits in the data directory, where anything may have changed it), and
 * forms holding any text written to it and read back unchanged. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/kept_forms.h"
#include "partnerdesk/model/date.h"
#include "partnerdesk/model/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool same(const pd_draft *a, const pd_draft *b)
{
	return strcmp(a->form, b->form) == 0 && a->id == b->id && a->partner_id == b->partner_id
	    && a->target_id == b->target_id && a->target_version == b->target_version
	    && strcmp(a->created, b->created) == 0 && strcmp(a->payload, b->payload) == 0;
}

/* Written, the forms must be safe to cat (no control but the line break,
 * UTF-8 only) and read back as they were. */
static void round_trip(const char *desk, const pd_draft *v, size_t n)
{
	char *text = pd_kept_forms_format(desk, v, n, "fuzz\n\033[2J", 1795442700);
	if (!text)
		return;
	size_t len = strlen(text);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if ((c < 0x20 && c != '\n') || c == 0x7f) {
			fprintf(stderr, "fuzz_kept_forms: control byte %02X written at %zu\n", c, i);
			abort();
		}
	}
	if (!pd_utf8_valid(text, len)) {
		fprintf(stderr, "fuzz_kept_forms: the file written is not UTF-8\n");
		abort();
	}
	char *got_desk;
	pd_drafts got;
	pd_error err = { 0 };
	if (!pd_kept_forms_parse(text, len, &got_desk, &got, &err)) {
		fprintf(stderr, "fuzz_kept_forms: what was written is refused: %s\n", err.msg);
		abort();
	}
	if (strcmp(got_desk, desk) != 0 || got.n != n) {
		fprintf(stderr, "fuzz_kept_forms: desk or count changed\n");
		abort();
	}
	for (size_t i = 0; i < n; i++) {
		if (!same(&v[i], &got.v[i])) {
			fprintf(stderr, "fuzz_kept_forms: form %zu changed\n", i);
			abort();
		}
	}
	free(got_desk);
	pd_drafts_finish(&got);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The bytes as a file: whatever it says, once read it writes back
	 * the same. */
	char *desk;
	pd_drafts ds;
	pd_error err = { 0 };
	if (pd_kept_forms_parse((const char *)data, size, &desk, &ds, &err)) {
		round_trip(desk, ds.v, ds.n);
		free(desk);
		pd_drafts_finish(&ds);
	}

	/* The bytes as what was typed: the pieces between NUL bytes are the
	 * desk's path, then each form's name and payload in turn. */
	char *copy = malloc(size + 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	char *piece[17];
	size_t n_piece = 0;
	for (char *p = copy; n_piece < 17 && p <= copy + size; p += strlen(p) + 1)
		piece[n_piece++] = p;
	pd_draft v[8];
	size_t n = 0;
	for (size_t i = 1; i + 1 < n_piece; i += 2, n++) {
		memset(&v[n], 0, sizeof v[n]);
		v[n].form = piece[i][0] ? piece[i] : "log";
		v[n].payload = piece[i + 1];
		v[n].id = (int64_t)(size * 2654435761u % 9007199254740991u) + (int64_t)n;
		v[n].partner_id = n % 2 ? INT64_MAX : 0;
		v[n].target_id = (int64_t)n;
		v[n].target_version = (int64_t)(strlen(piece[i + 1]));
		if (n % 2 == 0)
			pd_time_format((time_t)1795442700 - (time_t)(n * 86399), v[n].created);
	}
	round_trip(piece[0][0] ? piece[0] : "/srv/desk.db", v, n);
	free(copy);
	return 0;
}
