/* Drafts: text typed but not yet saved, written as it is typed so that a
 * dropped SSH session or a crash loses nothing; offered back on next start. */
#ifndef PARTNERDESK_MODEL_DRAFT_H
#define PARTNERDESK_MODEL_DRAFT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "partnerdesk/model/date.h"
#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"

typedef struct pd_draft {
	int64_t id;              /* 0 until first saved */
	char *form;              /* "log", "partner", "contact", ... */
	int64_t partner_id;      /* 0 when none yet */
	int64_t target_id;       /* the row being edited, 0 for a new one */
	int64_t target_version;  /* the version the form was opened on */
	char *payload;           /* the form's fields, serialised by the form */
	char *user;              /* OS user; set by the model */
	char created[PD_TIME_LEN];   /* first written: about when the typing began */
	char updated[PD_TIME_LEN];
} pd_draft;

typedef struct pd_drafts {
	pd_draft *v;
	size_t n;
} pd_drafts;

void pd_draft_finish(pd_draft *d);
/* Inserts or updates (by id) the draft; cheap enough to call every couple
 * of seconds while typing. Never version-checked: a draft is one person's. */
bool pd_draft_save(pd_db *db, pd_draft *d, pd_error *err);
bool pd_draft_delete(pd_db *db, int64_t id, pd_error *err);
/* This OS user's drafts, newest first. */
bool pd_draft_list(pd_db *db, pd_drafts *out, pd_error *err);
void pd_drafts_finish(pd_drafts *list);

#endif
