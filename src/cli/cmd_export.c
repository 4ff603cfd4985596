/* `partnerdesk export`: the database as a YAML backup (default), CSV,
 * JSON, iCalendar or vCards, on standard output or into a file written
 * safely (-o: created 0600, complete or not at all). */
#include <string.h>

#include "partnerdesk/cli/cleanup.h"
#include "partnerdesk/cli/commands.h"
#include "partnerdesk/cli/options.h"
#include "partnerdesk/io/export.h"

static int run(pd_cli *cli, int argc, char **argv);

const pd_command pd_cmd_export = {
	.name = "export",
	.summary = "write everything out: YAML backup, CSV, JSON, iCalendar, vCards",
	.usage =
	"usage: partnerdesk export [--format yaml|csv|json|ics|vcf] [--excel]\n"
	"                          [-o|--output FILE]\n"
	"\n"
	"  yaml  the full backup: partners with contacts, interactions, stage\n"
	"        history, agreements, fit and goals; `import` restores it exactly\n"
	"        (see partnerdesk-backup(5))\n"
	"  csv   one row per partner, for spreadsheets and scripts\n"
	"  json  an array of full partner records\n"
	"  ics   open follow-ups and those done in the last 90 days (VTODO);\n"
	"        stage review dates and the current agreement's review and end\n"
	"        dates (all-day VEVENT)\n"
	"  vcf   contact people as vCard 4.0, ORG naming their partner\n"
	"\n"
	"--excel writes csv (it implies --format csv) for opening by double-click\n"
	"in Excel or LibreOffice: a UTF-8 byte order mark, so that accents and\n"
	"other scripts show right, and a leading apostrophe on every cell that\n"
	"starts with = + - @, a tab or a line break (and a second one on a cell\n"
	"that already starts with an apostrophe before one), so that a phone\n"
	"\"+44 ...\" or a hostile \"=HYPERLINK(...)\" shows as text and is never\n"
	"run as a formula. `import` takes these apostrophes off again.\n"
	"\n"
	"Without --format the extension of FILE decides, else yaml. With -o the\n"
	"file is written beside FILE and renamed over it when complete; a new\n"
	"file is created readable by you alone (0600). A symlink is written\n"
	"through to the file it points to, but not another user's link or file\n"
	"in a sticky directory anyone may write (/tmp). The database and its\n"
	"-wal/-shm are refused: copy the database with `partnerdesk backup FILE`.\n",
	.run = run,
};

enum { OPT_FORMAT = PD_OPT__FIRST_FREE, OPT_EXCEL };

static const struct option options[] = {
	{"format", required_argument, NULL, OPT_FORMAT},
	{"output", required_argument, NULL, 'o'},
	{"excel", no_argument, NULL, OPT_EXCEL},
	PD_CLI_COMMON_OPTIONS,
	{NULL, 0, NULL, 0},
};

static int run(pd_cli *cli, int argc, char **argv)
{
	const pd_command *cmd = &pd_cmd_export;
	static const char *const formats[] = {"yaml", "csv", "json", "ics", "vcf", NULL};
	const char *format = NULL, *path = NULL;
	bool excel = false;
	int c;
	while ((c = pd_cli_getopt(argc, argv, "o:", options)) != -1) {
		if (c == OPT_FORMAT) {
			format = optarg;
			continue;
		}
		if (c == 'o') {
			path = optarg;
			continue;
		}
		if (c == OPT_EXCEL) {
			excel = true;
			continue;
		}
		int status = pd_cli_option(cli, cmd, options, c, argv);
		if (status != PD_CLI_CONTINUE)
			return status;
	}
	if (argc - optind != 0) {
		/* "export csv" asks for a format: naming the file would not give it. */
		const char *f = pd_cli_names_one_of(argv[optind], formats);
		if (f)
			return pd_cli_usage_error(cli, cmd, "export takes no operands; for %s, --format %s (and -o FILE "
			                          "names the file)", f, f);
		return pd_cli_usage_error(cli, cmd, "export takes no operands; name the file with -o FILE");
	}
	if (path && !*path)
		return pd_cli_usage_error(cli, cmd, "-o names an empty file name; use -o - for standard output");
	pd_export_format fmt = PD_EXPORT_YAML;
	if (format && !pd_export_format_parse(format, &fmt))
		return pd_cli_not_one_of(cli, cmd, "--format", format, formats);
	/* The format the file's name says ("x.yaml": yaml) counts as asked. */
	const char *asked = format ? format
	                  : path && pd_export_format_for_path(path, &fmt) ? strrchr(path, '.') + 1 : NULL;
	int status = pd_cli_excel_format(cli, cmd, excel, &asked, NULL, format ? NULL : path);
	if (status != PD_CLI_CONTINUE)
		return status;
	if (excel)
		fmt = PD_EXPORT_CSV_EXCEL;
	if (!pd_cli_open(cli, PD_OPEN_READONLY))
		return PD_EXIT_FAIL;
	pd_error err = { 0 };
	/* /dev/stdout is the shell's way of saying "-": through a pipe it
	 * names no file to replace beside itself. */
	bool to_stdout = !path || strcmp(path, "-") == 0 || strcmp(path, "/dev/stdout") == 0 ||
	                 strcmp(path, "/dev/fd/1") == 0 || strcmp(path, "/proc/self/fd/1") == 0;
	size_t items = 0;
	bool ok;
	if (!to_stdout) {
		ok = pd_export_to_path(cli->db, fmt, path, pd_cli_progress(cli, false),
		                       &pd_cleanup_watch, &items, &err);
	} else {
		FILE *out = pd_cli_data_out(cli);
		ok = pd_export_write(cli->db, fmt, out, pd_cli_progress(cli, true), &items, &err);
		if (!pd_cli_data_out_end(cli, out) && ok) {
			pd_error_set(&err, PD_ERR_IO, "cannot write to standard output");
			ok = false;
		}
	}
	if (!ok)
		return pd_cli_fail(cli, &err);
	/* An empty calendar or address book is still written (a subscribed
	 * calendar must lose what is no longer due), but a person who
	 * expected entries is told why there are none. */
	if (items == 0 && fmt == PD_EXPORT_ICS)
		pd_cli_errorf(cli, "note: the calendar is empty: no open follow-ups, recent done ones, "
		              "stage reviews or agreement dates");
	else if (items == 0 && fmt == PD_EXPORT_VCF)
		pd_cli_errorf(cli, "note: the address book is empty: no partner has a contact person yet "
		              "(`partnerdesk contact add PARTNER NAME`)");
	return PD_EXIT_OK;
}
