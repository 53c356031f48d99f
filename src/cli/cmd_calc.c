/* cmd_calc.c - `soem calc FILE`: the engine without a terminal UI. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "io/calc_io.h"
#include "yaml/ynode.h"
#include "report/report.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/textsafe.h"

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
			soem_term_tmp(o->format));
		return SOEM_EX_USAGE;
	}
	/* The calculation is read first: then only the profile directories up
	 * to the one with its profile need to be loaded (SPEC 6: calc fast). */
	soem_err err = { 0 };
	ynode *root = NULL;
	int rc = ynode_parse_file(o->args[0], &root, &err);
	if (rc) {
		soem_cli_error(err.msg);
		return rc;
	}
	const ynode *pid = ynode_map_get(ynode_map_get(root, "kb"), "profile");
	const char *want = pid && pid->kind == YNODE_SCALAR ? pid->str
							      : o->profile;
	soem_kbset set;
	rc = soem_cli_load_kbs_for(o, want, &set);
	if (rc) {
		ynode_free(&root);
		return rc;
	}

	soem_warnings warn = { 0 };
	soem_calc *calc = NULL;
	const soem_kb *kb = NULL;
	char *buf = NULL;
	size_t len = 0;

	/* the calculation takes the tree over: what it keeps of it (keys
	 * soem does not know) is not copied (SPEC §6's memory bound) */
	rc = soem_calc_from_tree_take(&root, o->args[0], &set,
				      default_profile(o, &set), &calc, &kb,
				      &warn, &err);
	/* a profile read whole only now (issue 18) */
	for (size_t i = 0; set.late && i < set.late->n; i++)
		soem_cli_warn(set.late->msg[i]);
	for (size_t i = 0; i < warn.n; i++)
		soem_cli_warn(warn.msg[i]);
	if (rc)
		goto out;
	/* The wizard's export runs the same function (SPEC §5.7). */
	soem_report rp = {
		.calc = calc, .kb = kb, .lang = o->ui_lang, .conv = o->conv,
		.csv_sep = o->csv_sep, .date = soem_report_date_now(),
	};
	rc = soem_report_run(&rp, fmt, o->args[0], &buf, &len, &err);
	if (rc)
		goto out;
	rc = soem_cli_output(o->out, o->args[0], buf, len);
out:
	if (rc && err.code)
		soem_cli_error(err.msg);
	free(buf);
	soem_calc_free(&calc);
	soem_warnings_free(&warn);
	soem_kbset_free(&set);
	return rc;
}
