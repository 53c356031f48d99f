/* cmd_design.c - `soem design [FILE]`: planning an experiment (SPEC §2.8,
 * §4) without a terminal UI.
 *
 * The problem follows from what is given: --p0 and --p1 -> sample size;
 * with --n too -> power; --p0 and --n -> the detectable p1; the four
 * counts -> the difference and its Newcombe interval (alone, or beside a
 * plan).  FILE's `evaluation:` section is read first; options given on
 * the command line override its values (--site and --subgroup replace the
 * file's lists), so `soem design FILE --inflow-scale 0.5` is the stress
 * case "inflow halved".
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "design/design.h"
#include "io/eval_io.h"
#include "report/report.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/textsafe.h"
#include "util/numfmt.h"
#include "util/xalloc.h"

enum range { R_OPEN01, R_SHARE, R_SHARE_BELOW1, R_POSITIVE, R_NONNEG };

static bool design_in_range(double x, enum range r)
{
	switch (r) {
	case R_OPEN01:
		return x > 0 && x < 1;
	case R_SHARE:
		return x >= 0 && x <= 1;
	case R_SHARE_BELOW1:
		return x >= 0 && x < 1;
	case R_POSITIVE:
		return x > 0 && isfinite(x);
	case R_NONNEG:
		return x >= 0 && isfinite(x);
	}
	return false;
}

static const char *range_text(enum range r)
{
	switch (r) {
	case R_OPEN01:
		return _("a number between 0 and 1, e.g. 0.05");
	case R_SHARE:
		return _("a share between 0 and 1, e.g. 0.3 or 30 %");
	case R_SHARE_BELOW1:
		return _("a share from 0 up to (not including) 1, e.g. 0.1");
	case R_POSITIVE:
		return _("a positive number");
	case R_NONNEG:
		return _("a number of 0 or more");
	}
	return "";
}

/* Parses option opt's text s (if given) into *out.  Returns 0 or 2. */
static int design_num(const soem_opts *o, const char *opt, const char *s,
		      enum range r, double *out)
{
	const char *why = NULL;
	double x;
	bool share = r == R_SHARE || r == R_SHARE_BELOW1 || r == R_OPEN01;

	if (!s)
		return 0;
	if (soem_num_parse(s, o->conv, share, &x, &why) ||
	    !design_in_range(x, r)) {
		fprintf(stderr, _("soem: %s '%s': expected %s\n"), opt, soem_term_tmp(s),
			range_text(r));
		return SOEM_EX_USAGE;
	}
	*out = x;
	return 0;
}

static int design_count(const char *opt, const char *s, long min, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > 1000000000L) {
		fprintf(stderr, _("soem: %s '%s': expected a whole number of %ld or more\n"),
			opt, soem_term_tmp(s), min);
		return SOEM_EX_USAGE;
	}
	*out = v;
	return 0;
}

/* NAME:INFLOW:CONSENT[:DELAY] */
static int design_site(const soem_opts *o, const char *arg, soem_site *site)
{
	char *copy = xstrdup(arg), *f[5] = { NULL };
	size_t nf = 0;
	int rc = 0;

	for (char *p = copy, *q; nf < 5; p = q + 1) {
		f[nf++] = p;
		q = strchr(p, ':');
		if (!q)
			break;
		*q = '\0';
	}
	if (nf < 3 || nf > 4 || !*f[0]) {
		fprintf(stderr, _("soem: --site '%s': expected NAME:INFLOW:CONSENT[:DELAY], e.g. Umeå:240:0.7\n"),
			soem_term_tmp(arg));
		free(copy);
		return SOEM_EX_USAGE;
	}
	site->name = xstrdup(f[0]);
	rc = design_num(o, "--site", f[1], R_NONNEG, &site->inflow);
	if (!rc)
		rc = design_num(o, "--site", f[2], R_SHARE, &site->consent);
	if (!rc && nf == 4)
		rc = design_num(o, "--site", f[3], R_NONNEG, &site->delay);
	free(copy);
	return rc;
}

