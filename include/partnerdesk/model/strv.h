/* A growable, owned vector of strings: tags, audiences, branches and the
 * configured lists all use it. */
#ifndef PARTNERDESK_MODEL_STRV_H
#define PARTNERDESK_MODEL_STRV_H

#include <stdbool.h>
#include <stddef.h>

typedef struct pd_strv {
	char **v;   /* owned strings */
	size_t n;
	size_t cap;
} pd_strv;

bool pd_strv_push(pd_strv *sv, const char *s);          /* copies s */
void pd_strv_clear(pd_strv *sv);                       /* frees all, keeps struct */
bool pd_strv_copy(pd_strv *dst, const pd_strv *src);   /* dst cleared first */
/* Index of s compared ignoring case (ASCII and the ranges pd_fold knows), or -1. */
long pd_strv_find(const pd_strv *sv, const char *s);
/* value as a configured list (kinds, audiences) has it: trimmed, and
 * spelled as the list spells it when it is one of `listed` in any case
 * ("  Teens" is "teens"), so that one audience is never stored as two.
 * *known says whether it is one (true when the list is empty: nothing to
 * check against). Allocated; NULL when out of memory. */
char *pd_strv_as_listed(const pd_strv *listed, const char *value, bool *known);
/* Sorts in place by folded text and drops duplicates. */
void pd_strv_sort_unique(pd_strv *sv);

#endif
