/* The streaming YAML writer against libyaml's emitter (yaml_out.c): the
 * same document built through both gives the same bytes for every string
 * a partner might hold, hostile ones included; the few it writes on
 * purpose otherwise (line breaks other than \n, which libyaml writes raw
 * and a reader turns into \n) read back unchanged. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "partnerdesk/io/yaml_in.h"
#include "partnerdesk/io/yaml_out.h"
#include "partnerdesk/io/yaml_stream.h"

static const char *const samples[] = {
	"plain", "Riverside Art Museum", "yes", "No", "null", "on", "y", "123", "2026-01-01",
	"+1 555 0100", " leading", "trailing ", "a: b", "a:b", "a #b", "a#b", "#x", "- x", "-x",
	"?x", "? x", ": x", "key:", "O'Brien", "'quoted'", "\"dq\"", "back\\slash", "tab\there",
	"multi\nline", "multi\nline\n", "multi\nline\n\n", "\nleading break", " leading space\nline",
	"trailing space \nline", "line\n with space", "line\n\n\nthree", "bell\a", "esc\x1b[31m",
	"nbsp\xc2\xa0x", "bom\xef\xbb\xbfx", "cjk \xe6\x9d\xb1\xe4\xba\xac",
	"c1 \xc2\x9b", "--- doc", "---", "... end", "\xff bad byte", "ends with colon:", "@at",
	"`tick", "%pct", "!bang", "&amp", "*star", "|pipe", ">gt", "[br", "{br", "x, y", "x [y]",
	"\xc3\xbc starts non-ASCII", "nonchar \xef\xbf\xbe", "only\n", "\n", "  ", "\t", "\n\n",
	"a\n\n", " \n", "x\n ", "https://example.org/a?b=c#frag", "mailto:a@b.org", "50%",
	"Line one\nLine two: with colon\n# not a comment\n- not a list", "~", "=", "<<",
	"tilde ~", "\xe2\x80\x8b zero width", "\xe2\x80\xae bidi", "nul-free \x7f del",
	"long " "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa words and more words here",
};
enum { N_SAMPLES = sizeof samples / sizeof *samples };

/* Breaks libyaml writes raw (and a reader reads as \n). */
static const char *const other_breaks[] = {
	"cr\rhere", "a\r\nb", "nel\xc2\x85x", "ls\xe2\x80\xa8x", "ps\xe2\x80\xa9x", "two\nkinds\rof",
};
enum { N_OTHER = sizeof other_breaks / sizeof *other_breaks };

/* Characters beyond U+FFFF, which libyaml escapes (\U0001F600) and which
 * push a note out of its literal block: written as themselves here. */
static const char *const astral[] = {
	"emoji \xf0\x9f\x98\x80", "Caf\xc3\xa9 \xf0\x9f\x93\x9a Books", "\xf0\x9f\x8e\x89 first",
	"Met at the fair \xf0\x9f\x8e\x89\nThey want a story time\nCall back Tuesday",
	"last plane \xf4\x8f\xbf\xbd", "yes \xf0\x9f\x98\x80\n",
};
enum { N_ASTRAL = sizeof astral / sizeof *astral };

/* The backup's shape: a partner with a string, a list and a nested item. */
static char *with_libyaml(const char *s, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	pd_yaml_out *y = pd_yaml_out_create(f);
	pd_yaml_document_begin(y);
	pd_yaml_mapping_begin(y);
	pd_yaml_key_int(y, "partnerdesk-backup", 1);
	pd_yaml_key(y, "partners");
	pd_yaml_sequence_begin(y);
	pd_yaml_mapping_begin(y);
	pd_yaml_key_string(y, "name", s);
	pd_yaml_key_string(y, "notes", s);
	pd_strv sv = { 0 };
	pd_strv_push(&sv, s);
	pd_strv_push(&sv, "second");
	pd_yaml_key_strv(y, "tags", &sv);
	pd_yaml_key(y, "contacts");
	pd_yaml_sequence_begin(y);
	pd_yaml_mapping_begin(y);
	pd_yaml_key_string(y, "name", s);
	pd_yaml_key_string(y, "title", "Director");
	pd_yaml_mapping_end(y);
	pd_yaml_sequence_end(y);
	pd_yaml_key_string(y, "updated", s);
	pd_yaml_mapping_end(y);
	pd_yaml_sequence_end(y);
	pd_yaml_mapping_end(y);
	pd_yaml_document_end(y);
	pd_error err = { 0 };
	pd_yaml_out_finish(y, &err);
	pd_yaml_out_destroy(y);
	fclose(f);
	pd_strv_clear(&sv);
	return buf;
}

