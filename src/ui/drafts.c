/* Drafts offered back on start: a dialog lists this user's unsaved forms
 * (left by a dropped session or a crash) and reopens one in its form with
 * the fields filled, discards it, or leaves it for later. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "form.h"
#include "partnerdesk/model/date.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/draw.h"
#include "partnerdesk/ui/forms.h"

typedef struct offer {
	pd_drafts list;
	char **names;          /* partner names, one per draft ("" when none) */
	char **previews;       /* preview(), read with the list, not each draw */
	bool *quoted;
	size_t sel;
	bool asking_discard;
	pd_pane *open;         /* the form a draft reopened in, while it is up */
	char message[PD_ERROR_MSG_MAX];
	/* when a key of a run typed for the desk behind the dialog last came
	 * ("/harbor" for the filter): the rest of that run is not the
	 * dialog's, or its o opened an old note and typed "r" into it */
	long long stray_at_ms;
} offer;

static const struct {
	const char *form;
	const char *label;
	pd_pane *(*reopen)(struct pd_app *, const pd_draft *);
} kinds[] = {
	{"agreement", "agreement", pd_form_agreement_from_draft},
	{"contact", "new contact person", pd_form_contact_from_draft},
	{"fit", "fit assessment", pd_form_fit_from_draft},
	{"log", "log note", pd_form_log_from_draft},
	{"move", "stage move", pd_form_move_from_draft},
	{"partner", "partner", pd_form_partner_from_draft},
};

static size_t kind_of(const char *form)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (form && strcmp(kinds[i].form, form) == 0)
			return i;
	return (size_t)-1;
}

static void names_free(offer *o)
{
	for (size_t i = 0; o->names && i < o->list.n; i++)
		free(o->names[i]);
	for (size_t i = 0; o->previews && i < o->list.n; i++)
		free(o->previews[i]);
	free(o->names);
	free(o->previews);
	free(o->quoted);
	o->names = o->previews = NULL;
	o->quoted = NULL;
}

/* What the draft holds, in a few words: for a partner, a contact or an
 * agreement what it changes from what is stored (an edit's unchanged name
 * tells nothing of what would be discarded), for a log note its note or,
 * with none, its follow-up, channel or person; else the reason or the
 * name; NULL when it holds none of them (a new partner not named yet).
 * *quoted: the text typed, shown in quotes; a preview quotes its own. */
static char *preview(struct pd_app *app, const pd_draft *d, bool *quoted)
{
	bool (*changes)(struct pd_app *, const pd_draft *, char *, size_t) =
		d->form && strcmp(d->form, "partner") == 0 ? pd_form_partner_preview
		: d->form && strcmp(d->form, "contact") == 0 ? pd_form_contact_preview
		: d->form && strcmp(d->form, "agreement") == 0 ? pd_form_agreement_preview
		: d->form && strcmp(d->form, "log") == 0 ? pd_form_log_preview : NULL;
	char line[600];
	*quoted = false;
	if (changes && changes(app, d, line, sizeof line))
		return line[0] ? pd_strdup(line) : NULL;
	*quoted = true;
	static const char *const keys[] = {"note", "reason", "name"};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		char *v = pd_payload_get(d->payload, keys[i]);
		if (v && *pd_trim(v)) {
			for (char *c = v; *c; c++)
				if (*c == '\n')
					*c = ' ';
			return v;
		}
		free(v);
	}
	return NULL;
}

