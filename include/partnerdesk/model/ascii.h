/* Case and character classes for protocol words, which follow ASCII and
 * never the user's locale: vCard names, CSV headers, option words, keys. */
#ifndef PARTNERDESK_MODEL_ASCII_H
#define PARTNERDESK_MODEL_ASCII_H

#include <stdbool.h>
#include <stddef.h>

/* main() calls setlocale(LC_ALL, ""), after which <ctype.h> and
 * strcasecmp follow the user's locale: in Turkish toupper('i') is 'i' and
 * strcasecmp("I", "i") is not 0, so "email" would never be EMAIL; in a
 * single-byte locale isalpha and isspace say yes to bytes of UTF-8 text.
 * These look at ASCII only; every other byte is itself and in no class.
 * They take and give a char value (any sign), as the text holds it. */

static inline int pd_ascii_tolower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static inline int pd_ascii_toupper(int c)
{
	return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
}

static inline bool pd_ascii_isdigit(int c)
{
	return c >= '0' && c <= '9';
}

static inline bool pd_ascii_isalpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline bool pd_ascii_isalnum(int c)
{
	return pd_ascii_isalpha(c) || pd_ascii_isdigit(c);
}

/* The value of a hex digit (0-9, a-f, A-F), or -1 for any other byte. */
static inline int pd_ascii_hexval(int c)
{
	if (pd_ascii_isdigit(c))
		return c - '0';
	c = pd_ascii_toupper(c);
	return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The six of the C locale: space, \t, \n, \v, \f, \r. */
static inline bool pd_ascii_isspace(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* strcasecmp and strncasecmp with ASCII folding (bytes compare as
 * unsigned, as strcmp's do). */
int pd_ascii_casecmp(const char *a, const char *b);
int pd_ascii_ncasecmp(const char *a, const char *b, size_t n);

/* True when s starts with prefix, ignoring ASCII case ("MAILTO:x", "mailto:"). */
bool pd_ascii_prefix(const char *s, const char *prefix);

/* Upper-cases the ASCII letters of s in place; returns s. */
char *pd_ascii_upper(char *s);

#endif
