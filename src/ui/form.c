/* The generic form engine: fields with wide-character editing, choices and
 * dates, the form pane (draw, keys, save, cancel) and drafts written as the
 * person types so that a dropped session loses nothing. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700   /* wcwidth, when curses flags do not ask for it */
#endif
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wctype.h>

#include "clock.h"
#include "form.h"
#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/date.h"
#include "partnerdesk/model/suggest.h"
#include "partnerdesk/model/grapheme.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/draw.h"
#include "partnerdesk/ui/forms.h"
#include "partnerdesk/ui/wrap.h"
#include "views.h"

/* Typing writes the draft at most this often; field changes and the loop's
 * tick write it too. */
#define DRAFT_EVERY_SECONDS 2
/* How long a draft write waits for another program's write lock before
 * it gives up until the next quiet second: typing must echo at once. */
#define DRAFT_WAIT_MS 50
/* How long a save waits for another program's write lock before the form
 * says the desk is busy and leaves the save to the loop's quiet seconds:
 * most locks are a colleague's one-row change and pass in milliseconds,
 * and the screen must not freeze for an import's. */
#define SAVE_WAIT_MS 300

#define KEY_CTRL(c) ((c) & 0x1f)
/* A message wraps over at most this many rows. */
#define MESSAGE_ROWS 3

struct pd_form {
	struct pd_app *app;
	char *title;
	char *title_tail;           /* after the title, kept whole: the title shortens first */
	const pd_form_ops *ops;
	void *ctx;
	pd_field *fields;
	size_t n, cap, focus;
	size_t first;               /* first field shown when they do not all fit */
	char message[PD_ERROR_MSG_MAX];
	bool message_kept;          /* stays while typing, until the next save */
	bool dirty;                 /* the person typed something */
	bool asking_cancel;         /* "discard what you typed?" is up */
	int hint_cols;              /* the hint row's width at the last draw (0: none yet) */
	bool arrived;               /* the last key moved the focus: the next one is
	                             * the first in the focused field */
	bool closing, saved;
	bool save_waiting;          /* saved while the desk was busy: tried again each quiet second */
	pd_pane *overlay, *next_overlay;
	bool in_overlay;
	/* drafts */
	pd_draft draft;
	bool draft_pending;         /* changed since the draft was last written */
	time_t draft_written;
	time_t draft_tried;     /* the last write tried, written or not */
	long long draft_seen_dv;    /* the desk's version when the row was last known to hold the text */
	bool draft_failed_told;
	char *draft_base;           /* payload lines after the fields' (pd_form_draft_base) */
	/* letters typed on a choice field in quick succession ("mus" for
	 * museum, "em" for email), as UTF-8 */
	char seek[64];
	size_t seek_len;
	const pd_field *seek_field;
	long long seek_at_ms;
};

/* ---- UTF-8 <-> wide characters (locale-free: wchar_t is UCS-4 here) ---- */

static char *wide_to_utf8(const wchar_t *s, size_t n)
{
	char *out = malloc(n * 4 + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < n; i++)
		o += pd_utf8_encode((uint32_t)s[i], out + o);
	out[o] = '\0';
	return out;
}

static bool field_reserve(pd_field *fld, size_t need)
{
	if (need <= fld->cap)
		return true;
	size_t cap = fld->cap ? fld->cap : 32;
	while (cap < need)
		cap *= 2;
	wchar_t *t = realloc(fld->text, cap * sizeof *t);
	if (!t)
		return false;
	fld->text = t;
	fld->cap = cap;
	return true;
}

void pd_field_set(pd_field *fld, const char *utf8)
{
	fld->len = fld->cur = fld->hscroll = fld->top = 0;
	if (!utf8)
		return;
	size_t n = strlen(utf8);
	if (!field_reserve(fld, n + 1))
		return;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += pd_utf8_decode(utf8 + i, n - i, &cp);
		fld->text[fld->len++] = (wchar_t)cp;
	}
	fld->cur = fld->len;
}

char *pd_field_get(const pd_field *fld)
{
	if (fld->kind == PD_FIELD_CHOICE)
		return pd_strdup(fld->choice < fld->choices.n ? fld->choices.v[fld->choice] : "");
	return wide_to_utf8(fld->text, fld->len);
}

/* ---- editing ---- */

bool pd_field_insert(pd_field *fld, wchar_t c)
{
	if (fld->readonly || fld->kind == PD_FIELD_CHOICE)
		return false;
	if (c == L'\n' && fld->kind != PD_FIELD_LONG)
		return false;
	if (!field_reserve(fld, fld->len + 1))
		return false;
	memmove(fld->text + fld->cur + 1, fld->text + fld->cur, (fld->len - fld->cur) * sizeof(wchar_t));
	fld->text[fld->cur++] = c;
	fld->len++;
	return true;
}

static void field_cut(pd_field *fld, size_t from, size_t to)
{
	memmove(fld->text + from, fld->text + to, (fld->len - to) * sizeof(wchar_t));
	fld->len -= to - from;
	fld->cur = from;
}

/* The cursor moves and deletes by what the reader sees as one character
 * (a grapheme cluster: "w" + COMBINING CIRCUMFLEX, a Hangul syllable in
 * jamo, a flag, an emoji with its skin tone), never into one: Backspace
 * that took only the mark left a stray "w" behind. */
static size_t cluster_before(const pd_field *fld, size_t at)
{
	return pd_grapheme_prev_wcs(fld->text, fld->len, at);
}

static size_t cluster_after(const pd_field *fld, size_t at)
{
	return pd_grapheme_next_wcs(fld->text, fld->len, at);
}

bool pd_field_backspace(pd_field *fld)
{
	if (fld->readonly || fld->cur == 0 || fld->kind == PD_FIELD_CHOICE)
		return false;
	field_cut(fld, cluster_before(fld, fld->cur), fld->cur);
	return true;
}

bool pd_field_delete(pd_field *fld)
{
	if (fld->readonly || fld->cur >= fld->len || fld->kind == PD_FIELD_CHOICE)
		return false;
	size_t at = fld->cur;
	field_cut(fld, at, cluster_after(fld, at));
	return true;
}

bool pd_field_word_delete(pd_field *fld)
{
	if (fld->readonly || fld->cur == 0 || fld->kind == PD_FIELD_CHOICE)
		return false;
	size_t i = fld->cur;
	while (i > 0 && iswspace((wint_t)fld->text[i - 1]) && fld->text[i - 1] != L'\n')
		i--;
	while (i > 0 && !iswspace((wint_t)fld->text[i - 1]))
		i--;
	if (i == fld->cur)   /* only a newline before the cursor: join the lines */
		i--;
	/* a mark on the blank before the word goes with its blank */
	field_cut(fld, pd_grapheme_start_wcs(fld->text, fld->len, i), fld->cur);
	return true;
}

static size_t line_start(const pd_field *fld, size_t at)
{
	while (at > 0 && fld->text[at - 1] != L'\n')
		at--;
	return at;
}

static size_t line_end(const pd_field *fld, size_t at)
{
	while (at < fld->len && fld->text[at] != L'\n')
		at++;
	return at;
}

bool pd_field_kill_start(pd_field *fld)
{
	if (fld->readonly || fld->kind == PD_FIELD_CHOICE)
		return false;
	size_t s = line_start(fld, fld->cur);
	if (s == fld->cur)
		return false;
	field_cut(fld, s, fld->cur);
	return true;
}

bool pd_field_kill_end(pd_field *fld)
{
	if (fld->readonly || fld->kind == PD_FIELD_CHOICE)
		return false;
	size_t e = line_end(fld, fld->cur);
	if (e == fld->cur)
		return false;
	size_t at = fld->cur;
	field_cut(fld, at, e);
	return true;
}

void pd_field_left(pd_field *fld)
{
	if (fld->kind == PD_FIELD_CHOICE) {
		if (fld->choices.n && !fld->readonly)
			fld->choice = (fld->choice + fld->choices.n - 1) % fld->choices.n;
		return;
	}
	fld->cur = cluster_before(fld, fld->cur);
}

void pd_field_right(pd_field *fld)
{
	if (fld->kind == PD_FIELD_CHOICE) {
		if (fld->choices.n && !fld->readonly)
			fld->choice = (fld->choice + 1) % fld->choices.n;
		return;
	}
	fld->cur = cluster_after(fld, fld->cur);
}

void pd_field_home(pd_field *fld)
{
	fld->cur = line_start(fld, fld->cur);
}

void pd_field_end(pd_field *fld)
{
	fld->cur = line_end(fld, fld->cur);
}

void pd_field_choice_show(pd_field *fld, const char *value, const char *shown)
{
	long at = value ? pd_strv_find(&fld->choices, value) : -1;
	if (at < 0 || !shown)
		return;
	/* choices may have grown (pd_form_set_value) since the last call */
	while (fld->shown.n <= (size_t)at)
		if (!pd_strv_push(&fld->shown, ""))
			return;
	pd_set_str(&fld->shown.v[at], shown);
}

const char *pd_field_choice_text(const pd_field *fld, size_t i)
{
	if (i >= fld->choices.n)
		return "";
	if (i < fld->shown.n && fld->shown.v[i] && fld->shown.v[i][0])
		return fld->shown.v[i];
	return fld->choices.v[i];
}

bool pd_field_choice_seek(pd_field *fld, const char *prefix, bool here)
{
	if (fld->kind != PD_FIELD_CHOICE || fld->readonly || !fld->choices.n || !prefix || !*prefix)
		return false;
	char *want = pd_fold(prefix);
	if (!want)
		return false;
	size_t wl = strlen(want);
	bool found = false;
	for (size_t k = here ? 0 : 1; k <= fld->choices.n && !found; k++) {
		size_t i = (fld->choice + k) % fld->choices.n;
		char *have = pd_fold(pd_field_choice_text(fld, i));
		if (have && strncmp(have, want, wl) == 0) {
			fld->choice = i;
			found = true;
		}
		free(have);
	}
	free(want);
	return found;
}

