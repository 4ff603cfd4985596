/* A YAML writer over libyaml's emitter: block style, UTF-8, a fixed key
 * order, strings that read back as strings (never as a bool, number, date
 * or null). Errors are sticky: calls after the first failure do nothing and
 * pd_yaml_out_finish reports it, so callers write straight-line code.
 * Deterministic: the same data always gives the same bytes. */
#ifndef PARTNERDESK_IO_YAML_OUT_H
#define PARTNERDESK_IO_YAML_OUT_H

#include <stdbool.h>
#include <stdio.h>

#include "partnerdesk/io/record.h"
#include "partnerdesk/model/error.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/rules.h"
#include "partnerdesk/model/strv.h"

typedef struct pd_yaml_out pd_yaml_out;

/* Starts a YAML stream on f (not closed at the end). NULL when out of
 * memory; every call accepts that NULL and pd_yaml_out_finish reports it. */
pd_yaml_out *pd_yaml_out_create(FILE *f);
/* Ends the stream and flushes; false with the first error. */
bool pd_yaml_out_finish(pd_yaml_out *y, pd_error *err);
void pd_yaml_out_destroy(pd_yaml_out *y);   /* accepts NULL */

/* Structure. A stream may hold several documents; most hold one. */
void pd_yaml_document_begin(pd_yaml_out *y);
void pd_yaml_document_end(pd_yaml_out *y);
void pd_yaml_mapping_begin(pd_yaml_out *y);
void pd_yaml_mapping_end(pd_yaml_out *y);
void pd_yaml_sequence_begin(pd_yaml_out *y);
void pd_yaml_sequence_end(pd_yaml_out *y);

/* Scalars. A NULL or "" string writes null (so absence reads as absence). */
void pd_yaml_string(pd_yaml_out *y, const char *s);
void pd_yaml_int(pd_yaml_out *y, long long v);
void pd_yaml_bool(pd_yaml_out *y, bool v);
void pd_yaml_null(pd_yaml_out *y);
void pd_yaml_strv(pd_yaml_out *y, const pd_strv *sv);   /* a sequence of strings */

/* key: value inside a mapping. */
void pd_yaml_key_string(pd_yaml_out *y, const char *key, const char *s);
void pd_yaml_key_int(pd_yaml_out *y, const char *key, long long v);
void pd_yaml_key_bool(pd_yaml_out *y, const char *key, bool v);
void pd_yaml_key_strv(pd_yaml_out *y, const char *key, const pd_strv *sv);
/* Just the key; the caller writes the value (a mapping or sequence). */
void pd_yaml_key(pd_yaml_out *y, const char *key);

/* A partner's own fields as one mapping (flags: PD_RECORD_*); last_contact
 * and next_follow_up may be NULL to leave those keys out. */
void pd_yaml_partner(pd_yaml_out *y, const pd_partner *p, const char *last_contact,
                     const char *next_follow_up, unsigned flags);
/* The whole record as one mapping, keys in the same order as JSON's. */
void pd_yaml_record(pd_yaml_out *y, const pd_record *r, const pd_rules *rules, unsigned flags);

#endif
