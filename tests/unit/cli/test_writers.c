/* The io writers the command line prints with: RFC 4180 quoting and its
 * --excel variant, YAML strings that stay strings, JSON nulls for absence,
 * bad UTF-8 repaired. */
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/csv_out.h"
#include "partnerdesk/io/json_out.h"
#include "partnerdesk/io/utf8.h"
#include "partnerdesk/io/yaml_out.h"
#include "tap.h"

static char *slurp(FILE *f)
{
	long n = ftell(f);
	rewind(f);
	char *s = calloc(1, (size_t)n + 1);
	if (s && fread(s, 1, (size_t)n, f) != (size_t)n)
		s[0] = '\0';
	fclose(f);
	return s;
}

int main(void)
{
	FILE *f = tmpfile();
	pd_csv_out c;
	pd_csv_out_init(&c, f, false);
	pd_csv_field(&c, "plain");
	pd_csv_field(&c, "a,b");
	pd_csv_field(&c, "say \"hi\"");
	pd_csv_field(&c, "two\nlines");
	pd_csv_field(&c, NULL);
	pd_csv_end_record(&c);
	ok(pd_csv_out_ok(&c), "CSV written");
	char *s = slurp(f);
	streq(s, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n", "RFC 4180 quoting and CRLF");
	free(s);

	/* --excel: a BOM, and an apostrophe before what a spreadsheet evaluates,
	 * inside the quotes when the cell is quoted. */
	f = tmpfile();
	pd_csv_out_init(&c, f, true);
	const char *cells[] = { "=1+1", "+44 20", "-x", "@y", "\tz", "\nw", "'tis", "'=q", "''+r",
	                        "a=b", "", "=a,b", "'", "'-" };
	for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++)
		pd_csv_field(&c, cells[i]);
	pd_csv_end_record(&c);
	ok(pd_csv_out_ok(&c), "--excel CSV written");
	s = slurp(f);
	streq(s, "\xEF\xBB\xBF'=1+1,'+44 20,'-x,'@y,'\tz,\"'\nw\",'tis,''=q,'''+r,a=b,,\"'=a,b\",',''-\r\n",
	      "--excel: BOM, formula cells behind one apostrophe, a user's apostrophe before one doubled");
	free(s);
	ok(!pd_csv_excel_guarded("'tis") && !pd_csv_excel_guarded("'") && !pd_csv_excel_guarded("") &&
	   !pd_csv_excel_guarded(NULL) && pd_csv_excel_guarded("''@"),
	   "the guard: apostrophes skipped, then = + - @ tab CR LF");
	ok(pd_csv_excel_guarded("\xEF\xBC\x9D" "1+1") && pd_csv_excel_guarded("\xEF\xBC\x8B" "81")
	   && pd_csv_excel_guarded("\xEF\xBC\x8Dx") && pd_csv_excel_guarded("'\xEF\xBC\xA0y")
	   && !pd_csv_excel_guarded("\xEF\xBC\xA1" "BC") && !pd_csv_excel_guarded("\xEF\xBC")
	   && !pd_csv_excel_guarded("a\xEF\xBC\x9D"),
	   "and the full-width = + - @ an East Asian Excel evaluates; not a full-width letter");

	f = tmpfile();
	pd_yaml_out *y = pd_yaml_out_create(f);
	pd_yaml_document_begin(y);
	pd_yaml_mapping_begin(y);
	pd_yaml_key_string(y, "a", "yes");
	pd_yaml_key_string(y, "b", "123");
	pd_yaml_key_string(y, "c", "2026-01-02");
	pd_yaml_key_string(y, "d", "Riverside Art Museum");
	pd_yaml_key_string(y, "e", NULL);
	pd_yaml_key_string(y, "f", "null");
	pd_yaml_key_string(y, "g", "two\nlines");
	pd_yaml_key_string(y, "h", "bad \xff byte");
	pd_yaml_key_string(y, "i", "Łódź");
	pd_yaml_key_int(y, "j", 42);
	pd_yaml_key_bool(y, "k", true);
	pd_yaml_mapping_end(y);
	pd_yaml_document_end(y);
	pd_error err = {0};
	ok(pd_yaml_out_finish(y, &err), "YAML written (%s)", err.msg);
	pd_yaml_out_destroy(y);
	s = slurp(f);
	ok(strstr(s, "a: \"yes\"\n") != NULL, "a YAML 1.1 boolean word is quoted");
	ok(strstr(s, "b: \"123\"\n") != NULL, "digits are quoted");
	ok(strstr(s, "c: \"2026-01-02\"\n") != NULL, "a date-like string is quoted");
	ok(strstr(s, "d: Riverside Art Museum\n") != NULL, "a name is plain");
	ok(strstr(s, "e: null\n") != NULL, "absence is null");
	ok(strstr(s, "f: \"null\"\n") != NULL, "the word null is quoted");
	ok(strstr(s, "g: |-\n  two\n  lines\n") != NULL, "multi-line text is a literal block");
	ok(strstr(s, "h: bad \xef\xbf\xbd byte\n") != NULL, "a bad byte becomes U+FFFD");
	ok(strstr(s, "i: Łódź\n") != NULL, "UTF-8 is written as is");
	ok(strstr(s, "j: 42\n") != NULL && strstr(s, "k: true\n") != NULL, "ints and bools are plain");
	free(s);

	/* Same input, same bytes. */
	char *runs[2];
	for (int r = 0; r < 2; r++) {
		f = tmpfile();
		y = pd_yaml_out_create(f);
		pd_yaml_document_begin(y);
		pd_yaml_sequence_begin(y);
		pd_yaml_string(y, "one");
		pd_yaml_string(y, "two: three");
		pd_yaml_sequence_end(y);
		pd_yaml_document_end(y);
		pd_yaml_out_finish(y, NULL);
		pd_yaml_out_destroy(y);
		runs[r] = slurp(f);
	}
	streq(runs[0], runs[1], "YAML output is byte-stable");
	free(runs[0]);
	free(runs[1]);

	json_t *j = pd_json_str("");
	ok(json_is_null(j), "JSON: empty is null");
	json_decref(j);
	j = pd_json_str("ok \xc3");
	ok(json_is_string(j) && strcmp(json_string_value(j), "ok \xef\xbf\xbd") == 0, "JSON: a truncated sequence is repaired");
	json_decref(j);

	char *r = pd_utf8_repair("fine");
	streq(r, "fine", "valid text is copied unchanged");
	free(r);
	return tap_done();
}
