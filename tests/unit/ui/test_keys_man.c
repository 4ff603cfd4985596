/* The man page lists every key the program knows: the text between the
 * BEGIN KEYS and END KEYS marks of man/partnerdesk.1 must be exactly what
 * pd-keys-man writes from the keymap table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/ui/keymap.h"
#include "tap.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t cap = 0;
	FILE *m = open_memstream(&buf, &cap);
	char chunk[4096];
	size_t r;
	while ((r = fread(chunk, 1, sizeof chunk, f)) > 0)
		fwrite(chunk, 1, r, m);
	fclose(f);
	fclose(m);
	*len = cap;
	return buf;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		printf("Bail out! usage: test_keys_man MAN_PAGE\n");
		return 1;
	}
	size_t len = 0;
	char *page = slurp(argv[1], &len);
	ok(page != NULL, "the man page %s can be read", argv[1]);
	if (!page)
		return tap_done();
	if (len == 0) {
		/* The page is written by another issue; nothing to hold yet. */
		free(page);
		printf("1..0 # SKIP man/partnerdesk.1 is still empty\n");
		return 0;
	}
	const char *begin_mark = ".\\\" BEGIN KEYS\n", *end_mark = ".\\\" END KEYS\n";
	char *begin = strstr(page, begin_mark);
	char *end = begin ? strstr(begin, end_mark) : NULL;
	ok(begin != NULL, "the page has a BEGIN KEYS mark");
	ok(end != NULL, "and an END KEYS mark after it");

	pd_error err = {0};
	pd_keymap *km = pd_keymap_create(NULL, &err);
	char *want = NULL;
	size_t want_len = 0;
	FILE *m = open_memstream(&want, &want_len);
	pd_keymap_write_man(m, km);
	fclose(m);

	/* Every action with a key appears, its help as the keys in force say it. */
	size_t n;
	const pd_keydef *defs = pd_keymap_defaults(&n);
	int missing = 0;
	for (size_t a = 1; a < n; a++) {
		char help[512];
		pd_keymap_help(km, (pd_action)a, help, sizeof help);
		if (!strstr(want, help)) {
			missing++;
			printf("# not in the KEYS list: %s\n", defs[a].name);
		}
	}
	is(missing, 0, "the generated list has every action");
	pd_keymap_destroy(km);

	if (begin && end) {
		begin += strlen(begin_mark);
		*end = '\0';
		ok(strcmp(begin, want) == 0, "the page's KEYS list is pd-keys-man's output "
		   "(regenerate: build/src/ui/pd-keys-man)");
		if (strcmp(begin, want) != 0) {
			/* Where they part, for whoever fixes it. */
			size_t i = 0;
			while (begin[i] && begin[i] == want[i])
				i++;
			printf("# they differ at byte %zu: page \"%.40s\" vs generated \"%.40s\"\n", i, begin + i, want + i);
		}
	}
	free(want);
	free(page);
	return tap_done();
}
