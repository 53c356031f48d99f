/* cmd_calc.c - `soem calc FILE`: the engine without a terminal UI. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "engine/engine.h"
#include "io/calc_io.h"
#include "io/report.h"
#include "model/problem.h"
#include "model/uncertainty.h"
#include "util/err.h"
#include "util/i18n.h"

/* The profile a file without `kb:` uses: --profile, else the only one
 * loaded, else dk. */
static const char *default_profile(const soem_opts *o, const soem_kbset *set)
{
	if (o->profile)
		return o->profile;
	if (set->n == 1)
		return set->kb[0]->id;
	return "dk";
}

int soem_cmd_calc(const soem_opts *o)
{
	if (o->nargs != 1) {
		fputs(_("soem: calc needs exactly one calculation file: soem calc FILE\n"),
		      stderr);
		return SOEM_EX_USAGE;
	}
	soem_format fmt = SOEM_FMT_TEXT;
	if (o->format && !soem_format_parse(o->format, &fmt)) {
		fprintf(stderr,
			_("soem: unknown format '%s' (text, csv, yaml, markdown or html)\n"),
			o->format);
		return SOEM_EX_USAGE;
	}
	soem_kbset set;
	int rc = soem_cli_load_kbs(o, &set);
	if (rc)
		return rc;

	soem_err err = { 0 };
	soem_warnings warn = { 0 };
	soem_calc *calc = NULL;
	const soem_kb *kb = NULL;
	soem_problem pb;
	soem_result *res = NULL;
	size_t *svc_cons = NULL;
	soem_unc unc;
	bool have_unc = false;
	char *buf = NULL;
	size_t len = 0;
	memset(&pb, 0, sizeof pb);

	rc = soem_calc_load(o->args[0], &set, default_profile(o, &set), &calc,
			    &kb, &warn, &err);
	for (size_t i = 0; i < warn.n; i++)
		soem_cli_warn(warn.msg[i]);
	if (rc)
		goto out;
	rc = soem_problem_build(calc, kb, &pb, &svc_cons, &err);
	if (rc)
		goto out;
	res = soem_compute(&pb);
	if (!res) {
		rc = soem_err_set(&err, SOEM_EX_CALC,
				  _("%s: the calculation cannot be computed"),
				  o->args[0]);
		goto out;
	}
	/* Sensitivity, Monte Carlo and the experiment's interval (SPEC
	 * 2.7, 2.8); the CSV is the yearly table only. */
	if (fmt != SOEM_FMT_CSV) {
		rc = soem_unc_run(calc, kb, &pb, svc_cons, -1, &unc, &err);
		have_unc = true;
		if (rc)
			goto out;
	}
	soem_report rp = {
		.calc = calc, .kb = kb, .res = res, .svc_cons = svc_cons,
		.lang = o->ui_lang, .conv = o->conv, .csv_sep = o->csv_sep,
		.unc = have_unc ? &unc : NULL,
	};
	rc = soem_report_write(&rp, fmt, &buf, &len, &err);
	if (rc)
		goto out;
	rc = soem_cli_output(o->out, buf, len);
out:
	if (rc && err.code)
		soem_cli_error(err.msg);
	free(buf);
	if (have_unc)
		soem_unc_free(&unc);
	free(svc_cons);
	soem_result_free(&res);
	soem_problem_free(&pb);
	soem_calc_free(&calc);
	soem_warnings_free(&warn);
	soem_kbset_free(&set);
	return rc;
}
