/* cmd_kb.c - `soem kb list|show ID|validate [FILE...]` */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "io/kb_io.h"
#include "io/kb_csv.h"
#include "util/xalloc.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/textsafe.h"
#include "util/numfmt.h"

/* Every text from a database goes through the terminal sink
 * (util/textsafe.h): a name cannot set the window title or clear the
 * screen.  The copies live for 15 further calls: enough for one printf. */
static const char *S(const char *s)
{
	return soem_term_tmp(s);
}

static const char *T(const soem_opts *o, const soem_kb *kb,
		     const soem_text *t)
{
	return S(soem_text_get(t, o->ui_lang, kb->language));
}

static const char *prov_text(const soem_opts *o, const soem_kb *kb,
			     const soem_provenance *p)
{
	const char *src = soem_text_opt(&p->source_text, o->ui_lang,
					kb->language);
	if (p->illustrative && src) {
		/* issue 16: an illustrative figure keeps what it rests on */
		static char buf[SOEM_ERR_MAX + 256];
		snprintf(buf, sizeof buf, _("illustrative; based on %s"), src);
		return S(buf);
	}
	if (p->illustrative)
		return _("illustrative (no published source)");
	return src ? S(src) : _("no source given");
}

/* The note of p in the user's language, when the database gives one. */
static void print_note(const soem_opts *o, const soem_kb *kb,
		       const char *indent, const soem_provenance *p)
{
	const char *note = soem_text_opt(&p->note, o->ui_lang, kb->language);
	if (note)
		printf("%s%s %s\n", indent, _("Note:"), S(note));
}

static int kb_list(const soem_opts *o, const soem_kbset *set)
{
	for (size_t i = 0; i < set->n; i++) {
		const soem_kb *kb = set->kb[i];
		printf("%s %s %s %s %d  %s\n", soem_term_pad(kb->id, 6),
		       soem_term_pad(T(o, kb, &kb->name), 28),
		       soem_term_pad(kb->version, 8), S(kb->currency),
		       kb->price_year, S(kb->path));
		printf(_("       %zu target groups, %zu services, %zu areas, %zu payers\n"),
		       kb->ngroups, kb->nservices, kb->nareas, kb->npayers);
	}
	return 0;
}

static void print_prices(const soem_opts *o, const soem_kb *kb,
			 const soem_kb_service *s)
{
	char b[SOEM_NUM_BUFSIZE];
	for (size_t p = 0; p < kb->npayers; p++)
		printf("    %s %s %s\n",
		       soem_term_pad(T(o, kb, &kb->payers[p].name), 24),
		       soem_num_format(s->price[p], 2, o->conv, b, sizeof b),
		       S(kb->currency));
}

/* A share as a percentage in the user's convention: two decimals, more
 * (up to six) when the share needs them to be shown exactly. */
static const char *pct(const soem_opts *o, double share, char *b, size_t n)
{
	char t[SOEM_NUM_BUFSIZE];
	double v = share * 100.0;
	int d = soem_num_exact_decimals(v, 2, 6);
	soem_num_format(v, d, o->conv, t, sizeof t);
	snprintf(b, n, "%s %%", t);
	return b;
}

/* SPEC §2.9 price schedules: each entry per payer, the calendar year it
 * applies from and its amount (at its own price year when it names one). */
static void print_schedules(const soem_opts *o, const soem_kb *kb,
			    const soem_kb_service *s)
{
	char b[SOEM_NUM_BUFSIZE];
	if (!s->nsched)
		return;
	printf(_("  Price schedule by calendar year (%s, %d prices unless stated):\n"),
	       S(kb->currency), kb->price_year);
	for (size_t p = 0; p < kb->npayers; p++) {
		if (!s->nsched[p])
			continue;
		printf("    %s\n", T(o, kb, &kb->payers[p].name));
		for (size_t e = 0; e < s->nsched[p]; e++) {
			const soem_kb_sched *x = &s->sched[p][e];
			printf("      ");
			printf(_("from %d: %s %s"), x->from,
			       soem_num_format(x->amount, 2, o->conv, b,
					       sizeof b),
			       S(kb->currency));
			if (x->price_year && x->price_year != kb->price_year)
				printf(_(" (%d prices)"), x->price_year);
			putchar('\n');
		}
	}
}

