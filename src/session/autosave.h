/* autosave.h - where the working calculation is kept safe (SPEC §5.4).
 *
 * src/session/ is what a wizard session keeps on disk beside the file the
 * user works on.  An autosave is a calculation, so this layer sits above
 * io/ (it calls the calculation saver) and store/ (atomic writes); the
 * wizard's session code (ui/session.c) drives it.
 *
 * Autosaves and emergency saves go to $XDG_STATE_HOME/soem/autosave/
 * (default ~/.local/state/soem/autosave/), a directory of mode 0700, as
 * files of mode 0600 written atomically.  One file per open calculation,
 * named after the calculation file's absolute path with every '/' written
 * as '%' (as vim names its swap files), so two calculations of the same
 * name in different directories never share one; a calculation that was
 * never saved is `untitled-YYYYMMDD-HHMMSS`.  The name thus says what
 * the file is; its modification time says when.
 */
#ifndef SOEM_AUTOSAVE_H
#define SOEM_AUTOSAVE_H

#include <stddef.h>
#include <time.h>

#include "model/calc.h"
#include "util/err.h"

#define SOEM_AUTOSAVE_SUFFIX ".autosave.soem.yaml"

/* The autosave directory, created (0700) if needed; caller frees *dir.
 * Refuses a directory that is a symlink or not owned by the user. */
int soem_autosave_dir(char **dir, soem_err *err);

/* The autosave file for calc_path (NULL: an untitled calculation started
 * at `started`), inside dir.  Caller frees. */
char *soem_autosave_path(const char *dir, const char *calc_path,
			 time_t started);

/* Writes c to path atomically with mode 0600. */
int soem_autosave_write(const char *path, const soem_calc *c, soem_err *err);

typedef struct soem_autosave_entry {
	char *path;        /* the autosave file */
	char *origin;      /* the calculation file it belongs to, or NULL
			      for an untitled one */
	time_t when;       /* when it was written */
} soem_autosave_entry;

/* The autosaves in dir, newest first.  Caller frees with
 * soem_autosave_list_free. */
int soem_autosave_list(const char *dir, soem_autosave_entry **v, size_t *n,
		       soem_err *err);
void soem_autosave_list_free(soem_autosave_entry *v, size_t n);

#endif
