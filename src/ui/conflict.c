/* The conflict dialog: someone else saved the same row while this person
 * edited it. It shows field by field what differs, theirs vs yours, and
 * lets the person keep theirs, save mine over it, or go back to the form;
 * after a three-way merge it shows only the fields both changed, says what
 * was merged without asking, and t / m settle those fields alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/draw.h"

typedef struct conflict {
	char *what;
	char *merged;          /* after a merge: what was merged without asking; NULL */
	bool merged_mode;      /* rows are the clashes of a three-way merge */
	char **labels, **theirs, **yours;
	size_t n;
	int top;               /* first line of the rows shown */
	int lines, shown;      /* the rows' lines in all and on screen, as last drawn */
	int button;            /* 0 theirs, 1 mine, 2 back */
	void (*done)(void *, pd_conflict_choice);
	void *ctx;
} conflict;

static const char *const buttons[] = {"[t] keep theirs", "[m] save mine over theirs", "[b] back to the form"};
static const char *const merged_buttons[] = {"[t] theirs for these", "[m] mine for these", "[b] back to the form"};

/* Lines a value takes wrapped to width (pd_draw_wrap draws nothing when
 * asked for no rows, and counts them). */
static int wrapped(const char *s, int width)
{
	int n = pd_draw_wrap(NULL, 0, 0, s, width, 0, 0);
	return n > 0 ? n : 1;
}

/* A row is as tall as its longer value wrapped: a difference past the
 * column's edge (a note, a list of offers) is seen, not cut off. */
static int row_lines(const conflict *c, size_t k, int colw)
{
	int t = wrapped(c->theirs[k], colw), y = wrapped(c->yours[k], colw);
	return t > y ? t : y;
}