static int design_lists(const soem_opts *o, soem_design_in *in)
{
	const soem_design_opts *d = &o->design;
	int rc;

	if (d->nsites) {
		for (size_t i = 0; i < in->nsites; i++)
			free(in->sites[i].name);
		free(in->sites);
		in->sites = xcalloc(d->nsites, sizeof *in->sites);
		in->nsites = 0;
		for (size_t i = 0; i < d->nsites; i++) {
			rc = design_site(o, d->sites[i], &in->sites[i]);
			in->nsites++;
			if (rc)
				return rc;
			for (size_t j = 0; j < i; j++)
				if (strcmp(in->sites[j].name,
					   in->sites[i].name) == 0) {
					fprintf(stderr,
						_("soem: --site: the site '%s' is given twice\n"),
						soem_term_tmp(in->sites[i].name));
					return SOEM_EX_USAGE;
				}
		}
	}
	if (d->nsubgroups) {
		free(in->sub);
		in->sub = xcalloc(d->nsubgroups, sizeof *in->sub);
		in->nsub = d->nsubgroups;
		for (size_t i = 0; i < d->nsubgroups; i++) {
			if ((rc = design_num(o, "--subgroup", d->subgroups[i],
					     R_SHARE, &in->sub[i])))
				return rc;
			if (in->sub[i] == 0) {
				fprintf(stderr,
					_("soem: --subgroup '%s': a subgroup's share must lie above 0\n"),
					soem_term_tmp(d->subgroups[i]));
				return SOEM_EX_USAGE;
			}
		}
	}
	return 0;
}

static int design_counts(const soem_design_opts *d, soem_design_in *in)
{
	int given = !!d->x_t + !!d->n_t + !!d->x_c + !!d->n_c;
	int rc;

	if (given == 0)
		return 0;
	if (given != 4) {
		fputs(_("soem: an experiment's result needs all four counts: --x-t X --n-t N --x-c X --n-c N\n"),
		      stderr);
		return SOEM_EX_USAGE;
	}
	if ((rc = design_count("--x-t", d->x_t, 0, &in->x_t)) ||
	    (rc = design_count("--n-t", d->n_t, 1, &in->n_t)) ||
	    (rc = design_count("--x-c", d->x_c, 0, &in->x_c)) ||
	    (rc = design_count("--n-c", d->n_c, 1, &in->n_c)))
		return rc;
	in->has_counts = true;
	return 0;
}

/* The options given on the command line, over what the file gave. */
static int design_options(const soem_opts *o, soem_design_in *in)
{
	const soem_design_opts *d = &o->design;
	double ratio = in->ratio;
	int rc;

	if ((rc = design_num(o, "--p0", d->p0, R_SHARE_BELOW1, &in->p0)) ||
	    (rc = design_num(o, "--p1", d->p1, R_SHARE, &in->p1)) ||
	    (rc = design_num(o, "--alpha", d->alpha, R_OPEN01, &in->alpha)) ||
	    (rc = design_num(o, "--power", d->power, R_OPEN01, &in->power)) ||
	    (rc = design_num(o, "--ratio", d->ratio, R_POSITIVE, &ratio)) ||
	    (rc = design_num(o, "--attrition", d->attrition, R_SHARE_BELOW1,
			     &in->attrition)) ||
	    (rc = design_num(o, "--n", d->n, R_POSITIVE, &in->n)) ||
	    (rc = design_num(o, "--deff", d->deff, R_POSITIVE, &in->deff)) ||
	    (rc = design_num(o, "--inflow-scale", d->inflow_scale, R_NONNEG,
			     &in->inflow_scale)) ||
	    (rc = design_num(o, "--level", d->level, R_OPEN01, &in->level)))
		return rc;
	in->ratio = ratio;
	if (d->site_min) {
		if ((rc = design_num(o, "--site-min", d->site_min, R_POSITIVE,
				     &in->site_min)))
			return rc;
		in->has_site_min = true;
	}
	if (d->cc)
		in->cc = true;
	if ((rc = design_lists(o, in)))
		return rc;
	return design_counts(d, in);
}

