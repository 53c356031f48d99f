/* datadir.h - where soem's own data is: the bundled knowledge databases
 * (SUB "kb") and the example calculations (SUB "examples").
 *
 * $SOEM_DATADIR/SUB when SOEM_DATADIR is set (the tests set it to the
 * source tree, so that they never read what is installed); else the
 * installed PKGDATADIR/SUB; from a build tree that was never installed,
 * the source tree's share/soem/SUB.  Used by the command line and the
 * wizard alike.
 */
#ifndef SOEM_DATADIR_H
#define SOEM_DATADIR_H

/* The directory (a static buffer per SUB; "kb" or "examples"). */
const char *soem_data_dir(const char *sub);

#endif
