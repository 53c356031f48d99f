/* export.c - the Results step's export (SPEC §5.7): one key, then the
 * format, then the file name, then an atomic write.
 *
 * The report is made by report/report.c's soem_report_run, the function
 * behind `soem calc`, from the calculation in memory with the wizard's
 * language: so the file is byte for byte what `soem calc --format FMT`
 * gives for the same calculation saved (tests/e2e/export.sh checks it).
 * Nothing of the calculation changes; when the report cannot be made or
 * written, the message says why and the user may try again. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store/atomic.h"
#include "report/report.h"
#include "ui/uipriv.h"
#include "util/i18n.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

static const struct {
	soem_format fmt;
	const char *item;  /* N_() */
	const char *name;  /* the format's name in the message */
	const char *ext;
} formats[] = {
	{ SOEM_FMT_MARKDOWN, N_("Markdown (.md): the report, for a council paper"),
	  "Markdown", ".md" },
	{ SOEM_FMT_HTML, N_("HTML (.html): the report with a chart, in one file"),
	  "HTML", ".html" },
	{ SOEM_FMT_CSV, N_("CSV (.csv): the yearly table, for a spreadsheet"),
	  "CSV", ".csv" },
	{ SOEM_FMT_YAML, N_("YAML (.result.yaml): the results for other programs"),
	  "YAML", ".result.yaml" },
};
#define NFORMATS (sizeof formats / sizeof formats[0])

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* The file name offered: the calculation's file with the format's
 * extension instead of .soem.yaml (beside it), or, while untitled, the
 * intervention's name in the current directory. */
static void default_path(struct ui *u, const char *ext, char *b, size_t n)
{
	size_t o = 0;

	if (u->path && *u->path) {
		static const char *const strip[] = { ".soem.yaml", ".soem.yml",
						     ".yaml", ".yml" };
		snprintf(b, n, "%s", u->path);
		for (size_t i = 0; i < sizeof strip / sizeof strip[0]; i++)
			if (ends_with(b, strip[i])) {
				b[strlen(b) - strlen(strip[i])] = '\0';
				break;
			}
		o = strlen(b);
	} else {
		char ascii[256];
		bool sep = false;

		ui_ascii(u, u->calc->intervention.name ? u->calc->intervention.name
						       : "",
			 ascii, sizeof ascii);
		for (const char *p = ascii; *p && o + 16 < n && o < 40; p++) {
			char c = *p;
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			    (c >= 'A' && c <= 'Z')) {
				if (sep && o)
					b[o++] = '-';
				b[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
				sep = false;
			} else {
				sep = true;
			}
		}
		if (o == 0)
			o = (size_t)snprintf(b, n, "%s", "report");
		b[o] = '\0';
	}
	if (o < n)
		snprintf(b + o, n - o, "%s", ext);
}

static void trim(char *s)
{
	size_t a = strspn(s, " \t"), l;

	if (a)
		memmove(s, s + a, strlen(s + a) + 1);
	l = strlen(s);
	while (l && (s[l - 1] == ' ' || s[l - 1] == '\t'))
		s[--l] = '\0';
}

/* Asks for the file name; false when cancelled. */
static bool ask_path(struct ui *u, char *path, size_t n)
{
	for (;;) {
		struct stat st;

		if (!ui_prompt(u, _("Export the report"),
			       _("File name (in the current directory unless you give a path):"),
			       path, n))
			return false;
		trim(path);
		if (!path[0])
			continue;
		if (u->path && ui_same_file(path, u->path)) {
			ui_msg(u, true, "%s",
			       _("That is the calculation's own file: choose another name for the report."));
			continue;
		}
		if (stat(path, &st) == 0) {
			char q[PATH_MAX + 100];
			snprintf(q, sizeof q, _("%s exists. Replace it?"), path);
			if (ui_ask(u, q, "yn",
				   _("y: replace it   n: choose another name")) != 'y')
				continue;
		}
		return true;
	}
}

void ui_export(struct ui *u)
{
	static int last;
	const char *items[NFORMATS];
	char path[PATH_MAX];
	soem_err err = { 0 };
	char *buf = NULL;
	size_t len = 0;
	int k;

	if (!u->calc)
		return;
	if (!u->res) {
		ui_msg(u, true, "%s",
		       _("The results cannot be computed yet, so there is no report to export."));
		return;
	}
	for (size_t i = 0; i < NFORMATS; i++)
		items[i] = _(formats[i].item);
	k = ui_pick(u, _("Export the report"), items, (int)NFORMATS, last, false,
		    _("Choose the format and press Enter; Esc cancels."));
	if (k < 0 || (size_t)k >= NFORMATS)
		return;
	last = k;
	default_path(u, formats[k].ext, path, sizeof path);
	if (!ask_path(u, path, sizeof path)) {
		ui_msg(u, false, "%s", _("Nothing was exported."));
		return;
	}
	soem_report tmpl = {
		.calc = u->calc, .kb = u->kb, .lang = u->set->ui_lang,
		.conv = u->set->conv, .csv_sep = u->set->csv_sep,
		.date = soem_report_date_now(),
	};
	if (soem_report_run(&tmpl, formats[k].fmt,
			    u->path ? u->path : _("the calculation"), &buf, &len,
			    &err) != 0 ||
	    soem_atomic_write(path, buf, len, &err) != 0) {
		ui_msg(u, true, _("Not exported: %s"), err.msg);
		free(buf);
		return;
	}
	free(buf);
	ui_msg(u, false, _("The %s report is written to %s."), formats[k].name,
	       path);
}
