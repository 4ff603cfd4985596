/* A streaming YAML writer for large block documents (the backup): block
 * mappings and sequences written straight to a FILE, each string in the
 * style libyaml's emitter would give it (plain, single-quoted, literal or
 * double-quoted), so its output is what yaml_out.h writes for the same
 * calls, at a fraction of the cost. The caller says the indentation; the
 * layout is libyaml's: sequences in a mapping are not indented, a mapping
 * in a sequence starts on the dash's line. Errors are sticky and reported
 * by pd_ys_finish. */
#ifndef PARTNERDESK_IO_YAML_STREAM_H
#define PARTNERDESK_IO_YAML_STREAM_H

#include <stdbool.h>
#include <stdio.h>

#include "partnerdesk/model/error.h"
#include "partnerdesk/model/strv.h"

typedef struct pd_ys {
	FILE *f;
	bool item;        /* the next line starts a sequence item ("- ") */
	bool line_open;   /* the last thing written did not end its line */
	bool open_ended;  /* the last scalar was a "|+" block */
	bool failed;
	int error;    /* errno of the first failed write: what the message says */
	size_t n;         /* bytes waiting in buf */
	char buf[16384];
} pd_ys;

void pd_ys_init(pd_ys *w, FILE *f);

/* The explicit document markers, "---" before the first line and "..."
 * after the last (which then also ends a "|+" block's breaks). */
void pd_ys_document_begin(pd_ys *w);
void pd_ys_document_end(pd_ys *w);

/* A mapping that is an item of a sequence whose dashes stand at indent:
 * its keys go at indent + 2, the first on the dash's line. */
void pd_ys_item_begin(pd_ys *w);
/* Ends it (an item with no key at all is written "- {}"). */
void pd_ys_item_end(pd_ys *w, int indent);

/* "key:" at indent, for a sequence or mapping that follows. */
void pd_ys_key(pd_ys *w, int indent, const char *key);
/* "key: []" at indent: an empty sequence, as libyaml writes one. */
void pd_ys_key_empty_seq(pd_ys *w, int indent, const char *key);
/* key: value, the string read back as a string (never a bool, number or
 * null); NULL or "" writes nothing. */
void pd_ys_key_string(pd_ys *w, int indent, const char *key, const char *s);
void pd_ys_key_int(pd_ys *w, int indent, const char *key, long long v);
void pd_ys_key_bool(pd_ys *w, int indent, const char *key, bool v);
/* key: followed by the strings as a sequence at the same indent. */
void pd_ys_key_strv(pd_ys *w, int indent, const char *key, const pd_strv *sv);

/* Ends the stream; false with the first error (a write that failed). */
bool pd_ys_finish(pd_ys *w, pd_error *err);

#endif
