/* The form engine without a terminal: wide-character line editing, the
 * draft payload format, date fields, the form's keys (typing, Tab,
 * Ctrl-S, Esc asking) driven through the pane's handle(), and its drawing
 * into curses windows on /dev/null (scrolling, marks for hidden fields,
 * choice labels). */
#define _GNU_SOURCE
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "../../../src/ui/form.h"
#include "partnerdesk/model/db.h"
#include "partnerdesk/model/draft.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/stage.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/forms.h"
#include "partnerdesk/ui/app.h"
#include <unistd.h>

#include "form_stubs.h"
#include "fail_realloc.h"

static int editor_calls;
static char editor_given[256];   /* the file the editor was handed */

static bool fake_editor(char **text)
{
	editor_calls++;
	snprintf(editor_given, sizeof editor_given, "%s", *text ? *text : "(null)");
	free(*text);
	*text = strdup("from the editor\nsecond line\n");
	return true;
}

static void type(pd_field *f, const wchar_t *s)
{
	for (; *s; s++)
		pd_field_insert(f, *s);
}

static char *get(pd_field *f)
{
	static char buf[1024];
	char *s = pd_field_get(f);
	snprintf(buf, sizeof buf, "%s", s ? s : "(null)");
	free(s);
	return buf;
}

static void test_editing(void)
{
	pd_field f = {.kind = PD_FIELD_TEXT};
	type(&f, L"hello wörld");
	streq(get(&f), "hello wörld", "typing wide characters gives UTF-8 back");
	is(f.len, 11, "eleven characters, not bytes");
	pd_field_left(&f);
	pd_field_left(&f);
	pd_field_insert(&f, L'X');
	streq(get(&f), "hello wörXld", "insert at the cursor after moving left");
	pd_field_home(&f);
	pd_field_delete(&f);
	streq(get(&f), "ello wörXld", "Delete at home removes the first character");
	pd_field_end(&f);
	pd_field_backspace(&f);
	streq(get(&f), "ello wörXl", "Backspace at the end");
	ok(pd_field_word_delete(&f), "C-w deletes");
	streq(get(&f), "ello ", "C-w removes the last word only");
	type(&f, L"a  b   ");
	pd_field_word_delete(&f);
	streq(get(&f), "ello a  ", "C-w skips trailing blanks, then the word");
	pd_field_left(&f);
	pd_field_left(&f);
	pd_field_kill_start(&f);
	streq(get(&f), "  ", "C-u removes up to the cursor");
	is(f.cur, 0, "cursor at the start after C-u");
	pd_field_set(&f, "日本語テキスト");
	is(f.len, 7, "CJK: one character each");
	pd_field_set(&f, "bad \xff byte");
	streq(get(&f), "bad \xef\xbf\xbd byte", "an invalid byte becomes U+FFFD");
	ok(!pd_field_insert(&f, L'\n'), "a one-line field refuses a newline");
	free(f.text);

	pd_field l = {.kind = PD_FIELD_LONG};
	type(&l, L"line one\nline two");
	pd_field_home(&l);
	is(l.cur, 9, "Home goes to the start of the current line");
	pd_field_kill_end(&l);
	streq(get(&l), "line one\n", "C-k removes to the line's end");
	pd_field_word_delete(&l);
	streq(get(&l), "line one", "C-w at a line start joins the lines");
	free(l.text);
}

/* The cursor and Backspace/Delete go by what the reader sees as one
 * character: the field is kept in code points, and a Welsh ŵ typed
 * decomposed, a letter with harakat, a Hangul syllable in jamo, a skin
 * tone, a ZWJ family or a flag is several of them. */
static void test_clusters(void)
{
	pd_field f = {.kind = PD_FIELD_TEXT};
	pd_field_set(&f, "Rhw\xcc\x82yl");   /* Rhŵyl, w + U+0302 */
	pd_field_left(&f);
	pd_field_left(&f);
	pd_field_left(&f);
	is(f.cur, 2, "Left x3 from the end of Rhŵyl: before the ŵ, not between w and its mark");
	pd_field_right(&f);
	is(f.cur, 4, "Right: over w and its mark at once");
	pd_field_backspace(&f);
	streq(get(&f), "Rhyl", "Backspace after ŵ takes the letter with its mark, no stray w");
	pd_field_set(&f, "Rhw\xcc\x82yl");
	f.cur = 2;
	pd_field_delete(&f);
	streq(get(&f), "Rhyl", "Delete before ŵ takes it whole");

	pd_field_set(&f, "\xd8\xa8\xd9\x8e\xd8\xa7\xd8\xa8");   /* بَاب */
	pd_field_left(&f);
	pd_field_left(&f);
	is(f.cur, 2, "Arabic: Left over ب then ا; the fatha stays with the first ب");
	pd_field_left(&f);
	is(f.cur, 0, "and over بَ whole");

	pd_field_set(&f, NULL);
	type(&f, L"\x1112\x1161\x11AB\x1100\x1173\x11AF");   /* 한글 in jamo */
	pd_field_backspace(&f);
	is(f.len, 3, "Hangul in conjoining jamo: Backspace takes the whole syllable 글");
	pd_field_left(&f);
	is(f.cur, 0, "Left over 한 whole");

	pd_field_set(&f, "ok \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd");   /* ok 👍🏽 */
	pd_field_left(&f);
	is(f.cur, 3, "Left over a thumbs up with its skin tone at once");
	pd_field_end(&f);
	pd_field_backspace(&f);
	streq(get(&f), "ok ", "Backspace takes the emoji and its skin tone, not the tone alone");

	pd_field_set(&f, NULL);
	type(&f, L"a\x1F468\x200D\x1F469\x200D\x1F467" L"b");
	pd_field_left(&f);
	pd_field_left(&f);
	is(f.cur, 1, "Left over a ZWJ family at once");
	pd_field_delete(&f);
	streq(get(&f), "ab", "Delete takes the whole family");

	pd_field_set(&f, NULL);
	type(&f, L"\x1F1EC\x1F1E7\x1F1FA\x1F1E6");   /* two flags */
	pd_field_left(&f);
	is(f.cur, 2, "Left over one flag (two regional indicators)");
	pd_field_backspace(&f);
	is(f.len, 2, "Backspace takes the first flag whole");
	f.cur = 0;
	pd_field_right(&f);
	is(f.cur, 2, "Right over the other flag whole");

	pd_field_set(&f, "x \xcc\x81word");   /* a mark typed on the blank */
	pd_field_word_delete(&f);
	streq(get(&f), "x", "C-w: a mark on the blank before the word goes with the blank");
	pd_field_set(&f, "caf\xc3\xa9 ne\xcc\x81" "e");
	pd_field_home(&f);
	is(f.cur, 0, "Home is unaffected");
	pd_field_end(&f);
	is(f.cur, f.len, "End is unaffected");
	free(f.text);

	/* In a long field across lines: a newline is a cluster of its own. */
	pd_field l = {.kind = PD_FIELD_LONG};
	type(&l, L"w\x302\n\x301x");
	l.cur = 3;
	pd_field_left(&l);
	is(l.cur, 2, "Left from the second line: onto the newline, not into ŵ");
	pd_field_left(&l);
	is(l.cur, 0, "then over ŵ whole");
	free(l.text);
}

