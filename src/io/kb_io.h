/* kb_io.h - reading knowledge databases (SPEC §3.1).
 *
 * A knowledge database is one YAML file per profile.  Loading validates
 * all of it (types, ranges, unique ids, references) and fails with
 * SOEM_EX_DATAERR and "FILE:LINE:COL: PATH: message" on the first thing
 * that is wrong.  Keys soem does not know are not an error: each one adds
 * a warning "FILE:LINE:COL: PATH: ..." to warn (which may be NULL), so a
 * database written for a later soem still loads in this one.
 */
#ifndef SOEM_KB_IO_H
#define SOEM_KB_IO_H

#include <stdbool.h>
#include <stddef.h>

#include "model/kb.h"
#include "util/err.h"

/* The newest `soem_kb:` format this soem reads. */
#define SOEM_KB_FORMAT 2

/* Parses a knowledge database from buf (len bytes); file names it in
 * messages and becomes kb->path.  On success returns 0 and sets *out
 * (caller frees with soem_kb_free); otherwise *out is NULL. */
int soem_kb_parse(const char *buf, size_t len, const char *file,
		  soem_kb **out, soem_warnings *warn, soem_err *err);

/* Reads and parses the file at path.  SOEM_EX_NOINPUT when it cannot be
 * opened, SOEM_EX_IOERR on a read error, SOEM_EX_DATAERR when it is not
 * a valid knowledge database. */
int soem_kb_load(const char *path, soem_kb **out, soem_warnings *warn,
		 soem_err *err);

/* Adds kb to set, which takes it over.  When the set already holds a
 * profile with kb's id (or a broken file that gives it), the first one
 * stays: kb is freed, a warning is added and false is returned. */
bool soem_kbset_add(soem_kbset *set, soem_kb *kb, soem_warnings *warn);

/* Loads every `*.yaml` file in dir (not hidden ones), in byte order of
 * their names, into set with soem_kbset_add.  A directory that does not
 * exist is not an error (returns 0).  A file that does not load (SPEC
 * §3.3) adds a warning with its error and goes to set->broken with the
 * profile id it gives when that can be known; the others still load.
 * Only a directory that cannot be read is an error (SOEM_EX_NOINPUT or
 * SOEM_EX_IOERR). */
int soem_kbset_add_dir(soem_kbset *set, const char *dir, soem_warnings *warn,
		       soem_err *err);

/* Makes soem_kbset_add_dir of set read only each file's header (soem_kb
 * and profile: issue 18, a start screen that names the profiles needs no
 * more); soem_kbset_find reads the rest of a profile when it is first
 * asked for.  A file whose header does not read is read whole at once
 * (and, when that fails, warned about and skipped as before); a file
 * whose header reads but whose rest does not is reported when its profile
 * is used (soem_kbset_broken gives why; set->late has the warnings of
 * that reading).  With lang (not NULL) a profile read whole keeps of each
 * text by language only the one soem_text_get(t, lang, the profile's
 * language) gives, the same text in less memory (issue 18): for a
 * process that asks for texts in lang only, such as the wizard.  Every
 * check of the file is made as before, on every language. */
void soem_kbset_lazy(soem_kbset *set, const char *lang);

#endif