static bool offer_load(offer *o, struct pd_app *app, pd_error *err)
{
	pd_db *db = pd_app_db(app);
	names_free(o);
	pd_drafts_finish(&o->list);
	memset(&o->list, 0, sizeof o->list);
	if (!pd_draft_list(db, &o->list, err))
		return false;
	/* A note another window is still typing was not left behind: it is
	 * not offered (reopened here and saved, it would be logged twice).
	 * One discarded whose row waits for a busy desk to go is gone. */
	size_t kept = 0;
	for (size_t i = 0; i < o->list.n; i++) {
		if (o->list.v[i].live || pd_app_draft_discarding(app, &o->list.v[i]))
			pd_draft_finish(&o->list.v[i]);
		else
			o->list.v[kept++] = o->list.v[i];
	}
	o->list.n = kept;
	size_t slots = o->list.n ? o->list.n : 1;
	o->names = calloc(slots, sizeof *o->names);
	o->previews = calloc(slots, sizeof *o->previews);
	o->quoted = calloc(slots, sizeof *o->quoted);
	if (!o->names || !o->previews || !o->quoted)
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < o->list.n; i++) {
		const pd_draft *d = &o->list.v[i];
		pd_partner *p = d->partner_id ? pd_partner_get(db, d->partner_id, NULL) : NULL;
		char *typed = NULL;
		/* A new partner has none stored yet: the name typed is its name. */
		if (!d->partner_id && !d->target_id && d->form && strcmp(d->form, "partner") == 0) {
			typed = pd_payload_get(d->payload, "name");
			if (typed)
				pd_trim(typed);
		}
		/* No partner but a new partner's: the draft was for one since
		 * deleted (its id went with it), said here before the picker
		 * asks whose it is. */
		bool new_partner = d->form && strcmp(d->form, "partner") == 0 && !d->target_id;
		o->names[i] = pd_strdup(p && p->name ? p->name : typed ? typed
		                        : !d->partner_id && !new_partner ? "its partner was deleted" : "");
		free(typed);
		pd_partner_destroy(p);
		o->previews[i] = preview(app, d, &o->quoted[i]);
	}
	if (o->sel >= o->list.n)
		o->sel = o->list.n ? o->list.n - 1 : 0;
	return true;
}

/* What kind of work a draft is. One with an entry to save over edits it:
 * reopening a contact's or a log entry's draft changes what is there, not
 * adds to it, and a correction names the day of the entry it corrects. */
static void label_of(const pd_draft *d, size_t k, char *out, size_t size)
{
	if (k == (size_t)-1) {
		snprintf(out, size, "%s", d->form ? d->form : "?");
		return;
	}
	snprintf(out, size, "%s", kinds[k].label);
	if (!d->target_id && kinds[k].reopen == pd_form_partner_from_draft) {
		/* Named by what was typed (offer_load's name), or said to have none. */
		char *name = pd_payload_get(d->payload, "name");
		snprintf(out, size, "%s", name && *pd_trim(name) ? "new partner" : "new partner (no name yet)");
		free(name);
	}
	if (!d->target_id)
		return;
	if (kinds[k].reopen == pd_form_contact_from_draft) {
		snprintf(out, size, "edit of a contact person");
	} else if (kinds[k].reopen == pd_form_log_from_draft) {
		/* The form keeps the entry as it was opened: its When is a local
		 * "YYYY-MM-DD HH:MM", as the correction form's title says the day. */
		char *when = pd_payload_get(d->payload, "base.when");
		if (when && strlen(when) >= PD_DATE_LEN - 1)
			snprintf(out, size, "correction of the log entry of %.*s", PD_DATE_LEN - 1, when);
		else
			snprintf(out, size, "correction of a log entry");
		free(when);
	}
}

/* What a key does in the dialog. The config's keys act here as they do
 * everywhere (open, cancel, down, up, and quit, which closes a dialog);
 * the dialog's own keys (o, Enter, d, Del, l, q, Esc, the arrows) only
 * while they are bound to none of those, so a key rebound to one of
 * them does that, not what the dialog would have made of it. */
typedef enum choice { C_NONE, C_OPEN, C_DISCARD, C_LATER, C_DOWN, C_UP } choice;

static choice choice_of_action(pd_action a)
{
	switch (a) {
	case PD_ACT_OPEN: return C_OPEN;
	case PD_ACT_CANCEL: case PD_ACT_QUIT: return C_LATER;
	case PD_ACT_DOWN: return C_DOWN;
	case PD_ACT_UP: return C_UP;
	default: return C_NONE;
	}
}

static choice own_key(int key, bool is_char)
{
	if (is_char)
		return key == 'o' ? C_OPEN : key == 'd' ? C_DISCARD : key == 'l' || key == 'q' ? C_LATER : C_NONE;
	switch (key) {
	case '\r': case '\n': case KEY_ENTER: return C_OPEN;
	case KEY_DC: return C_DISCARD;
	case 27: return C_LATER;
	case KEY_DOWN: return C_DOWN;
	case KEY_UP: return C_UP;
	default: return C_NONE;
	}
}

static choice choice_of(const pd_event *ev)
{
	choice c = choice_of_action(ev->action);
	return c != C_NONE || ev->pasted ? c : own_key(ev->is_char ? (int)ev->wch : ev->key, ev->is_char);
}