static void test_dates(void)
{
	pd_field f = {.kind = PD_FIELD_DATE};
	char out[PD_DATE_LEN];
	ok(pd_field_date(&f, 0, out), "an empty date field is fine");
	streq(out, "", "and means no date");
	pd_field_set(&f, " 2026-12-01 ");
	ok(pd_field_date(&f, 0, out), "ISO date accepted");
	streq(out, "2026-12-01", "resolved");
	pd_field_set(&f, "someday");
	ok(!pd_field_date(&f, 0, out), "nonsense refused");
	free(f.text);
}

static const pd_form_ops plain_ops = {.draft_name = NULL};

static int saves;
static bool save_ok(pd_form *f, pd_error *err)
{
	saves++;
	char *v = pd_form_value(f, "note");
	bool ok = v != NULL;
	if (!ok)
		pd_error_set(err, PD_ERR_INVALID, "the note is empty");
	free(v);
	return ok;
}
static const pd_form_ops save_ops = {.draft_name = "log", .save = save_ok};

static void test_payload(void)
{
	pd_form *f = pd_form_new(NULL, "t", &plain_ops, NULL);
	pd_form_add(f, PD_FIELD_TEXT, "name", "Name", "A\\B");
	pd_form_add(f, PD_FIELD_LONG, "note", "Note", "two\nlines\r\nand = sign");
	pd_strv ch = {0};
	pd_strv_push(&ch, "phone");
	pd_strv_push(&ch, "email");
	pd_form_add_choice(f, "channel", "Channel", &ch, "email");
	char *s = pd_form_serialize(f);
	streq(s, "name=A\\\\B\nnote=two\\nlines\\r\\nand = sign\nchannel=email\n", "payload escapes backslash, newline, CR");
	char *v = pd_payload_get(s, "note");
	streq(v, "two\nlines\r\nand = sign", "a value reads back unescaped");
	free(v);
	ok(pd_payload_get(s, "nam") == NULL, "a key prefix is not a key");

	pd_form *g = pd_form_new(NULL, "t", &plain_ops, NULL);
	pd_form_add(g, PD_FIELD_TEXT, "name", "Name", NULL);
	pd_form_add(g, PD_FIELD_LONG, "note", "Note", NULL);
	pd_form_add_choice(g, "channel", "Channel", &ch, "phone");
	pd_form_deserialize(g, s);
	char *t = pd_form_serialize(g);
	streq(t, s, "a payload restores the same fields");
	free(t);
	free(s);
	pd_form_free(g);
	pd_form_free(f);
	pd_strv_clear(&ch);
	free(ch.v);
}

static unsigned key(pd_pane *p, pd_action a, int k)
{
	pd_event ev = {.action = a, .key = k};
	return p->ops->handle(p, &ev);
}

static unsigned ch(pd_pane *p, wchar_t c)
{
	pd_event ev = {.key = (int)c, .wch = (wint_t)c, .is_char = true};
	return p->ops->handle(p, &ev);
}

static void test_keys(void)
{
	pd_form *f = pd_form_new(NULL, "t", &save_ops, NULL);
	pd_form_add(f, PD_FIELD_TEXT, "who", "Who", NULL);
	pd_form_add(f, PD_FIELD_LONG, "note", "Note", NULL);
	pd_form_add(f, PD_FIELD_DATE, "follow_up", "Follow up", NULL);
	pd_pane *p = pd_form_pane(f);

	unsigned r = key(p, PD_ACT_CANCEL, 27);
	ok(r & PD_PANE_CLOSE, "Esc on an untouched form closes at once");
	p->ops->destroy(p);

	f = pd_form_new(NULL, "t", &save_ops, NULL);
	pd_form_add(f, PD_FIELD_TEXT, "who", "Who", NULL);
	pd_form_add(f, PD_FIELD_LONG, "note", "Note", NULL);
	pd_form_add(f, PD_FIELD_DATE, "follow_up", "Follow up", NULL);
	p = pd_form_pane(f);
	ch(p, L'q');   /* 'q' and 'j' are text in a form, not quit/down */
	ch(p, L'j');
	r = key(p, PD_ACT_SAVE, 19);
	ok(!(r & PD_PANE_CLOSE), "Ctrl-S with an empty note stays open");
	is(saves, 1, "the save was tried");
	key(p, PD_ACT_NEXT_PANE, '\t');
	streq(pd_form_focused_key(f), "note", "Tab moves to the next field");
	ch(p, L'h');
	ch(p, L'i');
	key(p, PD_ACT_OPEN, '\n');
	ch(p, L'!');
	char *note = pd_form_value(f, "note");
	streq(note, "hi\n!", "Enter in a long field is a newline");
	free(note);
	char *who = pd_form_value(f, "who");
	streq(who, "qj", "letters that are keys elsewhere are typed");
	free(who);
	key(p, PD_ACT_NEXT_PANE, '\t');
	ch(p, L'x');
	r = key(p, PD_ACT_SAVE, 19);
	ok(!(r & PD_PANE_CLOSE), "a bad date stops the save");
	is(saves, 1, "before anything is written");
	key(p, PD_ACT_NONE, KEY_BACKSPACE);
	key(p, PD_ACT_PREV_PANE, KEY_BTAB);
	streq(pd_form_focused_key(f), "note", "Shift-Tab goes back");
	r = key(p, PD_ACT_EDITOR, 5);
	is(editor_calls, 1, "Ctrl-E on a long field runs the editor");
	/* A text file ends in a newline: a line the editor (or a script's
	 * >>) adds starts a line, not the end of the last one typed. */
	streq(editor_given, "hi\n!\n", "the editor is given the note as a text file, final newline and all");
	note = pd_form_value(f, "note");
	streq(note, "from the editor\nsecond line", "the editor's text comes back, final newline dropped");
	free(note);
	r = key(p, PD_ACT_CANCEL, 27);
	ok(!(r & PD_PANE_CLOSE), "Esc after typing asks first");
	r = ch(p, L'n');
	ok(!(r & PD_PANE_CLOSE), "n keeps editing");
	r = key(p, PD_ACT_SAVE, 19);
	ok(r & PD_PANE_CLOSE, "Ctrl-S with a note saves and closes");
	ok(r & PD_PANE_RELOAD, "and tells the views to reload");
	p->ops->destroy(p);
}