static void conflict_draw(pd_pane *p, WINDOW *w, bool focused)
{
	const pd_theme *th = pd_app_theme(p->app);
	conflict *c = p->state;
	int rows = getmaxy(w), cols = getmaxx(w);
	int wd0 = pd_form_width(cols);
	if (wd0 > cols)
		wd0 = cols;
	/* The label column fits the longest label, within reason. */
	int lw = 8;
	for (size_t k = 0; k < c->n; k++) {
		int lwk = pd_draw_width(c->labels[k]);
		if (lwk > lw)
			lw = lwk;
	}
	if (lw > 16)
		lw = 16;
	int colw = (wd0 - 4 - lw - 2) / 2;
	if (colw < 4)
		colw = 4;
	int what_lines = pd_draw_wrap(NULL, 0, 0, c->what, wd0 - 4, 0, 0);
	if (what_lines < 1)
		what_lines = 1;
	if (what_lines > 2)
		what_lines = 2;
	int merged_lines = 0;
	if (c->merged) {
		merged_lines = pd_draw_wrap(NULL, 0, 0, c->merged, wd0 - 4, 0, 0);
		if (merged_lines > 3)
			merged_lines = 3;
	}
	c->lines = 0;
	for (size_t k = 0; k < c->n; k++)
		c->lines += row_lines(c, k, colw);
	/* The buttons on as many rows as they need: at 60 columns "[b] back
	 * to the form", the safe way out, was cut to "[b] back to t…". */
	const char *const *bt = c->merged_mode ? merged_buttons : buttons;
	int brows = 1;
	for (int b = 0, used = 0; b < 3; b++) {
		int bw = pd_draw_width(bt[b]);
		if (used && used + 2 + bw > wd0 - 4) {
			brows++;
			used = 0;
		}
		used += (used ? 2 : 0) + bw;
	}
	int want = (c->n ? c->lines : 1) + 5 + brows + what_lines + merged_lines;
	if (want > rows)
		want = rows;
	int y, x, h, wd;
	pd_form_box(w, th, want, wd0, "Changed meanwhile", &y, &x, &h, &wd);
	wattron(w, A_BOLD);
	pd_draw_wrap(w, y + 1, x + 2, c->what, wd - 4, what_lines, 0);
	wattroff(w, A_BOLD);
	if (merged_lines)
		pd_draw_wrap(w, y + 1 + what_lines, x + 2, c->merged, wd - 4, merged_lines, 0);
	int head = y + 1 + what_lines + merged_lines;
	int tx = x + 2 + lw + 1, yx = tx + colw + 1;
	wattron(w, A_UNDERLINE);
	pd_draw_text(w, head, x + 2, "field", lw, true);
	pd_draw_text(w, head, tx, "theirs (saved)", colw, true);
	pd_draw_text(w, head, yx, "yours", colw, true);
	wattroff(w, A_UNDERLINE);
	/* Rows from the line below the header to the "more" line. */
	int list = h - 5 - brows - what_lines - merged_lines;
	if (list < 1)
		list = 1;
	c->shown = list;
	if (c->top > c->lines - list)
		c->top = c->lines - list;
	if (c->top < 0)
		c->top = 0;
	if (c->n == 0)
		pd_draw_text(w, head + 1, x + 2, "(the fields you see are the same; something else changed)", wd - 4, true);
	int line = 0;
	for (size_t k = 0; k < c->n && line < c->top + list; k++) {
		int hk = row_lines(c, k, colw);
		if (line + hk > c->top) {
			int skip = c->top > line ? c->top - line : 0;
			int at = head + 1 + line + skip - c->top;
			int room = c->top + list - (line + skip);
			/* The label stays beside whatever part of its row shows. */
			pd_draw_text(w, at, x + 2, c->labels[k], lw, true);
			pd_draw_wrap(w, at, tx, c->theirs[k], colw, room, skip);
			pd_draw_wrap(w, at, yx, c->yours[k], colw, room, skip);
		}
		line += hk;
	}
	int below = c->lines - c->top - list;
	if (below > 0 || c->top > 0) {
		char more[96];
		if (below > 0)
			snprintf(more, sizeof more, "(%d more line%s: Down/Up scroll)", below, below == 1 ? "" : "s");
		else
			snprintf(more, sizeof more, "(%d line%s above: Up scrolls)", c->top, c->top == 1 ? "" : "s");
		pd_draw_text(w, y + h - 3 - brows, x + 2, more, wd - 4, true);
	}
	int bx = x + 2, by = y + h - 1 - brows;
	for (int b = 0; b < 3; b++) {
		int bw = pd_draw_width(bt[b]);
		if (bx > x + 2 && bx + bw > x + wd - 2 && by + 1 < y + h - 1) {
			by++;
			bx = x + 2;
		}
		int attr = b == c->button ? pd_theme_attr(th, "selected") : (int)A_NORMAL;
		wattron(w, attr);
		bx += pd_draw_text(w, by, bx, bt[b], x + wd - 2 - bx, false);
		wattroff(w, attr);
		bx += 2;
	}
}

/* For the too-small screen: what happened, the fields it is about, and
 * the three ways out, each whole, so that a window squeezed to 40x12
 * still reads how to answer (t, m) or leave (b) the dialog. */
static void conflict_keys(pd_pane *p, char *buf, size_t len)
{
	conflict *c = p->state;
	const char *const *b = c->merged_mode ? merged_buttons : buttons;
	/* One newline parts the question from its keys (pd_draw_parts): one
	 * in a name would part them elsewhere. */
	char what[512], fields[160] = "";
	/* Cut short, so that the keys after it always fit the buffer. */
	pd_utf8_fit(what, sizeof what, c->what, 200);
	for (char *s = what; *s; s++)
		if (*s == '\n')
			*s = ' ';
	for (size_t k = 0; k < c->n; k++) {
		size_t o = strlen(fields);
		pd_format(fields + o, sizeof fields - o, "%s%s", k ? ", " : "fields: ", c->labels[k]);
	}
	/* The ways out before the fields: where rows run short (30x10),
	 * what is cut is the list of fields, not "[b] back to the form". */
	pd_format(buf, len, "%s\n%s  %s  %s%s%s", what, b[0], b[1], b[2], fields[0] ? "  " : "", fields);
}

static unsigned choose(conflict *c, pd_conflict_choice choice)
{
	void (*done)(void *, pd_conflict_choice) = c->done;
	c->done = NULL;
	if (done)
		done(c->ctx, choice);
	return PD_PANE_HANDLED | PD_PANE_CLOSE | PD_PANE_REDRAW;
}

