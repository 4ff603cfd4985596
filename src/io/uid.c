/* Restore-stable UIDs: partner keys from creation times, ties counted in
 * the backup's order; see uid.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/uid.h"
#include "partnerdesk/model/birth.h"
#include "partnerdesk/model/text.h"

void pd_uid_key(const char *created, size_t nth, char out[PD_UID_KEY_LEN])
{
	size_t o = 0;
	for (size_t i = 0; created && created[i] && o + 1 < PD_UID_KEY_LEN; i++)
		if (created[i] != '-' && created[i] != ':')
			out[o++] = created[i];
	out[o] = '\0';
	if (nth > 1)
		snprintf(out + o, PD_UID_KEY_LEN - o, ".%zu", nth);
}

/* Creation time, then the backup's order: name folded, name, id. */
static int birth_cmp(const void *a, const void *b)
{
	const pd_partner_birth *x = *(const pd_partner_birth *const *)a;
	const pd_partner_birth *y = *(const pd_partner_birth *const *)b;
	int c = strcmp(x->created, y->created);
	if (!c)
		c = pd_fold_cmp(x->name, y->name);
	if (!c)
		c = strcmp(x->name, y->name);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

bool pd_uid_partners_load(pd_db *db, pd_uid_partners *out, pd_error *err)
{
	memset(out, 0, sizeof *out);
	pd_partner_births b;
	if (!pd_partner_births_load(db, &b, err))
		return false;
	const pd_partner_birth **order = calloc(b.n ? b.n : 1, sizeof *order);
	out->v = calloc(b.n ? b.n : 1, sizeof *out->v);
	if (!order || !out->v) {
		free(order);
		free(out->v);
		out->v = NULL;
		pd_partner_births_finish(&b);
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < b.n; i++)
		order[i] = &b.v[i];
	qsort(order, b.n, sizeof *order, birth_cmp);
	/* b is in id order, so out->v is too: index by position in b. */
	size_t nth = 0;
	for (size_t i = 0; i < b.n; i++) {
		nth = i && strcmp(order[i]->created, order[i - 1]->created) == 0 ? nth + 1 : 1;
		pd_uid_partner *p = &out->v[order[i] - b.v];
		p->id = order[i]->id;
		pd_uid_key(order[i]->created, nth, p->key);
	}
	out->n = b.n;
	free(order);
	pd_partner_births_finish(&b);
	return true;
}

void pd_uid_partners_finish(pd_uid_partners *p)
{
	if (!p)
		return;
	free(p->v);
	p->v = NULL;
	p->n = 0;
}

static int id_cmp(const void *key, const void *elem)
{
	int64_t id = *(const int64_t *)key, other = ((const pd_uid_partner *)elem)->id;
	return (id > other) - (id < other);
}

const char *pd_uid_partner_key(const pd_uid_partners *p, int64_t id)
{
	const pd_uid_partner *hit = p->n ? bsearch(&id, p->v, p->n, sizeof *p->v, id_cmp) : NULL;
	return hit ? hit->key : "";
}
