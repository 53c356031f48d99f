/* cmd_compare.c - `soem compare FILE FILE...` (SPEC §4, issue 17):
 * calculations side by side.  Glob-friendly: a file that does not load,
 * does not compute, or has another profile or currency than the first
 * that loads is listed with the reason and left out; a file given twice
 * (same device and inode, or same real path) counts once.  Exit 0 when
 * at least two files remain, else the first failure's code (2 when there
 * was none: fewer than two different files were given). */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "io/calc_io.h"
#include "io/compare_load.h"
#include "model/compare.h"
#include "report/compare.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/textsafe.h"
#include "util/xalloc.h"

typedef struct one {
	const char *path;
	bool have_id;
	dev_t dev;
	ino_t ino;
	char *real;
	soem_calc *calc;
	const soem_kb *kb;
	soem_result *res;
	bool dup;
} one;

/* "soem: FILE: MESSAGE" (or with what between) to the terminal, control
 * characters shown visibly. */
static void say(const char *file, const char *what, const char *msg)
{
	const char *f = soem_term_tmp(file), *m = soem_term_tmp(msg);

	if (what)
		fprintf(stderr, "soem: %s: %s: %s\n", f, what, m);
	else
		fprintf(stderr, "soem: %s: %s\n", f, m);
}

int soem_cmd_compare(const soem_opts *o)
{
	soem_format fmt = SOEM_FMT_TEXT;
	soem_kbset set;
	one *in;
	soem_cmp_left *left;
	char **reasons;
	size_t nleft = 0, nok = 0, n = o->nargs;
	soem_cmp_file *files;
	int first_fail = 0, rc;

	if (n < 1) {
		fputs(_("soem: compare needs two or more calculation files: soem compare FILE FILE...\n"),
		      stderr);
		return SOEM_EX_USAGE;
	}
	if (o->format && !soem_format_parse(o->format, &fmt)) {
		fprintf(stderr,
			_("soem: unknown format '%s' (text, csv, yaml, markdown or html)\n"),
			soem_term_tmp(o->format));
		return SOEM_EX_USAGE;
	}
	/* the comparison never replaces one of the files it compares */
	for (size_t i = 0; i < n; i++)
		if ((rc = soem_cli_check_output(o->out, o->args[i])))
			return rc;
	rc = soem_cli_load_kbs(o, &set);
	if (rc)
		return rc;

	in = xcalloc(n, sizeof *in);
	left = xcalloc(n, sizeof *left);
	reasons = xcalloc(n, sizeof *reasons);
	files = xcalloc(n, sizeof *files);
	for (size_t i = 0; i < n; i++) {
		one *x = &in[i];
		struct stat st;
		soem_err err = { 0 };
		soem_warnings warn = { 0 };
		const one *dup = NULL;
		const char *defp = o->profile ? o->profile
				   : set.n == 1 ? set.kb[0]->id
						: "dk";

		x->path = o->args[i];
		if (stat(x->path, &st) == 0) {
			x->have_id = true;
			x->dev = st.st_dev;
			x->ino = st.st_ino;
		}
		x->real = realpath(x->path, NULL);
		for (size_t j = 0; j < i && !dup; j++) {
			if (in[j].dup)
				continue;
			if ((x->have_id && in[j].have_id && x->dev == in[j].dev &&
			     x->ino == in[j].ino) ||
			    (x->real && in[j].real &&
			     strcmp(x->real, in[j].real) == 0))
				dup = &in[j];
		}
		if (dup) {
			x->dup = true;
			left[nleft++] = (soem_cmp_left){ x->path, NULL, 0,
							 dup->path };
			continue;
		}
		rc = soem_compare_load(x->path, &set, defp,
				       nok ? files[0].kb : NULL,
				       nok ? files[0].label : NULL,
				       nok ? files[0].calc : NULL, &x->calc,
				       &x->kb, &x->res, &warn, &err);
		for (size_t w = 0; w < warn.n; w++)
			say(x->path, _("warning"), warn.msg[w]);
		soem_warnings_free(&warn);
		if (rc) {
			soem_calc_free(&x->calc);
			reasons[nleft] = xstrdup(err.msg);
			left[nleft] = (soem_cmp_left){ x->path, reasons[nleft],
						       rc, NULL };
			nleft++;
			if (!first_fail)
				first_fail = rc;
			say(x->path, _("left out"), err.msg);
			continue;
		}
		files[nok++] = (soem_cmp_file){ x->path, x->calc, x->kb,
						x->res };
	}
	if (nok < 2) {
		for (size_t k = 0; k < nleft; k++)
			if (left[k].same_as)
				say(left[k].file, NULL,
				    _("given more than once: counted once"));
		fputs(_("soem: compare needs at least two different calculations that load\n"),
		      stderr);
		rc = first_fail ? first_fail : SOEM_EX_USAGE;
	} else {
		soem_compare cmp;
		soem_cmp_report rp = {
			.cmp = &cmp, .left = left, .nleft = nleft,
			.lang = o->ui_lang, .conv = o->conv,
			.csv_sep = o->csv_sep,
		};
		soem_err err = { 0 };
		char *buf = NULL;
		size_t len = 0;

		soem_compare_build(files, nok, &cmp);
		rc = soem_compare_write(&rp, fmt, &buf, &len, &err);
		if (rc)
			soem_cli_error(err.msg);
		else
			rc = soem_cli_output(o->out, NULL, buf, len);
		free(buf);
		soem_compare_free(&cmp);
	}

	for (size_t i = 0; i < n; i++) {
		soem_result_free(&in[i].res);
		soem_calc_free(&in[i].calc);
		free(in[i].real);
	}
	for (size_t k = 0; k < n; k++)
		free(reasons[k]);
	free(reasons);
	free(in);
	free(left);
	free(files);
	soem_kbset_free(&set);
	return rc;
}