/* Whether one of the dialog's own keys (is_key: a KEY_* code) does its
 * own thing here: no action of the dialog's holds it. */
static bool own_live(const pd_keymap *km, int key, bool is_key)
{
	return choice_of_action(pd_keymap_lookup(km, key, is_key)) == C_NONE;
}

/* Appends key's name to buf ("Enter/o"), once. */
static void add_key(char *buf, size_t len, const char *key)
{
	if (!key[0])
		return;
	for (const char *p = buf; *p;) {
		size_t n = strcspn(p, "/");
		if (n == strlen(key) && strncmp(p, key, n) == 0)
			return;
		p += n + (p[n] == '/');
	}
	size_t o = strlen(buf);
	snprintf(buf + o, len - o, "%s%s", o ? "/" : "", key);
}

/* The keys that open, discard and put off, as they act here: the bound
 * action's first key and the dialog's own letter while it is its own
 * ("Enter/o", "d", "l/Esc" by default). */
static void choice_keys(const pd_keymap *km, char *open, char *discard, char *later, size_t len)
{
	char key[32];
	open[0] = discard[0] = later[0] = '\0';
	pd_keymap_first(km, PD_ACT_OPEN, key, sizeof key);
	if (!key[0] && own_live(km, '\r', false))
		pd_key_name('\r', false, key, sizeof key);
	add_key(open, len, key);
	if (own_live(km, 'o', false))
		add_key(open, len, "o");
	if (own_live(km, 'd', false))
		add_key(discard, len, "d");
	else if (own_live(km, KEY_DC, true))
		add_key(discard, len, "Del");
	if (own_live(km, 'l', false))
		add_key(later, len, "l");
	pd_keymap_first(km, PD_ACT_CANCEL, key, sizeof key);
	add_key(later, len, key);
}

/* The dialog's keys, or the question a discard asked; the reopened
 * form's while it is up. */
static void offer_keys(pd_pane *p, char *buf, size_t len)
{
	offer *o = p->state;
	if (o->open) {
		buf[0] = '\0';
		if (o->open->ops->keys)
			o->open->ops->keys(o->open, buf, len);
		return;
	}
	if (o->asking_discard) {
		snprintf(buf, len, "Discard this draft for good?\nC-x: discard   any other key: keep it");
		return;
	}
	char open[64], discard[64], later[64];
	choice_keys(pd_app_keymap(p->app), open, discard, later, sizeof open);
	snprintf(buf, len, "%s%s%s%s%s%s", open, open[0] ? ": open it again   " : "", discard,
	         discard[0] ? ": discard   " : "", later, ": later");
}

static void offer_draw(pd_pane *p, WINDOW *w, bool focused)
{
	const pd_theme *th = pd_app_theme(p->app);
	offer *o = p->state;
	if (o->open) {
		o->open->win = w;
		o->open->ops->draw(o->open, w, focused);
		return;
	}
	int rows = getmaxy(w), cols = getmaxx(w);
	char hint[256];
	offer_keys(p, hint, sizeof hint);
	/* Where one row is too short (60 columns) the keys take two. */
	int box_w = cols > 76 ? 76 : cols;
	int hrows = box_w > 4 ? pd_draw_parts(NULL, 0, 0, hint, box_w - 4, 0) : 1;
	hrows = hrows < 1 ? 1 : hrows > 2 ? 2 : hrows;
	int want = (int)o->list.n * 2 + 6 + hrows;
	if (want > rows)
		want = rows;
	int y, x, h, wd;
	pd_form_box(w, th, want, box_w, "Unsaved work from an earlier session", &y, &x, &h, &wd);
	pd_draw_text(w, y + 1, x + 2, "Typed but never saved; the session ended first:", wd - 4, true);
	int row = y + 3;
	size_t first = 0;
	int fit = (h - 5 - hrows) / 2;
	if (fit < 1)
		fit = 1;
	if (o->sel >= first + (size_t)fit)
		first = o->sel - (size_t)fit + 1;
	for (size_t i = first; i < o->list.n && row + 1 < y + h - 2 - hrows; i++) {
		const pd_draft *d = &o->list.v[i];
		size_t k = kind_of(d->form);
		char local[PD_MINUTE_LEN];
		pd_time_local_minute(d->updated, local);
		char head[512], label[64];
		label_of(d, k, label, sizeof label);
		snprintf(head, sizeof head, "%s%s%s  (%s)", label, o->names[i][0] ? ": " : "", o->names[i], local);
		int attr = i == o->sel ? pd_theme_attr(th, "selected") : (int)A_NORMAL;
		wattron(w, attr);
		pd_draw_text(w, row, x + 2, head, wd - 4, true);
		wattroff(w, attr);
		/* No preview: no empty quotes under the label. */
		const char *pv = o->previews[i];
		if (pv) {
			char line[700];
			snprintf(line, sizeof line, o->quoted[i] ? "  \"%s\"" : "  %s", pv);
			pd_draw_text(w, row + 1, x + 2, line, wd - 4, true);
		}
		row += 2;
	}
	if (o->message[0])
		pd_draw_text(w, y + h - 2 - hrows, x + 2, o->message, wd - 4, true);
	wattron(w, A_BOLD);
	pd_draw_parts(w, y + h - 1 - hrows, x + 2, hint, wd - 4, hrows);
	wattroff(w, A_BOLD);
}

