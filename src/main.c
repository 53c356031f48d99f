/* main.c - options, locale, and the choice between a headless command
 * and the wizard. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ui/ui.h"
#include "util/err.h"
#include "util/i18n.h"

static void setup_locale(const char *lang)
{
	setlocale(LC_ALL, "");
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
		rc = soem_ui_run(&o);
	}
	soem_opts_free(&o);
	return rc;
}
