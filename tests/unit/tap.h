/* A minimal TAP producer for the unit tests: ok/is/streq with the line,
 * and a plan printed at the end so meson's TAP parser counts every check. */
#ifndef PD_TESTS_TAP_H
#define PD_TESTS_TAP_H

#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static int tap_n, tap_failed;

#define ok(cond, ...) tap_ok_(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is(got, want, ...) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	if (!tap_ok_(g_ == w_, __FILE__, __LINE__, __VA_ARGS__)) \
		printf("#   got %lld, want %lld\n", g_, w_); \
} while (0)
#define streq(got, want, ...) tap_streq_((got), (want), __FILE__, __LINE__, __VA_ARGS__)

/* A line break inside a description or a shown value would end the TAP
 * line early and meson would report "Unknown TAP output lines": both are
 * printed with line breaks as \n. */
__attribute__((unused))
static void tap_put_(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			fputs("\\n", stdout);
		else if (*s == '\r')
			fputs("\\r", stdout);
		else
			putchar(*s);
	}
}

__attribute__((format(printf, 1, 0), unused))
static void tap_vput_(const char *fmt, va_list ap)
{
	char small[512];
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	if (n >= 0 && (size_t)n < sizeof small) {
		tap_put_(small);
	} else if (n >= 0) {
		char *big = malloc((size_t)n + 1);
		if (big) {
			vsnprintf(big, (size_t)n + 1, fmt, again);
			tap_put_(big);
			free(big);
		}
	}
	va_end(again);
}

__attribute__((format(printf, 4, 5), unused, noinline))
static int tap_ok_(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	tap_n++;
	printf("%s %d - ", pass ? "ok" : "not ok", tap_n);
	va_start(ap, fmt);
	tap_vput_(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!pass) {
		tap_failed++;
		printf("#   at %s:%d\n", file, line);
	}
	return pass;
}

__attribute__((format(printf, 5, 6), unused, noinline))
static int tap_streq_(const char *got, const char *want, const char *file, int line, const char *fmt, ...)
{
	int pass = got && want && strcmp(got, want) == 0;
	va_list ap;
	tap_n++;
	printf("%s %d - ", pass ? "ok" : "not ok", tap_n);
	va_start(ap, fmt);
	tap_vput_(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!pass) {
		tap_failed++;
		printf("#   at %s:%d\n#   got \"", file, line);
		tap_put_(got ? got : "(null)");
		printf("\", want \"");
		tap_put_(want ? want : "(null)");
		printf("\"\n");
	}
	return pass;
}

__attribute__((unused))
static int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
