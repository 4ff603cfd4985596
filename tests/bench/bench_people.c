/* Many contact people under one partner: vCards of N people who all name
 * the same ORG, imported into a fresh file, at N and at N/10 in the same
 * run. Each card asks whether its person is already at the partner; that
 * question must not grow with the people already there, or the import is
 * quadratic (10,000 people took 35 s when each card read the partner's
 * whole list). Prints both times and the ratio of their time per card:
 * about 1 when the cost per card stays flat, about 10 when it grows with
 * the list. The same is done for CSV rows, one person a row at one
 * partner, which ask the same question. Exit status 1 only if an import
 * fails. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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
	rmdir(dir);
	return status;
}