/* SPEC §2.9 tax on transfers: the share of the gross transfer that comes
 * back to each payer as income tax (only the payers with a share). */
static void print_tax(const soem_opts *o, const soem_kb *kb,
		      const soem_kb_service *s)
{
	char b[SOEM_NUM_BUFSIZE + 8];
	if (!s->tax)
		return;
	printf(_("  Tax back (share of the gross transfer that returns to the payer as income tax):\n"));
	for (size_t p = 0; p < kb->npayers; p++)
		if (s->tax[p] != 0)
			printf("    %s %s\n",
		       soem_term_pad(T(o, kb, &kb->payers[p].name), 24),
			       pct(o, s->tax[p], b, sizeof b));
}

static void show_service(const soem_opts *o, const soem_kb *kb,
			 const soem_kb_service *s)
{
	printf(_("Service %s: %s\n"), S(s->id), T(o, kb, &s->name));
	printf(_("  Profile: %s\n"), S(kb->id));
	printf(_("  Unit: %s\n"), S(s->unit));
	printf(_("  Area: %s\n"), T(o, kb, &kb->areas[s->area].name));
	printf(_("  Kind: %s\n"), s->kind == SOEM_REVENUE ? _("revenue")
							  : _("expense"));
	printf(_("  Price per unit (%s %d prices):\n"),
	       S(kb->currency), kb->price_year);
	print_prices(o, kb, s);
	print_schedules(o, kb, s);
	print_tax(o, kb, s);
	printf(_("  Source: %s\n"), prov_text(o, kb, &s->prov));
	print_note(o, kb, "  ", &s->prov);
}

static void show_measure(const soem_opts *o, const soem_kb *kb,
			 const soem_kb_group *g, const soem_kb_measure *m)
{
	char b[SOEM_NUM_BUFSIZE];
	printf(_("Success measure %s: %s\n"), S(m->id), T(o, kb, &m->name));
	printf(_("  Target group: %s (%s)\n"), T(o, kb, &g->name), S(g->id));
	printf(_("  Consequences per success (* = supported by literature and practice):\n"));
	printf(_("  %zu of %zu estimates supported\n"),
	       soem_kb_measure_nsupported(m), m->ncons);
	for (size_t i = 0; i < m->ncons; i++) {
		const soem_kb_consequence *q = &m->cons[i];
		const soem_kb_service *s = &kb->services[q->service];
		printf("  %c %s %s", q->supported ? '*' : ' ',
		       soem_term_pad(T(o, kb, &s->name), 28),
		       soem_term_pad(s->unit, 8));
		if (q->has_baseline)
			printf(_(" baseline %s;"),
			       soem_num_format(q->baseline, 2, o->conv, b,
					       sizeof b));
		printf(_(" years:"));
		for (size_t j = 0; j < q->nyears; j++)
			printf(" %s", soem_num_format(q->years[j], 2, o->conv,
						      b, sizeof b));
		printf("\n      %s: %s\n", _("Source"),
		       prov_text(o, kb, &q->prov));
		print_note(o, kb, "      ", &q->prov);
		if (q->supported) {
			const char *ss = soem_text_opt(&q->supported_source,
						       o->ui_lang,
						       kb->language);
			if (ss)
				printf("      %s %s\n",
				       _("Supported according to:"), S(ss));
			else
				printf("      %s\n", _("support not sourced"));
		}
	}
}

