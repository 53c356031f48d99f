/* datadir.h - where soem's own data is: the bundled knowledge databases
 * (SUB "kb") and the example calculations (SUB "examples").
 *
 * $SOEM_DATADIR/SUB when SOEM_DATADIR is set (the tests set it to the
 * source tree, so that they never read what is installed); else the
 * installed PKGDATADIR/SUB; from a build tree that was never installed,
 * the source tree's share/soem/SUB.  Used by the command line and the
 * wizard alike.  And the user's XDG directories (soem_xdg_path).
 */
#ifndef SOEM_DATADIR_H
#define SOEM_DATADIR_H

/* The directory of SUB ("kb" or "examples"): kept until the next call
 * with the same SUB. */
const char *soem_data_dir(const char *sub);

/* A user's XDG base directory: $VAR when it is an absolute path, else
 * $HOME/DEF when HOME is set (not empty); SUB (when not NULL) appended
 * with a slash.  NULL when neither gives a place.  Caller frees.  (The
 * configuration, the user's profiles, the autosaves and the head cache
 * all find their place so.) */
char *soem_xdg_path(const char *var, const char *def, const char *sub);

#endif