static char *with_stream(const char *s, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	pd_ys y;
	pd_ys_init(&y, f);
	pd_ys_key_int(&y, 0, "partnerdesk-backup", 1);
	pd_ys_key(&y, 0, "partners");
	pd_ys_item_begin(&y);
	pd_ys_key_string(&y, 2, "name", s);
	pd_ys_key_string(&y, 2, "notes", s);
	pd_strv sv = { 0 };
	pd_strv_push(&sv, s);
	pd_strv_push(&sv, "second");
	pd_ys_key_strv(&y, 2, "tags", &sv);
	pd_ys_key(&y, 2, "contacts");
	pd_ys_item_begin(&y);
	pd_ys_key_string(&y, 4, "name", s);
	pd_ys_key_string(&y, 4, "title", "Director");
	pd_ys_item_end(&y, 4);
	pd_ys_key_string(&y, 2, "updated", s);
	pd_ys_item_end(&y, 2);
	pd_error err = { 0 };
	pd_ys_finish(&y, &err);
	fclose(f);
	pd_strv_clear(&sv);
	return buf;
}

/* The partner's "notes" as read back, or NULL. */
static char *read_notes(const char *doc, size_t len)
{
	pd_error err = { 0 };
	pd_yin *root = pd_yaml_read("t.yaml", doc, len, NULL, &err);
	if (!root) {
		printf("# %s\n", err.msg);
		return NULL;
	}
	const pd_yin *ps = pd_yin_get(root, "partners");
	const pd_yin *notes = ps && ps->n ? pd_yin_get(ps->kids[0], "notes") : NULL;
	char *text = notes && notes->text ? strdup(notes->text) : NULL;
	pd_yin_destroy(root);
	return text;
}

int main(void)
{
	for (size_t i = 0; i < N_SAMPLES; i++) {
		size_t alen = 0, blen = 0;
		char *a = with_libyaml(samples[i], &alen);
		char *b = with_stream(samples[i], &blen);
		bool same = alen == blen && memcmp(a, b, alen) == 0;
		ok(same, "sample %zu: the same bytes as libyaml", i);
		if (!same)
			printf("# libyaml:\n%s# stream:\n%s", a, b);
		free(a);
		free(b);
	}
	for (size_t i = 0; i < N_OTHER; i++) {
		size_t blen = 0;
		char *b = with_stream(other_breaks[i], &blen);
		char *back = read_notes(b, blen);
		ok(back && strcmp(back, other_breaks[i]) == 0, "break sample %zu reads back unchanged", i);
		if (!back || strcmp(back, other_breaks[i]) != 0)
			printf("# wrote:\n%s", b);
		free(back);
		free(b);
	}
	for (size_t i = 0; i < N_ASTRAL; i++) {
		size_t alen = 0, blen = 0;
		char *a = with_libyaml(astral[i], &alen);
		char *b = with_stream(astral[i], &blen);
		char *back = read_notes(b, blen);
		ok(back && strcmp(back, astral[i]) == 0, "astral sample %zu reads back unchanged", i);
		ok(!strstr(b, "\\U"), "astral sample %zu: written as itself", i);
		/* Otherwise the style libyaml picks for the same text without it. */
		char *plain = strdup(astral[i]);
		for (char *c = plain; *c; c++)
			if ((unsigned char)*c >= 0xF0) {
				memcpy(c, "XXXX", 4);
				c += 3;
			}
		size_t plen = 0;
		char *like = with_libyaml(plain, &plen);
		for (char *c = like, *d = b; *c && *d; c++, d++)
			if (*c == 'X' && (unsigned char)*d >= 0xF0) {
				memcpy(c, d, 4);
				c += 3;
				d += 3;
			}
		ok(strcmp(like, b) == 0, "astral sample %zu: the style and layout of its text without it", i);
		if (!back || strcmp(like, b) != 0)
			printf("# libyaml:\n%s# stream:\n%s", a, b);
		free(like);
		free(plain);
		free(back);
		free(a);
		free(b);
	}
	/* An item with no key at all, as libyaml writes it. */
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	pd_ys y;
	pd_ys_init(&y, f);
	pd_ys_key(&y, 0, "goals");
	pd_ys_item_begin(&y);
	pd_ys_key_string(&y, 2, "goal", "");
	pd_ys_item_end(&y, 2);
	pd_error err = { 0 };
	ok(pd_ys_finish(&y, &err), "finish");
	fclose(f);
	ok(strcmp(buf, "goals:\n- {}\n") == 0, "an empty item is {}");
	free(buf);
	/* A write that fails is reported. */
	FILE *full = fopen("/dev/full", "w");
	if (full) {
		pd_ys_init(&y, full);
		for (int i = 0; i < 2000; i++)
			pd_ys_key_string(&y, 0, "k", "some text to fill a buffer with");
		ok(!pd_ys_finish(&y, &err) && err.code == PD_ERR_IO, "a full disk is an error: %s", err.msg);
		fclose(full);
	}
	return tap_done();
}