static void show_group(const soem_opts *o, const soem_kb *kb,
		       const soem_kb_group *g)
{
	char b[SOEM_NUM_BUFSIZE], b2[SOEM_NUM_BUFSIZE];
	printf(_("Target group %s: %s\n"), S(g->id), T(o, kb, &g->name));
	printf(_("  Profile: %s\n"), S(kb->id));
	printf(_("  Area: %s\n"), T(o, kb, &kb->group_areas[g->area].name));
	const char *d = T(o, kb, &g->description);
	if (*d)
		printf(_("  Description: %s\n"), d);
	for (size_t i = 0; i < g->nstudies; i++) {
		const soem_kb_study *st = &g->studies[i];
		printf(_("  Effect study: %s: p1 %s, p0 %s, evidence level %d\n"),
		       S(st->intervention),
		       soem_num_format(st->p1, 3, o->conv, b, sizeof b),
		       soem_num_format(st->p0, 3, o->conv, b2, sizeof b2),
		       st->evidence_level);
		printf("      %s: %s\n", _("Source"),
		       prov_text(o, kb, &st->prov));
	}
	for (size_t i = 0; i < g->nmeasures; i++) {
		putchar('\n');
		show_measure(o, kb, g, &g->measures[i]);
	}
}

/* A payer group (SPEC §2.9): its split among the payers. */
static void show_payer_group(const soem_opts *o, const soem_kb *kb,
			     const soem_kb_payer_group *g)
{
	char b[SOEM_NUM_BUFSIZE + 8];
	printf(_("Payer group %s: %s\n"), S(g->id), T(o, kb, &g->name));
	printf(_("  Profile: %s\n"), S(kb->id));
	printf(_("  Split among the payers:\n"));
	for (size_t p = 0; p < kb->npayers; p++)
		if (g->split[p] != 0)
			printf("    %s %s\n",
		       soem_term_pad(T(o, kb, &kb->payers[p].name), 24),
			       pct(o, g->split[p], b, sizeof b));
	printf(_("  Source: %s\n"), prov_text(o, kb, &g->prov));
	print_note(o, kb, "  ", &g->prov);
}

/* The profile itself: its payers and payer groups. */
static void show_profile(const soem_opts *o, const soem_kb *kb)
{
	printf(_("Profile %s: %s\n"), S(kb->id), T(o, kb, &kb->name));
	printf(_("  Version %s, %s, %d prices\n"), S(kb->version),
	       S(kb->currency), kb->price_year);
	printf(_("  Payers:\n"));
	for (size_t p = 0; p < kb->npayers; p++)
		printf("    %s (%s)\n",
		       soem_term_pad(T(o, kb, &kb->payers[p].name), 24),
		       S(kb->payers[p].id));
	if (!kb->npgroups)
		return;
	printf(_("  Payer groups (a cost named to one is split among the payers):\n"));
	for (size_t i = 0; i < kb->npgroups; i++) {
		char b[SOEM_NUM_BUFSIZE + 8];
		const soem_kb_payer_group *g = &kb->pgroups[i];
		printf("    %s (%s):", T(o, kb, &g->name), S(g->id));
		const char *sep = " ";
		for (size_t p = 0; p < kb->npayers; p++)
			if (g->split[p] != 0) {
				printf("%s%s %s", sep,
				       T(o, kb, &kb->payers[p].name),
				       pct(o, g->split[p], b, sizeof b));
				sep = ", ";
			}
		putchar('\n');
	}
}

static int kb_show(const soem_opts *o, const soem_kbset *set, const char *id)
{
	int found = 0;
	for (size_t i = 0; i < set->n; i++) {
		const soem_kb *kb = set->kb[i];
		if (o->profile && strcmp(o->profile, kb->id) != 0)
			continue;
		for (size_t g = 0; g < kb->ngroups; g++) {
			const soem_kb_group *grp = &kb->groups[g];
			if (strcmp(grp->id, id) == 0) {
				if (found++)
					putchar('\n');
				show_group(o, kb, grp);
			}
			for (size_t m = 0; m < grp->nmeasures; m++)
				if (strcmp(grp->measures[m].id, id) == 0) {
					if (found++)
						putchar('\n');
					show_measure(o, kb, grp,
						     &grp->measures[m]);
				}
		}
		if (kb->id && strcmp(kb->id, id) == 0) {
			if (found++)
				putchar('\n');
			show_profile(o, kb);
		}
		size_t pg = soem_kb_payer_group_index(kb, id);
		if (pg != SOEM_NPOS) {
			if (found++)
				putchar('\n');
			show_payer_group(o, kb, &kb->pgroups[pg]);
		}
		size_t s = soem_kb_service_index(kb, id);
		if (s != SOEM_NPOS) {
			if (found++)
				putchar('\n');
			show_service(o, kb, &kb->services[s]);
		}
	}
	if (!found) {
		fprintf(stderr,
			_("soem: no target group, success measure or service '%s' in the knowledge database\n"),
			S(id));
		/* it may be in a file that was skipped (SPEC §3.3) */
		for (size_t i = 0; i < set->nbroken; i++)
			if (!o->profile || !set->broken[i].id ||
			    strcmp(set->broken[i].id, o->profile) == 0)
				fprintf(stderr,
					_("soem: it may be in %s, which does not load (see the warning above)\n"),
					S(set->broken[i].path));
		return 1;   /* SPEC 4: a missing id is not bad data */
	}
	return 0;
}