static unsigned conflict_handle(pd_pane *p, const pd_event *ev)
{
	conflict *c = p->state;
	wint_t ch = ev->is_char ? ev->wch : 0;
	if (ch == L't')
		return choose(c, PD_CONFLICT_THEIRS);
	if (ch == L'm')
		return choose(c, PD_CONFLICT_MINE);
	if (ch == L'b' || ch == L'q' || ev->action == PD_ACT_CANCEL || (!ev->is_char && ev->key == 27))
		return choose(c, PD_CONFLICT_BACK);
	if (!ev->is_char && (ev->key == '\n' || ev->key == '\r' || ev->key == KEY_ENTER))
		return choose(c, (pd_conflict_choice)c->button);
	switch (ev->key) {
	case KEY_LEFT: case KEY_BTAB:
		c->button = (c->button + 2) % 3;
		break;
	case KEY_RIGHT: case '\t':
		c->button = (c->button + 1) % 3;
		break;
	case KEY_DOWN:
		if (c->top + c->shown < c->lines)
			c->top++;
		break;
	case KEY_UP:
		if (c->top > 0)
			c->top--;
		break;
	case KEY_NPAGE:
		c->top += c->shown > 1 ? c->shown - 1 : 1;   /* draw clamps it */
		break;
	case KEY_PPAGE:
		c->top -= c->shown > 1 ? c->shown - 1 : 1;
		if (c->top < 0)
			c->top = 0;
		break;
	default:
		break;
	}
	return PD_PANE_HANDLED | PD_PANE_REDRAW;
}

static void conflict_destroy(pd_pane *p)
{
	if (!p)
		return;
	conflict *c = p->state;
	if (c) {
		for (size_t i = 0; i < c->n; i++) {
			free(c->labels[i]);
			free(c->theirs[i]);
			free(c->yours[i]);
		}
		free(c->labels);
		free(c->theirs);
		free(c->yours);
		free(c->what);
		free(c->merged);
		free(c);
	}
	free(p);
}

static const pd_pane_ops conflict_ops = {
	.name = "conflict",
	.draw = conflict_draw,
	.handle = conflict_handle,
	.destroy = conflict_destroy,
	.keys = conflict_keys,
};

pd_pane *pd_conflict_create(struct pd_app *app, const char *what, const pd_conflict_row *rows, size_t n,
	void (*done)(void *ctx, pd_conflict_choice choice), void *ctx)
{
	pd_pane *p = calloc(1, sizeof *p);
	conflict *c = calloc(1, sizeof *c);
	if (!p || !c) {
		free(p);
		free(c);
		return NULL;
	}
	c->labels = calloc(n ? n : 1, sizeof *c->labels);
	c->theirs = calloc(n ? n : 1, sizeof *c->theirs);
	c->yours = calloc(n ? n : 1, sizeof *c->yours);
	c->what = pd_strdup(what ? what : "changed meanwhile");
	c->done = done;
	c->ctx = ctx;
	c->button = 2;   /* the safe default: look again before deciding */
	p->ops = &conflict_ops;
	p->state = c;
	p->app = app;
	if (!c->labels || !c->theirs || !c->yours) {
		conflict_destroy(p);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		c->labels[i] = pd_strdup(rows[i].label ? rows[i].label : "");
		c->theirs[i] = pd_strdup(rows[i].theirs ? rows[i].theirs : "");
		c->yours[i] = pd_strdup(rows[i].yours ? rows[i].yours : "");
		c->n++;
	}
	return p;
}

pd_pane *pd_conflict_create_merged(struct pd_app *app, const char *what, const pd_conflict_row *rows, size_t n,
	const char *merged, void (*done)(void *ctx, pd_conflict_choice choice), void *ctx)
{
	pd_pane *p = pd_conflict_create(app, what, rows, n, done, ctx);
	if (!p)
		return NULL;
	conflict *c = p->state;
	c->merged_mode = true;
	c->merged = merged ? pd_strdup(merged) : NULL;
	return p;
}