/* What the reopened form's flags r mean for the dialog: once the form
 * closes (saved, discarded), the list shows again until it is empty. */
static unsigned after_open(pd_pane *p, unsigned r)
{
	offer *o = p->state;
	if (!(r & PD_PANE_CLOSE))
		return r;
	/* Saved: the list goes to the partner the work was for, as when it
	 * was typed, not left where the start put it (the first). */
	if ((r & PD_PANE_RELOAD) && o->open->ops->selected)
		pd_app_follow(p->app, o->open->ops->selected(o->open));
	o->open->ops->destroy(o->open);
	o->open = NULL;
	pd_error err = {0};
	if (!offer_load(o, p->app, &err) || o->list.n == 0)
		return PD_PANE_HANDLED | PD_PANE_CLOSE | PD_PANE_REDRAW | (r & PD_PANE_RELOAD);
	return PD_PANE_HANDLED | PD_PANE_REDRAW | (r & PD_PANE_RELOAD);
}

static unsigned offer_handle(pd_pane *p, const pd_event *ev)
{
	offer *o = p->state;
	pd_db *db = pd_app_db(p->app);
	if (o->open)
		return after_open(p, o->open->ops->handle(o->open, ev)) | PD_PANE_HANDLED;
	if (o->list.n == 0)
		return PD_PANE_HANDLED | PD_PANE_CLOSE | PD_PANE_REDRAW;
	const pd_draft *d = &o->list.v[o->sel];
	if (o->asking_discard) {
		o->asking_discard = false;
		/* As in a form: keys typed straight after start land here, and
		 * a "d...y" in them must not throw a note away. */
		if (!ev->is_char && ev->key == 0x18) {
			/* Gone from the list at once; from the desk now or, when a
			 * colleague's import holds it, once it is free. */
			pd_app_draft_discard(p->app, d);
			pd_error err = {0};
			if (!offer_load(o, p->app, &err) || o->list.n == 0)
				return PD_PANE_HANDLED | PD_PANE_CLOSE | PD_PANE_REDRAW;
		}
		return PD_PANE_HANDLED | PD_PANE_REDRAW;
	}
	/* Keys coming within a second of each other after one that is none
	 * of the dialog's are typing meant for what is behind it. */
	long long now = pd_ui_now_ms();
	if (o->stray_at_ms && now - o->stray_at_ms <= 1000) {
		o->stray_at_ms = now;
		return PD_PANE_HANDLED | PD_PANE_REDRAW;
	}
	o->stray_at_ms = 0;
	o->message[0] = '\0';
	choice ch = choice_of(ev);
	if (ch == C_NONE && ev->is_char) {
		o->stray_at_ms = now;
		/* The keys themselves are on the line under it: said again
		 * here, the line ran past 80 columns and was cut. */
		snprintf(o->message, sizeof o->message, "keys here answer this dialog first: the ones below");
		return PD_PANE_HANDLED | PD_PANE_REDRAW;
	}
	if (ch == C_DISCARD) {
		o->asking_discard = true;
	} else if (ch == C_OPEN) {
		size_t k = kind_of(d->form);
		pd_error err = {0};
		if (!pd_drafts_take(db, d, &err)) {
			/* Since the list was read, another window took it up (or
			 * it was saved there): it is not ours to open. */
			snprintf(o->message, sizeof o->message, "%s", err.msg);
			pd_error lerr = {0};
			if (!offer_load(o, p->app, &lerr) || o->list.n == 0)
				return PD_PANE_HANDLED | PD_PANE_CLOSE | PD_PANE_REDRAW;
			return PD_PANE_HANDLED | PD_PANE_REDRAW;
		}
		pd_pane *f = k != (size_t)-1 ? kinds[k].reopen(p->app, d) : NULL;
		if (!f) {
			char open[64], discard[64], later[64];
			choice_keys(pd_app_keymap(p->app), open, discard, later, sizeof open);
			snprintf(o->message, sizeof o->message, "this draft cannot be reopened (its partner may be gone)%s%s%s",
			         discard[0] ? "; " : "", discard, discard[0] ? " discards it" : "");
		} else {
			f->app = p->app;
			o->open = f;
		}
	} else if (ch == C_LATER) {
		/* Nothing brings the dialog back in this session (a call note
		 * comes back on c on its partner, form_log.c): said, so that
		 * "later" is not taken for "lost". */
		pd_app_status(p->app, "%s kept: offered again at the next start",
		              o->list.n == 1 ? "the unsaved draft is" : "the unsaved drafts are");
		return PD_PANE_HANDLED | PD_PANE_CLOSE | PD_PANE_REDRAW;
	} else if (ch == C_DOWN) {
		if (o->sel + 1 < o->list.n)
			o->sel++;
	} else if (ch == C_UP) {
		if (o->sel > 0)
			o->sel--;
	}
	return PD_PANE_HANDLED | PD_PANE_REDRAW;
}