static void drafts_of(pd_drafts *list)
{
	pd_drafts_finish(list);
	memset(list, 0, sizeof *list);
	pd_error err = {0};
	if (!pd_draft_list(test_db, list, &err))
		printf("# pd_draft_list: %s\n", err.msg);
}

static pd_pane *log_like_form(void)
{
	pd_form *f = pd_form_new(NULL, "t", &save_ops, NULL);
	pd_form_add(f, PD_FIELD_LONG, "note", "Note", NULL);
	pd_form_add(f, PD_FIELD_DATE, "follow_up", "Follow up", NULL);
	return pd_form_pane(f);
}

static void type_str(pd_pane *p, const wchar_t *s)
{
	for (; *s; s++)
		ch(p, *s);
}


/* ---- drawing: windows on a screen that writes to /dev/null ---- */

/* Row y of w as UTF-8 (one character per cell). */
static const char *row_text(WINDOW *w, int y)
{
	static char buf[1024];
	size_t o = 0;
	for (int x = 0; x < getmaxx(w) && o + 5 < sizeof buf; x++) {
		cchar_t cc;
		wchar_t wc[CCHARW_MAX + 1] = {0};
		attr_t a;
		short pair;
		if (mvwin_wch(w, y, x, &cc) == ERR)
			break;
		getcchar(&cc, wc, &a, &pair, NULL);
		o += pd_utf8_encode((uint32_t)(wc[0] ? wc[0] : L' '), buf + o);
	}
	buf[o] = '\0';
	return buf;
}

/* The first row of w holding `text`, or -1. */
static int find_row(WINDOW *w, const char *text)
{
	for (int y = 0; y < getmaxy(w); y++)
		if (strstr(row_text(w, y), text))
			return y;
	return -1;
}

/* Draws the form; returns the cursor's row (reading cells moves it). */
static int draw(pd_pane *p, WINDOW *w)
{
	werase(w);
	p->ops->draw(p, w, true);
	return getcury(w);
}

/* The add-partner form's shape: twelve one-line fields, then two long
 * ones of three rows (18 rows of fields; 22 with frame, message, hints). */
static pd_pane *tall_form(const char *title)
{
	static const char *const keys[] = {
		"name", "kind", "scale", "stage", "owner", "website", "phone",
		"email", "address", "audiences", "tags", "branches",
	};
	pd_form *f = pd_form_new(NULL, title, &plain_ops, NULL);
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		char label[32];
		snprintf(label, sizeof label, "%c%s", keys[i][0] - 'a' + 'A', keys[i] + 1);
		pd_form_add(f, PD_FIELD_TEXT, keys[i], label, NULL);
	}
	pd_form_add(f, PD_FIELD_LONG, "mission", "Mission", NULL)->rows = 3;
	pd_form_add(f, PD_FIELD_LONG, "notes", "Notes", NULL)->rows = 3;
	return pd_form_pane(f);
}

static void test_scroll(void)
{
	WINDOW *small = newwin(16, 60, 0, 0), *big = newwin(30, 100, 0, 0);
	pd_pane *p = tall_form("Add a partner");
	pd_form *f = p->state;

	draw(p, small);
	ok(strstr(row_text(small, 15), "\u2193 2 more"), "60x16: the bottom rule says 2 fields are below: %s", row_text(small, 15));
	ok(!strstr(row_text(small, 0), "\u2191"), "nothing above the first field: %s", row_text(small, 0));
	is(find_row(small, "Name"), 1, "the first field at the top");
	is(find_row(small, "Notes"), -1, "Notes is hidden");

	for (int i = 0; i < 13; i++)
		key(p, PD_ACT_NEXT_PANE, '\t');
	streq(pd_form_focused_key(f), "notes", "Tab 13 times: the last field");
	int cy = draw(p, small);
	int notes = find_row(small, "Notes");
	ok(notes > 0 && notes <= 12, "the focused last field is on screen (row %d)", notes);
	ok(notes > 0 && notes + 2 <= 12, "whole, all three rows of it");
	ok(strstr(row_text(small, 0), "\u2191 6 more"), "the top rule says 6 fields are above: %s", row_text(small, 0));
	ok(strstr(row_text(small, 0), "Add a partner"), "beside the title");
	ok(!strstr(row_text(small, 15), "\u2193"), "nothing below the last field: %s", row_text(small, 15));
	is(cy, notes, "the cursor is in it");

	for (int i = 1; i <= 6; i++) {
		char line[16];
		snprintf(line, sizeof line, "%sline %d", i > 1 ? "\n" : "", i);
		for (const char *c = line; *c; c++)
			if (*c == '\n')
				key(p, PD_ACT_OPEN, '\n');
			else
				ch(p, (wchar_t)*c);
	}
	cy = draw(p, small);
	ok(strstr(row_text(small, cy), "line 6"), "six lines typed: the cursor's row shows the last (%s)", row_text(small, cy));
	ok(cy >= 1 && cy <= 12, "inside the box's field rows (%d)", cy);

	/* The terminal grows: every field shows again, none left hidden above
	 * empty rows; it shrinks: the focused field is in view again. */
	draw(p, big);
	ok(find_row(big, "Name") > 0, "grown to 100x30: the first field is back");
	ok(find_row(big, "\u2191") < 0 && find_row(big, "\u2193") < 0, "and no marks");
	cy = draw(p, small);
	ok(find_row(small, "Notes") > 0 && strstr(row_text(small, cy), "line 6"), "shrunk again: the cursor's line is on screen");

	for (int i = 0; i < 13; i++)
		key(p, PD_ACT_PREV_PANE, KEY_BTAB);
	streq(pd_form_focused_key(f), "name", "Shift-Tab back to the first field");
	draw(p, small);
	is(find_row(small, "Name"), 1, "it is at the top again");
	ok(!strstr(row_text(small, 0), "\u2191"), "no mark above");
	p->ops->destroy(p);

	/* A long field cut off at the bottom shows its beginning, not the
	 * rows around its cursor (at the end of the text, as a form opens). */
	WINDOW *w17 = newwin(17, 60, 0, 0);
	p = tall_form("Edit");
	pd_form_set_value(p->state, "mission", "Hands-on science learning for every age along the river, "
		"with a planetarium and a teen lab.");
	draw(p, w17);
	int m = find_row(w17, "Mission");
	ok(m > 0 && strstr(row_text(w17, m), "Hands-on science"), "60x17: Mission cut to one row shows its start: %s",
		row_text(w17, m > 0 ? m : 0));
	ok(strstr(row_text(w17, 16), "\u2193 2 more"), "and counts as hidden: %s", row_text(w17, 16));
	p->ops->destroy(p);
	delwin(w17);

	/* A long title gives way to the mark, not the other way round. */
	p = tall_form("Edit The Extraordinarily Long-Named Regional Historical Society");
	for (int i = 0; i < 13; i++)
		key(p, PD_ACT_NEXT_PANE, '\t');
	draw(p, small);
	ok(strstr(row_text(small, 0), "\u2191 6 more"), "the mark whole: %s", row_text(small, 0));
	ok(strstr(row_text(small, 0), "\u2026"), "the title clipped with an ellipsis");
	p->ops->destroy(p);

	/* A long field taller than the room there is: cut to fit, its cursor
	 * row on screen. */
	WINDOW *tiny = newwin(8, 60, 0, 0);
	pd_form *g = pd_form_new(NULL, "t", &plain_ops, NULL);
	pd_form_add(g, PD_FIELD_TEXT, "who", "Who", NULL);
	pd_form_add(g, PD_FIELD_LONG, "note", "Note", NULL)->rows = 6;
	p = pd_form_pane(g);
	key(p, PD_ACT_NEXT_PANE, '\t');
	type_str(p, L"one");
	for (int i = 0; i < 8; i++) {
		key(p, PD_ACT_OPEN, '\n');
		type_str(p, L"more");
	}
	type_str(p, L" last");
	cy = draw(p, tiny);
	ok(cy >= 1 && cy <= 4 && strstr(row_text(tiny, cy), "more last"), "8 rows: the cursor's row is shown (%d: %s)", cy, row_text(tiny, cy));
	ok(strstr(row_text(tiny, 0), "\u2191 1 more"), "the field above is marked: %s", row_text(tiny, 0));
	key(p, PD_ACT_PREV_PANE, KEY_BTAB);
	draw(p, tiny);
	ok(strstr(row_text(tiny, 7), "\u2193 1 more"), "back on Who: the note cut short is marked below: %s", row_text(tiny, 7));
	p->ops->destroy(p);
	delwin(tiny);
	delwin(small);
	delwin(big);
}

