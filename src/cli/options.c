/* options.c - command-line options, profile loading and output helpers */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/datadir.h"
#include "store/atomic.h"
#include "io/kb_io.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/textsafe.h"
#include "util/xalloc.h"

enum {
	OPT_KB = 1000, OPT_PROFILE, OPT_LANG, OPT_CONFIG, OPT_NO_COLOR,
	OPT_ASCII, OPT_STEP, OPT_COPY, OPT_FORMAT, OPT_CSV_SEP, OPT_HELP, OPT_VERSION,
	/* soem kb */
	OPT_GROUP, OPT_ID, OPT_PROFILE_FILE, OPT_SUMMARY,
	/* soem design */
	OPT_P0, OPT_P1, OPT_ALPHA, OPT_POWER, OPT_RATIO, OPT_ATTRITION,
	OPT_CC, OPT_N, OPT_DEFF, OPT_SITE, OPT_SITE_MIN, OPT_INFLOW_SCALE,
	OPT_SUBGROUP, OPT_X_T, OPT_N_T, OPT_X_C, OPT_N_C, OPT_LEVEL,
};

static const struct option longopts[] = {
	{ "kb", required_argument, NULL, OPT_KB },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "no-color", no_argument, NULL, OPT_NO_COLOR },
	{ "ascii", no_argument, NULL, OPT_ASCII },
	{ "step", required_argument, NULL, OPT_STEP },
	{ "copy", no_argument, NULL, OPT_COPY },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ "csv-sep", required_argument, NULL, OPT_CSV_SEP },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "group", required_argument, NULL, OPT_GROUP },
	{ "id", required_argument, NULL, OPT_ID },
	{ "profile-file", required_argument, NULL, OPT_PROFILE_FILE },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ "p0", required_argument, NULL, OPT_P0 },
	{ "p1", required_argument, NULL, OPT_P1 },
	{ "alpha", required_argument, NULL, OPT_ALPHA },
	{ "power", required_argument, NULL, OPT_POWER },
	{ "ratio", required_argument, NULL, OPT_RATIO },
	{ "attrition", required_argument, NULL, OPT_ATTRITION },
	{ "cc", no_argument, NULL, OPT_CC },
	{ "n", required_argument, NULL, OPT_N },
	{ "deff", required_argument, NULL, OPT_DEFF },
	{ "site", required_argument, NULL, OPT_SITE },
	{ "site-min", required_argument, NULL, OPT_SITE_MIN },
	{ "inflow-scale", required_argument, NULL, OPT_INFLOW_SCALE },
	{ "subgroup", required_argument, NULL, OPT_SUBGROUP },
	{ "x-t", required_argument, NULL, OPT_X_T },
	{ "n-t", required_argument, NULL, OPT_N_T },
	{ "x-c", required_argument, NULL, OPT_X_C },
	{ "n-c", required_argument, NULL, OPT_N_C },
	{ "level", required_argument, NULL, OPT_LEVEL },
	{ NULL, 0, NULL, 0 },
};