static void design_problem(soem_design_in *in)
{
	bool p0 = !isnan(in->p0), p1 = !isnan(in->p1), n = !isnan(in->n);

	if (p0 && p1 && n)
		in->problem = SOEM_DESIGN_POWER;
	else if (p0 && p1)
		in->problem = SOEM_DESIGN_SIZE;
	else if (p0 && n)
		in->problem = SOEM_DESIGN_P1;
	else
		in->problem = SOEM_DESIGN_NONE;
}

static int design_format(const soem_opts *o, int *fmt)
{
	*fmt = SOEM_FMT_TEXT;
	if (!o->format || strcmp(o->format, "text") == 0)
		return 0;
	if (strcmp(o->format, "yaml") == 0)
		*fmt = SOEM_FMT_YAML;
	else if (strcmp(o->format, "markdown") == 0 ||
		 strcmp(o->format, "md") == 0)
		*fmt = SOEM_FMT_MARKDOWN;
	else {
		fprintf(stderr,
			_("soem: soem design writes text, yaml or markdown, not '%s'\n"),
			soem_term_tmp(o->format));
		return SOEM_EX_USAGE;
	}
	return 0;
}

int soem_cmd_design(const soem_opts *o)
{
	soem_design_in in;
	soem_design_out out;
	soem_err err = { 0 };
	soem_warnings warn = { 0 };
	const char *file = o->nargs == 1 ? o->args[0] : NULL;
	const char *why;
	char *buf = NULL;
	size_t len = 0;
	bool found = false;
	int fmt, rc;

	if (o->nargs > 1) {
		fputs(_("soem: design takes at most one calculation file: soem design [FILE] [options]\n"),
		      stderr);
		return SOEM_EX_USAGE;
	}
	if ((rc = design_format(o, &fmt)))
		return rc;
	soem_design_in_init(&in);
	memset(&out, 0, sizeof out);
	if (file) {
		rc = soem_eval_load(file, &in, &found, &warn, &err);
		for (size_t i = 0; i < warn.n; i++)
			soem_cli_warn(warn.msg[i]);
		if (rc) {
			soem_cli_error(err.msg);
			goto out;
		}
	}
	if ((rc = design_options(o, &in)))
		goto out;
	design_problem(&in);
	if (in.problem == SOEM_DESIGN_NONE && !in.has_counts) {
		rc = SOEM_EX_USAGE;
		if (!isnan(in.p1) || !isnan(in.n)) {
			fputs(_("soem: give --p0, the share that reaches the effect measure without the intervention\n"),
			      stderr);
		} else if (file && !found) {
			fprintf(stderr,
				_("soem: %s: nothing to plan: the file has no evaluation: section (add one, or give --p0 and --p1)\n"),
				soem_term_tmp(file));
			rc = SOEM_EX_CALC;
		} else if (file) {
			fprintf(stderr,
				_("soem: %s: nothing to plan: the evaluation: section gives no p0 (or give --p0 and --p1)\n"),
				soem_term_tmp(file));
			rc = SOEM_EX_CALC;
		} else {
			fputs(_("soem: nothing to plan: give --p0 and --p1 (sample size), with --n (power), --p0 and --n (detectable p1), or an experiment's counts (see soem --help)\n"),
			      stderr);
		}
		goto out;
	}
	if ((why = soem_design_check(&in))) {
		fprintf(stderr, "soem: %s%s%s\n", soem_term_tmp(file),
			file ? ": " : "", gettext(why));
		rc = file && !o->design.any ? SOEM_EX_DATAERR : SOEM_EX_USAGE;
		goto out;
	}
	soem_design_solve(&in, &out);
	if (fmt == SOEM_FMT_YAML)
		rc = soem_design_yaml(&in, &out, &buf, &len, &err);
	else
		rc = soem_design_text(&in, &out, o->conv,
				      fmt == SOEM_FMT_MARKDOWN, &buf, &len,
				      &err);
	if (rc) {
		soem_cli_error(err.msg);
		goto out;
	}
	rc = soem_cli_output(o->out, file, buf, len);
out:
	free(buf);
	soem_design_out_free(&out);
	soem_design_in_free(&in);
	soem_warnings_free(&warn);
	return rc;
}
