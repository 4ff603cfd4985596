/* Many contact people under one partner: vCards of N people who all name
 * the same ORG, imported into a fresh file, at N and at N/10 in the same
 * run. Each card asks whether its person is already at the partner; that
 * question must not grow with the people already there, or the import is
 * quadratic (10,000 people took 35 s when each card read the partner's
 * whole list). Prints both times and the ratio of their time per card:
 * about 1 when the cost per card stays flat, about 10 when it grows with
 * the list. The same is done for CSV rows, one person a row at one
 * partner, which ask the same question. Last, the N people exported as
 * vCards and that export imported again into the same file: each card is
 * found by its UID, so the re-import is timed against the first import of
 * the run (a lookup that reads the partner's people whole made it 8 s for
 * 10,000). Exit status 1 only if an import fails. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "partnerdesk/io/export.h"
#include "partnerdesk/io/import.h"
#include "partnerdesk/model/contact.h"

#include "gen.h"

static char *make_cards(long n, size_t *len)
{
	size_t cap = (size_t)n * 160 + 1;
	char *s = malloc(cap);
	size_t k = 0;
	for (long i = 0; s && i < n; i++)
		k += (size_t)snprintf(s + k, cap - k, "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Keeper%06ld;Sam;;;\r\n"
			"FN:Sam Keeper%06ld\r\nORG:City Zoo\r\nTITLE:Keeper\r\nEMAIL:k%ld@zoo.org\r\n"
			"END:VCARD\r\n", i, i, i);
	*len = k;
	return s;
}

static char *make_rows(long n, size_t *len)
{
	size_t cap = (size_t)n * 80 + 64;
	char *s = malloc(cap);
	size_t k = s ? (size_t)snprintf(s, cap, "Organisation,Contact,Contact email\n") : 0;
	for (long i = 0; s && i < n; i++)
		k += (size_t)snprintf(s + k, cap - k, "City Zoo,Sam Keeper%06ld,k%ld@zoo.org\n", i, i);
	*len = k;
	return s;
}

/* Seconds to import n people at one partner into a new file; -1 on failure. */
static double run(const char *dir, bool vcard, long n)
{
	char path[300];
	snprintf(path, sizeof path, "%s/people.db", dir);
	gen_unlink_db(path);
	size_t len;
	char *data = vcard ? make_cards(n, &len) : make_rows(n, &len);
	pd_error err = { 0 };
	pd_db *db = data ? pd_db_open(path, PD_OPEN_CREATE, NULL, &err) : NULL;
	if (!db) {
		fprintf(stderr, "bench: %s\n", data ? err.msg : "out of memory");
		free(data);
		return -1;
	}
	pd_import_opts o = { .name = vcard ? "people.vcf" : "people.csv" };
	pd_import_stats st;
	double t0 = gen_now();
	bool ok = pd_import_buffer(db, data, len, &o, &st, &err);
	double t = gen_now() - t0;
	long people = pd_contact_count(db, &err);
	pd_db_close(db);
	gen_unlink_db(path);
	free(data);
	if (!ok || people != n) {
		fprintf(stderr, "bench: import failed (%ld of %ld people): %s\n", people, n, err.msg);
		return -1;
	}
	return t;
}

/* n people imported as vCards, then the desk's own vCard export of them
 * imported again: *first and *again in seconds. False on any failure. */
static bool reimport(const char *dir, long n, double *first, double *again)
{
	char path[300];
	snprintf(path, sizeof path, "%s/reimport.db", dir);
	gen_unlink_db(path);
	size_t len, out_len = 0, items = 0;
	char *data = make_cards(n, &len), *out = NULL;
	pd_error err = { 0 };
	pd_db *db = data ? pd_db_open(path, PD_OPEN_CREATE, NULL, &err) : NULL;
	bool ok = db != NULL;
	pd_import_opts o = { .name = "people.vcf" };
	pd_import_stats st;
	double t0 = gen_now();
	ok = ok && pd_import_buffer(db, data, len, &o, &st, &err);
	*first = gen_now() - t0;
	FILE *f = ok ? open_memstream(&out, &out_len) : NULL;
	ok = ok && f && pd_vcard_write(db, f, NULL, &items, &err);
	if (f)
		fclose(f);
	o.name = "export.vcf";
	t0 = gen_now();
	ok = ok && pd_import_buffer(db, out, out_len, &o, &st, &err);
	*again = gen_now() - t0;
	/* Every person found again by the UID (skipped), none added. */
	long people = ok ? pd_contact_count(db, &err) : -1;
	if (ok && (people != n || st.added != 0))
		ok = pd_error_set(&err, PD_ERR_GENERIC, "%ld people after the re-import, %ld added",
			people, st.added);
	if (!ok)
		fprintf(stderr, "bench: re-import: %s\n", data ? err.msg : "out of memory");
	pd_db_close(db);
	gen_unlink_db(path);
	free(data);
	free(out);
	return ok;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 10000;
	char dir[] = "/tmp/pd-bench-people-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	int status = 0;
	for (int k = 0; k < 2; k++) {
		bool vcard = k == 0;
		double small = run(dir, vcard, n / 10), big = run(dir, vcard, n);
		if (small <= 0 || big < 0) {
			status = 1;
			continue;
		}
		printf("%s, one partner: %ld people %.3f s, %ld people %.3f s; time per person %.2fx "
			"(flat: about 1, growing with the list: about 10)\n", vcard ? "vCards" : "CSV rows",
			n / 10, small, n, big, (big / (double)n) / (small / (double)(n / 10)));
	}
	double first, again;
	if (reimport(dir, n, &first, &again))
		printf("vCards, our own export again: %ld people first imported %.3f s, their export "
			"imported again %.3f s; %.2fx the first import\n", n, first, again, again / first);
	else
		status = 1;
	rmdir(dir);
	return status;
}
