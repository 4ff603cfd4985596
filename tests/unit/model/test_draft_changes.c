/* Unit tests of the draft offer's preview: what an edit's draft changes
 * from what is stored, and a new entry's first fields typed. */
#include <string.h>

#include "tap.h"
#include "partnerdesk/model/draft.h"

#define A "\xe2\x86\x92"

int main(void)
{
	char out[256];

	/* An edit of the website only: the name, unchanged, is not the preview. */
	const pd_draft_field site[] = {
		{"Name", "Bangor Makers", "Bangor Makers"},
		{"Website", "https://old.example", "https://new.example"},
		{"Phone", "01248 000", "01248 555"},
		{"Email", "", NULL},
	};
	pd_draft_changes(site, 4, true, A, out, sizeof out);
	streq(out, "Website https://old.example \xe2\x86\x92 https://new.example; "
	      "Phone 01248 000 \xe2\x86\x92 01248 555",
	      "an edit lists the fields that differ, in form order, each with what it replaces");

	/* A value typed in the wrong field shows what it would write over. */
	const pd_draft_field wrong[] = {
		{"Email", "jardin@lyon.fr", "04 72 69 47 60"},
		{"Notes", "Partenariat depuis 2019 avec le service educatif du jardin", "Rappeler Claire"},
	};
	pd_draft_changes(wrong, 2, true, A, out, sizeof out);
	ok(strstr(out, "Email jardin@lyon.fr \xe2\x86\x92 04 72 69 47 60") != NULL,
	   "an edit names the value it replaces: %s", out);
	ok(strstr(out, "Notes Partenariat depuis") != NULL && strstr(out, "service educatif") == NULL &&
	   strstr(out, "\xe2\x86\x92 Rappeler Claire") != NULL,
	   "a long value replaced is cut shorter than the new one: %s", out);

	const pd_draft_field same[] = {{"Name", "Bangor Makers", "Bangor Makers "}, {"Phone", NULL, ""}};
	pd_draft_changes(same, 2, true, A, out, sizeof out);
	streq(out, "(no change from what is saved)", "a draft identical to what is stored says so");

	const pd_draft_field cleared[] = {{"Phone", "01248 000", ""}};
	pd_draft_changes(cleared, 1, true, A, out, sizeof out);
	streq(out, "Phone 01248 000 \xe2\x86\x92 (empty)", "a field emptied is a change");

	/* A long name changed first: cut, so the next change is still on the line. */
	char longname[401];
	for (int i = 0; i < 200; i++)
		memcpy(longname + 2 * i, "\xc3\xa2", 2);   /* "â" x 200 */
	longname[400] = '\0';
	const pd_draft_field lng[] = {{"Name", "x", longname}, {"Website", "", "w.example"}};
	pd_draft_changes(lng, 2, true, A, out, sizeof out);
	ok(strstr(out, "Website \xe2\x86\x92 w.example") != NULL, "a long value is cut: %s", out);
	ok(strlen(out) < 120, "the line stays short (%zu bytes)", strlen(out));

	/* Line breaks become spaces; an escape is left for the draw routine. */
	const pd_draft_field note[] = {{"Notes", "", "two\nlines \x1b[31m"}};
	pd_draft_changes(note, 1, true, A, out, sizeof out);
	streq(out, "Notes \xe2\x86\x92 two lines \x1b[31m", "one line, the escape kept for the sanitizer");

	/* A new entry: its first fields typed, defaults and blanks left out. */
	const pd_draft_field fresh[] = {
		{"Title", "", "Story hour MoU"},
		{"Status", "draft", "draft"},
		{"Start", "", "  "},
		{"Review", "", "2027-03-01"},
		{"End", "", "2028-01-01"},
		{"Notes", "", "more"},
	};
	pd_draft_changes(fresh, 6, false, A, out, sizeof out);
	streq(out, "Title \"Story hour MoU\", Review \"2027-03-01\", End \"2028-01-01\"",
	      "a new entry shows its first three fields typed");
	pd_draft_changes(fresh + 1, 2, false, A, out, sizeof out);
	streq(out, "", "a new entry with nothing typed previews nothing");

	/* A small buffer is cut on a character's edge. */
	char tiny[8];
	const pd_draft_field k[] = {{"\xec\x9d\xb4\xeb\xa6\x84", "", "\xea\xb0\x80"}};
	pd_draft_changes(k, 1, true, A, tiny, sizeof tiny);
	streq(tiny, "\xec\x9d\xb4\xeb\xa6\x84 ", "cut whole characters only (not half of the arrow)");

	/* A terminal that cannot show the arrow gets "->". */
	pd_draft_changes(cleared, 1, true, NULL, out, sizeof out);
	streq(out, "Phone 01248 000 -> (empty)", "no arrow given: ->");
	return tap_done();
}
