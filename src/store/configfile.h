/* configfile.h - the configuration of SPEC §3.3, read with iniparser.
 *
 * Files are read in this order, a later one's keys winning:
 * $(sysconfdir)/soem/soem.ini, $XDG_CONFIG_HOME/soem/soem.ini (default
 * ~/.config/soem/soem.ini), then the file given with --config.  A file
 * with a syntax error is ignored as a whole (iniparser cannot read half a
 * file) and named with its line in a warning; the earlier files and the
 * defaults apply.  A missing system or user file is not an error; a
 * missing --config file is (SOEM_EX_NOINPUT).
 */
#ifndef SOEM_CONFIGFILE_H
#define SOEM_CONFIGFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

enum soem_tristate { SOEM_AUTO = 0, SOEM_YES, SOEM_NO };

#define SOEM_AUTOSAVE_DEFAULT 60   /* seconds */
/* A configuration file larger than this is ignored as a whole (SPEC §3.3). */
#define SOEM_CONFIG_MAX (64 * 1024)

typedef struct soem_config {
	char *language;            /* [general] language: da, sv, en or NULL */
	char *profile;             /* [general] profile */
	size_t nkb_path;           /* [general] kb_path, ':'-separated */
	char **kb_path;
	enum soem_tristate color;  /* [display] color = auto|always|never */
	enum soem_tristate ascii;  /* [display] ascii = auto|yes|no */
	long autosave_interval;    /* [autosave] interval, seconds; 0 = off */
	char *handin;              /* [course] handin: the folder "Hand in"
				      saves a copy into, or NULL */
	size_t nfiles;             /* the files that were read */
	char **files;
} soem_config;

/* Sets the defaults, then reads the files.  system_dir is normally
 * SYSCONFDIR "/soem" (a parameter for tests).  Problems that do not stop
 * anything (a syntax error, an unknown value) go to warn. */
int soem_config_load(soem_config *cfg, const char *system_dir,
		     const char *explicit_file, soem_warnings *warn,
		     soem_err *err);

void soem_config_free(soem_config *cfg);

#endif
