/* Owned string vectors: tags, audiences, branches and configured lists. */
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/model/strv.h"
#include "partnerdesk/model/text.h"

bool pd_strv_push(pd_strv *sv, const char *s)
{
	if (sv->n == sv->cap) {
		size_t cap = sv->cap ? sv->cap * 2 : 8;
		char **v = realloc(sv->v, cap * sizeof *v);
		if (!v)
			return false;
		sv->v = v;
		sv->cap = cap;
	}
	char *copy = strdup(s ? s : "");
	if (!copy)
		return false;
	sv->v[sv->n++] = copy;
	return true;
}

void pd_strv_clear(pd_strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

bool pd_strv_copy(pd_strv *dst, const pd_strv *src)
{
	pd_strv_clear(dst);
	for (size_t i = 0; i < src->n; i++)
		if (!pd_strv_push(dst, src->v[i]))
			return false;
	return true;
}

long pd_strv_find(const pd_strv *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (pd_fold_cmp(sv->v[i], s) == 0)
			return (long)i;
	return -1;
}

static int cmp_folded(const void *a, const void *b)
{
	return pd_fold_cmp(*(char *const *)a, *(char *const *)b);
}

void pd_strv_sort_unique(pd_strv *sv)
{
	if (sv->n < 2)
		return;
	qsort(sv->v, sv->n, sizeof *sv->v, cmp_folded);
	size_t w = 1;
	for (size_t r = 1; r < sv->n; r++) {
		if (pd_fold_cmp(sv->v[w - 1], sv->v[r]) == 0)
			free(sv->v[r]);
		else
			sv->v[w++] = sv->v[r];
	}
	sv->n = w;
}

char *pd_strv_as_listed(const pd_strv *listed, const char *value, bool *known)
{
	char *v = pd_strdup(value ? value : "");
	if (!v)
		return NULL;
	pd_trim(v);
	long i = listed->n ? pd_strv_find(listed, v) : -1;
	*known = !listed->n || i >= 0;
	if (i >= 0) {
		free(v);
		v = pd_strdup(listed->v[i]);
	}
	return v;
}
