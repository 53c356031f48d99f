/* ui.h - the interactive wizard of SPEC §5 (ncurses).
 *
 * The only entry point the rest of soem sees.  Everything below it lives
 * in src/ui/ and is the only code that includes <curses.h>.
 */
#ifndef SOEM_UI_H
#define SOEM_UI_H

#include "cli/cli.h"

/* Runs the wizard with the parsed options: o->args[0], when given, is the
 * calculation to open (a file that does not exist yet becomes a new
 * calculation saved under that name), o->step the step to open it at.
 * Returns the exit code (SPEC §4): 0, SOEM_EX_USAGE when there is no
 * terminal or --step names no step, the loader's code when the file
 * cannot be read, 128 + the signal after a hang-up or SIGTERM. */
int soem_ui_run(const soem_opts *o);

#endif
