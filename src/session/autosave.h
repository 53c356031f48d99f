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
 * named HASH-NAME: HASH is 16 hex digits of a hash of the calculation
 * file's absolute path, NAME that file's own name (cut to fit); a
 * calculation that was never saved is `untitled-YYYYMMDD-HHMMSS`.  The
 * first line of a named autosave, a YAML comment, holds the absolute path
 * ("# soem autosave of: PATH", bytes below 0x20, 0x7f and '%' as %XX):
 * recovery believes only that, never the name, and an autosave is never
 * written over one that belongs to another path.  Autosaves of older
 * versions of soem were named after the path with '/' written as '%', which is
 * not one-to-one (`rate%a` and `rate/a` shared one): they are still
 * offered, as work whose file is not known (opened as untitled).
 */
#ifndef SOEM_AUTOSAVE_H
#define SOEM_AUTOSAVE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "model/calc.h"
#include "util/err.h"

#define SOEM_AUTOSAVE_SUFFIX ".autosave.soem.yaml"

/* The autosave directory, created (0700) if needed; caller frees *dir.
 * Refuses a directory that is a symlink or not owned by the user. */
int soem_autosave_dir(char **dir, soem_err *err);

/* The absolute path autosaves record for calc_path (resolved with
 * realpath when the file exists).  Caller frees. */
char *soem_autosave_abs(const char *calc_path);

/* The autosave file for calc_path (NULL: an untitled calculation started
 * at `started`), inside dir.  Caller frees. */
char *soem_autosave_path(const char *dir, const char *calc_path,
			 time_t started);

/* Writes c to path atomically with mode 0600, with origin (an absolute
 * path, from soem_autosave_abs; NULL for untitled work) on its first
 * line. */
int soem_autosave_write(const char *path, const soem_calc *c,
			const char *origin, soem_err *err);

/* The absolute path recorded in the autosave at path, or NULL (untitled,
 * written by an older soem, or unreadable).  Caller frees. */
char *soem_autosave_origin(const char *path);

/* The emergency save when the autosave directory cannot be used (a
 * symlink, another user's): c is written, mode 0600 and never over an
 * existing file, as NAME.emergency-YYYYMMDD-HHMMSS.soem.yaml (NAME the
 * calculation file's name without .soem.yaml, or "untitled") in the
 * calculation's folder, else in $HOME, whichever is first a directory of
 * the user's own.  *out is the file written (caller frees). */
int soem_autosave_fallback(const char *calc_path, const soem_calc *c,
			   time_t when, char **out, soem_err *err);

typedef struct soem_autosave_entry {
	char *path;        /* the autosave file */
	char *origin;      /* the calculation file it belongs to, as recorded
			      inside it, or NULL for an untitled one */
	bool legacy;       /* named by an older soem: origin unknown */
	time_t when;       /* when it was written */
} soem_autosave_entry;

/* The autosaves in dir, newest first.  Caller frees with
 * soem_autosave_list_free. */
int soem_autosave_list(const char *dir, soem_autosave_entry **v, size_t *n,
		       soem_err *err);
void soem_autosave_list_free(soem_autosave_entry *v, size_t n);

#endif
