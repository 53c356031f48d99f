/* cli.h - the command line of SPEC §4: options, and the headless
 * commands `calc` and `kb`.  No curses here. */
#ifndef SOEM_CLI_H
#define SOEM_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "store/configfile.h"
#include "model/kb.h"
#include "util/numfmt.h"

/* The options of `soem design` (SPEC §4), as given (parsed by
 * cmd_design.c in the user's number convention). */
typedef struct soem_design_opts {
	const char *p0, *p1, *alpha, *power, *ratio, *attrition, *n, *deff;
	const char *site_min, *inflow_scale, *level;
	const char *x_t, *n_t, *x_c, *n_c;
	bool cc;
	const char **sites;       /* NAME:INFLOW:CONSENT[:DELAY], in order */
	size_t nsites;
	const char **subgroups;
	size_t nsubgroups;
	bool any;                 /* some design option was given */
} soem_design_opts;

typedef struct soem_opts {
	const char *cmd;          /* NULL (the wizard), "calc", "kb", "design",
				     "compare" */
	char **args;              /* words after the command */
	size_t nargs;
	const char **kb_dirs;     /* --kb, in order */
	size_t nkb;
	const char *profile;
	const char *lang;         /* --lang */
	const char *config;
	const char *step;
	const char *format;
	const char *out;          /* -o */
	char csv_sep;             /* --csv-sep, 0 = the language's */
	bool no_color, ascii;
	bool copy;                /* --copy: the wizard works on a private copy */
	bool help, version;
	const char *group;        /* kb export --group */
	const char *new_id;       /* kb import --id */
	const char *profile_file; /* kb import --profile-file */
	bool summary;             /* kb validate --summary */
	soem_design_opts design;
	/* resolved */
	soem_config cfg;          /* the configuration files (SPEC §3.3) */
	const char *ui_lang;      /* "da", "sv" or "en": --lang, else the
				     configuration, else the locale */
	enum soem_numconv conv;
} soem_opts;

/* Parses argv (options may stand before or after the command word), then
 * reads the configuration files.  Returns 0, or SOEM_EX_USAGE (or the
 * configuration's error) after printing a message to stderr. */
int soem_opts_parse(int argc, char **argv, soem_opts *o);
void soem_opts_free(soem_opts *o);

void soem_usage(void);

/* Loads the profiles from --kb dirs, kb_path, $XDG_DATA_HOME/soem/kb and
 * the installed directory (SPEC §3.3).  A profile file that does not load
 * is warned about and kept in set->broken; the others load.  Returns 0,
 * or an exit code after printing a message (a --kb that is not a
 * directory, a directory that cannot be read). */
int soem_cli_load_kbs(const soem_opts *o, soem_kbset *set);

/* The same, with the warnings added to warn instead of printed (the
 * wizard shows them on its screen). */
int soem_cli_load_kbs_keep(const soem_opts *o, soem_kbset *set,
			   soem_warnings *warn);

/* The same, but stops after the directory that holds the profile want
 * (the first profile with an id wins, so later directories cannot change
 * it); want NULL loads everything. */
int soem_cli_load_kbs_for(const soem_opts *o, const char *want,
			  soem_kbset *set);

/* The user's own profiles: $XDG_DATA_HOME/soem/kb, by default
 * ~/.local/share/soem/kb (SPEC §3.3; where `kb import` writes).  Caller
 * frees; NULL when neither variable gives a place. */
char *soem_cli_user_kb_dir(void);

/* Prints "soem: MESSAGE" (or "soem: warning: ...") to stderr. */
void soem_cli_error(const char *msg);
void soem_cli_warn(const char *msg);

/* Refuses (SOEM_EX_CANTCREAT, with a message) an output file out that is
 * the same file as input; 0 otherwise. */
int soem_cli_check_output(const char *out, const char *input);

/* Writes buf to out atomically, or to stdout when out is NULL or "-".
 * Refuses (SOEM_EX_CANTCREAT) when out is the same file as input (the
 * file the output was made from; NULL when none). */
int soem_cli_output(const char *out, const char *input, const char *buf,
		    size_t len);

int soem_cmd_calc(const soem_opts *o);
int soem_cmd_kb(const soem_opts *o);
int soem_cmd_design(const soem_opts *o);
int soem_cmd_compare(const soem_opts *o);

#endif