/* --profile names a profile whose file does not load: the error of
 * SPEC §3.3 (asked for and broken), or one that is nowhere. */
static int check_profile(const soem_opts *o, const soem_kbset *set)
{
	if (!o->profile || soem_kbset_find(set, o->profile))
		return 0;
	const soem_kb_broken *bad = soem_kbset_broken(set, o->profile);
	if (bad) {
		fprintf(stderr,
			_("soem: the knowledge-database profile '%s' cannot be used: %s\n"),
			S(o->profile), S(bad->msg));
		return bad->code;
	}
	return 0;
}

/* Plausibility (issue 16): a row whose reduction in some consequence
 * year is larger than the baseline use says that a success saves more
 * than the citizen used in the start year.  That can be right (use that
 * grows with age), but in a database it is usually a slip, so `kb
 * validate` names each such row (rows without a baseline are not
 * checked).  Returns the number of rows named. */
static size_t warn_reductions(const soem_kb *kb, const char *path)
{
	size_t nrows = 0;

	for (size_t g = 0; g < kb->ngroups; g++) {
		const soem_kb_group *grp = &kb->groups[g];
		for (size_t m = 0; m < grp->nmeasures; m++) {
			const soem_kb_measure *me = &grp->measures[m];
			for (size_t c = 0; c < me->ncons; c++) {
				const soem_kb_consequence *co = &me->cons[c];
				size_t worst = SOEM_NPOS;
				if (!co->has_baseline)
					continue;
				for (size_t j = 0; j < co->nyears; j++)
					if (co->years[j] < 0.0 &&
					    -co->years[j] > co->baseline + 1e-9 &&
					    (worst == SOEM_NPOS ||
					     co->years[j] < co->years[worst]))
						worst = j;
				if (worst == SOEM_NPOS)
					continue;
				char msg[1024];
				snprintf(msg, sizeof msg,
					 _("%s: %s / %s / %s: the reduction %g in consequence year %zu is larger than the baseline use %g"),
					 S(path), S(grp->id), S(me->id),
					 S(kb->services[co->service].id),
					 -co->years[worst], worst + 1,
					 co->baseline);
				soem_cli_warn(msg);
				nrows++;
			}
		}
	}
	return nrows;
}

/* kb validate --summary: one line per profile (issue 16) */
static void print_summary(const soem_kb *kb)
{
	soem_kb_counts c;
	soem_kb_count(kb, &c);
	printf(_("%s: %zu target groups, %zu consequence rows (%zu sourced, %zu illustrative, %zu supported); %zu services (%zu sourced, %zu illustrative)\n"),
	       S(kb->id), c.groups, c.rows, c.sourced, c.illustrative,
	       c.supported, c.services, c.services_sourced,
	       c.services_illustrative);
}

static int kb_validate_files(const soem_opts *o)
{
	int worst = 0;
	for (size_t i = 1; i < o->nargs; i++) {
		soem_err err = { 0 };
		soem_warnings warn = { 0 };
		soem_kb *kb = NULL;
		int rc = soem_kb_load(o->args[i], &kb, &warn, &err);
		for (size_t w = 0; w < warn.n; w++)
			soem_cli_warn(warn.msg[w]);
		soem_warnings_free(&warn);
		if (rc) {
			soem_cli_error(err.msg);
			if (!worst)
				worst = rc;
			continue;
		}
		warn_reductions(kb, o->args[i]);
		printf(_("%s: valid (profile %s, %zu target groups, %zu services)\n"),
		       S(o->args[i]), S(kb->id), kb->ngroups, kb->nservices);
		if (o->summary)
			print_summary(kb);
		soem_kb_free(&kb);
	}
	return worst;
}

