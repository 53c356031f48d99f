/* ui.h - the interactive wizard of SPEC §5 (ncurses).
 *
 * The only entry point the rest of soem sees.  Everything below it lives
 * in src/ui/ and is the only code that includes <curses.h>.  The wizard
 * depends on the model, the engine and the file formats, never on cli/:
 * what it needs from the command line and the configuration files comes
 * in one soem_ui_settings, which main.c fills.
 */
#ifndef SOEM_UI_H
#define SOEM_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "model/kb.h"
#include "util/err.h"
#include "util/numfmt.h"

/* A display choice: automatic (the terminal and the locale decide), or
 * forced on or off. */
enum soem_ui_choice { SOEM_UI_AUTO = 0, SOEM_UI_ON, SOEM_UI_OFF };

/* What the wizard is told from outside, resolved: an option given on the
 * command line already wins over the configuration here. */
typedef struct soem_ui_settings {
	char **files;             /* the calculation files named */
	size_t nfiles;            /* more than one is refused */
	const char *step;         /* --step as typed, or NULL */
	const char *ui_lang;      /* "da", "sv" or "en" */
	enum soem_numconv conv;   /* how numbers are shown and typed */
	char csv_sep;             /* --csv-sep for exports, 0 = the language's */
	const char *profile;      /* the default profile, or NULL */
	enum soem_ui_choice color;
	enum soem_ui_choice ascii;
	long autosave_interval;   /* seconds; 0 = off */
	const char *missing_locale; /* LANG etc. naming a locale that is not
				     * installed, for a notice; or NULL */
	bool copy;                /* --copy: work on a private copy of
				     files[0] in the home directory */
	const char *handin;       /* [course] handin: the folder "Hand in"
				     saves a copy into, or NULL */
	/* Loads the knowledge-database profiles (returns 0, or an exit code
	 * after printing a message); a file that does not load is skipped
	 * and its warning added to warn, for the wizard to show; ctx is
	 * load_kbs_ctx. */
	int (*load_kbs)(const void *ctx, soem_kbset *set, soem_warnings *warn);
	const void *load_kbs_ctx;
} soem_ui_settings;

/* Runs the wizard: s->files[0], when given, is the calculation to open
 * (a file that does not exist yet becomes a new calculation saved under
 * that name), s->step the step to open it at.  Returns the exit code
 * (SPEC §4): 0, SOEM_EX_USAGE when there is no terminal or --step names
 * no step, the loader's code when the file cannot be read, 128 + the
 * signal after a hang-up or SIGTERM. */
int soem_ui_run(const soem_ui_settings *s);

#endif
