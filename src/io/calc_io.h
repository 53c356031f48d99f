/* calc_io.h - reading and writing a calculation file (SPEC §3.2).
 *
 * src/io/ holds the file formats only: the calculation (calc_load,
 * calc_save), the knowledge database (kb_load) and the evaluation section
 * (eval_load).  It reads and writes YAML through yaml/ and replaces files
 * through store/; it never prompts and knows no curses.
 *
 * The loader validates everything it can against the knowledge-database
 * profile the file names (kb.profile, else the default profile) and
 * reports the first problem as "FILE:LINE:COL: PATH: message" with exit
 * code SOEM_EX_DATAERR (65).  Keys it does not know are kept, at every
 * level, in the `extra` maps of the structs and written back by the saver
 * after the known keys of the same map.
 */
#ifndef SOEM_CALC_IO_H
#define SOEM_CALC_IO_H

#include <stddef.h>

#include "model/calc.h"
#include "model/kb.h"
#include "util/err.h"

/* The calculation format this soem reads and writes (`soem_calc: 1`). */
#define SOEM_CALC_FORMAT 2

/* Parses and validates a calculation held in buf (len bytes; need not be
 * NUL-terminated).  file names the input in messages.  kbs is the set of
 * loaded profiles; default_profile (may be NULL) is used when the file has
 * no kb.profile.  On success returns 0, sets *out (caller frees with
 * soem_calc_free) and *kb (the profile used; owned by kbs; kb may be
 * NULL when the caller does not need it).  Warnings (a different profile
 * version) go to warn (may be NULL).  On failure *out is NULL and err
 * holds the message. */
int soem_calc_parse(const char *buf, size_t len, const char *file,
		    const soem_kbset *kbs, const char *default_profile,
		    soem_calc **out, const soem_kb **kb, soem_warnings *warn,
		    soem_err *err);

/* Like soem_calc_parse, from a tree already parsed with ynode_parse (the
 * caller keeps and frees root). */
struct ynode;
int soem_calc_from_tree(const struct ynode *root, const char *file,
			const soem_kbset *kbs, const char *default_profile,
			soem_calc **out, const soem_kb **kb,
			soem_warnings *warn, soem_err *err);

/* The same, taking the tree over: on success the calculation owns it
 * (freed with it) and keeps the unknown keys and the evaluation section
 * as they are in it, without copying them; on failure it is freed.
 * *root is NULL afterwards. */
int soem_calc_from_tree_take(struct ynode **root, const char *file,
			     const soem_kbset *kbs,
			     const char *default_profile, soem_calc **out,
			     const soem_kb **kb, soem_warnings *warn,
			     soem_err *err);

/* Like soem_calc_parse, reading the file at path (SOEM_EX_NOINPUT when it
 * cannot be opened, SOEM_EX_IOERR on a read error). */
int soem_calc_load(const char *path, const soem_kbset *kbs,
		   const char *default_profile, soem_calc **out,
		   const soem_kb **kb, soem_warnings *warn, soem_err *err);

/* Like soem_calc_load, for an autosave or emergency file (SPEC §5.4):
 * the wizard may have saved a price schedule while the start year was
 * empty, which soem_calc_load refuses (SPEC §2.9); here the schedule is
 * kept and a warning names it, so that the work is never lost. */
int soem_calc_load_autosave(const char *path, const soem_kbset *kbs,
			    const char *default_profile, soem_calc **out,
			    const soem_kb **kb, soem_warnings *warn,
			    soem_err *err);

/* Writes c as YAML into a new buffer (*buf, NUL-terminated, *len bytes
 * without the NUL; caller frees).  Known keys in the order of SPEC §3.2,
 * then the kept unknown keys of each map.  Numbers are written in the
 * shortest form that reads back to the same double. */
int soem_calc_write(const soem_calc *c, char **buf, size_t *len,
		    soem_err *err);

/* soem_calc_write, then soem_atomic_write to path (SOEM_EX_CANTCREAT when
 * the file cannot be written; the old file is then untouched). */
int soem_calc_save(const char *path, const soem_calc *c, soem_err *err);


#endif
