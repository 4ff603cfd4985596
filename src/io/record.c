/* Loading a partner's full record through the model, in the stable order
 * that shows and byte-stable backups need. */
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/record.h"

static int interaction_cmp(const void *a, const void *b)
{
	const pd_interaction *x = a, *y = b;
	int c = strcmp(x->at, y->at);
	if (c)
		return c;
	return (x->id > y->id) - (x->id < y->id);
}

static int agreement_cmp(const void *a, const void *b)
{
	const pd_agreement *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static int move_cmp(const void *a, const void *b)
{
	const pd_move *x = a, *y = b;
	int c = strcmp(x->at, y->at);
	if (c)
		return c;
	return (x->id > y->id) - (x->id < y->id);
}

bool pd_record_load(pd_db *db, int64_t id, pd_record *out, pd_error *err)
{
	memset(out, 0, sizeof *out);
	out->partner = pd_partner_get(db, id, err);
	if (!out->partner)
		return false;
	if (!pd_contact_list(db, id, &out->contacts, err) ||
	    !pd_interaction_list(db, id, 0, &out->interactions, err) ||
	    !pd_history_list(db, id, &out->history, err) ||
	    !pd_agreement_list(db, id, &out->agreements, err) ||
	    !pd_fit_load(db, id, &out->fit, err) ||
	    !pd_goal_list(db, id, &out->goals, err)) {
		pd_record_finish(out);
		return false;
	}
	if (out->interactions.n > 1)
		qsort(out->interactions.v, out->interactions.n, sizeof *out->interactions.v, interaction_cmp);
	if (out->agreements.n > 1)
		qsort(out->agreements.v, out->agreements.n, sizeof *out->agreements.v, agreement_cmp);
	if (out->history.n > 1)
		qsort(out->history.v, out->history.n, sizeof *out->history.v, move_cmp);

	/* The same summary the list shows, derived here rather than queried so
	 * that a record stands alone. */
	for (size_t i = 0; i < out->interactions.n; i++) {
		const pd_interaction *it = &out->interactions.v[i];
		if (strcmp(it->at, out->last_contact) > 0)
			memcpy(out->last_contact, it->at, sizeof out->last_contact);
		if (it->follow_up[0] && !it->done &&
		    (!out->next_follow_up[0] || strcmp(it->follow_up, out->next_follow_up) < 0))
			memcpy(out->next_follow_up, it->follow_up, sizeof out->next_follow_up);
	}
	return true;
}

void pd_record_finish(pd_record *r)
{
	if (!r)
		return;
	pd_partner_destroy(r->partner);
	pd_contacts_finish(&r->contacts);
	pd_interactions_finish(&r->interactions);
	pd_history_finish(&r->history);
	pd_agreements_finish(&r->agreements);
	pd_fit_finish(&r->fit);
	pd_goals_finish(&r->goals);
	memset(r, 0, sizeof *r);
}

const char *pd_record_who(const pd_record *r, const pd_interaction *it, bool *removed)
{
	*removed = !it->contact_name && !it->contact_id && it->removed_contact;
	if (*removed)
		return it->removed_contact;
	return it->contact_name ? it->contact_name : pd_record_contact_name(r, it->contact_id);
}

const char *pd_record_contact_name(const pd_record *r, int64_t contact_id)
{
	if (contact_id <= 0)
		return NULL;
	for (size_t i = 0; i < r->contacts.n; i++)
		if (r->contacts.v[i].id == contact_id)
			return r->contacts.v[i].name;
	return NULL;
}
