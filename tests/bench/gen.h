/* The benchmark data generator: N partners with 3 contact people and 10
 * interactions each, the same bytes for the same N, made through the model
 * API and cached in the build directory so repeated runs reuse them. */
#ifndef PARTNERDESK_BENCH_GEN_H
#define PARTNERDESK_BENCH_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "partnerdesk/model/db.h"

#define GEN_CONTACTS 3
#define GEN_INTERACTIONS 10
/* The day the generated history ends: dates spread over the 3 years before
 * it and open follow-ups sit around it. Benchmarks pin the clock here. */
#define GEN_ANCHOR "2026-11-01"
/* Bumped whenever the generated data changes, so stale caches are remade. */
#define GEN_VERSION 1

/* A fixed-seed generator (splitmix64): the same seed gives the same data. */
typedef struct gen_rng {
	uint64_t s;
} gen_rng;

void gen_rng_init(gen_rng *r, uint64_t seed);
uint64_t gen_next(gen_rng *r);
uint32_t gen_below(gen_rng *r, uint32_t n);

/* The i-th partner's name (deterministic, realistic, some non-ASCII). */
void gen_partner_name(uint64_t i, char *out, size_t size);
/* A person's name drawn from r. */
void gen_person_name(gen_rng *r, char *out, size_t size);

/* The time pd_db_set_now is pinned to while generating and measuring. */
time_t gen_anchor_time(void);

/* Fills db (empty, freshly created) with n partners in one transaction.
 * *seconds gets how long it took. */
bool gen_fill(pd_db *db, long n, double *seconds, char *msg, size_t msg_size);

/* The cached database for n partners in dir: made on first use (into a
 * temporary file renamed when complete), reused afterwards. Writes the
 * path into out; *made_seconds is the generation time, or -1 when the
 * cache was reused. */
bool gen_cached_db(const char *dir, long n, char *out, size_t out_size, double *made_seconds,
	char *msg, size_t msg_size);

/* Writes n partner rows as CSV (name, kind, stage, scale, email, phone,
 * website, contact, title, contact_email, notes) for import benchmarks. */
bool gen_write_csv(const char *path, long n, char *msg, size_t msg_size);

/* abook's addressbook format holding the same n partner names (one
 * contact email each), for the end-to-end comparison. */
bool gen_write_abook(const char *path, long n, char *msg, size_t msg_size);

/* Monotonic seconds. */
double gen_now(void);

/* Removes a database file and its -wal and -shm. */
void gen_unlink_db(const char *path);

#endif