static void offer_flush(pd_pane *p)
{
	offer *o = p->state;
	if (o->open && o->open->ops->flush)
		o->open->ops->flush(o->open);
}

static unsigned offer_tick(pd_pane *p)
{
	offer *o = p->state;
	if (!o->open || !o->open->ops->tick)
		return 0;
	return after_open(p, o->open->ops->tick(o->open));
}

static void offer_resize(pd_pane *p, int rows, int cols)
{
	offer *o = p->state;
	if (o->open && o->open->ops->resize)
		o->open->ops->resize(o->open, rows, cols);
}

static void offer_reload(pd_pane *p)
{
	offer *o = p->state;
	if (o->open && o->open->ops->reload)
		o->open->ops->reload(o->open);
}

static const pd_action *offer_help(const pd_pane *p, size_t *n)
{
	const offer *o = p->state;
	if (o->open && o->open->ops->help_actions)
		return o->open->ops->help_actions(o->open, n);
	*n = 0;
	return NULL;
}

static void offer_destroy(pd_pane *p)
{
	if (!p)
		return;
	offer *o = p->state;
	if (o) {
		if (o->open)
			o->open->ops->destroy(o->open);
		names_free(o);
		pd_drafts_finish(&o->list);
		free(o);
	}
	free(p);
}

static const pd_pane_ops offer_ops = {
	.name = "drafts",
	.draw = offer_draw,
	.handle = offer_handle,
	.resize = offer_resize,
	.reload = offer_reload,
	.flush = offer_flush,
	.tick = offer_tick,
	.destroy = offer_destroy,
	.help_actions = offer_help,
	.keys = offer_keys,
};

bool pd_drafts_offer(struct pd_app *app)
{
	pd_db *db = pd_app_db(app);
	if (!db)
		return false;
	offer *o = calloc(1, sizeof *o);
	pd_pane *p = calloc(1, sizeof *p);
	pd_error err = {0};
	if (!o || !p || !offer_load(o, app, &err) || o->list.n == 0) {
		if (o) {
			names_free(o);
			pd_drafts_finish(&o->list);
		}
		free(o);
		free(p);
		if (err.msg[0])
			pd_app_status(app, "could not read drafts: %s", err.msg);
		return false;
	}
	p->ops = &offer_ops;
	p->state = o;
	p->app = app;
	pd_app_push(app, p);
	/* Keys typed at start-up were meant for the list ("/bond"): an o in
	 * them must not reopen a note, nor the rest land in it. */
	pd_app_drop_typeahead(app);
	return true;
}
