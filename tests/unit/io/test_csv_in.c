/* The CSV reader: quoting, embedded newlines, CRLF, BOM, separators,
 * Windows-1252, and the refusals (binary, NUL, control characters, huge
 * cells, broken UTF-8). */
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/csv_in.h"
#include "partnerdesk/io/field_map.h"
#include "partnerdesk/io/win1252.h"
#include "tap.h"

static bool rd(const char *s, size_t len, pd_csv_encoding enc, pd_csv *c, pd_error *e)
{
	return pd_csv_read("t.csv", s, len, enc, c, e);
}

int main(void)
{
	pd_csv c;
	pd_error e = { 0 };
	setvbuf(stdout, NULL, _IONBF, 0);

	const char basic[] = "\xEF\xBB\xBFName,Notes\r\n\"Smith, Jones & Co\",\"line one\r\nline \"\"two\"\"\"\r\n\r\nMus\xC3\xA9" "e,\r\n";
	ok(rd(basic, sizeof basic - 1, PD_CSV_ENC_AUTO, &c, &e), "basic file reads: %s", e.msg);
	is(c.n, 4, "header, two rows and the blank line between");
	streq(c.v[0].fields[0], "Name", "BOM stripped from the first header");
	streq(c.v[1].fields[0], "Smith, Jones & Co", "quoted comma kept");
	streq(c.v[1].fields[1], "line one\r\nline \"two\"", "embedded newline and doubled quotes");
	is(c.v[1].row, 2, "first data row is spreadsheet row 2");
	is(c.v[2].n, 0, "blank line is an empty record");
	is(c.v[3].row, 4, "row numbers count the blank line, not embedded newlines");
	streq(c.v[3].fields[0], "Mus\xC3\xA9" "e", "UTF-8 kept");
	ok(!c.converted, "not converted");
	pd_csv_finish(&c);

	const char semi[] = "Name;Email\nA;a@x\n";
	ok(rd(semi, sizeof semi - 1, PD_CSV_ENC_AUTO, &c, &e), "semicolon file reads");
	is(c.delimiter, ';', "semicolon sniffed");
	streq(c.v[1].fields[1], "a@x", "second field");
	pd_csv_finish(&c);

	const char cp[] = "Name\nCaf\xE9 \x93quoted\x94\n";
	ok(rd(cp, sizeof cp - 1, PD_CSV_ENC_AUTO, &c, &e), "Windows-1252 file reads");
	ok(c.converted, "marked converted");
	streq(c.v[1].fields[0], "Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D", "converted to UTF-8");
	pd_csv_finish(&c);

	const char mixed[] = "Name\nMus\xC3\xA9" "e\nCaf\xE9\n";
	ok(rd(mixed, sizeof mixed - 1, PD_CSV_ENC_AUTO, &c, &e), "mixed file reads");
	ok(c.v[1].error == NULL, "the UTF-8 row is fine");
	ok(c.v[2].error && strstr(c.v[2].error, "not valid UTF-8"), "the bad row is named: %s",
		c.v[2].error ? c.v[2].error : "");
	pd_csv_finish(&c);

	ok(rd(cp, sizeof cp - 1, PD_CSV_ENC_UTF8, &c, &e), "strict UTF-8 reads");
	ok(c.v[1].error != NULL, "strict UTF-8 refuses the row");
	pd_csv_finish(&c);

	const char esc[] = "Name\n\x1b[2Jevil\n";
	ok(rd(esc, sizeof esc - 1, PD_CSV_ENC_AUTO, &c, &e), "escape file reads");
	ok(c.v[1].error && strstr(c.v[1].error, "0x1B"), "escape refused: %s", c.v[1].error ? c.v[1].error : "");
	pd_csv_finish(&c);

	const char nul[] = "Name\nA\nB\0C\n";
	ok(!rd(nul, sizeof nul - 1, PD_CSV_ENC_AUTO, &c, &e), "NUL refused");
	ok(strstr(e.msg, "t.csv:3:") != NULL, "NUL row named: %s", e.msg);

	const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
	ok(!rd((const char *)png, sizeof png, PD_CSV_ENC_AUTO, &c, &e), "PNG refused");
	ok(strstr(e.msg, "not") != NULL, "says so: %s", e.msg);

	const char u16[] = "\xFF\xFEN\0a\0";
	ok(!rd(u16, sizeof u16 - 1, PD_CSV_ENC_AUTO, &c, &e), "UTF-16 refused");
	ok(strstr(e.msg, "UTF-16") != NULL, "says UTF-16: %s", e.msg);

	const char unclosed[] = "Name\n\"never closed\n";
	ok(!rd(unclosed, sizeof unclosed - 1, PD_CSV_ENC_AUTO, &c, &e), "unclosed quote refused");
	ok(strstr(e.msg, "t.csv:2:") != NULL, "row named: %s", e.msg);

	size_t big = 1024 * 1024;
	char *huge = malloc(big + 16);
	memcpy(huge, "Name\n", 5);
	memset(huge + 5, 'x', big);
	memcpy(huge + 5 + big, "\nok\n", 4);
	ok(rd(huge, big + 9, PD_CSV_ENC_AUTO, &c, &e), "1 MB cell file reads");
	ok(c.v[1].error && strstr(c.v[1].error, "at most"), "1 MB cell refused: %s", c.v[1].error ? c.v[1].error : "");
	streq(c.v[2].fields[0], "ok", "the next row still reads");
	pd_csv_finish(&c);
	free(huge);

	/* header mapping */
	is(pd_field_from_header("Library name"), PD_FIELD_NAME, "Library name");
	is(pd_field_from_header(" ORGANISATION "), PD_FIELD_NAME, "Organisation");
	is(pd_field_from_header("E-mail"), PD_FIELD_EMAIL, "E-mail");
	is(pd_field_from_header("Email address"), PD_FIELD_EMAIL, "Email address");
	is(pd_field_from_header("Telephone"), PD_FIELD_PHONE, "Telephone");
	is(pd_field_from_header("URL"), PD_FIELD_WEBSITE, "URL");
	is(pd_field_from_header("Address 2"), PD_FIELD_ADDRESS, "Address 2");
	is(pd_field_from_header("Postcode"), PD_FIELD_ADDRESS, "Postcode");
	is(pd_field_from_header("Contact name"), PD_FIELD_CONTACT, "Contact name");
	is(pd_field_from_header("Type of library"), PD_FIELD_NONE, "Type of library not guessed");
	is(pd_field_from_header("Year opened"), PD_FIELD_NONE, "unknown stays unknown");
	is(pd_field_from_header("id"), PD_FIELD_IGNORE, "our export's id column is left out");
	is(pd_field_from_header("next_follow_up"), PD_FIELD_IGNORE, "derived export columns left out");
	is(pd_field_from_header("fiscal_month"), PD_FIELD_FISCAL_MONTH, "fiscal_month");
	is(pd_field_from_header("Skip"), PD_FIELD_NONE, "a column called Skip is data");

	char *hdr[] = { "Org", "Weird", "Email" };
	pd_field cols[3];
	const char *maps[] = { "weird=tags", "EMAIL=ignore" };
	ok(pd_field_map_build(hdr, 3, maps, 2, cols, &e), "map builds: %s", e.msg);
	is(cols[1], PD_FIELD_TAGS, "--map names an unknown column");
	is(cols[2], PD_FIELD_IGNORE, "--map overrides a known one");
	const char *bad[] = { "Nope=name" };
	ok(!pd_field_map_build(hdr, 3, bad, 1, cols, &e), "unknown column refused");
	ok(strstr(e.msg, "no column") != NULL, "says so: %s", e.msg);
	const char *badf[] = { "Org=flavour" };
	ok(!pd_field_map_build(hdr, 3, badf, 1, cols, &e), "unknown field refused");
	ok(strstr(e.msg, "fields are") != NULL, "lists fields: %s", e.msg);

	size_t n;
	char *w = pd_win1252_to_utf8("\x80\x81", 2, &n);
	streq(w, "\xE2\x82\xAC\xEF\xBF\xBD", "euro sign and an undefined byte");
	free(w);
	return tap_done();
}