/* kb export PROFILE [--group ID] [-o FILE.csv] (issue 16) */
static int kb_export(const soem_opts *o)
{
	if (o->nargs != 2) {
		fputs(_("soem: kb export needs one profile: soem kb export PROFILE [--group ID] [-o FILE.csv]\n"),
		      stderr);
		return SOEM_EX_USAGE;
	}
	const char *id = o->args[1];
	soem_kbset set;
	int rc = soem_cli_load_kbs_for(o, id, &set);
	if (rc)
		return rc;
	const soem_kb *kb = soem_kbset_find(&set, id);
	if (!kb) {
		const soem_kb_broken *bad = soem_kbset_broken(&set, id);
		if (bad) {
			fprintf(stderr,
				_("soem: the knowledge-database profile '%s' cannot be used: %s\n"),
				S(id), S(bad->msg));
			rc = bad->code;
		} else {
			fprintf(stderr,
				_("soem: no knowledge-database profile '%s'\n"),
				S(id));
			rc = SOEM_EX_CALC;
		}
		soem_kbset_free(&set);
		return rc;
	}
	char sep = o->csv_sep ? o->csv_sep
			      : (o->conv == SOEM_NUM_EN ? ',' : ';');
	char *buf = NULL;
	size_t len = 0;
	soem_err err = { 0 };
	rc = soem_kb_csv_export(kb, o->group, o->ui_lang, sep,
				o->conv != SOEM_NUM_EN, &buf, &len, &err);
	if (rc)
		soem_cli_error(err.msg);
	else
		rc = soem_cli_output(o->out, kb->path, buf, len);
	free(buf);
	soem_kbset_free(&set);
	return rc;
}

/* mkdir -p dir (mode 0700 for what it creates) */
static int make_dirs(const char *dir)
{
	char *d = xstrdup(dir);
	int rc = 0;
	for (char *p = d + 1; ; p++) {
		if (*p != '/' && *p)
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(d, 0700) != 0 && errno != EEXIST) {
			fprintf(stderr, _("soem: cannot create the folder %s: %s\n"),
				S(d), strerror(errno));
			rc = SOEM_EX_CANTCREAT;
			break;
		}
		*p = c;
		if (!c)
			break;
	}
	free(d);
	return rc;
}

/* kb import FILE.csv --profile-file BASE.yaml --id NEW [-o OUT.yaml] */
static int kb_import(const soem_opts *o)
{
	if (o->nargs != 2 || !o->profile_file || !o->new_id) {
		fputs(_("soem: kb import needs a CSV file, --profile-file BASE.yaml and --id NEW\n"),
		      stderr);
		return SOEM_EX_USAGE;
	}
	if (!soem_kb_csv_id_ok(o->new_id)) {
		fprintf(stderr,
			_("soem: '%s' cannot be a profile id (letters, digits, _, - and . only)\n"),
			S(o->new_id));
		return SOEM_EX_USAGE;
	}
	/* the new id must be one no other profile has (SPEC §4) */
	soem_kbset set;
	int rc = soem_cli_load_kbs(o, &set);
	if (rc)
		return rc;
	bool taken = soem_kbset_peek(&set, o->new_id) ||
		     soem_kbset_broken(&set, o->new_id);
	soem_kbset_free(&set);
	if (taken) {
		fprintf(stderr,
			_("soem: a profile '%s' exists already; choose another --id\n"),
			S(o->new_id));
		return SOEM_EX_USAGE;
	}
	soem_err err = { 0 };
	soem_warnings warn = { 0 };
	soem_kb_csv_stats st;
	char *buf = NULL;
	size_t len = 0;
	rc = soem_kb_csv_import(o->args[1], o->profile_file, o->new_id, &buf,
				&len, &st, &warn, &err);
	for (size_t w = 0; w < warn.n; w++)
		soem_cli_warn(warn.msg[w]);
	soem_warnings_free(&warn);
	if (rc) {
		soem_cli_error(err.msg);
		return rc;
	}
	char *path = NULL;
	const char *out = o->out;
	if (!out) {
		char *dir = soem_cli_user_kb_dir();
		if (!dir) {
			fputs(_("soem: neither XDG_DATA_HOME nor HOME is set: give -o OUT.yaml\n"),
			      stderr);
			free(buf);
			return SOEM_EX_CANTCREAT;
		}
		rc = make_dirs(dir);
		path = xasprintf("%s/%s.yaml", dir, o->new_id);
		free(dir);
		if (rc) {
			free(buf);
			free(path);
			return rc;
		}
		out = path;
	}
	rc = soem_cli_output(out, o->profile_file, buf, len);
	if (rc == 0)
		fprintf(stderr,
			_("soem: profile %s written to %s: %zu rows read, %zu figures changed (%zu with a source, %zu marked illustrative)\n"),
			S(o->new_id), strcmp(out, "-") ? S(out) : _("standard output"),
			st.rows, st.changed, st.sourced, st.illustrative);
	free(buf);
	free(path);
	return rc;
}

