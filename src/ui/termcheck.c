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

static bool has_str(const char *cap)
{
	char *s = tigetstr(cap);
	return s && s != (char *)-1 && *s;
}

int ui_term_probe(bool *alt_screen)
{
	int err = 0;
	*alt_screen = true;
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
		return -1; /* unknown: newterm says so */
	bool cup = has_str("cup");
	*alt_screen = has_str("smcup") && has_str("rmcup");
	del_curterm(cur_term);
	return cup ? 1 : 0;
}

void ui_term_clear_after(void)
{
	char *cl = tigetstr("clear");
	if (cl && cl != (char *)-1 && *cl) {
		putp(cl);
		fflush(stdout);
	}
}
