/* A message for a terminal wrapped within its width at spaces, never inside
 * a part that must stay whole to be read or copied; to a pipe one line. */
#ifndef PARTNERDESK_IO_MESSAGE_WRAP_H
#define PARTNERDESK_IO_MESSAGE_WRAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The bytes of text a message wraps; a longer text is said on one line,
 * whole, rather than cut. */
#define PD_MESSAGE_MAX 2048

/* A message built in parts, each shown as plain output shows text (a
 * control or a byte that is not UTF-8 as its placeholder: names from a
 * hostile file must not reach a terminal as commands). A line may break
 * at a space of a plain part, never inside a whole one. Grown as its parts
 * need (a file's name may be a 4 KB path, each byte \xNN): a message cut
 * at a fixed size lost its end, the command to copy in it. Out of memory,
 * a part that no longer fits is left out whole, as is all after it
 * (full). */
typedef struct pd_message {
	char *text;
	bool *whole;   /* byte i belongs to a whole part */
	size_t n, cap;
	bool full;
} pd_message;

/* Makes m an empty message (m new, or finished). */
void pd_message_start(pd_message *m);
/* Frees what m holds; m may be started again. */
void pd_message_finish(pd_message *m);
/* Appends fmt's text to m, all of it; whole: no line breaks inside it. */
void pd_message_put(pd_message *m, bool whole, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Marks whole what of m's text a line must not break inside: the file's
 * name (file, if m starts with it) with its ":ROW:" or ":LINE:COLUMN:", a
 * "quoted" name or header, a `command`, an option with its value
 * ("--partner NAME", "--on-duplicate merge"), and a command given bare
 * ("partnerdesk edit ID --name NEW") up to the punctuation or the word
 * that ends it. A quote left open holds the rest whole. */
void pd_message_find_whole(pd_message *m, const char *file);

/* The width a message wraps to on a terminal of cols columns: within it
 * and within 80, as the import summary's lists are; 0 (one line) when
 * cols is not a terminal's (0 or less). */
size_t pd_message_width(int cols);

/* Writes prefix, lead and m, then a newline, to to. width 0: m on one
 * line, for grep and scripts. Else wrapped at plain spaces so that each
 * line fits width columns (an East Asian wide character takes two, a
 * combining mark none); the lines after the first start with indent. A
 * whole part wider than a line goes on one of its own, unbroken: the
 * terminal folds it as it must, and a file's name cut there could not be
 * copied. Nothing is cut, however narrow width is. */
void pd_message_write(FILE *to, size_t width, const char *prefix, const char *lead, const char *indent,
	const pd_message *m);

/* text as one message (pd_message_find_whole with file), written as
 * pd_message_write writes it. A text of PD_MESSAGE_MAX bytes or more, or
 * one with no memory to wrap it in, is written unwrapped on one line. */
void pd_message_say(FILE *to, size_t width, const char *prefix, const char *lead, const char *indent,
	const char *file, const char *text);

/* The room for a line's own indent: more spaces than this lead as text. */
#define PD_MESSAGE_LEAD_MAX 32
/* A line's own indent (its leading spaces, at most PD_MESSAGE_LEAD_MAX -
 * 1) into lead, and into indent the same two further in, for the lines
 * it wraps onto (a plan's line under its row, a merge's account under its
 * first line); returns how many bytes of text the lead took. */
size_t pd_message_lead(const char *text, char lead[PD_MESSAGE_LEAD_MAX], char indent[PD_MESSAGE_LEAD_MAX + 2]);

/* text's lines each said as pd_message_say says one: a newline in a
 * message is its layout (the partners a name matches, one a line under
 * it), not a character to show as ^J. The first line starts with prefix;
 * the others with their own leading spaces, and their wrapped lines two
 * further in. */
void pd_message_say_lines(FILE *to, size_t width, const char *prefix, const char *file, const char *text);

#endif
