/* termcheck.c - what the terminal type can do, asked of terminfo before
 * the wizard starts: a terminal that cannot move the cursor (TERM=dumb)
 * cannot show it, and one without an alternate screen (vt100, linux)
 * keeps the wizard's last screen after quitting unless it is cleared.
 * Kept apart from the rest: <term.h> defines macros such as "lines". */
#include "config.h"

#include <curses.h>
#include <term.h>
#include <unistd.h>

#include "ui/termcheck.h"

/* The capabilities are read through <term.h>'s names (cursor_address,
 * ...), not tigetstr("cup"): tigetstr builds ncurses' table of every
 * capability's name, 8 kB that then stayed for the whole session (issue
 * 18: memory per user). */
static bool has_str(const char *s)
{
	return s && s != (char *)-1 && *s;
}

int ui_term_probe(bool *alt_screen)
{
	int err = 0;
	*alt_screen = true;
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
		return -1; /* unknown: newterm says so */
	bool cup = has_str(cursor_address);
	*alt_screen = has_str(enter_ca_mode) && has_str(exit_ca_mode);
	del_curterm(cur_term);
	return cup ? 1 : 0;
}

void ui_term_clear_after(void)
{
	const char *cl = clear_screen;
	if (has_str(cl)) {
		putp(cl);
		fflush(stdout);
	}
}
