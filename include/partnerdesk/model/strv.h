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
/* Sorts in place by folded text and drops duplicates. */
void pd_strv_sort_unique(pd_strv *sv);

#endif