/* True when every word on rows [from, to) of w, between the box's
 * rules and after the label, is one of the words of `typed`: a word cut
 * across rows leaves pieces that are not. */
static bool rows_hold_whole_words(WINDOW *w, int from, int to, const char *typed, char *bad, size_t badlen)
{
	for (int y = from; y < to; y++) {
		char line[1024];
		snprintf(line, sizeof line, "%s", row_text(w, y));
		char *save = NULL;
		for (char *t = strtok_r(line, " \u2502", &save); t; t = strtok_r(NULL, " \u2502", &save)) {
			if (strcmp(t, "Note") == 0 || strcmp(t, ":") == 0)
				continue;
			size_t k = strlen(t);
			bool found = false;
			for (const char *at = strstr(typed, t); at && !found; at = strstr(at + 1, t))
				found = (at == typed || at[-1] == ' ') && (at[k] == ' ' || at[k] == '\0');
			if (!found) {
				snprintf(bad, badlen, "row %d: \"%s\"", y, t);
				return false;
			}
		}
	}
	return true;
}

/* The screen column of `at` in row text r (UTF-8, a column a character:
 * the rows here hold no wide ones). */
static int col_at(const char *r, const char *at)
{
	if (!at)
		return -1;
	int col = 0;
	for (const char *c = r; c < at; c++)
		col += ((unsigned char)*c & 0xC0) != 0x80;
	return col;
}

/* A long field wraps at word boundaries as it is typed; the cursor
 * follows the word that moves down; Up/Down stay on their rows; nothing
 * but what was typed is in the value. */
static void test_long_wrap(void)
{
	WINDOW *w = newwin(24, 80, 0, 0);
	pd_pane *p = log_like_form();
	const char *typed = "Rang the museum about the spring programme; they want a follow up call next "
		"week about the volunteers, the reading room bookings and the summer trail for families";
	wchar_t wide[512];
	mbstowcs(wide, typed, 512);
	type_str(p, wide);
	int cy = draw(p, w), cx = getcurx(w);
	int note = find_row(w, "Note ");
	char bad[128] = "";
	ok(note >= 0 && rows_hold_whole_words(w, note, note + 4, typed, bad, sizeof bad),
	   "80x24: no word of the note is cut across rows (%s)", bad);
	char *value = pd_form_value(p->state, "note");
	streq(value ? value : "", typed, "the value is what was typed, no newline added");
	free(value);
	ok(strstr(row_text(w, cy), "families") != NULL, "the cursor is on the last word's row");
	const char *r = row_text(w, cy);
	const char *at = strstr(r, "families");
	is(cx, col_at(r, at) + 8, "right after it");

	/* Typing a word past the edge: it moves down whole, the cursor with it. */
	p->ops->destroy(p);
	p = log_like_form();
	draw(p, w);
	/* Short words up to a few columns before the rule at column 79. */
	cx = 0;
	for (int i = 0; i < 40 && cx < 74; i++) {
		type_str(p, L"ab ");
		draw(p, w);
		cx = getcurx(w);
	}
	int vx = cx;
	note = find_row(w, "Note ");
	ok(vx >= 74 && vx < 78, "typing short words: the cursor near the edge (%d)", vx);
	type_str(p, L"xyzzy");
	cy = draw(p, w);
	cx = getcurx(w);
	r = row_text(w, cy);
	at = strstr(r, "xyzzy");
	ok(at && cx == col_at(r, at) + 5, "a word typed at the wrap point is whole on the cursor's row (%s)", r);
	ok(!strstr(row_text(w, note), "xy"), "and none of it above");

	/* Up from the end of a long row onto a short one: the cursor lands at
	 * the short row's end (it used to land on the next row's start, so
	 * it seemed not to move). */
	p->ops->destroy(p);
	p = log_like_form();
	type_str(p, L"aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm short ");
	for (int i = 0; i < 60; i++)
		type_str(p, L"w");
	type_str(p, L" end");
	cy = draw(p, w);
	ok(strstr(row_text(w, cy - 1), "short") && !strstr(row_text(w, cy - 1), "www"),
	   "the long word moved below the short row (%s)", row_text(w, cy - 1));
	key(p, PD_ACT_NONE, KEY_UP);
	int up = draw(p, w);
	cx = getcurx(w);
	r = row_text(w, up);
	at = strstr(r, "short");
	is(up, cy - 1, "Up: the row above");
	is(cx, col_at(r, at) + 5, "at the end of its word");
	key(p, PD_ACT_NONE, KEY_DOWN);
	is(draw(p, w), cy, "Down: back on the last row");
	p->ops->destroy(p);
	delwin(w);
}

