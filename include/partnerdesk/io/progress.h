/* Progress of a long import or export on stderr: "rows done/total, rate"
 * (or cards, contacts, calendar items: whatever is counted),
 * updated in place with \r and at most a few times a second, and only when
 * the stream is a terminal and the job is big enough to wait for. */
#ifndef PARTNERDESK_IO_PROGRESS_H
#define PARTNERDESK_IO_PROGRESS_H

#include <stdbool.h>
#include <stdio.h>

/* Jobs with fewer rows than this finish before anyone would look. */
#define PD_PROGRESS_MIN_ROWS 2000

typedef struct pd_progress {
	FILE *out;            /* NULL: silent */
	const char *what;     /* "importing", "exporting" */
	const char *unit;     /* "rows", "cards": what total counts */
	long total;
	long done;
	double started;       /* monotonic seconds */
	double last_shown;
	bool shown;
} pd_progress;

/* Silent unless `out` is a terminal and total >= PD_PROGRESS_MIN_ROWS
 * (force: show whatever the stream and size, for tests). */
void pd_progress_init(pd_progress *p, FILE *out, const char *what, long total, bool force);
/* The same counting something other than rows ("cards", "contacts"). */
void pd_progress_init_unit(pd_progress *p, FILE *out, const char *what, const char *unit,
	long total, bool force);
void pd_progress_step(pd_progress *p, long done);
/* Clears the line it drew, if any. */
void pd_progress_finish(pd_progress *p);

/* A message is about to go to `to`: when that is the terminal a progress
 * line on `progress` may be standing on, that line is cleared so that the
 * message starts at the left edge instead of after the progress text; the
 * next step draws the progress again below the message. */
void pd_progress_make_way(FILE *progress, FILE *to);

#endif