void soem_usage(void)
{
	fputs(_("Usage: soem [OPTIONS] [FILE]            the wizard\n"
		"       soem calc FILE [--format text|csv|yaml|markdown|html] [-o OUT]\n"
		"       soem design [FILE] [--p0 X --p1 Y --n N --alpha A --power P\n"
		"                   --ratio K --attrition A --deff D --cc] [--format ...]\n"
		"       soem kb list|show ID|validate [--summary] [FILE...]\n"
		"       soem kb export PROFILE [--group ID] [-o FILE.csv]\n"
		"       soem kb import FILE.csv --profile-file BASE.yaml --id NEW\n"
		"                      [-o OUT.yaml]\n"
		"       soem compare FILE FILE... [--format text|csv|yaml|markdown|html]\n"
		"                    [-o OUT]\n"
		"       soem --help | --version\n"
		"\n"
		"Options:\n"
		"  --kb DIR          read profiles from DIR first (repeatable)\n"
		"  --profile ID      the knowledge-database profile (dk, se, ...)\n"
		"  --lang da|sv|en   the language of the screens and reports\n"
		"  --config FILE     read this configuration file last\n"
		"  --no-color        no colours\n"
		"  --ascii           ASCII lines and text only\n"
		"  --step NAME       open FILE at this step (intervention, target,\n"
		"                    effect, costs, consequences, prices, results)\n"
		"  --copy            work on a private copy of FILE in your home\n"
		"                    folder (a course file you may not change)\n"
		"  --format FMT      text, csv, yaml, markdown or html (calc, compare)\n"
		"  -o, --output OUT  write the result to OUT instead of the screen\n"
		"  --csv-sep C       the CSV field separator\n"
		"\n"
		"soem design (planning an experiment; see soem(1)):\n"
		"  --p0 X --p1 Y     sample size; add --n N for the power,\n"
		"                    or give --p0 X --n N for the detectable p1\n"
		"  --x-t X --n-t N --x-c X --n-c N   an experiment's difference and\n"
		"                    its interval (--level, default 0.95)\n"
		"  --alpha A --power P --ratio K --attrition A --deff D --cc\n"
		"  --site NAME:INFLOW:CONSENT[:DELAY] (repeatable), --site-min M,\n"
		"  --inflow-scale F, --subgroup F (repeatable)\n"
		"\n"
		"Exit codes: 0 success, 1 nothing to compute, 2 wrong usage,\n"
		"65 bad input data, 66 cannot open a file, 73 cannot write a file,\n"
		"74 another input/output error.  See soem(1).\n"),
	      stdout);
}

static const char *lang_from_env(void)
{
	static const char *const vars[] = { "LANGUAGE", "LC_ALL",
					    "LC_MESSAGES", "LANG", NULL };
	for (int i = 0; vars[i]; i++) {
		const char *v = getenv(vars[i]);
		if (!v || !*v)
			continue;
		if (strncmp(v, "da", 2) == 0)
			return "da";
		if (strncmp(v, "sv", 2) == 0)
			return "sv";
		if (i == 0)
			continue; /* LANGUAGE=en or other: look further */
		return "en";
	}
	return "en";
}

static void push_arg(const char ***list, size_t *n, const char *arg)
{
	*list = xrealloc(*list, (*n + 1) * sizeof **list);
	(*list)[(*n)++] = arg;
}

static void design_opt(soem_design_opts *d, int c, const char *arg)
{
	const char **slot[] = {
		[OPT_P0 - OPT_P0] = &d->p0, [OPT_P1 - OPT_P0] = &d->p1,
		[OPT_ALPHA - OPT_P0] = &d->alpha,
		[OPT_POWER - OPT_P0] = &d->power,
		[OPT_RATIO - OPT_P0] = &d->ratio,
		[OPT_ATTRITION - OPT_P0] = &d->attrition,
		[OPT_N - OPT_P0] = &d->n, [OPT_DEFF - OPT_P0] = &d->deff,
		[OPT_SITE_MIN - OPT_P0] = &d->site_min,
		[OPT_INFLOW_SCALE - OPT_P0] = &d->inflow_scale,
		[OPT_X_T - OPT_P0] = &d->x_t, [OPT_N_T - OPT_P0] = &d->n_t,
		[OPT_X_C - OPT_P0] = &d->x_c, [OPT_N_C - OPT_P0] = &d->n_c,
		[OPT_LEVEL - OPT_P0] = &d->level,
	};

	d->any = true;
	if (c == OPT_CC)
		d->cc = true;
	else if (c == OPT_SITE)
		push_arg(&d->sites, &d->nsites, arg);
	else if (c == OPT_SUBGROUP)
		push_arg(&d->subgroups, &d->nsubgroups, arg);
	else
		*slot[c - OPT_P0] = arg;
}

