/* JSON for partners and their records (jansson), for `show --format json`,
 * `list --format json` and JSON exports. Times are ISO 8601 UTC, dates
 * YYYY-MM-DD, absent values null; keys in a fixed order. */
#ifndef PARTNERDESK_IO_JSON_OUT_H
#define PARTNERDESK_IO_JSON_OUT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "partnerdesk/io/record.h"
#include "partnerdesk/model/error.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/rules.h"

/* A string, or null for NULL/""; bad UTF-8 repaired. Never fails short of
 * memory (then NULL). */
json_t *pd_json_str(const char *s);

/* The partner's own fields (no nested lists of contacts etc.; tags,
 * audiences and branches are arrays of strings). `flags` are PD_RECORD_*.
 * last_contact / next_follow_up may be NULL to leave those keys out. */
json_t *pd_json_partner(const pd_partner *p, const char *last_contact,
                        const char *next_follow_up, unsigned flags);

/* One contact person, as in a record's contacts (`rules`, which may be
 * NULL, marks an outreach title). `flags` are PD_RECORD_*. */
json_t *pd_json_contact(const pd_contact *c, const pd_rules *rules, unsigned flags);

/* The whole record: the partner's fields plus contacts, interactions,
 * history, agreements, fit, goals. `rules` (may be NULL) marks outreach
 * contacts and orders nothing else. */
json_t *pd_json_record(const pd_record *r, const pd_rules *rules, unsigned flags);

/* Writes j indented by two, with a final newline; false with a message on
 * a write error. Does not take ownership. */
bool pd_json_write(const json_t *j, FILE *f, pd_error *err);

#endif