/* As pd_field_date; *err says why not (left alone when it is a date), and
 * *either_way whether it is a day and month that may be either way round
 * (03/12/2026). */
static bool field_date_why(const pd_field *fld, time_t now, char out[PD_DATE_LEN], pd_error *err,
	bool *either_way)
{
	out[0] = '\0';
	char *s = pd_field_get(fld);
	if (!s)
		return false;
	pd_trim(s);
	bool ok = true;
	if (*s)
		ok = pd_date_parse(s, now, out, err);
	if (either_way)
		*either_way = !ok && pd_date_either_way(s);
	free(s);
	if (!ok)
		out[0] = '\0';
	return ok;
}

static bool field_beyond_year(const pd_field *fld, time_t now, char out[PD_DATE_LEN])
{
	char *s = pd_field_get(fld);
	bool beyond = s && pd_date_beyond_year(s, now, out);
	free(s);
	return beyond;
}

/* "fri 5 dec" when 5 December is a Saturday: out that day. */
static bool field_weekday_clash(const pd_field *fld, time_t now, char out[PD_DATE_LEN])
{
	char *s = pd_field_get(fld);
	bool clash = s && pd_date_weekday_clash(s, now, out);
	free(s);
	return clash;
}

/* "tommorow": the date word meant put right into fixed, its date in out. */
static bool field_typo(const pd_field *fld, time_t now, char fixed[32], char out[PD_DATE_LEN])
{
	char *s = pd_field_get(fld);
	bool typo = s && pd_date_typo(s, now, fixed, out);
	free(s);
	return typo;
}

/* "3/12", 3 December or 12 March: both readings, day first in one. */
static bool field_day_or_month(const pd_field *fld, time_t now, char one[PD_DATE_LEN],
	char other[PD_DATE_LEN])
{
	char *s = pd_field_get(fld);
	bool either = s && pd_date_day_or_month(s, now, one, other);
	free(s);
	return either;
}

bool pd_field_date(const pd_field *fld, time_t now, char out[PD_DATE_LEN])
{
	return field_date_why(fld, now, out, NULL, NULL);
}

/* Display columns of one character as the draw routine shows it, so the
 * cursor is where the text is: a bidi override is an eight-column
 * "<U+202E>" there, not the zero columns wcwidth gives it. */
static int char_cols(wchar_t c)
{
	return pd_draw_char_width((uint32_t)c);
}

static int cols_between(const pd_field *fld, size_t from, size_t to)
{
	int n = 0;
	for (size_t i = from; i < to && i < fld->len; i++)
		n += char_cols(fld->text[i]);
	return n;
}

/* ---- the form ---- */

pd_form *pd_form_new(struct pd_app *app, const char *title, const pd_form_ops *ops, void *ctx)
{
	pd_form *f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	f->app = app;
	f->title = pd_strdup(title);
	f->ops = ops;
	f->ctx = ctx;
	if (ops->draft_name)
		f->draft.form = pd_strdup(ops->draft_name);
	/* The note is begun now: its draft says so however late it is first
	 * written (a busy desk), and "now" in it means this moment. */
	struct pd_db *db = pd_app_db(app);
	pd_time_format(db ? pd_db_now(db) : time(NULL), f->draft.created);
	return f;
}

static void field_finish(pd_field *fld)
{
	free(fld->key);
	free(fld->label);
	free(fld->text);
	pd_strv_clear(&fld->choices);
	free(fld->choices.v);
	pd_strv_clear(&fld->shown);
	free(fld->shown.v);
	free(fld->alone);
}

static void overlay_destroy(pd_pane *p)
{
	if (p && p->ops->destroy)
		p->ops->destroy(p);
}

void pd_form_free(pd_form *f)
{
	if (!f)
		return;
	overlay_destroy(f->overlay);
	overlay_destroy(f->next_overlay);
	for (size_t i = 0; i < f->n; i++)
		field_finish(&f->fields[i]);
	free(f->fields);
	if (f->ops->destroy_ctx)
		f->ops->destroy_ctx(f->ctx);
	pd_draft_finish(&f->draft);
	free(f->draft_base);
	free(f->title);
	free(f->title_tail);
	free(f);
}

pd_field *pd_form_add(pd_form *f, pd_field_kind kind, const char *key, const char *label, const char *value)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 8;
		pd_field *v = realloc(f->fields, cap * sizeof *v);
		if (!v)
			return NULL;
		f->fields = v;
		f->cap = cap;
	}
	pd_field *fld = &f->fields[f->n++];
	memset(fld, 0, sizeof *fld);
	fld->kind = kind;
	fld->key = pd_strdup(key);
	fld->label = pd_strdup(label);
	fld->rows = kind == PD_FIELD_LONG ? 4 : 1;
	if (kind != PD_FIELD_CHOICE)
		pd_field_set(fld, value);
	return fld;
}

pd_field *pd_form_add_choice(pd_form *f, const char *key, const char *label, const pd_strv *choices, const char *value)
{
	pd_field *fld = pd_form_add(f, PD_FIELD_CHOICE, key, label, NULL);
	if (!fld)
		return NULL;
	for (size_t i = 0; choices && i < choices->n; i++)
		pd_strv_push(&fld->choices, choices->v[i]);
	if (value) {
		long at = pd_strv_find(&fld->choices, value);
		if (at < 0) {
			pd_strv_push(&fld->choices, value);
			at = (long)fld->choices.n - 1;
		}
		fld->choice = (size_t)at;
	}
	return fld;
}

void pd_form_add_tick(pd_form *f, const char *key, size_t i, const char *section, const char *item,
                      bool ticked, const char *note)
{
	char off[512], on[512], k[128];
	snprintf(off, sizeof off, PD_FORM_UNTICKED "%s", item);
	snprintf(on, sizeof on, PD_FORM_TICKED "%s", item);
	pd_strv choices = {0};
	pd_strv_push(&choices, off);
	pd_strv_push(&choices, on);
	snprintf(k, sizeof k, "%s.%zu", key, i);
	pd_form_add_choice(f, k, i == 0 ? section : "", &choices, ticked ? on : off);
	pd_strv_clear(&choices);
	free(choices.v);
	snprintf(k, sizeof k, "%s_note.%zu", key, i);
	pd_form_add(f, PD_FIELD_TEXT, k, "  note", note);
}

pd_field *pd_form_field(pd_form *f, const char *key)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->fields[i].key, key) == 0)
			return &f->fields[i];
	return NULL;
}

size_t pd_form_count(const pd_form *f) { return f->n; }
pd_field *pd_form_at(pd_form *f, size_t i) { return i < f->n ? &f->fields[i] : NULL; }
struct pd_app *pd_form_app(pd_form *f) { return f->app; }
void *pd_form_ctx(pd_form *f) { return f->ctx; }
bool pd_form_dirty(const pd_form *f) { return f->dirty; }

void pd_form_set_dirty(pd_form *f, bool dirty)
{
	f->dirty = dirty;
	if (dirty)
		f->draft_pending = true;
}

void pd_form_set_title(pd_form *f, const char *title)
{
	pd_set_str(&f->title, title);
}

void pd_form_set_title_tail(pd_form *f, const char *tail)
{
	pd_set_str(&f->title_tail, tail && *tail ? tail : NULL);
}

void pd_form_focus(pd_form *f, const char *key)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->fields[i].key, key) == 0) {
			f->focus = i;
			f->arrived = true;
		}
}

const char *pd_form_focused_key(const pd_form *f)
{
	return f->n ? f->fields[f->focus].key : NULL;
}

char *pd_form_value(pd_form *f, const char *key)
{
	pd_field *fld = pd_form_field(f, key);
	if (!fld)
		return NULL;
	char *s = pd_field_get(fld);
	if (s && !*pd_trim(s)) {
		free(s);
		s = NULL;
	}
	return s;
}

void pd_form_set_value(pd_form *f, const char *key, const char *value)
{
	pd_field *fld = pd_form_field(f, key);
	if (!fld)
		return;
	if (fld->kind == PD_FIELD_CHOICE) {
		if (!value)
			return;
		long at = pd_strv_find(&fld->choices, value);
		if (at < 0) {
			pd_strv_push(&fld->choices, value);
			at = (long)fld->choices.n - 1;
		}
		fld->choice = (size_t)at;
		return;
	}
	fld->offer = false;     /* a draft's or a stored value, not an offer */
	pd_field_set(fld, value);
}

bool pd_form_notes_fit(pd_form *f, const char *key, pd_error *err)
{
	char *v = pd_form_value(f, key);   /* trimmed, as it is saved */
	size_t n = v ? strlen(v) : 0;
	free(v);
	if (n <= PD_NOTES_MAX)
		return true;
	pd_form_focus(f, key);
	char save[32], editor[32], name[80];
	pd_keymap_first(pd_app_keymap(f->app), PD_ACT_SAVE, save, sizeof save);
	pd_keymap_first(pd_app_keymap(f->app), PD_ACT_EDITOR, editor, sizeof editor);
	pd_utf8_fit(name, sizeof name, pd_app_editor_name(), 60);
	return pd_error_set(err, PD_ERR_INVALID, "%s: %zu bytes, %zu more than it holds (%u): shorten it "
	                    "(%s edits it in %s), then %s saves", pd_form_field(f, key)->label, n,
	                    n - PD_NOTES_MAX, PD_NOTES_MAX, editor[0] ? editor : "the editor key", name,
	                    save[0] ? save : "the save key");
}

