/* A progress line for long imports and exports, throttled so that drawing
 * it never costs more than the work it reports. */
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "partnerdesk/io/progress.h"

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void pd_progress_init_unit(pd_progress *p, FILE *out, const char *what, const char *unit,
	long total, bool force)
{
	*p = (pd_progress){ .what = what, .unit = unit, .total = total };
	if (out && (force || (total >= PD_PROGRESS_MIN_ROWS && isatty(fileno(out)))))
		p->out = out;
	p->started = p->last_shown = now_seconds();
}

void pd_progress_init(pd_progress *p, FILE *out, const char *what, long total, bool force)
{
	pd_progress_init_unit(p, out, what, "rows", total, force);
}

static void draw(pd_progress *p)
{
	double elapsed = p->last_shown - p->started;
	double rate = elapsed > 0 ? (double)p->done / elapsed : 0;
	fprintf(p->out, "\rpartnerdesk: %s %ld/%ld %s, %.0f %s/s ", p->what,
		p->done, p->total, p->unit, rate, p->unit);
	fflush(p->out);
	p->shown = true;
}

void pd_progress_step(pd_progress *p, long done)
{
	p->done = done;
	if (!p->out)
		return;
	/* Checking the clock every row costs more than the import of a row. */
	if ((done & 255) != 0 && done != p->total)
		return;
	double t = now_seconds();
	if (t - p->last_shown < 0.2 && done != p->total)
		return;
	p->last_shown = t;
	draw(p);
}

void pd_progress_finish(pd_progress *p)
{
	if (p->out && p->shown) {
		p->last_shown = now_seconds();
		draw(p);
		fputc('\n', p->out);
		fflush(p->out);
	}
	p->out = NULL;
}

void pd_progress_make_way(FILE *progress, FILE *to)
{
	if (!progress || !to)
		return;
	struct stat sp, st;
	if (!isatty(fileno(to)) || !isatty(fileno(progress))
	    || fstat(fileno(progress), &sp) != 0 || fstat(fileno(to), &st) != 0
	    || sp.st_rdev != st.st_rdev)
		return;
	/* Which progress line is up is not known here, so this goes out
	 * before any message on that terminal: at the start of an empty line
	 * (no progress shown) carriage return and erase-to-end show nothing. */
	fflush(progress);
	fputs("\r\033[K", to);
}