/* The cursor is drawn where the text is: a bidi override shows as an
 * eight-column "<U+202E>" (wcwidth says 0), and a line scrolled sideways
 * starts at a whole cluster, never at a skin tone cut from its emoji. */
static void test_cursor_drawn(void)
{
	WINDOW *w = newwin(24, 80, 0, 0);
	pd_form *f = pd_form_new(NULL, "t", &plain_ops, NULL);
	pd_form_add(f, PD_FIELD_TEXT, "name", "Name", NULL);
	pd_pane *p = pd_form_pane(f);
	type_str(p, L"ab\x202E" L"cd");
	int cy = draw(p, w), cx = getcurx(w);
	const char *r = row_text(w, cy);
	const char *at = strstr(r, "cd");
	ok(at && strstr(r, "<U+202E>"), "the override is drawn as its placeholder (%s)", r ? r : "(none)");
	is(cx, at ? col_at(r, at) + 2 : -1, "the cursor is after the cd drawn, not eight columns short");
	p->ops->destroy(p);

	bool whole = true;
	size_t bad_at = 0;
	int bad_cols = 0;
	for (int cols = 30; cols < 50; cols++) {
		WINDOW *n = newwin(10, cols, 0, 0);
		f = pd_form_new(NULL, "t", &plain_ops, NULL);
		pd_field *fld = pd_form_add(f, PD_FIELD_TEXT, "name", "Name", NULL);
		p = pd_form_pane(f);
		for (int i = 0; i < 30; i++)
			type_str(p, L"\x1F44D\x1F3FD");
		draw(p, n);
		if (fld->hscroll % 2 != 0 && whole) {
			whole = false;
			bad_at = fld->hscroll;
			bad_cols = cols;
		}
		p->ops->destroy(p);
		delwin(n);
	}
	ok(whole, "scrolled sideways, the shown part starts at an emoji, not its skin tone (%d columns: at %zu)",
	   bad_cols, bad_at);

	/* A TAB pasted (a spreadsheet row): kept in a long field and drawn as
	 * blank to the next tab stop, the cursor after it; a space in a
	 * one-line field. */
	f = pd_form_new(NULL, "t", &plain_ops, NULL);
	pd_form_add(f, PD_FIELD_TEXT, "name", "Name", NULL);
	pd_form_add(f, PD_FIELD_LONG, "note", "Note", NULL);
	p = pd_form_pane(f);
	static const wchar_t row_typed[] = L"Budget\t$500\tok";
	for (const wchar_t *c = row_typed; *c; c++) {
		pd_event ev = {.wch = (wint_t)*c, .pasted = true};
		p->ops->handle(p, &ev);
	}
	char *v = pd_form_value(f, "name");
	streq(v ? v : "", "Budget $500 ok", "pasted into a one-line field: the tabs are spaces");
	free(v);
	pd_form_focus(f, "note");
	for (const wchar_t *c = row_typed; *c; c++) {
		pd_event ev = {.wch = (wint_t)*c, .pasted = true};
		p->ops->handle(p, &ev);
	}
	v = pd_form_value(f, "note");
	streq(v ? v : "", "Budget\t$500\tok", "pasted into a long field: the tabs are kept");
	free(v);
	cy = draw(p, w);
	cx = getcurx(w);
	r = row_text(w, cy);
	at = strstr(r, "Budget");
	ok(at && strncmp(at, "Budget  $500    ok", 18) == 0, "drawn as blanks to the tab stops, not ^I (%s)", r);
	is(cx, at ? col_at(r, at) + 18 : -1, "the cursor after what is drawn");
	p->ops->destroy(p);
	delwin(w);
}

/* Choices shown as labels, the values kept. */
static void test_choice_labels(void)
{
	WINDOW *w = newwin(10, 60, 0, 0);
	pd_strv v = {0};
	pd_strv_push(&v, "glance");
	pd_strv_push(&v, "engagement");
	pd_form *f = pd_form_new(NULL, "t", &plain_ops, NULL);
	pd_field *fld = pd_form_add_choice(f, "to", "To stage", &v, "glance");
	pd_field_choice_show(fld, "glance", "Glance");
	pd_field_choice_show(fld, "engagement", "Engagement");
	pd_field_choice_show(fld, "marriage", "Marriage");   /* not a choice: ignored */
	is(fld->choices.n, 2, "showing a value that is not a choice adds nothing");
	pd_pane *p = pd_form_pane(f);
	draw(p, w);
	ok(find_row(w, "< Glance >") > 0, "the label is shown");
	ok(find_row(w, "glance") < 0, "not the name");
	ch(p, L'e');
	char *val = pd_form_value(f, "to");
	streq(val, "engagement", "a letter jumps by the label; the value is the name");
	free(val);
	draw(p, w);
	ok(find_row(w, "< Engagement >") > 0, "and its label is shown");
	pd_form_set_value(f, "to", "dissolved");   /* a value added later shows as itself */
	streq(pd_field_choice_text(fld, fld->choice), "dissolved", "a value without a label shows as itself");
	p->ops->destroy(p);
	pd_strv_clear(&v);
	free(v.v);
	delwin(w);
}

/* A date field says beside it the day it means, and that it is past when
 * it is (a follow-up or review there is overdue as soon as it is saved). */
static void test_date_past(void)
{
	WINDOW *w = newwin(12, 80, 0, 0);
	pd_form *f = pd_form_new(NULL, "t", &plain_ops, NULL);
	pd_form_add(f, PD_FIELD_DATE, "follow_up", "Follow up", "yesterday");
	pd_form_add(f, PD_FIELD_DATE, "review", "Review", "tomorrow");
	pd_form_add(f, PD_FIELD_DATE, "other", "Other", "today");
	pd_field *start_fld = pd_form_add(f, PD_FIELD_DATE, "start", "Starts", "yesterday");
	start_fld->past_ok = true;
	pd_pane *p = pd_form_pane(f);
	draw(p, w);
	char y[PD_DATE_LEN], t[PD_DATE_LEN], d[PD_DATE_LEN], want[64];
	time_t now = time(NULL);
	pd_date_today(now, d);
	pd_date_add_days(d, -1, y);
	pd_date_add_days(d, 1, t);
	snprintf(want, sizeof want, "%s, past", y);
	ok(find_row(w, want) >= 0, "yesterday is said to be past: %s", want);
	ok(find_row(w, t) >= 0 && find_row(w, t) == find_row(w, "Review") && !strstr(row_text(w, find_row(w, t)), "past"),
	   "tomorrow is not");
	ok(find_row(w, d) >= 0 && !strstr(row_text(w, find_row(w, d)), "past"), "nor today");
	int start = find_row(w, "Starts");
	ok(start >= 0 && strstr(row_text(w, start), y) && !strstr(row_text(w, start), "past"),
	   "a start may be past without a word about it");
	p->ops->destroy(p);
	delwin(w);
}

