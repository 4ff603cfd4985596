/* Draft writes kept until the desk lets them through (see waiting.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "partnerdesk/config/kept.h"
#include "partnerdesk/config/paths.h"
#include "partnerdesk/io/kept_forms.h"
#include "partnerdesk/model/tempfile.h"
#include "waiting.h"

struct pd_waiting_job {
	bool discard;          /* delete the draft; else write (if unwritten) and release */
	bool unwritten;        /* leave: the text is not in the row yet */
	pd_draft draft;        /* leave: the draft; discard: only its name (id, form, created) */
};

/* One try at a job, each write waiting at most wait_ms for the lock; true
 * when it is done, else why says why not. */
static bool job_try(pd_waiting_job *j, pd_db *db, int wait_ms, pd_error *why)
{
	for (int tries = 0; tries < 2; tries++) {
		pd_error err = {0};
		if (j->unwritten) {
			if (!pd_draft_save_within(db, &j->draft, wait_ms, &err)) {
				*why = err;
				return false;
			}
			j->unwritten = false;
		}
		pd_db_busy_wait(db, wait_ms);
		bool done = !j->draft.id || (j->discard ? pd_draft_delete(db, &j->draft, &err)
		                                        : pd_draft_release(db, &j->draft, &err));
		pd_db_busy_wait(db, -1);
		if (done || j->discard || err.code != PD_ERR_NOTFOUND || !j->draft.payload) {
			if (!done)
				*why = err;
			return done;
		}
		/* The row is not this note's any more (a restore put a copy
		 * under the window): its text, which the job holds, is written
		 * afresh and that draft let go. */
		j->unwritten = true;
	}
	return false;
}

/* Room for `more` jobs past those waiting; false when there is no memory
 * for it. */
static bool room_for(pd_waiting *w, size_t more)
{
	if (w->cap - w->n >= more)
		return true;
	size_t cap = w->cap ? w->cap : 4;
	while (cap - w->n < more)
		cap *= 2;
	pd_waiting_job *v = realloc(w->v, cap * sizeof *v);
	if (!v)
		return false;
	w->v = v;
	w->cap = cap;
	return true;
}

/* Tries j now; kept for later when it does not go through. A note always
 * finds a place: its text may be in no other (a session ending is when
 * memory is short), so it takes the places pd_waiting_hold kept, and the
 * array grows after it rather than before the next, while there is
 * memory. A discard takes none of those: one that finds no memory is
 * dropped, and the draft is offered again at the next start, which loses
 * nothing typed. False when j could not be kept (j's draft is left). */
static bool job_add(pd_waiting *w, pd_db *db, pd_waiting_job *j, int wait_ms)
{
	if (db && job_try(j, db, wait_ms, &w->last)) {
		pd_draft_finish(&j->draft);
		return true;
	}
	if (j->discard ? !room_for(w, w->held + 1) : !room_for(w, 1))
		return false;
	w->v[w->n++] = *j;
	if (!j->discard && w->held)
		w->held--;
	/* The next note has its place before it comes, when memory allows. */
	room_for(w, w->held + 1);
	return true;
}

bool pd_waiting_hold(pd_waiting *w, size_t notes)
{
	if (!room_for(w, notes))
		return false;
	w->held = notes;
	return true;
}

void pd_waiting_leave(pd_waiting *w, pd_db *db, pd_draft *d, bool write, int wait_ms)
{
	pd_waiting_job j = {.unwritten = write, .draft = *d};
	memset(d, 0, sizeof *d);
	if (!j.unwritten && !j.draft.id) {
		pd_draft_finish(&j.draft);
		return;
	}
	if (!job_add(w, db, &j, wait_ms)) {
		/* No place held and no memory for one: the text goes back to
		 * d, for the caller's last resort, rather than be freed. */
		*d = j.draft;
	}
}

void pd_waiting_discard(pd_waiting *w, pd_db *db, const pd_draft *d, int wait_ms)
{
	if (d->id <= 0 || !d->form || pd_waiting_discards(w, d))
		return;
	pd_waiting_job j = {.discard = true, .draft = {.id = d->id, .form = strdup(d->form)}};
	if (!j.draft.form)
		return;
	memcpy(j.draft.created, d->created, sizeof j.draft.created);
	if (!job_add(w, db, &j, wait_ms))
		pd_draft_finish(&j.draft);
}

/* Whether a and b name the same draft (see pd_draft_delete). */
static bool same_draft(const pd_draft *a, const pd_draft *b)
{
	return a->id == b->id && a->form && b->form && strcmp(a->form, b->form) == 0 &&
	       strcmp(a->created, b->created) == 0;
}

bool pd_waiting_discards(const pd_waiting *w, const pd_draft *d)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->v[i].discard && same_draft(&w->v[i].draft, d))
			return true;
	return false;
}

/* Whether job j's text belongs in the kept file: the desk does not hold
 * it yet, or (all) the desk that holds it is not the one at its path any
 * more (replaced). */
static bool to_keep(const pd_waiting_job *j, bool all)
{
	return !j->discard && j->draft.payload && (j->unwritten || all);
}

/* What the kept file holds, as ids and whether written: when it changes,
 * the file is written again. */
static uint64_t kept_sig(const pd_waiting *w)
{
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < w->n; i++)
		if (to_keep(&w->v[i], w->kept_all))
			h = (h ^ ((uint64_t)w->v[i].draft.id * 2 + w->v[i].unwritten))
			    * 1099511628211u;
	return h;
}