int soem_opts_parse(int argc, char **argv, soem_opts *o)
{
	memset(o, 0, sizeof *o);
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":o:", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_KB:
			o->kb_dirs = xrealloc(o->kb_dirs,
					      (o->nkb + 1) * sizeof *o->kb_dirs);
			o->kb_dirs[o->nkb++] = optarg;
			break;
		case OPT_PROFILE:
			o->profile = optarg;
			break;
		case OPT_LANG:
			if (strcmp(optarg, "da") && strcmp(optarg, "sv") &&
			    strcmp(optarg, "en")) {
				fprintf(stderr,
					_("soem: --lang takes da, sv or en, not '%s'\n"),
					soem_term_tmp(optarg));
				return SOEM_EX_USAGE;
			}
			o->lang = optarg;
			break;
		case OPT_CONFIG:
			o->config = optarg;
			break;
		case OPT_NO_COLOR:
			o->no_color = true;
			break;
		case OPT_ASCII:
			o->ascii = true;
			break;
		case OPT_STEP:
			o->step = optarg;
			break;
		case OPT_COPY:
			o->copy = true;
			break;
		case OPT_FORMAT:
			o->format = optarg;
			break;
		case 'o':
			o->out = optarg;
			break;
		case OPT_CSV_SEP:
			if (strlen(optarg) != 1 || optarg[0] == '"' ||
			    optarg[0] == '\n' || optarg[0] == '\r') {
				fprintf(stderr,
					_("soem: --csv-sep takes one character such as ; or ,\n"));
				return SOEM_EX_USAGE;
			}
			o->csv_sep = optarg[0];
			break;
		case OPT_GROUP:
			o->group = optarg;
			break;
		case OPT_ID:
			o->new_id = optarg;
			break;
		case OPT_PROFILE_FILE:
			o->profile_file = optarg;
			break;
		case OPT_SUMMARY:
			o->summary = true;
			break;
		case OPT_HELP:
			o->help = true;
			break;
		case OPT_VERSION:
			o->version = true;
			break;
		case OPT_P0: case OPT_P1: case OPT_ALPHA: case OPT_POWER:
		case OPT_RATIO: case OPT_ATTRITION: case OPT_CC: case OPT_N:
		case OPT_DEFF: case OPT_SITE: case OPT_SITE_MIN:
		case OPT_INFLOW_SCALE: case OPT_SUBGROUP: case OPT_X_T:
		case OPT_N_T: case OPT_X_C: case OPT_N_C: case OPT_LEVEL:
			design_opt(&o->design, c, optarg);
			break;
		case ':':
			fprintf(stderr, _("soem: option '%s' needs a value\n"),
				soem_term_tmp(argv[optind - 1]));
			return SOEM_EX_USAGE;
		default:
			fprintf(stderr,
				_("soem: unknown option '%s' (see soem --help)\n"),
				soem_term_tmp(argv[optind - 1]));
			return SOEM_EX_USAGE;
		}
	}
	/* getopt_long permuted the words to the end: command and arguments */
	int i = optind;
	if (i < argc) {
		const char *w = argv[i];
		if (strcmp(w, "calc") == 0 || strcmp(w, "kb") == 0 ||
		    strcmp(w, "design") == 0 || strcmp(w, "compare") == 0) {
			o->cmd = w;
			i++;
		}
	}
	o->nargs = (size_t)(argc - i);
	o->args = argv + i;
	if (o->design.any && !o->help && !o->version &&
	    (!o->cmd || strcmp(o->cmd, "design") != 0)) {
		fputs(_("soem: --p0, --p1, --n, --site and the other planning options belong to 'soem design'\n"),
		      stderr);
		return SOEM_EX_USAGE;
	}

	soem_err err = { 0 };
	soem_warnings warn = { 0 };
	/* SOEM_SYSCONFDIR: the system file's directory, for tests and for
	 * trying a municipality's file before installing it */
	const char *sysdir = getenv("SOEM_SYSCONFDIR");
	int rc = soem_config_load(&o->cfg,
				  sysdir && *sysdir ? sysdir
						    : SYSCONFDIR "/soem",
				  o->config, &warn, &err);
	for (size_t w = 0; w < warn.n; w++)
		soem_cli_warn(warn.msg[w]);
	soem_warnings_free(&warn);
	if (rc) {
		soem_cli_error(err.msg);
		return rc;
	}
	if (!o->profile)
		o->profile = o->cfg.profile;
	o->ui_lang = o->lang ? o->lang : o->cfg.language ? o->cfg.language
							 : lang_from_env();
	o->conv = soem_numconv_for_lang(o->ui_lang);
	/* A separator that can stand in a number would split it or make it
	 * text in a spreadsheet: digits, the sign, and the decimal mark (',',
	 * and '.', the thousands mark, with da and sv; '.' with en). */
	if (o->csv_sep &&
	    ((o->csv_sep >= '0' && o->csv_sep <= '9') || o->csv_sep == '-' ||
	     o->csv_sep == '+' || o->csv_sep == '.' ||
	     (o->csv_sep == ',' && o->conv != SOEM_NUM_EN))) {
		fprintf(stderr,
			_("soem: --csv-sep '%c' can stand in a number (digits, signs and the decimal mark cannot separate fields); use ; or a tab\n"),
			o->csv_sep);
		return SOEM_EX_USAGE;
	}
	return 0;
}