/* Letters typed quickly on a choice spell its start: the channels of a
 * call, "ev" is event (not visit), "mee" meeting; the same letter again
 * goes on to the next choice with it; a first letter beyond ASCII finds
 * its choice too. */
static void test_choice_typeahead(void)
{
	static const char *const channels[] = {"phone", "email", "visit", "meeting", "event", "other"};
	pd_strv v = {0};
	for (size_t i = 0; i < sizeof channels / sizeof *channels; i++)
		pd_strv_push(&v, channels[i]);
	pd_form *f = pd_form_new(NULL, "t", &plain_ops, NULL);
	pd_field *fld = pd_form_add_choice(f, "channel", "Channel", &v, "phone");
	pd_form_add(f, PD_FIELD_TEXT, "who", "Who", NULL);
	pd_pane *p = pd_form_pane(f);
	char *val;
#define CHANNEL_IS(want, why) (val = pd_form_value(f, "channel"), streq(val, want, why), free(val))
	ch(p, L'e');
	ch(p, L'v');
	CHANNEL_IS("event", "e then v is event, not visit");
	key(p, PD_ACT_NEXT_PANE, '\t');
	key(p, PD_ACT_PREV_PANE, KEY_BTAB);
	ch(p, L'e');
	ch(p, L'm');
	CHANNEL_IS("email", "back on the field, a new word: e then m is email, not meeting");
	key(p, PD_ACT_NEXT_PANE, '\t');
	key(p, PD_ACT_PREV_PANE, KEY_BTAB);
	ch(p, L'm');
	ch(p, L'E');
	ch(p, L'e');
	CHANNEL_IS("meeting", "m, E, e is meeting, in any case");
	key(p, PD_ACT_NEXT_PANE, '\t');
	key(p, PD_ACT_PREV_PANE, KEY_BTAB);
	ch(p, L'e');
	CHANNEL_IS("event", "e alone is the first choice with it after the current one");
	ch(p, L'e');
	CHANNEL_IS("email", "e again is the next, round from the top");
	ch(p, L'e');
	CHANNEL_IS("event", "and again");
	ch(p, L'x');
	CHANNEL_IS("event", "a letter no choice starts with changes nothing");
	p->ops->destroy(p);
	pd_strv_clear(&v);

	/* Stage labels in Welsh: the first letter is not ASCII. */
	pd_strv_push(&v, "glance");
	pd_strv_push(&v, "date");
	f = pd_form_new(NULL, "t", &plain_ops, NULL);
	fld = pd_form_add_choice(f, "to", "To stage", &v, "glance");
	pd_field_choice_show(fld, "glance", "Cipolwg");
	pd_field_choice_show(fld, "date", "Ôl-drafodaeth");
	p = pd_form_pane(f);
	ch(p, L'ô');
	val = pd_form_value(f, "to");
	streq(val, "date", "ô finds the label that starts with Ô");
	free(val);
	ok(pd_field_choice_seek(fld, "CIP", true) && fld->choice == 0, "a prefix in capitals finds Cipolwg");
	ok(!pd_field_choice_seek(fld, "zz", true) && fld->choice == 0, "a prefix that fits nothing leaves the choice");
#undef CHANNEL_IS
	p->ops->destroy(p);
	pd_strv_clear(&v);
	free(v.v);
}

/* A space among letters typed quickly on a choice is one of them, as in
 * the kinds of two words ("science c" is science center); it used to step
 * to the next choice, so "civic group" typed whole chose public
 * broadcaster. A space on its own still steps. */
static void test_choice_typeahead_space(void)
{
	static const char *const kinds[] = {"museum", "science center", "school", "civic group",
	                                    "public broadcaster"};
	pd_strv v = {0};
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		pd_strv_push(&v, kinds[i]);
	pd_form *f = pd_form_new(NULL, "t", &plain_ops, NULL);
	pd_form_add_choice(f, "kind", "Kind", &v, "museum");
	pd_form_add(f, PD_FIELD_TEXT, "who", "Who", NULL);
	pd_pane *p = pd_form_pane(f);
	char *val;
#define KIND_IS(want, why) (val = pd_form_value(f, "kind"), streq(val, want, why), free(val))
	for (const wchar_t *c = L"civic group"; *c; c++)
		ch(p, *c);
	KIND_IS("civic group", "civic group typed whole is civic group");
	key(p, PD_ACT_NEXT_PANE, '\t');
	key(p, PD_ACT_PREV_PANE, KEY_BTAB);
	for (const wchar_t *c = L"science c"; *c; c++)
		ch(p, *c);
	KIND_IS("science center", "science c is science center, not the choice after it");
	key(p, PD_ACT_NEXT_PANE, '\t');
	key(p, PD_ACT_PREV_PANE, KEY_BTAB);
	ch(p, L' ');
	KIND_IS("school", "a space on its own steps to the next choice");
#undef KIND_IS
	p->ops->destroy(p);
	pd_strv_clear(&v);
	free(v.v);
}

/* The same with the ASCII marks of a terminal that is not UTF-8. */
/* A one-line field scrolled to its end for typing shows its start once
 * the focus leaves it, cut with a mark, not its tail from mid-word. */
static void test_line_left(void)
{
	WINDOW *w = newwin(24, 80, 0, 0);
	pd_form *f = pd_form_new(NULL, "New contact person", &plain_ops, NULL);
	pd_form_add(f, PD_FIELD_TEXT, "name", "Name", NULL);
	pd_form_add(f, PD_FIELD_TEXT, "title", "Title", NULL);
	pd_form_add(f, PD_FIELD_TEXT, "email", "Email", NULL);
	pd_pane *p = pd_form_pane(f);
	key(p, PD_ACT_NEXT_PANE, '\t');
	type_str(p, L"Community programmes coordinator for the whole of the northern district of the county");
	draw(p, w);
	int y = find_row(w, "Title");
	ok(y >= 0 && strstr(row_text(w, y), "of the county"), "typing: the field shows its end: %s",
	   y >= 0 ? row_text(w, y) : "?");
	key(p, PD_ACT_NEXT_PANE, '\t');
	draw(p, w);
	ok(y >= 0 && strstr(row_text(w, y), "Title: Community programmes coordinator")
	   && strstr(row_text(w, y), "\u2026"), "left: its start, cut with a mark: %s", y >= 0 ? row_text(w, y) : "?");
	key(p, PD_ACT_PREV_PANE, KEY_BTAB);
	draw(p, w);
	ok(y >= 0 && strstr(row_text(w, y), "of the county"), "back in it: its end with the cursor: %s",
	   y >= 0 ? row_text(w, y) : "?");
	p->ops->destroy(p);
	delwin(w);
}

