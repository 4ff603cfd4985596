/* A command's prose line on standard output (a confirmation, restore's
 * "the database as it was is kept in PATH"): on a terminal wrapped within
 * its width, to a pipe one line as ever. Not for machine output. */
#ifndef PARTNERDESK_CLI_SAY_H
#define PARTNERDESK_CLI_SAY_H

#include "partnerdesk/cli/command.h"

/* fmt (one line, without its newline) on cli->out as pd_cli_printf writes
 * it, and a newline. To a pipe or a file byte for byte that line. On a
 * terminal, a line wider than it (and than 80 columns) is wrapped at the
 * format's spaces, the lines it wraps onto indented two spaces past the
 * line's own indent; what an argument brings (a name, a path) is never
 * broken inside, nor a "quoted" name or a `command`. A line that fits is
 * written as it is. */
void pd_cli_sayf(pd_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* lead (spaces) and text (one line of prose, without its newline: a line
 * of a merge's account, a problem check found) as pd_cli_sayf writes
 * them, text sanitized as an argument is, but free to break at any of its
 * spaces outside a "quoted" name or a `command`. */
void pd_cli_say_under(pd_cli *cli, const char *lead, const char *text);

/* first, then text (one line of a note or a card's long field, without
 * its newline), as show lays out a field: on a terminal wrapped at its
 * spaces within the width (80 at most), the lines it wraps onto starting
 * with indent, so that they hang under the text and not at column 0; to
 * a pipe or a file byte for byte first, text as pd_cli_print_text shows
 * it, and a newline. */
void pd_cli_say_hanging(pd_cli *cli, const char *first, const char *indent, const char *text);

#endif