int soem_cmd_kb(const soem_opts *o)
{
	if (o->nargs < 1) {
		fputs(_("soem: kb needs list, show ID or validate [FILE...]\n"),
		      stderr);
		return SOEM_EX_USAGE;
	}
	const char *what = o->args[0];
	if (strcmp(what, "export") == 0)
		return kb_export(o);
	if (strcmp(what, "import") == 0)
		return kb_import(o);
	if (strcmp(what, "validate") == 0 && o->nargs > 1)
		return kb_validate_files(o);
	if (strcmp(what, "list") && strcmp(what, "show") &&
	    strcmp(what, "validate")) {
		fprintf(stderr,
			_("soem: unknown kb command '%s' (list, show ID, validate, export or import)\n"),
			S(what));
		return SOEM_EX_USAGE;
	}
	if (strcmp(what, "show") == 0 && o->nargs != 2) {
		fputs(_("soem: kb show needs one id: soem kb show ID\n"), stderr);
		return SOEM_EX_USAGE;
	}
	if (strcmp(what, "show") != 0 && o->nargs != 1) {
		fprintf(stderr, _("soem: kb %s takes no further words\n"),
			S(what));
		return SOEM_EX_USAGE;
	}
	soem_kbset set;
	int rc = soem_cli_load_kbs(o, &set);
	if (rc)
		return rc;
	if (strcmp(what, "validate") != 0 && (rc = check_profile(o, &set))) {
		soem_kbset_free(&set);
		return rc;
	}
	if (strcmp(what, "list") == 0)
		rc = kb_list(o, &set);
	else if (strcmp(what, "show") == 0)
		rc = kb_show(o, &set, o->args[1]);
	else {
		for (size_t i = 0; i < set.n; i++) {
			warn_reductions(set.kb[i], set.kb[i]->path);
			printf(_("%s: valid (profile %s, %zu target groups, %zu services)\n"),
			       S(set.kb[i]->path), S(set.kb[i]->id),
			       set.kb[i]->ngroups,
			       set.kb[i]->nservices);
		}
		if (o->summary)
			for (size_t i = 0; i < set.n; i++) {
				const soem_kb *kb =
					soem_kbset_find(&set, set.kb[i]->id);
				if (kb)
					print_summary(kb);
			}
		/* validate is where a broken file is an error: each one
		 * was named above (the others are still checked) */
		if (set.nbroken) {
			fprintf(stderr,
				P_("soem: %zu knowledge-database file does not load\n",
					 "soem: %zu knowledge-database files do not load\n",
					 set.nbroken),
				set.nbroken);
			rc = set.broken[0].code;
		} else if (set.n == 0) {
			fputs(_("soem: no knowledge-database profiles found\n"),
			      stderr);
			rc = SOEM_EX_NOINPUT;
		}
	}
	soem_kbset_free(&set);
	return rc;
}