static void test_scroll_ascii(void)
{
	setlocale(LC_ALL, "C");
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *scr = newterm("vt100", out, in);
	ok(scr != NULL, "a vt100 screen on /dev/null");
	if (scr) {
		WINDOW *w = newwin(16, 60, 0, 0);
		pd_pane *p = tall_form("Add a partner");
		draw(p, w);
		ok(strstr(row_text(w, 15), "v 2 more"), "C locale: v for below: %s", row_text(w, 15));
		for (int i = 0; i < 13; i++)
			key(p, PD_ACT_NEXT_PANE, '\t');
		draw(p, w);
		ok(strstr(row_text(w, 0), "^ 6 more"), "and ^ for above: %s", row_text(w, 0));
		p->ops->destroy(p);
		delwin(w);
		endwin();
		delscreen(scr);
	}
	fclose(out);
	fclose(in);
	setlocale(LC_ALL, "C.UTF-8");
}

/* The move form against the default rules (glance -> date -> engagement ->
 * marriage, dissolved from anywhere). */
static void test_move(void)
{
	pd_error err = {0};
	pd_partner *pt = pd_partner_create();
	pt->name = strdup("Tidewater Zoo");
	ok(pd_partner_insert(test_db, pt, &err), "a partner to move: %s", err.msg);
	int64_t id = pt->id;
	pd_partner_destroy(pt);

	last_status[0] = '\0';
	pd_pane *p = pd_form_move_create(NULL, id, "marriage");
	ok(p == NULL, "a move the rules do not allow opens no form");
	ok(strstr(last_status, "cannot move") != NULL, "the status line says why: %s", last_status);

	p = pd_form_move_create(NULL, id, NULL);
	ok(p != NULL, "m: a form with the allowed stages");
	if (!p)
		return;
	pd_form *f = p->state;
	pd_field *to = pd_form_field(f, "to");
	ok(to && to->choices.n >= 1, "allowed stages offered");
	ok(to && pd_strv_find(&to->choices, "marriage") < 0, "marriage is not offered from glance");
	ok(to && pd_strv_find(&to->choices, "date") >= 0, "date is");
	long at = to ? pd_strv_find(&to->choices, "date") : -1;
	streq(at >= 0 ? pd_field_choice_text(to, (size_t)at) : NULL, "Date", "shown as its label");
	WINDOW *w = newwin(16, 80, 0, 0);
	draw(p, w);
	int title = find_row(w, "Move ");
	ok(title >= 0 && strstr(row_text(w, title), "Move Tidewater Zoo from Glance"), "the title names the stage by its label: %s",
		row_text(w, title >= 0 ? title : 0));
	ok(find_row(w, "glance") < 0, "no stage name on screen");
	delwin(w);
	/* A long name shortens; the move after it stays whole. */
	pt = pd_partner_create();
	pt->name = strdup("Cymdeithas Cyfeillion Llyfrgell Gyhoeddus Caerdydd a'r Fro ar gyfer Plant a Phobl Ifanc");
	ok(pd_partner_insert(test_db, pt, &err), "a partner with a long name: %s", err.msg);
	pd_pane *lp = pd_form_move_create(NULL, pt->id, "date");
	pd_partner_destroy(pt);
	w = newwin(16, 80, 0, 0);
	if (lp)
		draw(lp, w);
	title = find_row(w, "Move ");
	ok(lp && title >= 0 && strstr(row_text(w, title), "\u2026: Glance -> Date"),
	   "a long name is cut before ': Glance -> Date', which stays whole: %s", row_text(w, title >= 0 ? title : 0));
	delwin(w);
	if (lp)
		lp->ops->destroy(lp);
	pd_form_set_value(f, "to", "date");
	key(p, PD_ACT_NEXT_PANE, '\t');
	type_str(p, L"First event together");
	unsigned r = key(p, PD_ACT_SAVE, 19);
	ok(r & PD_PANE_CLOSE, "Ctrl-S moves and closes");
	ok(strstr(last_status, "from Glance to Date") != NULL, "the status line in labels: %s", last_status);
	p->ops->destroy(p);
	pt = pd_partner_get(test_db, id, &err);
	streq(pt ? pt->stage : NULL, "date", "the partner is at date");
	pd_partner_destroy(pt);
	pd_history h = {0};
	ok(pd_history_list(test_db, id, &h, &err) && h.n == 2, "the move is in the history");
	if (h.n == 2)
		streq(h.v[1].reason, "First event together", "with the reason typed");
	pd_history_finish(&h);
}

/* A conflict that hides Review by while the cursor is in it: a colleague
 * moved the partner to Engagement meanwhile, so the move there is no move
 * and keeps no review date. The cursor goes to a field shown, and what is
 * typed next lands there, not in the hidden date. */
static void test_move_review_hidden(void)
{
	pd_error err = {0};
	pd_partner *pt = pd_partner_create();
	pt->name = strdup("Harbour Arts Trust");
	pt->stage = strdup("date");
	ok(pd_partner_insert(test_db, pt, &err), "a partner at Date: %s", err.msg);
	int64_t id = pt->id;
	pd_partner_destroy(pt);
	pd_pane *p = pd_form_move_create(NULL, id, "engagement");
	ok(p != NULL, "the move form to Engagement");
	if (!p)
		return;
	pd_form *f = p->state;
	pd_field *rf = pd_form_field(f, "review");
	ok(rf && !rf->hidden, "Review by shown for Engagement");
	pd_form_set_value(f, "reason", "Shared events");
	pd_form_focus(f, "review");
	pd_move_request req = {.to = "engagement", .reason = "a colleague", .review_date = NULL};
	ok(pd_stage_move(test_db, id, &req, &err), "a colleague moves it to Engagement meanwhile: %s", err.msg);
	unsigned r = key(p, PD_ACT_SAVE, 19);
	ok(!(r & PD_PANE_CLOSE), "the save is a conflict; the form stays");
	ok(rf && rf->hidden, "Review by hidden: a move from Engagement to it keeps no date");
	const char *focus = pd_form_focused_key(f);
	pd_field *ff = focus ? pd_form_field(f, focus) : NULL;
	ok(ff && !ff->hidden, "the cursor is on a field shown (%s), not the hidden Review by",
	   focus ? focus : "none");
	char *before = rf ? pd_field_get(rf) : NULL;
	ch(p, L'x');
	char *after = rf ? pd_field_get(rf) : NULL;
	ok(before && after && strcmp(before, after) == 0, "a key typed goes nowhere hidden (Review by %s)",
	   after ? after : "?");
	free(before);
	free(after);
	p->ops->destroy(p);
}