bool pd_form_reach_fit(pd_form *f, const char *key, pd_reach what, const char *was, pd_error *err)
{
	char *v = pd_form_value(f, key);   /* trimmed, as it is saved */
	char *before = pd_strdup(was ? was : "");
	char why[sizeof err->msg];
	bool fits = !v || (before && strcmp(v, pd_trim(before)) == 0)
	            || pd_reach_check(what, v, why, sizeof why);
	free(v);
	free(before);
	if (fits)
		return true;
	pd_form_focus(f, key);
	return pd_error_set(err, PD_ERR_INVALID, "%s", why);
}

void pd_form_message(pd_form *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pd_vformat(f->message, sizeof f->message, fmt, ap);
	va_end(ap);
	f->message_kept = false;
}

void pd_form_note(pd_form *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pd_vformat(f->message, sizeof f->message, fmt, ap);
	va_end(ap);
	f->message_kept = true;
}

void pd_form_set_overlay(pd_form *f, pd_pane *overlay)
{
	if (!overlay)
		return;
	overlay->win = NULL;
	if (f->in_overlay) {   /* the running overlay is replaced once it returns */
		overlay_destroy(f->next_overlay);
		f->next_overlay = overlay;
		return;
	}
	overlay_destroy(f->overlay);
	f->overlay = overlay;
}

void pd_form_close(pd_form *f, bool saved)
{
	f->closing = true;
	f->saved = saved;
}

/* ---- drafts ---- */

void pd_payload_put(pd_strbuf *b, const char *key, const char *value)
{
	pd_strbuf_put(b, key, strlen(key));
	pd_strbuf_put(b, "=", 1);
	for (const char *s = value; s && *s; s++) {
		if (*s == '\\' || *s == '\n' || *s == '\r')
			pd_strbuf_put(b, *s == '\\' ? "\\\\" : *s == '\n' ? "\\n" : "\\r", 2);
		else
			pd_strbuf_put(b, s, 1);
	}
	pd_strbuf_put(b, "\n", 1);
}