static void drop_kept(pd_waiting *w)
{
	if (!w->kept)
		return;
	unlink(w->kept);
	pd_sync_dir_of(w->kept);
	close(w->kept_fd);
	free(w->kept);
	w->kept = NULL;
}

size_t pd_waiting_retry(pd_waiting *w, pd_db *db, int wait_ms)
{
	if (!db || !w->n)
		return w->n;
	size_t kept = 0;
	for (size_t i = 0; i < w->n; i++) {
		if (job_try(&w->v[i], db, wait_ms, &w->last))
			pd_draft_finish(&w->v[i].draft);
		else
			w->v[kept++] = w->v[i];
	}
	w->n = kept;
	if (w->kept_desk && kept_sig(w) != w->kept_sig_written) {
		/* The file holds what the desk does not, no more (it would come
		 * back twice) and no less (a row a restore took is unwritten
		 * again); with nothing left to hold it goes. Should the new one
		 * fail to be written, the old one stays, and the next try writes
		 * it again. */
		pd_error err = {0};
		pd_waiting_keep(w, w->kept_desk, w->kept_why, w->kept_all, &err);
	}
	return w->n;
}

size_t pd_waiting_notes(const pd_waiting *w)
{
	size_t n = 0;
	for (size_t i = 0; i < w->n; i++)
		n += !w->v[i].discard;
	return n;
}

size_t pd_waiting_unwritten(const pd_waiting *w)
{
	size_t n = 0;
	for (size_t i = 0; i < w->n; i++)
		n += !w->v[i].discard && w->v[i].unwritten;
	return n;
}

const char *pd_waiting_keep(pd_waiting *w, const char *desk, const char *why, bool all, pd_error *err)
{
	if (desk != w->kept_desk) {
		char *d = strdup(desk), *y = strdup(why);
		if (!d || !y) {
			free(d);
			free(y);
			pd_error_set(err, PD_ERR_NOMEM, "out of memory");
			return NULL;
		}
		free(w->kept_desk);
		free(w->kept_why);
		w->kept_desk = d;
		w->kept_why = y;
	}
	w->kept_all = all;
	size_t n = 0;
	for (size_t i = 0; i < w->n; i++)
		n += to_keep(&w->v[i], all);
	if (!n) {
		drop_kept(w);
		w->kept_sig_written = kept_sig(w);
		return NULL;
	}
	char *dir = pd_kept_dir();
	char *canon = pd_kept_forms_desk(desk);
	pd_draft *v = calloc(n, sizeof *v);
	bool ok = false;
	if (!dir)
		pd_error_set(err, PD_ERR_IO, "cannot tell where your data directory is (set HOME or XDG_DATA_HOME)");
	else if (!canon || !v)
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	else if (pd_paths_mkdirs(dir, err)) {
		size_t k = 0;
		/* Borrowed, not copied: the file is written before they change. */
		for (size_t i = 0; i < w->n; i++)
			if (to_keep(&w->v[i], all))
				v[k++] = w->v[i].draft;
		char *path = NULL;
		int fd = -1;
		ok = pd_kept_forms_write(dir, canon, v, n, why, &path, &fd, err);
		if (!ok && fd >= 0)
			close(fd);
		if (ok) {
			drop_kept(w);   /* kept again: one file, the newer */
			w->kept = path;
			w->kept_fd = fd;
			w->kept_sig_written = kept_sig(w);
		}
	}
	free(v);
	free(canon);
	free(dir);
	return ok ? w->kept : NULL;
}

bool pd_waiting_kept_whole(const pd_waiting *w)
{
	return w->kept && kept_sig(w) == w->kept_sig_written;
}

void pd_waiting_describe(const pd_waiting *w, char *out, size_t len)
{
	size_t notes = 0, discards = 0;
	for (size_t i = 0; i < w->n; i++) {
		if (w->v[i].discard)
			discards++;
		else
			notes++;
	}
	char keep[64] = "", drop[64] = "";
	if (notes)
		snprintf(keep, sizeof keep, "keep %zu unsaved %s as %s", notes, notes == 1 ? "form" : "forms",
		         notes == 1 ? "a draft" : "drafts");
	if (discards)
		snprintf(drop, sizeof drop, "delete %zu discarded %s", discards, discards == 1 ? "draft" : "drafts");
	snprintf(out, len, "%s%s%s", keep, notes && discards ? " and " : "", drop);
}

void pd_waiting_print(const pd_waiting *w, FILE *f)
{
	for (size_t i = 0; i < w->n; i++) {
		const char *p = w->v[i].draft.payload;
		if (w->v[i].discard || !p)
			continue;
		fprintf(f, "--- %s ---\n", w->v[i].draft.form ? w->v[i].draft.form : "form");
		for (; *p; p++)
			fputc(*p == '\n' || ((unsigned char)*p >= 0x20 && *p != 0x7f) ? *p : '?', f);
	}
}

void pd_waiting_finish(pd_waiting *w)
{
	for (size_t i = 0; i < w->n; i++)
		pd_draft_finish(&w->v[i].draft);
	free(w->v);
	if (w->kept)
		close(w->kept_fd);   /* the file stays, for a later start */
	free(w->kept);
	free(w->kept_desk);
	free(w->kept_why);
	memset(w, 0, sizeof *w);
}