static void test_drafts(void)
{
	char dir[] = "/tmp/pd-test-form-XXXXXX";
	if (!mkdtemp(dir)) {
		ok(0, "mkdtemp");
		return;
	}
	char path[256];
	snprintf(path, sizeof path, "%s/t.db", dir);
	pd_error err = {0};
	test_db = pd_db_open(path, PD_OPEN_CREATE, NULL, &err);
	ok(test_db != NULL, "a scratch database opens: %s", err.msg);
	if (!test_db)
		return;
	pd_drafts list = {0};

	pd_pane *p = log_like_form();
	ch(p, L'h');
	drafts_of(&list);
	is(list.n, 1, "the first key typed writes a draft at once");
	if (list.n)
		streq(list.v[0].form, "log", "named for its form");
	ch(p, L'i');
	p->ops->flush(p);
	drafts_of(&list);
	ok(list.n == 1 && strstr(list.v[0].payload, "note=hi\n"), "flush writes what was typed since");
	key(p, PD_ACT_OPEN, '\r');
	ch(p, L'2');
	key(p, PD_ACT_NEXT_PANE, '\t');   /* a change of field writes it too */
	drafts_of(&list);
	ok(list.n == 1 && strstr(list.v[0].payload, "note=hi\\n2\n"), "a change of field writes the draft (newline escaped)");
	p->ops->destroy(p);   /* the session ends without a save */
	drafts_of(&list);
	is(list.n, 1, "the draft outlives the form");

	p = log_like_form();
	pd_form_draft_adopt(p->state, &list.v[0]);
	char *note = pd_form_value(p->state, "note");
	streq(note, "hi\n2", "a restored draft fills the fields");
	free(note);
	unsigned r = key(p, PD_ACT_SAVE, 19);
	ok(r & PD_PANE_CLOSE, "saving the restored form closes it");
	drafts_of(&list);
	is(list.n, 0, "and deletes the draft");
	p->ops->destroy(p);

	p = log_like_form();
	ch(p, L'x');
	drafts_of(&list);
	is(list.n, 1, "a new draft");
	key(p, PD_ACT_CANCEL, 27);
	r = key(p, PD_ACT_NONE, 24);
	ok(r & PD_PANE_CLOSE, "Esc then Ctrl-X discards");
	p->ops->destroy(p);
	drafts_of(&list);
	is(list.n, 0, "an explicit discard deletes the draft");

	/* A stray Esc on the phone, and the typing goes on: "yes and..."
	 * (and Alt-y, ESC y together) is text, never an answer. */
	p = log_like_form();
	type_str(p, L"She asked");
	key(p, PD_ACT_CANCEL, 27);
	WINDOW *w = newwin(24, 80, 0, 0);
	draw(p, w);
	ok(find_row(w, "C-x: discard") >= 0, "Esc asks, naming the key that discards");
	r = ch(p, L'y');
	ok(!(r & PD_PANE_CLOSE), "a y after Esc does not discard");
	type_str(p, L"es and the board");
	note = pd_form_value(p->state, "note");
	streq(note, "She askedyes and the board", "the typing after Esc goes on into the note");
	free(note);
	draw(p, w);
	ok(find_row(w, "Discard what you typed?") < 0, "and the question is gone");
	delwin(w);
	key(p, PD_ACT_CANCEL, 27);
	r = ch(p, L'Y');
	ok(!(r & PD_PANE_CLOSE), "nor does a capital Y");
	key(p, PD_ACT_CANCEL, 27);
	r = key(p, PD_ACT_CANCEL, 27);
	ok(!(r & PD_PANE_CLOSE), "Esc twice keeps the form open");
	r = key(p, PD_ACT_NONE, 24);
	ok(!(r & PD_PANE_CLOSE), "Ctrl-X without the question is no discard");
	note = pd_form_value(p->state, "note");
	streq(note, "She askedyes and the boardY", "and the text is all there");
	free(note);
	p->ops->destroy(p);
	drafts_of(&list);
	ok(list.n == 1 && strstr(list.v[0].payload, "She askedyes and the boardY"), "the draft holds it all");
	for (size_t i = 0; i < list.n; i++) {
		pd_error derr = {0};
		pd_draft_delete(test_db, &list.v[i], &derr);
	}

	/* A colleague's import holds the desk all through a call, so no
	 * draft is written; the session then ends with no memory to put the
	 * fields' text together once more: the text as last put together
	 * (a flush ago) is left, not nothing. */
	pd_db *colleague = pd_db_open(path, 0, NULL, &err);
	ok(colleague && pd_db_begin(colleague, &err), "a colleague holds the desk: %s", err.msg);
	p = log_like_form();
	type_str(p, L"Grant due");
	p->ops->flush(p);
	drafts_of(&list);
	is(list.n, 0, "no draft written while the desk is held");
	type_str(p, L" in May");
	harness_left[0] = '\0';
	pd_db_rollback(colleague);
	pd_db_close(colleague);
	pd_test_realloc_fails = true;
	p->ops->destroy(p);
	pd_test_realloc_fails = false;
	ok(strstr(harness_left, "note=Grant due\n") != NULL,
	   "out of memory as the session ends, the note as last put together is left: '%s'", harness_left);
	drafts_of(&list);
	for (size_t i = 0; i < list.n; i++) {
		pd_error derr = {0};
		pd_draft_delete(test_db, &list.v[i], &derr);
	}

	pd_drafts_finish(&list);
	test_move();
	test_move_review_hidden();
	pd_db_close(test_db);
	test_db = NULL;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	harness_editor = fake_editor;
	test_editing();
	test_clusters();
	test_dates();
	test_payload();
	test_keys();
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *scr = newterm("xterm", out, in);
	ok(scr != NULL, "a screen on /dev/null");
	if (!scr)
		return tap_done();
	test_scroll();
	test_long_wrap();
	test_cursor_drawn();
	test_choice_labels();
	test_choice_typeahead();
	test_choice_typeahead_space();
	test_date_past();
	test_line_left();
	test_drafts();   /* and the move form, drawn */
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
	test_scroll_ascii();
	return tap_done();
}
