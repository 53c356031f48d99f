/* main.c - options, locale, and the choice between a headless command
 * and the wizard. */
#include "config.h"

#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "ui/ui.h"
#include "util/err.h"
#include "util/i18n.h"

/* The locale the environment asks for for category var (LC_ALL, else
 * var, else LANG), or NULL. */
static const char *env_locale(const char *var)
{
	const char *const vars[] = { "LC_ALL", var, "LANG", NULL };
	for (int i = 0; vars[i]; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return v;
	}
	return NULL;
}

static bool is_c_locale(const char *loc)
{
	return !loc || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0;
}

/* "da_DK.UTF-8", "sv_SE.utf8": the name says UTF-8. */
static bool names_utf8(const char *loc)
{
	const char *dot = loc ? strchr(loc, '.') : NULL;
	if (!dot)
		return false;
	dot++;
	return strncasecmp(dot, "UTF-8", 5) == 0 ||
	       strncasecmp(dot, "utf8", 4) == 0;
}

/* The locale asked for when it is not installed (setlocale failed), for
 * the wizard's notice; NULL when it is. */
static const char *missing_locale;

static void setup_locale(const char *lang)
{
	if (!setlocale(LC_ALL, "")) {
		/* A locale named is not installed (common over SSH, where
		 * LANG travels from the user's own machine): setlocale left
		 * everything C.  Take each category that is installed, and
		 * keep what can be kept of the others: UTF-8 when the name
		 * says so, and the language, which gettext then takes from
		 * LANGUAGE (set here when not set). */
		static const int cats[] = { LC_COLLATE, LC_MONETARY, LC_TIME };
		for (size_t i = 0; i < sizeof cats / sizeof cats[0]; i++)
			setlocale(cats[i], "");
		const char *ct = env_locale("LC_CTYPE");
		if (!setlocale(LC_CTYPE, "") && !is_c_locale(ct)) {
			missing_locale = ct;
			if (names_utf8(ct))
				setlocale(LC_CTYPE, "C.UTF-8");
		}
		const char *ms = env_locale("LC_MESSAGES");
		if (!setlocale(LC_MESSAGES, "") && !is_c_locale(ms)) {
			missing_locale = ms;
			if (!lang && !(getenv("LANGUAGE") && *getenv("LANGUAGE")))
				setenv("LANGUAGE", ms, 1);
			/* gettext ignores LANGUAGE in the C locale */
			setlocale(LC_MESSAGES, "C.UTF-8");
		}
	}
	/* Numbers in files and in the engine are always C; what the user
	 * sees is formatted by util/numfmt.c in the language's convention. */
	setlocale(LC_NUMERIC, "C");
#if ENABLE_NLS
	if (lang) {
		setenv("LANGUAGE", lang, 1);
		/* gettext ignores LANGUAGE in the C locale */
		const char *cur = setlocale(LC_MESSAGES, NULL);
		if (cur && (strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0))
			setlocale(LC_MESSAGES, "C.UTF-8");
	}
	const char *dir = getenv("SOEM_LOCALEDIR");
	bindtextdomain(PACKAGE, dir && *dir ? dir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#else
	(void)lang;
#endif
}

static int load_kbs(const void *ctx, soem_kbset *set, soem_warnings *warn)
{
	return soem_cli_load_kbs_keep(ctx, set, warn);
}

/* The wizard's settings from the options and the configuration: an
 * option wins over the configuration file. */
static int run_wizard(const soem_opts *o)
{
	soem_ui_settings s = {
		.files = o->args,
		.nfiles = o->nargs,
		.step = o->step,
		.ui_lang = o->ui_lang,
		.conv = o->conv,
		.csv_sep = o->csv_sep,
		.profile = o->profile ? o->profile : o->cfg.profile,
		.color = o->no_color ? SOEM_UI_OFF
			 : o->cfg.color == SOEM_YES ? SOEM_UI_ON
			 : o->cfg.color == SOEM_NO ? SOEM_UI_OFF
						   : SOEM_UI_AUTO,
		.ascii = o->ascii || o->cfg.ascii == SOEM_YES ? SOEM_UI_ON
			 : o->cfg.ascii == SOEM_NO ? SOEM_UI_OFF
						   : SOEM_UI_AUTO,
		.autosave_interval = o->cfg.autosave_interval,
		.missing_locale = missing_locale,
		.copy = o->copy,
		.handin = o->cfg.handin,
		.load_kbs = load_kbs,
		.load_kbs_ctx = o,
	};
	return soem_ui_run(&s);
}

int main(int argc, char **argv)
{
	/* --lang must be known before any message is translated */
	const char *lang = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			lang = argv[i + 1];
		else if (strncmp(argv[i], "--lang=", 7) == 0)
			lang = argv[i] + 7;
		else if (strcmp(argv[i], "--") == 0)
			break;
	}
	setup_locale(lang);

	soem_opts o;
	int rc = soem_opts_parse(argc, argv, &o);
	if (rc) {
		soem_opts_free(&o);
		return rc;
	}
	if (!lang && o.ui_lang && o.cfg.language)
		setup_locale(o.ui_lang);
	if (o.help) {
		soem_usage();
	} else if (o.version) {
		printf("soem %s\n", PACKAGE_VERSION);
	} else if (o.cmd && strcmp(o.cmd, "calc") == 0) {
		rc = soem_cmd_calc(&o);
	} else if (o.cmd && strcmp(o.cmd, "kb") == 0) {
		rc = soem_cmd_kb(&o);
	} else if (o.cmd && strcmp(o.cmd, "design") == 0) {
		rc = soem_cmd_design(&o);
	} else if (o.cmd && strcmp(o.cmd, "compare") == 0) {
		rc = soem_cmd_compare(&o);
	} else {
		rc = run_wizard(&o);
	}
	soem_opts_free(&o);
	return rc;
}
