/* termcheck.h - what the terminal type can do (terminfo), asked before the
 * wizard starts.  Apart from uipriv.h: <term.h> defines macros such as
 * "lines" that clash with the wizard's names. */
#ifndef SOEM_UI_TERMCHECK_H
#define SOEM_UI_TERMCHECK_H

#include <stdbool.h>

/* 1 when TERM can move the cursor, 0 when it cannot, -1 when terminfo does
 * not know the type; *alt_screen: it has an alternate screen to leave. */
int ui_term_probe(bool *alt_screen);

/* Clears the screen after endwin() on a terminal without one. */
void ui_term_clear_after(void);

#endif