char *pd_form_serialize(pd_form *f)
{
	pd_strbuf b = {0};
	pd_strbuf_put(&b, "", 0);
	for (size_t i = 0; i < f->n; i++) {
		char *v = pd_field_get(&f->fields[i]);
		pd_payload_put(&b, f->fields[i].key, v);
		free(v);
	}
	if (f->draft_base)
		pd_strbuf_put(&b, f->draft_base, strlen(f->draft_base));
	if (b.failed) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

void pd_form_draft_base(pd_form *f, const char *lines)
{
	char *copy = lines ? strdup(lines) : NULL;
	if (lines && !copy)
		return;   /* out of memory: the draft keeps the base it had */
	/* A base changed under a draft (a conflict met) is written with it;
	 * the first one set waits for typing, as the fields do. */
	if (f->draft_base && (!copy || strcmp(f->draft_base, copy) != 0) && f->dirty)
		f->draft_pending = true;
	free(f->draft_base);
	f->draft_base = copy;
}

/* The value of `key` in one payload line [s, e), unescaped; NULL if the
 * line is another key's. */
static char *payload_line_value(const char *s, const char *e, const char *key)
{
	size_t kl = strlen(key);
	if ((size_t)(e - s) <= kl || strncmp(s, key, kl) != 0 || s[kl] != '=')
		return NULL;
	s += kl + 1;
	char *out = malloc((size_t)(e - s) + 1), *o = out;
	if (!out)
		return NULL;
	for (; s < e; s++) {
		if (*s == '\\' && s + 1 < e) {
			s++;
			*o++ = *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

/* How long opening a draft waits to mark it as this session's before it
 * opens anyway (a colleague's import holds the desk). */
#define CLAIM_WAIT_MS 200

bool pd_drafts_take(pd_db *db, const pd_draft *d, pd_error *err)
{
	/* err may be NULL, as everywhere; the busy case is told apart. */
	pd_error own = {0};
	if (!err)
		err = &own;
	pd_db_busy_wait(db, CLAIM_WAIT_MS);
	bool taken = pd_draft_claim(db, d, err) || err->code == PD_ERR_BUSY;
	pd_db_busy_wait(db, -1);
	return taken;
}

char *pd_payload_get(const char *payload, const char *key)
{
	for (const char *s = payload; s && *s;) {
		const char *e = strchr(s, '\n');
		if (!e)
			e = s + strlen(s);
		char *v = payload_line_value(s, e, key);
		if (v)
			return v;
		s = *e ? e + 1 : e;
	}
	return NULL;
}

void pd_form_deserialize(pd_form *f, const char *payload)
{
	for (size_t i = 0; i < f->n; i++) {
		char *v = pd_payload_get(payload, f->fields[i].key);
		if (v)
			pd_form_set_value(f, f->fields[i].key, v);
		free(v);
	}
}

void pd_form_draft_target(pd_form *f, int64_t partner_id, int64_t target_id, int64_t target_version)
{
	f->draft.partner_id = partner_id;
	f->draft.target_id = target_id;
	f->draft.target_version = target_version;
}

time_t pd_form_begun(const pd_form *f)
{
	time_t t;
	return pd_time_parse(f->draft.created, &t) ? t : time(NULL);
}

void pd_form_draft_adopt(pd_form *f, const pd_draft *d)
{
	f->draft.id = d->id;
	if (d->created[0])
		memcpy(f->draft.created, d->created, sizeof f->draft.created);
	pd_form_draft_target(f, d->partner_id, d->target_id, d->target_version);
	pd_form_deserialize(f, d->payload);
	f->dirty = true;
	/* What the row holds, as of now: else the first quiet second takes
	 * it for a row a restore emptied, and writes it again for nothing. */
	char *held = d->payload ? strdup(d->payload) : NULL;
	if (held) {
		free(f->draft.payload);
		f->draft.payload = held;
		struct pd_db *db = pd_app_db(f->app);
		f->draft_seen_dv = db ? pd_db_data_version(db) : 0;
	}
}

static void draft_write(pd_form *f, int wait_ms);

/* The form's fields as they stand, into its draft's text; false when out
 * of memory (the draft keeps the text it had). */
static bool draft_take_text(pd_form *f)
{
	char *payload = pd_form_serialize(f);
	if (!payload)
		return false;
	free(f->draft.payload);
	f->draft.payload = payload;
	return true;
}

void pd_form_draft_flush(pd_form *f)
{
	/* Leaving (the terminal gone), a draft the desk does not take at once
	 * is handed to the app on the way out (draft_leave), which waits. */
	draft_write(f, DRAFT_WAIT_MS);
}

static void draft_write(pd_form *f, int wait_ms)
{
	if (!f->ops->draft_name || !f->draft_pending)
		return;
	struct pd_db *db = pd_app_db(f->app);
	if (!db)
		return;
	if (!draft_take_text(f))
		return;
	pd_error err = {0};
	f->draft_tried = time(NULL);
	if (pd_draft_save_within(db, &f->draft, wait_ms, &err)) {
		f->draft_pending = false;
		f->draft_written = time(NULL);
		f->draft_seen_dv = pd_db_data_version(db);   /* our own writes leave it */
		if (f->draft_failed_told && !f->message_kept)
			f->message[0] = '\0';
		f->draft_failed_told = false;
	} else if (!f->draft_failed_told) {
		/* Keep typing possible; the text stays here and the next quiet
		 * second tries again. Said once. */
		f->draft_failed_told = true;
		if (f->message_kept)
			;   /* what a save said matters more */
		else if (err.code == PD_ERR_BUSY)
			pd_form_message(f, "another program is writing; the text is kept here, the draft saved later");
		else
			pd_form_message(f, "could not keep a draft: %s", err.msg);
	}
}

/* On a quiet second: a pending draft is written; an unchanged one gets its
 * heartbeat, so that other windows know it is still being typed. */
static void draft_tick(pd_form *f)
{
	if (f->draft_pending) {
		pd_form_draft_flush(f);
		return;
	}
	struct pd_db *db = pd_app_db(f->app);
	time_t now = time(NULL);
	if (!db || !f->draft.id)
		return;
	pd_error err = {0};
	/* Any commit by another connection, a colleague's draft included: a
	 * restore writes no audit entry. */
	long long dv = pd_db_data_version(db);
	if (dv >= 0 && dv != f->draft_seen_dv) {
		/* Someone else wrote: a restore may have put a copy under
		 * the window without this row, or with older text in it. Asked
		 * now, not at the next heartbeat, so that a crash meanwhile
		 * does not lose what the row no longer holds. */
		bool holds = true;
		if (pd_draft_holds(db, &f->draft, &holds, &err)) {
			f->draft_seen_dv = dv;
			if (!holds) {
				f->draft_pending = true;
				pd_form_draft_flush(f);
				return;
			}
		}
	}
	if (now - f->draft_written < PD_DRAFT_HEARTBEAT_SECONDS)
		return;
	if (pd_draft_touch(db, &f->draft, DRAFT_WAIT_MS, &err))
		f->draft_written = now;
	else if (err.code == PD_ERR_NOTFOUND)
		/* The row is not this note's any more (a restore put a copy
		 * under the window, or another session took it up): the next
		 * quiet second writes the text afresh. */
		f->draft_pending = true;
}

/* The form goes without a save or a discard (the program is ending): the
 * draft is written and left for the next start to offer back, by the app,
 * which waits for a busy desk after the screen is gone. */
static void draft_leave(pd_form *f)
{
	if (!f->ops->draft_name || !pd_app_db(f->app))
		return;
	/* Written or not, the text goes along: should the row turn out not to
	 * be this note's any more (a restore), it is written afresh from it.
	 * With no memory to put the fields together again (a session ends
	 * when memory is short), the text as last put together goes: at most
	 * a few seconds' typing behind, and maybe in no row yet (a busy desk),
	 * it is more than nothing. */
	if (!draft_take_text(f) && !f->draft.payload)
		return;
	pd_app_draft_leave(f->app, &f->draft, f->draft_pending);
	f->draft_pending = false;
}

/* Discarded or saved: the draft goes, now or once the desk lets it (the
 * app keeps trying), and is never offered again. */
static void draft_discard(pd_form *f)
{
	f->draft_pending = false;
	f->save_waiting = false;
	if (f->draft.id && pd_app_db(f->app))
		pd_app_draft_discard(f->app, &f->draft);
	f->draft.id = 0;
}

static void typed(pd_form *f)
{
	f->dirty = true;
	f->draft_pending = true;
	/* "the draft waits" stays up until the draft is written */
	if (!f->draft_failed_told && !f->message_kept)
		f->message[0] = '\0';
	/* From the last try, not the last success: while another program
	 * holds the lock every key would otherwise wait DRAFT_WAIT_MS (a
	 * 200-character paste, ten seconds of a frozen screen). */
	if (time(NULL) - f->draft_tried >= DRAFT_EVERY_SECONDS)
		pd_form_draft_flush(f);
}

/* ---- drawing ---- */

int pd_form_width(int cols)
{
	/* On a narrow terminal the form takes the whole width rather than
	 * leave a sliver of the view behind it showing. */
	return cols > 90 ? 84 : cols;
}

/* The title in a box's top rule, its text in at most `room` columns:
 * `tail` (may be NULL) whole after `title`, which is shortened for it
 * while a few columns of it can show. */
static void box_title(WINDOW *w, const pd_theme *th, int y, int x, int room, const char *title, const char *tail)
{
	if (!title || room < 1)
		return;
	int tw = tail ? pd_draw_width(tail) : 0;
	int hw = room - tw >= 4 ? room - tw : room;
	wattron(w, pd_theme_attr(th, "title"));
	mvwaddch(w, y, x + 2, ' ');
	int used = pd_draw_text(w, y, x + 3, title, hw, false);
	if (tail && used < room)
		used += pd_draw_text(w, y, x + 3 + used, tail, room - used, false);
	waddch(w, ' ');
	wattroff(w, pd_theme_attr(th, "title"));
}

void pd_form_box_title(WINDOW *w, const pd_theme *th, int y, int x, int wd, const char *title, const char *tail)
{
	box_title(w, th, y, x, wd - 6, title, tail);
}

void pd_form_box(WINDOW *w, const pd_theme *th, int want_h, int want_w, const char *title, int *y, int *x, int *h, int *wd)
{
	int rows, cols;
	getmaxyx(w, rows, cols);
	*h = want_h < rows ? want_h : rows;
	*wd = want_w < cols ? want_w : cols;
	*y = (rows - *h) / 2;
	*x = (cols - *wd) / 2;
	for (int r = 0; r < *h; r++)
		mvwhline(w, *y + r, *x, ' ', *wd);
	if (*h >= 2 && *wd >= 2) {
		pd_draw_frame(w, *y, *x, *h, *wd);
	}
	box_title(w, th, *y, *x, *wd - 6, title, NULL);
}

static int field_height(const pd_field *fld)
{
	return fld->hidden ? 0 : fld->kind == PD_FIELD_LONG ? fld->rows : 1;
}

/* How many of the fields [from, to) are shown: what a scroll mark counts. */
static size_t shown_between(const pd_form *f, size_t from, size_t to)
{
	size_t n = 0;
	for (size_t i = from; i < to && i < f->n; i++)
		n += !f->fields[i].hidden;
	return n;
}

/* Draws the characters [from, to) of a field at (y, x) in width columns;
 * a long field's row shows a TAB as blank to its next tab stop, as the
 * wrap rule counts it. */
static void draw_span(WINDOW *w, int y, int x, const pd_field *fld, size_t from, size_t to, int width)
{
	char *s = wide_to_utf8(fld->text + from, to > from ? to - from : 0);
	if (fld->kind == PD_FIELD_LONG)
		pd_draw_text_tabs(w, y, x, s ? s : "", width, true);
	else
		pd_draw_text(w, y, x, s ? s : "", width, true);
	free(s);
}

/* One line field; returns the cursor column. One the focus has left
 * shows its start ("Community programmes coordina…"), not the end it was
 * scrolled to for typing ("unity programmes ... district"). */
static int draw_line(WINDOW *w, int y, int x, pd_field *fld, int width, bool focused)
{
	if (width < 2)
		return x;
	if (!focused) {
		draw_span(w, y, x, fld, 0, fld->len, width);
		return x;
	}
	if (fld->cur < fld->hscroll)
		fld->hscroll = fld->cur;
	/* Scrolled on by whole clusters: the shown part never starts with a
	 * mark or a skin tone cut from its letter. One walk, however far. */
	int over = cols_between(fld, fld->hscroll, fld->cur) - (width - 1);
	if (over > 0) {
		pd_grapheme g = {0};
		size_t i = fld->hscroll;
		pd_grapheme_starts(&g, (uint32_t)fld->text[i]);
		while (i < fld->cur && over > 0) {
			over -= char_cols(fld->text[i++]);
			while (i < fld->cur && !pd_grapheme_starts(&g, (uint32_t)fld->text[i]))
				over -= char_cols(fld->text[i++]);
		}
		fld->hscroll = i;
	}
	draw_span(w, y, x, fld, fld->hscroll, fld->len, width);
	return x + cols_between(fld, fld->hscroll, fld->cur);
}

/* A long field as cells for the wrapping rule; NULL when out of memory. */
static pd_wrap_cell *field_cells(const pd_field *fld)
{
	pd_wrap_cell *c = malloc((fld->len ? fld->len : 1) * sizeof *c);
	if (!c)
		return NULL;
	pd_grapheme g = {0};
	for (size_t i = 0; i < fld->len; i++) {
		wchar_t ch = fld->text[i];
		c[i].kind = pd_wrap_kind_of((uint32_t)ch);
		c[i].width = ch == L'\n' ? 0 : char_cols(ch);
		c[i].joined = !pd_grapheme_starts(&g, (uint32_t)ch);
		/* A TAB kept from a paste is blank to the next tab stop, a
		 * place a row may end, like a space. */
		c[i].tab = ch == L'\t';
		if (c[i].tab)
			c[i].kind = PD_WRAP_SPACE;
	}
	return c;
}

/* A long field wrapped at word boundaries into rows of `width` columns;
 * cur_row and cur_col place the cursor (cur_row may be one past the last
 * row, after spaces hanging at the end). Returns the row count, 0 when out
 * of memory; *cells and *rows are allocated. */
static size_t wrap_rows(const pd_field *fld, int width, pd_wrap_cell **cells, pd_wrap_row **rows,
	size_t *cur_row, int *cur_col)
{
	*rows = NULL;
	*cur_row = 0;
	*cur_col = 0;
	*cells = field_cells(fld);
	if (!*cells)
		return 0;
	size_t n = pd_wrap_rows(*cells, fld->len, width, rows);
	if (n == 0) {
		free(*cells);
		*cells = NULL;
		return 0;
	}
	pd_wrap_cursor(*cells, fld->len, *rows, n, width, fld->cur, cur_row, cur_col);
	return n;
}

/* follow: scroll the field so that its cursor row is shown. */
static void draw_long(WINDOW *w, int y, int x, pd_field *fld, int width, bool follow, int *cy, int *cx)
{
	pd_wrap_cell *cells;
	pd_wrap_row *rows_of_text;
	size_t cur_row;
	int cur_col;
	/* One column is kept for the cursor after a full row. */
	size_t n = wrap_rows(fld, width - 1, &cells, &rows_of_text, &cur_row, &cur_col);
	size_t rows = (size_t)fld->rows;
	if (follow && cur_row < fld->top)
		fld->top = cur_row;
	if (follow && cur_row >= fld->top + rows)
		fld->top = cur_row - rows + 1;
	for (size_t r = 0; r < rows; r++) {
		size_t row = fld->top + r;
		if (row < n)
			draw_span(w, y + (int)r, x, fld, rows_of_text[row].start, rows_of_text[row].end, width);
		else
			pd_draw_text(w, y + (int)r, x, "", width, true);
	}
	*cy = y + (int)(cur_row - fld->top);
	*cx = x + cur_col;
	free(rows_of_text);
	free(cells);
}

/* Up/Down inside a long field: false at the first/last row (the focus then moves). */
static bool long_vertical(pd_field *fld, int width, int dir)
{
	pd_wrap_cell *cells;
	pd_wrap_row *rows;
	size_t cur_row;
	int cur_col;
	size_t n = wrap_rows(fld, width - 1, &cells, &rows, &cur_row, &cur_col);
	bool moved = false;
	if (n > 0 && ((dir < 0 && cur_row > 0) || (dir > 0 && cur_row + 1 < n))) {
		size_t r = dir < 0 ? cur_row - 1 : cur_row + 1;
		size_t i = rows[r].start, e = pd_wrap_row_last(cells, fld->len, rows, n, r);
		int col = 0;
		/* Whole clusters: a mark stays with its letter, a skin tone
		 * with its emoji. */
		while (i < e) {
			size_t j = i + 1;
			int w = pd_wrap_cell_width(&cells[i], col);
			while (j < e && cells[j].joined)
				w += cells[j++].width;
			if (col + w > cur_col)
				break;
			col += w;
			i = j;
		}
		fld->cur = i;
		moved = true;
	}
	free(rows);
	free(cells);
	return moved;
}

static int label_width(const pd_form *f)
{
	int lw = 0;
	for (size_t i = 0; i < f->n; i++) {
		int l = pd_draw_width(f->fields[i].label);
		if (l > lw)
			lw = l;
	}
	return lw > 16 ? 16 : lw;
}

/* The value column's width in a box of width wd. */
static int value_width(const pd_form *f, int wd)
{
	return wd - 2 - label_width(f) - 3;
}

static void draw_choice(WINDOW *w, int y, int x, const pd_field *fld, int width, bool focused)
{
	const char *v = pd_field_choice_text(fld, fld->choice);
	if (!focused) {
		pd_draw_text(w, y, x, v, width, true);
		return;
	}
	char buf[256];
	snprintf(buf, sizeof buf, "< %s >", v);
	pd_draw_text(w, y, x, buf, width, true);
}

static void draw_date(WINDOW *w, int y, int x, pd_field *fld, int width, int *cx)
{
	/* Room beside the text for " = Fri 2026-11-20, past". */
	int tw = width > 40 ? width - 24 : width / 2;
	*cx = draw_line(w, y, x, fld, tw, true);
	char date[PD_DATE_LEN], today[PD_DATE_LEN], fixed[32];
	char note[64];
	time_t now = time(NULL);
	bool either = false;
	if (fld->len == 0) {
		note[0] = '\0';
	} else if (field_date_why(fld, now, date, NULL, &either)) {
		pd_date_today(now, today);
		/* Said while it is typed: a follow-up or review already past
		 * shows as overdue the moment it is saved. */
		snprintf(note, sizeof note, " = %s %s%s", pd_date_weekday_abbr(date), date,
		         !fld->past_ok && strcmp(date, today) < 0 ? ", past" : "");
	} else if (field_beyond_year(fld, now, date)) {
		/* "feb 29" in November 2026: refused, the one it would be
		 * named, to be typed if it is meant. */
		snprintf(note, sizeof note, " ? next: %s %s", pd_date_weekday_abbr(date), date);
	} else if (field_weekday_clash(fld, now, date)) {
		/* Which of the two was misheard is the user's to say: the
		 * day named, with the weekday it has. */
		snprintf(note, sizeof note, " ? %s is %s", date, pd_date_weekday_abbr(date));
	} else if (field_day_or_month(fld, now, date, today)) {
		/* "3/12": both readings, for the user to type the one meant
		 * ("dec 3") before Ctrl-S says so. */
		char one[16], other[16];
		pd_date_day_month(date, one);
		pd_date_day_month(today, other);
		snprintf(note, sizeof note, " ? %s or %s?", one, other);
	} else if (field_typo(fld, now, fixed, date)) {
		/* "tommorow": the word meant, in as much room as there is. */
		snprintf(note, sizeof note, " ? did you mean \"%s\"?", fixed);
		if ((int)strlen(note) > width - tw)
			snprintf(note, sizeof note, " ? \"%s\"?", fixed);
	} else {
		snprintf(note, sizeof note, " ? %s", either ? "day or month first?" : "not a date");
	}
	pd_draw_text(w, y, x + tw, note, width - tw, true);
}

/* A call's When as it reads, beside what was typed: "last fri 3pm" is
 * seen to be Fri 2026-11-20 15:00 before it is saved. "now", or nothing,
 * needs no saying. */
static void draw_when(WINDOW *w, int y, int x, pd_field *fld, int width, bool focused, int *cx)
{
	int tw = width > 40 ? width - 25 : width / 2;
	*cx = draw_line(w, y, x, fld, tw, focused);
	char *s = pd_field_get(fld);
	char note[64] = "";
	if (s && *pd_trim(s) && pd_ascii_casecmp(s, "now") != 0) {
		char iso[PD_TIME_LEN], local[PD_MINUTE_LEN];
		pd_error why = {0};
		const char *meant = NULL;
		if (pd_when_parse(s, time(NULL), iso, &why)) {
			char day[PD_DATE_LEN];
			pd_time_local_minute(iso, local);
			pd_time_local_date(iso, day);
			snprintf(note, sizeof note, " = %s %s", pd_date_weekday_abbr(day), local);
		} else if ((meant = strstr(why.msg, "did you mean '")) != NULL) {
			/* "yesterdy 3pm": the words meant, as the save would ask. */
			meant += strlen("did you mean '");
			int n = (int)strcspn(meant, "'");
			snprintf(note, sizeof note, " ? \"%.*s\"?", n > 40 ? 40 : n, meant);
		} else if (strstr(why.msg, "' may be ")) {
			snprintf(note, sizeof note, " ? day or month first?");
		} else {
			snprintf(note, sizeof note, " ? not a time");
		}
	}
	free(s);
	pd_draw_text(w, y, x + tw, note, width - tw, true);
}

/* Rows the fields first..last (inclusive) take. */
static int rows_of(const pd_form *f, size_t first, size_t last)
{
	int n = 0;
	for (size_t i = first; i <= last && i < f->n; i++)
		n += field_height(&f->fields[i]);
	return n;
}

/* Picks the first field shown in `avail` rows: the focused field is on
 * screen, whole when it fits (a taller long field is cut to what there is,
 * its cursor row kept in view by draw_long); the form scrolls no further
 * than that; and no rows are left empty at the bottom while fields above
 * are hidden, as after the terminal grew. */
static void form_scroll(pd_form *f, int avail)
{
	if (f->n == 0) {
		f->first = 0;
		return;
	}
	if (f->focus < f->first)
		f->first = f->focus;
	while (f->first < f->focus && rows_of(f, f->first, f->focus) > avail)
		f->first++;
	while (f->first > 0 && rows_of(f, f->first - 1, f->n - 1) <= avail)
		f->first--;
}

/* "↓ 3 more" in a box's rule at row y, ending two columns before its
 * right corner; ASCII outside UTF-8, as the rules are. Returns the columns
 * it took (0 when there was no room). */
static int scroll_mark(WINDOW *w, const pd_theme *th, int y, int x, int wd, bool up, size_t n)
{
	char mark[48];
	bool utf8 = pd_locale_utf8();
	snprintf(mark, sizeof mark, " %s %zu more ", up ? (utf8 ? "\u2191" : "^") : (utf8 ? "\u2193" : "v"), n);
	int mw = pd_draw_width(mark);
	if (mw > wd - 4)
		return 0;
	int attr = pd_theme_attr(th, "dim");
	wattron(w, attr);
	pd_draw_text(w, y, x + wd - 2 - mw, mark, mw, false);
	wattroff(w, attr);
	return mw;
}

/* Draws field i with its label at `row` in `rows` rows (fewer than a long
 * field has when the form is cut off there); *cy, *cx get the cursor when
 * it is the focused field. */
static void draw_field(WINDOW *w, const pd_theme *th, pd_form *f, size_t i, int row, int rows,
	int lx, int lw, int vx, int vw, int *cy, int *cx)
{
	pd_field *fld = &f->fields[i];
	bool me = i == f->focus;
	int attr = me ? pd_theme_attr(th, "selected") : (int)A_NORMAL;
	wattron(w, attr);
	pd_draw_text(w, row, lx, fld->label, lw, true);
	wattroff(w, attr);
	mvwaddstr(w, row, lx + lw, ": ");
	int c = vx, r = row;
	switch (fld->kind) {
	case PD_FIELD_TEXT:
		if (fld->when)
			draw_when(w, row, vx, fld, vw, me, &c);
		else
			c = draw_line(w, row, vx, fld, vw, me);
		break;
	case PD_FIELD_DATE:
		draw_date(w, row, vx, fld, vw, &c);
		break;
	case PD_FIELD_CHOICE:
		draw_choice(w, row, vx, fld, vw, me);
		break;
	case PD_FIELD_LONG: {
		/* Cut short: the focused field keeps its cursor row in view;
		 * another shows its first rows from where it was scrolled to. */
		bool cut = rows < fld->rows;
		int keep_rows = fld->rows;
		fld->rows = rows;
		draw_long(w, row, vx, fld, vw, me || !cut, &r, &c);
		fld->rows = keep_rows;
		break;
	}
	}
	if (me) {
		*cy = r;
		*cx = c;
	}
}

static pd_field *focused_field(pd_form *f);

/* The form's keys as the keymap binds them (config `keys:` included), so
 * the hint never names a key that does something else; the editor key only
 * on a long text field (elsewhere it says the field is short), and on a
 * choice what goes through the choices, which typing does not. */
static void form_hint(pd_form *f, char *buf, size_t len)
{
	static const struct {
		pd_action a;
		const char *what;
	} keys[] = {
		{PD_ACT_NEXT_PANE, "next"}, {PD_ACT_PREV_PANE, "prev"}, {PD_ACT_SAVE, "save"},
		{PD_ACT_CANCEL, "cancel"}, {PD_ACT_EDITOR, "editor"},
	};
	const pd_keymap *km = pd_app_keymap(f->app);
	const pd_field *fld = focused_field(f);
	size_t o = 0;
	buf[0] = '\0';
	if (fld && fld->kind == PD_FIELD_CHOICE && !fld->readonly && fld->choices.n > 1) {
		int n = snprintf(buf, len, "Space/Left/Right choose");
		if (n > 0 && (size_t)n < len)
			o = (size_t)n;
	}
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		char k[32];
		if (keys[i].a == PD_ACT_EDITOR && (!fld || fld->kind != PD_FIELD_LONG))
			continue;
		pd_keymap_first(km, keys[i].a, k, sizeof k);
		if (!k[0])
			continue;
		int n = snprintf(buf + o, len - o, "%s%s %s", o ? "  " : "", k, keys[i].what);
		if (n < 0 || (size_t)n >= len - o)
			break;
		o += (size_t)n;
	}
	/* The call key (the phone rings mid-form) only where the row has room
	 * for it: the keys of the form itself are never pushed to a second
	 * row by it. The names are ASCII, so bytes are columns. */
	char k[32];
	pd_keymap_first(km, PD_ACT_CALL, k, sizeof k);
	if (k[0] && f->hint_cols > 0 && o + 2 + strlen(k) + 5 <= (size_t)f->hint_cols && o + 2 + strlen(k) + 5 < len)
		snprintf(buf + o, len - o, "%s%s call", o ? "  " : "", k);
}

/* The hints, or the question Esc asked. */
static void form_keys(pd_pane *p, char *buf, size_t len)
{
	pd_form *f = p->state;
	if (f->asking_cancel)
		snprintf(buf, len, "Discard what you typed?\nC-x: discard   any other key: keep typing");
	else
		form_hint(f, buf, len);
}

/* For the too-small screen: what the form says (why a save was refused,
 * "the note is empty"), then its keys. */
static void form_keys_said(pd_pane *p, char *buf, size_t len)
{
	pd_form *f = p->state;
	/* A dialog over the form (the conflict, the picker, the help) is
	 * what the keys answer now: its way out, not the form's. */
	if (f->overlay) {
		buf[0] = '\0';
		if (f->overlay->ops->keys)
			f->overlay->ops->keys(f->overlay, buf, len);
		return;
	}
	/* Wrapped over rows of their own here, the keys have room for the
	 * call key whatever width the form's own row had when last drawn: a
	 * form opened while the screen is too small was never drawn, and
	 * left C-t unsaid. */
	char keys[160];
	int cols = f->hint_cols;
	f->hint_cols = (int)sizeof keys;
	form_keys(p, keys, sizeof keys);
	f->hint_cols = cols;
	/* The question Esc asked stands alone: what it answers is the form. */
	if (f->asking_cancel) {
		snprintf(buf, len, "%s", keys);
		return;
	}
	/* Which form, and the field the keys type into: typing on blind, a
	 * follow-up date went into the note, or a note into Follow up. */
	const pd_field *fld = focused_field(f);
	char where[160] = "", title[400];
	if (fld && fld->label && *fld->label)
		pd_format(where, sizeof where, "cursor in %s  ", fld->label);
	pd_format(title, sizeof title, "%s%s", f->title ? f->title : "", f->title_tail ? f->title_tail : "");
	/* One newline parts the question from its keys (pd_draw_parts). */
	for (char *c = title; *c; c++)
		if (*c == '\n')
			*c = ' ';
	pd_format(buf, len, "%s\n%s%s", f->message[0] ? f->message : title, where, keys);
}

static void form_draw(pd_pane *p, WINDOW *w, bool focused)
{
	const pd_theme *th = pd_app_theme(p->app);
	pd_form *f = p->state;
	int cols = getmaxx(w);
	/* The message wraps: its end is often what to do ("C-s again ..."). */
	int box_w = pd_form_width(cols) < cols ? pd_form_width(cols) : cols;
	int mrows = 1;
	if (f->message[0] && box_w > 4) {
		mrows = pd_draw_wrap(NULL, 0, 0, f->message, box_w - 4, 0, 0);
		mrows = mrows < 1 ? 1 : mrows > MESSAGE_ROWS ? MESSAGE_ROWS : mrows;
	}
	/* The hints, or the question Esc asked, on two rows where one is
	 * too short (60 columns): never cut before what a key does. */
	char hint[160];
	f->hint_cols = box_w - 4;
	form_keys(p, hint, sizeof hint);
	int hrows = box_w > 4 ? pd_draw_parts(NULL, 0, 0, hint, box_w - 4, 0) : 1;
	hrows = hrows < 1 ? 1 : hrows > 2 ? 2 : hrows;
	int need = 2 + mrows + hrows;   /* borders, message, hints */
	for (size_t i = 0; i < f->n; i++)
		need += field_height(&f->fields[i]);
	int y, x, h, wd;
	pd_form_box(w, th, need, pd_form_width(cols), NULL, &y, &x, &h, &wd);
	int lw = label_width(f);
	int vw = value_width(f, wd);
	int vx = x + 1 + lw + 3;
	int avail = h - 2 - mrows - hrows;     /* rows for fields */
	if (vw < 4 || avail < 1) {
		pd_draw_text(w, 0, 0, "terminal too small for this form", cols, true);
		return;
	}
	form_scroll(f, avail);
	int cy = -1, cx = -1;
	int row = y + 1, bottom = y + 1 + avail;
	size_t below = 0;
	for (size_t i = f->first; i < f->n; i++) {
		if (f->fields[i].hidden)
			continue;
		int fh = field_height(&f->fields[i]);
		int rows = bottom - row < fh ? bottom - row : fh;
		if (rows < 1) {
			below = shown_between(f, i, f->n);
			break;
		}
		draw_field(w, th, f, i, row, rows, x + 2, lw, vx, vw, &cy, &cx);
		if (rows < fh) {
			/* cut off: it counts as hidden unless it is the one being
			 * typed in, whose cursor is in view */
			below = shown_between(f, i, f->n) - (i == f->focus ? 1 : 0);
			break;
		}
		row += fh;
	}
	/* Marks in the rules, so that no field row is given up for them. */
	size_t above = shown_between(f, 0, f->first);
	int up_w = above > 0 ? scroll_mark(w, th, y, x, wd, true, above) : 0;
	box_title(w, th, y, x, wd - 6 - (up_w ? up_w + 1 : 0), f->title, f->title_tail);
	if (below > 0)
		scroll_mark(w, th, y + h - 1, x, wd, false, below);
	if (f->asking_cancel)
		wattron(w, A_BOLD);
	pd_draw_parts(w, y + h - 1 - hrows, x + 2, hint, wd - 4, hrows);
	wattroff(w, A_BOLD);
	if (f->message[0]) {
		wattron(w, pd_theme_attr(th, "error"));
		pd_draw_wrap(w, y + h - 1 - hrows - mrows, x + 2, f->message, wd - 4, mrows, 0);
		wattroff(w, pd_theme_attr(th, "error"));
	}
	if (f->overlay) {
		f->overlay->win = w;
		f->overlay->ops->draw(f->overlay, w, focused);
		return;
	}
	if (focused && cy >= 0 && !f->asking_cancel) {
		if (cx >= cols)
			cx = cols - 1;
		wmove(w, cy, cx);
		pd_app_show_cursor(f->app);
	}
}

/* ---- keys ---- */

static pd_field *focused_field(pd_form *f)
{
	return f->n ? &f->fields[f->focus] : NULL;
}

static void focus_move(pd_form *f, int dir)
{
	if (!f->n)
		return;
	if (f->draft_pending)
		pd_form_draft_flush(f);
	size_t start = f->focus;
	do {
		f->focus = dir < 0 ? (f->focus + f->n - 1) % f->n : (f->focus + 1) % f->n;
	} while ((f->fields[f->focus].readonly || f->fields[f->focus].hidden) && f->focus != start);
	f->arrived = true;
}

/* The first character typed or pasted in a field just arrived at whose
 * value is an offer takes its place (pd_field.offer). */
static void take_offer(pd_field *fld, bool arrived)
{
	if (arrived && fld && fld->offer && fld->kind != PD_FIELD_CHOICE && !fld->readonly)
		pd_field_set(fld, "");
}

/* The width a long field is drawn in, for Up/Down. */
static int current_value_width(pd_form *f, pd_pane *p)
{
	int cols = 80;
	if (p->win)
		cols = getmaxx(p->win);
	int wd = pd_form_width(cols);
	return value_width(f, wd);
}

static void do_save(pd_form *f)
{
	/* Dates first, so a typo is named before anything is written. */
	for (size_t i = 0; i < f->n; i++) {
		char d[PD_DATE_LEN];
		pd_error why = {0};
		bool either = false;
		if (f->fields[i].kind == PD_FIELD_DATE && !f->fields[i].hidden &&
		    !field_date_why(&f->fields[i], time(NULL), d, &why, &either)) {
			f->focus = i;
			char fixed[32], other[PD_DATE_LEN];
			if (either || field_beyond_year(&f->fields[i], time(NULL), d) ||
			    field_weekday_clash(&f->fields[i], time(NULL), d) ||
			    field_day_or_month(&f->fields[i], time(NULL), d, other) ||
			    field_typo(&f->fields[i], time(NULL), fixed, d))
				pd_form_message(f, "%s: %s", f->fields[i].label, why.msg);
			else
				pd_form_message(f, "%s: not a date (try 2026-12-01, today, tomorrow, fri, dec 3, "
					"+3d, +2w, +1m, end of month)", f->fields[i].label);
			return;
		}
	}
	f->message_kept = false;
	f->save_waiting = false;
	pd_error err = {0};
	struct pd_db *db = pd_app_db(f->app);
	if (db)
		pd_db_busy_wait(db, SAVE_WAIT_MS);
	bool saved = f->ops->save(f, &err);
	if (db)
		pd_db_busy_wait(db, -1);
	if (saved) {
		pd_form_close(f, true);
		return;
	}
	if (err.code == PD_ERR_BUSY) {
		/* A colleague's import can hold the file for minutes: the form
		 * stays, typing goes on, and each quiet second tries the save
		 * again (form_tick) with what is typed by then. */
		f->save_waiting = true;
		pd_form_draft_flush(f);
		const char *path = db ? pd_db_path(db) : "the database";
		const char *base = strrchr(path, '/');
		pd_form_note(f, "Not saved yet: the desk is busy (someone else, an import?, is writing to %s). "
		             "It is saved as soon as it is free, with what you type meanwhile.",
		             base ? base + 1 : path);
		return;
	}
	if (err.code == PD_ERR_CONFLICT && f->ops->conflict) {
		pd_form_draft_flush(f);
		f->ops->conflict(f);
		return;
	}
	if (f->message_kept)
		return;   /* the save left a note of its own, to stay while typing */
	pd_form_message(f, "%s", err.msg[0] ? err.msg : "could not save");
	/* What changed meanwhile and what a second save does stays in view. */
	f->message_kept = err.code == PD_ERR_CONFLICT;
}

void pd_form_save_now(pd_form *f)
{
	do_save(f);
}

static void edit_in_editor(pd_form *f)
{
	pd_field *fld = focused_field(f);
	if (!fld || fld->kind != PD_FIELD_LONG) {
		char k[32], name[80];
		pd_keymap_first(pd_app_keymap(f->app), PD_ACT_EDITOR, k, sizeof k);
		pd_utf8_fit(name, sizeof name, pd_app_editor_name(), 60);
		pd_form_message(f, "%s edits a long text field in %s; this one is short", k, name);
		return;
	}
	pd_form_draft_flush(f);
	char *text = pd_field_get(fld);
	if (!text)
		return;
	/* Handed over as a text file, ending in the newline taken off again
	 * below: a line the editor adds (a script's >>, vi's o at the end)
	 * starts a line of its own instead of ending the last one typed. */
	size_t len = strlen(text);
	if (len && text[len - 1] != '\n') {
		char *nl = realloc(text, len + 2);
		if (!nl) {
			free(text);
			return;
		}
		text = nl;
		memcpy(text + len, "\n", 2);
	}
	pd_error err = {0};
	if (pd_app_edit_text(f->app, &text, &err)) {
		/* Editors end files with a newline nobody typed. */
		size_t n = strlen(text);
		while (n > 0 && text[n - 1] == '\n')
			text[--n] = '\0';
		pd_field_set(fld, text);
		fld->offer = false;
		typed(f);
		pd_form_draft_flush(f);
	} else {
		pd_form_message(f, "%s", err.msg[0] ? err.msg : "the editor failed; the text is as it was");
	}
	free(text);
}

/* The keymap alone decides: a key the config took from an action (save:
 * [C-w]) no longer does it, and C-w no longer deletes a word. */
static bool is_key(const pd_event *ev, pd_action a)
{
	return ev->action == a;
}

/* One character of a bracketed paste: text in the focused field, whatever
 * it is (a TAB moves nowhere, a letter picks no choice). A one-line field
 * takes a TAB or a newline as a space. */
static bool paste_char(pd_form *f, pd_field *fld, wint_t c)
{
	if (!fld)
		return false;
	if (fld->kind == PD_FIELD_CHOICE) {
		pd_form_message(f, "a paste goes into a text field; this one is a choice");
		return false;
	}
	if (fld->readonly) {
		pd_form_message(f, "this field cannot be changed here");
		return false;
	}
	if (fld->kind != PD_FIELD_LONG && (c == L'\n' || c == L'\t'))
		c = L' ';
	return pd_field_insert(fld, (wchar_t)c);
}

static unsigned close_flags(pd_form *f)
{
	if (f->saved) {
		draft_discard(f);
		return PD_PANE_HANDLED | PD_PANE_CLOSE | PD_PANE_RELOAD | PD_PANE_REDRAW;
	}
	return PD_PANE_HANDLED | PD_PANE_CLOSE | PD_PANE_REDRAW;
}

/* Whether choice starts with the same letter as run, case aside. */
static bool same_first_letter(const char *run, const char *choice)
{
	char *a = pd_fold(run), *b = pd_fold(choice);
	uint32_t cp;
	size_t n = a && *a ? pd_utf8_decode(a, strlen(a), &cp) : 0;
	bool same = n && b && strlen(b) >= n && memcmp(a, b, n) == 0;
	free(a);
	free(b);
	return same;
}

/* The choice a run of letters is a near typo of ("libary", "evnt"), made
 * the field's; false when none is near. Only one word of letters, from
 * the first letter of the choice it guesses: text typed in the wrong
 * field ("thursday" meant for Follow up, "sent the form" for the Note)
 * was taken for other and event, "tomorrow" on Kind for zoo. */
static bool choice_near(pd_field *fld, const char *run)
{
	/* Below four letters most words are a letter or two off several
	 * choices: no guess that changes the field unseen. */
	size_t chars = 0;
	for (const char *c = run; *c; c++) {
		if ((unsigned char)*c < 0x80 && !pd_ascii_isalpha((unsigned char)*c))
			return false;
		chars += ((unsigned char)*c & 0xc0) != 0x80;
	}
	size_t limit = pd_suggest_near(chars);
	if (limit == 0)
		return false;
	/* The one choice nearest within that many edits, not pd_suggest's
	 * wider reach for config keys: that took "directly" on Stage for
	 * date, "should" on Kind for school, "expect" on Channel for event. */
	size_t best = 0, best_d = limit + 1;
	bool tie = false;
	for (size_t i = 0; i < fld->choices.n; i++) {
		const char *text = pd_field_choice_text(fld, i);
		size_t d = pd_suggest_distance(run, text, limit);
		if (d < best_d) {
			best = i;
			best_d = d;
			tie = false;
		} else if (d == best_d && d <= limit) {
			tie = true;
		}
	}
	if (best_d > limit || tie || !same_first_letter(run, pd_field_choice_text(fld, best)))
		return false;
	fld->choice = best;
	return true;
}

/* A letter typed on a choice field. Letters typed within a second of each
 * other are one word, the start of the choice wanted ("mus" is museum,
 * not the science center the s alone would pick; "ev" is event, not
 * visit), or a choice typed a letter or two off ("libary", "evnt"); the
 * same letter again goes on to the next choice starting with it. A word
 * that fits no choice picks nothing more, never a choice by a letter of
 * it alone: that read "libary" as archive (its a), and text typed in the
 * wrong field ("in 2 weeks" on Channel) as email, then event. Only a
 * pause, an arrow or another field starts a new word. */
static bool choice_typed(pd_form *f, pd_field *fld, wint_t wch)
{
	long long now = pd_ui_now_ms();
	if (f->seek_field != fld || now - f->seek_at_ms > 1000)
		f->seek_len = 0;
	f->seek_field = fld;
	f->seek_at_ms = now;
	char one[5] = {0};
	size_t n = pd_utf8_encode((uint32_t)wch, one);
	if (!n)
		return false;
	if (f->seek_len == n && memcmp(f->seek, one, n) == 0)
		return pd_field_choice_seek(fld, one, false);
	if (f->seek_len + n >= sizeof f->seek)
		return false;
	memcpy(f->seek + f->seek_len, one, n);
	f->seek_len += n;
	f->seek[f->seek_len] = '\0';
	if (pd_field_choice_seek(fld, f->seek, f->seek_len > n))
		return true;
	return choice_near(fld, f->seek);
}

/* Whether letters typed on fld a moment ago still spell a choice: a space
 * then is one of them ("science c" is science center, "civic g" civic
 * group), not a step to the next choice, which turned a kind or a stage
 * typed in words into another one. */
static bool choice_word_going(const pd_form *f, const pd_field *fld)
{
	return f->seek_field == fld && f->seek_len > 0 && pd_ui_now_ms() - f->seek_at_ms <= 1000;
}

static void no_other_choice(pd_form *f, const pd_field *fld)
{
	if (fld->alone)
		pd_form_message(f, "%s", fld->alone);
	else
		pd_form_message(f, "%s is chosen, not typed, and has no other choice here", fld->label);
}

/* Left/Right or Space on a choice field: an edit only when the choice
 * changed, so stepping round a field of one choice leaves the form clean
 * (Esc then closes it without asking to discard). */
static bool choice_step(pd_form *f, pd_field *fld, int dir)
{
	size_t was = fld->choice;
	if (dir < 0)
		pd_field_left(fld);
	else
		pd_field_right(fld);
	if (fld->choice != was)
		return true;
	if (!fld->readonly)
		no_other_choice(f, fld);
	return false;
}

static unsigned form_handle(pd_pane *p, const pd_event *ev)
{
	pd_form *f = p->state;
	/* The phone rings while the form's keys (F1) or a conflict are up:
	 * the call goes over the whole form, which has them again, as they
	 * were, once it is logged; help names the key there. Not from a
	 * picker: a partner is being chosen, as often as not the caller's. */
	if (f->overlay && is_key(ev, PD_ACT_CALL) && strcmp(f->overlay->ops->name, "picker") != 0)
		return PD_PANE_IGNORED;
	if (f->overlay) {
		f->in_overlay = true;
		unsigned r = f->overlay->ops->handle(f->overlay, ev);
		f->in_overlay = false;
		if (r & PD_PANE_CLOSE) {
			overlay_destroy(f->overlay);
			f->overlay = f->next_overlay;
			f->next_overlay = NULL;
		} else if (f->next_overlay) {
			overlay_destroy(f->overlay);
			f->overlay = f->next_overlay;
			f->next_overlay = NULL;
		}
		if (f->closing)
			return close_flags(f);
		return PD_PANE_HANDLED | PD_PANE_REDRAW | (r & PD_PANE_RELOAD);
	}
	if (f->asking_cancel) {
		/* On the phone an Esc is pressed by mistake and the typing goes
		 * on: only a key no typing produces (Ctrl-X) discards. Esc or
		 * Ctrl-C again keeps the text; any other key goes on into the
		 * form as if nothing was asked (so "yes and..." after a stray
		 * Esc, or Alt-y, types "yes and..."). */
		f->asking_cancel = false;
		if (!ev->is_char && ev->key == KEY_CTRL('x')) {
			draft_discard(f);
			f->closing = true;
			return PD_PANE_HANDLED | PD_PANE_CLOSE | PD_PANE_REDRAW;
		}
		if (is_key(ev, PD_ACT_CANCEL))
			return PD_PANE_HANDLED | PD_PANE_REDRAW;
	}
	pd_field *fld = focused_field(f);
	unsigned done = PD_PANE_HANDLED | PD_PANE_REDRAW;
	bool edited = false;
	/* Whether this key is the first in the field focused; a key that moves
	 * the focus again sets it anew. */
	bool arrived = f->arrived;
	f->arrived = false;
	/* Any other key (Tab away and back, an arrow) ends a typed word. */
	if (!ev->is_char || ev->pasted || !fld || fld->kind != PD_FIELD_CHOICE)
		f->seek_len = 0;

	if (ev->pasted) {
		take_offer(fld, arrived);
		edited = paste_char(f, fld, ev->wch);
	} else if (ev->is_char && fld) {
		if (fld->kind == PD_FIELD_CHOICE && fld->readonly) {
			/* a fixed choice: nothing to type */
		} else if (fld->kind == PD_FIELD_CHOICE) {
			if (ev->wch == L' ' && !choice_word_going(f, fld)) {
				edited = choice_step(f, fld, +1);
			} else {
				edited = choice_typed(f, fld, ev->wch);
				/* a letter no choice starts with would vanish unseen */
				if (!edited && fld->choices.n < 2)
					no_other_choice(f, fld);
				else if (!edited)
					/* Not Space: straight after a letter it is one
					 * more of the letters, and steps nowhere. */
					pd_form_message(f, "%s is chosen, not typed: Left/Right go through the choices",
					                fld->label);
			}
		} else {
			take_offer(fld, arrived);
			edited = pd_field_insert(fld, (wchar_t)ev->wch);
		}
	} else if (is_key(ev, PD_ACT_SAVE)) {
		do_save(f);
	} else if (is_key(ev, PD_ACT_CANCEL)) {
		if (f->dirty && !pd_app_closing(f->app))
			f->asking_cancel = true;
		else
			return PD_PANE_HANDLED | PD_PANE_CLOSE | PD_PANE_REDRAW;
	} else if (is_key(ev, PD_ACT_EDITOR)) {
		edit_in_editor(f);
	} else if (is_key(ev, PD_ACT_CALL)) {
		/* The phone rings mid-form: the app logs the call in a form of
		 * its own over this one, which keeps what was typed (and its
		 * draft) and has the keys again when that one closes. Before,
		 * the only ways to the caller were saving half an edit or
		 * discarding it. */
		return PD_PANE_IGNORED;
	} else if (is_key(ev, PD_ACT_HELP)) {
		/* F1, or help's other key that types no text (? is typed text
		 * here): the keys of forms, over the form. */
		pd_form_set_overlay(f, pd_help_create(f->app, "form"));
	} else if (is_key(ev, PD_ACT_NEXT_PANE)) {
		focus_move(f, +1);
	} else if (is_key(ev, PD_ACT_PREV_PANE)) {
		focus_move(f, -1);
	} else if (!fld) {
		return PD_PANE_HANDLED;
	} else {
		switch (ev->key) {
		case KEY_LEFT:
			if (fld->kind == PD_FIELD_CHOICE)
				edited = choice_step(f, fld, -1);
			else
				pd_field_left(fld);
			break;
		case KEY_RIGHT:
			if (fld->kind == PD_FIELD_CHOICE)
				edited = choice_step(f, fld, +1);
			else
				pd_field_right(fld);
			break;
		case KEY_HOME: case KEY_CTRL('a'): pd_field_home(fld); break;
		case KEY_END: pd_field_end(fld); break;
		case KEY_BACKSPACE: case 127: case KEY_CTRL('h'): edited = pd_field_backspace(fld); break;
		case KEY_DC: case KEY_CTRL('d'): edited = pd_field_delete(fld); break;
		case KEY_CTRL('w'): edited = pd_field_word_delete(fld); break;
		case KEY_CTRL('u'): edited = pd_field_kill_start(fld); break;
		case KEY_CTRL('k'): edited = pd_field_kill_end(fld); break;
		case KEY_UP:
			if (fld->kind != PD_FIELD_LONG || !long_vertical(fld, current_value_width(f, p), -1))
				focus_move(f, -1);
			break;
		case KEY_DOWN:
			if (fld->kind != PD_FIELD_LONG || !long_vertical(fld, current_value_width(f, p), +1))
				focus_move(f, +1);
			break;
		case '\n': case '\r': case KEY_ENTER:
			if (fld->kind == PD_FIELD_LONG)
				edited = pd_field_insert(fld, L'\n');
			else
				focus_move(f, +1);
			break;
		default:
			done = PD_PANE_HANDLED;   /* a modal form swallows the rest */
			break;
		}
	}
	if (fld && edited)
		fld->offer = false;     /* what is there now was typed */
	if (edited) {
		typed(f);
		if (f->ops->changed)
			f->ops->changed(f, fld ? fld->key : NULL);
	}
	if (f->closing)
		return close_flags(f);
	return done;
}

static void form_flush(pd_pane *p)
{
	pd_form *f = p->state;
	draft_tick(f);
}

/* A quiet second: a save the desk held up is tried again, unless the
 * person is being asked something (a discard, a conflict, a partner). */
static unsigned form_tick(pd_pane *p)
{
	pd_form *f = p->state;
	if (!f->save_waiting || f->overlay || f->asking_cancel || f->closing)
		return 0;
	do_save(f);
	if (f->closing)
		return close_flags(f);
	return PD_PANE_REDRAW;
}

static void form_resize(pd_pane *p, int rows, int cols)
{
	pd_form *f = p->state;
	if (f->overlay && f->overlay->ops->resize)
		f->overlay->ops->resize(f->overlay, rows, cols);
}

/* Others wrote: a partner picker over the form (whose note is this?)
 * reads its rows anew, as the merge picker does, and keeps its selection
 * on its partner. The form's own fields are checked at the save. */
static void form_reload(pd_pane *p)
{
	pd_form *f = p->state;
	if (f->overlay && f->overlay->ops->reload)
		f->overlay->ops->reload(f->overlay);
}

static void form_destroy(pd_pane *p)
{
	if (!p)
		return;
	pd_form *f = p->state;
	/* Leaving without a save or a discard (the terminal went away): the
	 * draft is what the next start offers back. */
	if (f && !f->closing)
		draft_leave(f);
	pd_form_free(f);
	free(p);
}

static const pd_action form_help[] = {
	PD_ACT_NEXT_PANE, PD_ACT_PREV_PANE, PD_ACT_SAVE, PD_ACT_CANCEL, PD_ACT_EDITOR,
};

static const pd_action *form_help_actions(const pd_pane *p, size_t *n)
{
	*n = sizeof form_help / sizeof form_help[0];
	return form_help;
}

/* The partner the form's work is for (its draft's), 0 for a new one: a
 * draft reopened at start is not for the list's selection, and the list
 * follows it there once saved (drafts.c). */
static int64_t form_selected(const pd_pane *p)
{
	const pd_form *f = p->state;
	return f ? f->draft.partner_id : 0;
}

static const pd_pane_ops form_ops;

void pd_form_told(pd_pane *p, const char *msg)
{
	if (!p || p->ops != &form_ops || !msg || !*msg)
		return;
	pd_form *f = p->state;
	if (f && !f->message_kept)
		pd_form_message(f, "%s", msg);
}

static const pd_pane_ops form_ops = {
	.name = "form",
	.draw = form_draw,
	.handle = form_handle,
	.resize = form_resize,
	.reload = form_reload,
	.flush = form_flush,
	.tick = form_tick,
	.destroy = form_destroy,
	.help_actions = form_help_actions,
	.keys = form_keys_said,
	.selected = form_selected,
};

/* Ctrl-S saves, but under cbreak() the tty's XON/XOFF flow control takes
 * it (and freezes the output until Ctrl-Q). Turned off in the program's
 * terminal mode only, so the shell's own mode comes back at exit. This
 * belongs with the loop's terminal set-up; it is harmless to do twice. */
static void flow_control_off(void)
{
	struct termios tio;
	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &tio) != 0 || !(tio.c_iflag & IXON))
		return;
	tio.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
	if (tcsetattr(STDIN_FILENO, TCSANOW, &tio) == 0)
		def_prog_mode();
}

pd_pane *pd_form_pane(pd_form *f)
{
	if (!f)
		return NULL;
	flow_control_off();
	pd_pane *p = calloc(1, sizeof *p);
	if (!p) {
		pd_form_free(f);
		return NULL;
	}
	p->ops = &form_ops;
	p->state = f;
	p->app = f->app;
	return p;
}

pd_partner *pd_form_partner_get(struct pd_app *app, int64_t partner_id)
{
	if (!partner_id) {
		pd_app_status(app, "no partner selected");
		return NULL;
	}
	pd_error err = {0};
	pd_partner *p = pd_partner_get(pd_app_db(app), partner_id, &err);
	if (!p)
		pd_app_status(app, "%s", err.msg);
	return p;
}

void pd_form_label_list_add(char *buf, size_t size, const char *label)
{
	size_t n = strlen(buf);
	if (n + 1 >= size)
		return;
	/* Cut on a character's edge where it is too long for its room: a
	 * message ending in half a character would draw it as U+FFFD. */
	size_t room = size - 1 - n, sep = n ? 2 : 0;
	if (sep > room)
		sep = room;
	memcpy(buf + n, ", ", sep);
	n += sep;
	size_t k = pd_utf8_cut(label, strlen(label), room - sep);
	memcpy(buf + n, label, k);
	buf[n + k] = '\0';
}