void soem_opts_free(soem_opts *o)
{
	free(o->kb_dirs);
	o->kb_dirs = NULL;
	free(o->design.sites);
	free(o->design.subgroups);
	o->design.sites = o->design.subgroups = NULL;
	soem_config_free(&o->cfg);
}

/* Messages name files, keys and values from files: through the
 * terminal sink (util/textsafe.h), as one line. */
void soem_cli_error(const char *msg)
{
	fputs("soem: ", stderr);
	soem_term_write(stderr, msg);
	fputc('\n', stderr);
}

void soem_cli_warn(const char *msg)
{
	fprintf(stderr, _("soem: warning: %s\n"), soem_term_tmp(msg));
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The installed database; from a build tree that was never installed,
 * the source tree's copy; SOEM_DATADIR overrides both. */
static const char *installed_kb_dir(void)
{
	return soem_data_dir("kb");
}

/* True when dir is the same directory as one of dirs[0..n-1]. */
static bool same_dir_seen(const char *dir, const char **dirs, size_t n)
{
	struct stat a, b;
	if (stat(dir, &a) != 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (stat(dirs[i], &b) == 0 && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino)
			return true;
	return false;
}

/* The user's own profiles: $XDG_DATA_HOME/soem/kb, by default
 * ~/.local/share/soem/kb (SPEC §3.3).  Caller frees; NULL when neither
 * variable gives a place. */
char *soem_cli_user_kb_dir(void)
{
	return soem_xdg_path("XDG_DATA_HOME", ".local/share", "soem/kb");
}

/* Adds dir to set; true when the search can stop there (it gave want,
 * or a broken file that gives want). */
static int add_dir(soem_kbset *set, const char *dir, const char *want,
		   soem_warnings *warn, soem_err *err, bool *stop)
{
	int rc = soem_kbset_add_dir(set, dir, warn, err);
	*stop = !rc && want &&
		(soem_kbset_find(set, want) || soem_kbset_broken(set, want));
	return rc;
}

/* SPEC §3.3's search order: --kb, kb_path, the user's data directory,
 * the installed one.  Warnings go to keep when it is not NULL (the
 * wizard shows them), else to stderr. */
static int load_kbs(const soem_opts *o, const char *want, soem_kbset *set,
		    soem_warnings *keep, bool lazy, const char *one_lang)
{
	soem_err err = { 0 };
	soem_warnings warn = { 0 };
	char *user = NULL;
	bool stop = false;
	memset(set, 0, sizeof *set);
	if (lazy)
		soem_kbset_lazy(set, one_lang);
	for (size_t i = 0; i < o->nkb; i++) {
		if (!is_dir(o->kb_dirs[i])) {
			fprintf(stderr,
				_("soem: --kb %s: not a directory\n"),
				soem_term_tmp(o->kb_dirs[i]));
			soem_kbset_free(set);
			soem_warnings_free(&warn);
			return SOEM_EX_NOINPUT;
		}
		if (same_dir_seen(o->kb_dirs[i], o->kb_dirs, i))
			continue;
		if (add_dir(set, o->kb_dirs[i], want, &warn, &err, &stop))
			goto fail;
		if (stop)
			goto done;
	}
	/* then the configuration's kb_path: a missing directory there is
	 * only a warning (a file shared by many users may name one that a
	 * laptop lacks) */
	for (size_t i = 0; i < o->cfg.nkb_path; i++) {
		const char *d = o->cfg.kb_path[i];
		if (!is_dir(d)) {
			soem_warn_add(&warn,
				      _("kb_path: %s is not a directory; it is skipped"),
				      d);
			continue;
		}
		if (same_dir_seen(d, o->kb_dirs, o->nkb) ||
		    same_dir_seen(d, (const char **)o->cfg.kb_path, i))
			continue;
		if (add_dir(set, d, want, &warn, &err, &stop))
			goto fail;
		if (stop)
			goto done;
	}
	user = soem_cli_user_kb_dir();
	if (user && is_dir(user) &&
	    !same_dir_seen(user, o->kb_dirs, o->nkb) &&
	    !same_dir_seen(user, (const char **)o->cfg.kb_path,
			   o->cfg.nkb_path)) {
		if (add_dir(set, user, want, &warn, &err, &stop))
			goto fail;
		if (stop)
			goto done;
	}
	const char *inst = installed_kb_dir();
	if (!same_dir_seen(inst, o->kb_dirs, o->nkb) &&
	    !same_dir_seen(inst, (const char **)o->cfg.kb_path,
			   o->cfg.nkb_path) &&
	    !(user && same_dir_seen(inst, (const char **)&user, 1)) &&
	    soem_kbset_add_dir(set, inst, &warn, &err))
		goto fail;
done:
	free(user);
	/* what reading the wanted profile whole warned about */
	if (set->late) {
		for (size_t i = 0; i < set->late->n; i++)
			soem_warn_add(&warn, "%s", set->late->msg[i]);
		soem_warnings_free(set->late);
	}
	for (size_t i = 0; i < warn.n; i++) {
		if (keep)
			soem_warn_add(keep, "%s", warn.msg[i]);
		else
			soem_cli_warn(warn.msg[i]);
	}
	soem_warnings_free(&warn);
	return 0;
fail:
	free(user);
	for (size_t i = 0; i < warn.n; i++)
		soem_cli_warn(warn.msg[i]);
	soem_warnings_free(&warn);
	soem_cli_error(err.msg);
	soem_kbset_free(set);
	return err.code;
}

int soem_cli_load_kbs_for(const soem_opts *o, const char *want,
			  soem_kbset *set)
{
	/* only the profile the calculation names is read whole (issue 18) */
	return load_kbs(o, want, set, NULL, true, NULL);
}

int soem_cli_load_kbs(const soem_opts *o, soem_kbset *set)
{
	return load_kbs(o, NULL, set, NULL, false, NULL);
}

int soem_cli_load_kbs_keep(const soem_opts *o, soem_kbset *set,
			   soem_warnings *warn)
{
	/* the wizard: headers first, a profile whole when it is used, and
	 * of its texts only those in the wizard's language (issue 18) */
	return load_kbs(o, NULL, set, warn, true, o->ui_lang);
}

/* True when a and b name the same file (same device and inode; a link
 * to it counts). */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int soem_cli_check_output(const char *out, const char *input)
{
	if (out && strcmp(out, "-") != 0 && input && same_file(out, input)) {
		/* as the wizard's export: a report never replaces the
		 * calculation it was made from */
		fprintf(stderr,
			_("soem: -o %s is the file being read (%s); the output would overwrite it. Choose another name.\n"),
			soem_term_tmp(out), soem_term_tmp(input));
		return SOEM_EX_CANTCREAT;
	}
	return 0;
}

int soem_cli_output(const char *out, const char *input, const char *buf,
		    size_t len)
{
	int rc = soem_cli_check_output(out, input);

	if (rc)
		return rc;
	if (!out || strcmp(out, "-") == 0) {
		/* On a terminal, whatever the format: controls from the files
		 * are shown, not obeyed (a file or a pipe gets the bytes). */
		if (isatty(STDOUT_FILENO))
			soem_term_write_doc(stdout, buf, len);
		else
			(void)fwrite(buf, 1, len, stdout); /* ferror below */
		if (ferror(stdout) || fflush(stdout) != 0) {
			fprintf(stderr, _("soem: cannot write the output: %s\n"),
				strerror(errno));
			return SOEM_EX_IOERR;
		}
		return 0;
	}
	soem_err err = { 0 };
	if (soem_atomic_write(out, buf, len, &err)) {
		soem_cli_error(err.msg);
		return err.code;
	}
	return 0;
}
