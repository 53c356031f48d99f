/* keys.c - the one table of actions: it drives the key dispatch, the key
 * bar, the help screen and soem(1)'s KEYS section (tests/e2e/keybar.sh
 * checks the bar against it).  Every action has a key that survives a
 * terminal multiplexer and a browser terminal: tmux takes Ctrl-B, screen
 * Ctrl-A, browsers Ctrl-N, Ctrl-T, Ctrl-W and Ctrl-Q, and desktop
 * terminals and mc F9/F10 (ui_key_safe).  Such keys stay as alternatives;
 * the bar shows the first safe key.  Every Ctrl key also works as Alt (or
 * Esc, then the letter): UI_META. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "ui/uipriv.h"
#include "util/i18n.h"

#define CTRL(c) ((c)&0x1f)
#define ESC 27
#define META UI_META

#define ALL_STEPS SC_STEPS
#define TABLES (SC_INTAKE | SC_COSTS | SC_CONS | SC_PRICES)

const struct ui_action ui_actions[] = {
	{ ACT_HELP, N_("Help"), N_("Help: this screen, the step's guidance and every key"),
	  { KEY_F(1), '?', 0 }, SC_STEPS | SC_START | SC_DESIGN, 2 },
	{ ACT_NEXT_STEP, N_("Next"), N_("Go to the next step"),
	  { CTRL('F'), META('f'), CTRL('N'), META('n'), KEY_F(10), 0 },
	  ALL_STEPS, 2 },
	{ ACT_PREV_STEP, N_("Back"), N_("Go back to the previous step"),
	  { CTRL('P'), META('p'), KEY_F(9), CTRL('B'), META('b'), 0 },
	  ALL_STEPS, 2 },
	{ ACT_GOTO_STEP, N_("Steps"), N_("Jump to any step (then press its number)"),
	  { CTRL('G'), META('g'), KEY_F(4), 'g', 0 }, ALL_STEPS, 2 },
	{ ACT_NOTES, N_("Notes"), N_("Write the step's note (the assumption log, saved in the file)"),
	  { CTRL('R'), META('r'), CTRL('T'), META('t'), KEY_F(6), 0 },
	  ALL_STEPS, 2 },
	{ ACT_SAVE, N_("Save"), N_("Save the calculation"),
	  { CTRL('S'), META('s'), KEY_F(2), 0 }, ALL_STEPS, 2 },
	{ ACT_SAVE_AS, N_("Save as"), N_("Save the calculation under a new name"),
	  { META('w'), CTRL('W'), KEY_F(12), 0 }, ALL_STEPS, 0 },
	{ ACT_OPEN, N_("Open"), N_("Open another calculation file"),
	  { CTRL('O'), META('o'), KEY_F(3), 0 }, ALL_STEPS | SC_START, 0 },
	{ ACT_QUIT, N_("Quit"), N_("Quit soem (asks when there are unsaved changes)"),
	  { CTRL('X'), META('x'), CTRL('C'), 'q', CTRL('Q'), META('q'), 0 },
	  ALL_STEPS | SC_START | SC_DESIGN, 2 },
	{ ACT_REDRAW, N_("Redraw"), N_("Redraw the screen"),
	  { CTRL('L'), META('l'), 0 }, ALL_STEPS | SC_START | SC_DESIGN, 0 },
	{ ACT_CANCEL, N_("Back"), N_("Leave the evaluation design (the plan is kept)"),
	  { ESC, KEY_F(9), CTRL('P'), 0 }, SC_DESIGN, 2 },

	{ ACT_UP, N_("Up"), N_("Move up"), { KEY_UP, 0 }, SC_MOVE, 0 },
	{ ACT_DOWN, N_("Down"), N_("Move down"), { KEY_DOWN, 0 }, SC_MOVE, 0 },
	{ ACT_LEFT, N_("Left"), N_("Move left (tables scroll sideways)"),
	  { KEY_LEFT, 0 }, SC_MOVE, 0 },
	{ ACT_RIGHT, N_("Right"), N_("Move right (tables scroll sideways)"),
	  { KEY_RIGHT, 0 }, SC_MOVE, 0 },
	{ ACT_PGUP, N_("Page up"), N_("One page up"),
	  { KEY_PPAGE, 0 }, SC_MOVE, 0 },
	{ ACT_PGDN, N_("Page down"), N_("One page down"),
	  { KEY_NPAGE, 0 }, SC_MOVE, 0 },
	{ ACT_HOME, N_("First"), N_("To the first column (or the top)"),
	  { KEY_HOME, 0 }, SC_MOVE, 0 },
	{ ACT_END, N_("Last"), N_("To the last column (or the bottom)"),
	  { KEY_END, 0 }, SC_MOVE, 0 },
	{ ACT_TAB, N_("Next field"), N_("To the next field"),
	  { '\t', 0 }, SC_MOVE, 0 },
	{ ACT_BTAB, N_("Previous field"), N_("To the previous field"),
	  { KEY_BTAB, 0 }, SC_MOVE, 0 },
	{ ACT_ENTER, N_("Edit"), N_("Edit the field, or choose (Enter); type to replace a value"),
	  { '\n', '\r', KEY_ENTER, 0 }, SC_FORM | SC_START, 1 },
	{ ACT_TOGGLE, N_("Tick"), N_("Tick or untick, or change a choice"),
	  { ' ', 0 }, SC_FORM, 0 },
	{ ACT_CANCEL, N_("Cancel"), N_("Cancel editing or close a window"),
	  { ESC, 0 }, SC_MOVE, 0 },

	{ ACT_ADD, N_("Add"), N_("Add a row"), { 'a', KEY_IC, 0 },
	  SC_INTAKE | SC_COSTS | SC_DESIGN, 1 },
	{ ACT_DELETE, N_("Delete"), N_("Delete the row (asks first)"),
	  { 'd', KEY_DC, 0 }, SC_INTAKE | SC_COSTS | SC_DESIGN, 1 },

	{ ACT_FILTER, N_("Only estimates"), N_("Show only the services with estimates for the target group (on/off)"),
	  { 'f', KEY_F(5), 0 }, SC_CONS, 1 },
	{ ACT_EST_ALL, N_("Add all"), N_("Add the database's estimates for all services"),
	  { 'e', KEY_F(7), 0 }, SC_CONS, 1 },
	{ ACT_EST_SUPPORTED, N_("Add supported"), N_("Add the database's estimates for the supported services (*)"),
	  { 's', KEY_F(8), 0 }, SC_CONS, 1 },
	{ ACT_NEW_SERVICE, N_("Own service"), N_("Add a service of your own (its price is asked on the Prices step)"),
	  { 'n', 'a', KEY_IC, 0 }, SC_CONS, 1 },
	{ ACT_MATCH, N_("Match"), N_("Say how well the target group and effect measure match the database's"),
	  { 'm', 0 }, SC_CONS, 1 },
	{ ACT_CLEAR_ROW, N_("Remove"), N_("Remove the row's values (an own service is removed)"),
	  { 'd', KEY_DC, 0 }, SC_CONS, 0 },

	{ ACT_REVERT_PRICE, N_("Database price"), N_("Use the database's price again (remove your own)"),
	  { 'd', KEY_DC, 0 }, SC_PRICES, 1 },
	{ ACT_SCHEDULE, N_("Schedule"), N_("A price by calendar year: amounts from given years (a price schedule)"),
	  { 's', 0 }, SC_PRICES, 1 },
	{ ACT_TAXES, N_("Tax shares"), N_("The tax shares of a transfer: the income tax that comes back to each payer"),
	  { 't', 0 }, SC_PRICES, 1 },

	{ ACT_AREA, N_("Area"), N_("Show the target groups of one area, or all (Left/Right)"),
	  { KEY_F(5), META('a'), 0 }, SC_TARGET, 0 },

	{ ACT_EXPORT, N_("Export"), N_("Export the report: Markdown, HTML, CSV or YAML (the same as soem calc --format)"),
	  { 'e', CTRL('E'), META('e'), KEY_F(7), 0 }, SC_RESULTS, 1 },

	{ ACT_COMPARE, N_("Compare"), N_("Compare this calculation with other files, side by side (the same as soem compare)"),
	  { 'c', META('c'), 0 }, SC_RESULTS, 1 },
	{ ACT_SCENARIO, N_("Scenario"), N_("Save as scenario: a copy under a new name, and go on working on it (what if ...)"),
	  { 's', 0 }, SC_RESULTS, 1 },
	{ ACT_HANDIN, N_("Hand in"), N_("Hand in: a copy into the trainer's hand-in folder ([course] handin in soem.ini)"),
	  { 'h', META('h'), 0 }, SC_RESULTS, 1 },

	{ ACT_RANGES, N_("Ranges"), N_("Low and high beside the values (prices: show or hide the columns; consequences: to the row's scale)"),
	  { 'r', 0 }, SC_PRICES | SC_CONS, 1 },
	{ ACT_DESIGN, N_("Plan experiment"), N_("Plan an experiment to measure the effect: how many people, how long (evaluation design)"),
	  { 'p', 0 }, SC_EFFECT, 1 },
	{ ACT_EXPLAIN, N_("Explain"), N_("Every number of the plan with a sentence on what it means"),
	  { 'x', 0 }, SC_DESIGN, 1 },
};

const size_t ui_nactions = sizeof ui_actions / sizeof ui_actions[0];

enum ui_act ui_key_action(const struct ui *u, int ch, bool is_key,
			  unsigned scope)
{
	for (size_t i = 0; i < ui_nactions; i++) {
		const struct ui_action *a = &ui_actions[i];
		if (!(a->scope & scope))
			continue;
		for (size_t k = 0; a->keys[k]; k++) {
			int key = a->keys[k];
			bool kk = key >= KEY_MIN;
			if (kk != is_key || key != ch)
				continue;
			/* typing into a text field is not a command */
			if (!kk && key > ' ' && key < 127 && u->text_focus)
				continue;
			if (!kk && key == ' ' && u->text_focus &&
			    a->id != ACT_TOGGLE)
				continue;
			return a->id;
		}
	}
	return ACT_NONE;
}

bool ui_key_safe(int key)
{
	switch (key) {
	case CTRL('A'): /* screen's prefix */
	case CTRL('B'): /* tmux's prefix */
	case CTRL('N'): /* browsers: new window */
	case CTRL('T'): /* new tab */
	case CTRL('W'): /* close tab */
	case CTRL('Q'): /* quit the browser */
	case KEY_F(9):  /* mc's menu */
	case KEY_F(10): /* the menu of GNOME Terminal and xterm; quit in mc, htop */
		return false;
	default:
		return true;
	}
}

const char *ui_key_name(int key, char *buf, size_t n)
{
	if (UI_IS_META(key))
		snprintf(buf, n, "Alt-%c", key - UI_META_BASE);
	else if (key >= KEY_F(1) && key <= KEY_F(24))
		snprintf(buf, n, "F%d", key - KEY_F(0));
	else if (key == '\n' || key == '\r' || key == KEY_ENTER)
		snprintf(buf, n, "%s", _("Enter"));
	else if (key == ' ')
		snprintf(buf, n, "%s", _("Space"));
	else if (key == '\t')
		snprintf(buf, n, "%s", "Tab");
	else if (key == KEY_BTAB)
		snprintf(buf, n, "%s", "Shift-Tab");
	else if (key == ESC)
		snprintf(buf, n, "%s", "Esc");
	else if (key == KEY_IC)
		snprintf(buf, n, "%s", "Ins");
	else if (key == KEY_DC)
		snprintf(buf, n, "%s", "Del");
	else if (key == KEY_UP)
		snprintf(buf, n, "%s", _("Up"));
	else if (key == KEY_DOWN)
		snprintf(buf, n, "%s", _("Down"));
	else if (key == KEY_LEFT)
		snprintf(buf, n, "%s", _("Left"));
	else if (key == KEY_RIGHT)
		snprintf(buf, n, "%s", _("Right"));
	else if (key == KEY_PPAGE)
		snprintf(buf, n, "%s", "PgUp");
	else if (key == KEY_NPAGE)
		snprintf(buf, n, "%s", "PgDn");
	else if (key == KEY_HOME)
		snprintf(buf, n, "%s", "Home");
	else if (key == KEY_END)
		snprintf(buf, n, "%s", "End");
	else if (key > 0 && key < 32)
		snprintf(buf, n, "^%c", key + '@');
	else if (key < 127)
		snprintf(buf, n, "%c", key);
	else
		snprintf(buf, n, "%d", key);
	return buf;
}

/* The key shown in the bar: the first safe key of the action that works
 * where the cursor is (letters type into a text field). */
static int bar_key(const struct ui *u, const struct ui_action *a)
{
	/* Keys that work on every field, so that the bar does not change as
	 * the cursor moves (and costs no bytes on a slow link): F1 for help,
	 * Ins and Del for rows ('a' and 'd' type into text fields). */
	if (a->id == ACT_HELP)
		return KEY_F(1);
	if (a->id == ACT_ADD)
		return KEY_IC;
	if (a->id == ACT_DELETE)
		return KEY_DC;
	for (size_t k = 0; a->keys[k]; k++) {
		int key = a->keys[k];
		if (!ui_key_safe(key))
			continue;
		if (key > ' ' && key < 127 && u->text_focus)
			continue;
		return key;
	}
	return a->keys[0];
}

/* One item of the bar: its key's name and label. */
struct baritem {
	enum ui_act id;
	char key[32];
	const char *label;
	int width;
};

static const struct ui_action choose_action = {
	ACT_ENTER, N_("Choose"), NULL, { '\n', 0 }, SC_START, 1
};

/* The bar's items of scope, line 1 (the step's) or 2 (everywhere). */
static int bar_items(struct ui *u, unsigned scope, int line,
		     struct baritem *it, int max)
{
	int n = 0;
	for (size_t i = 0; i < ui_nactions && n < max; i++) {
		const struct ui_action *a = &ui_actions[i];
		if (a->bar != line || !(a->scope & scope))
			continue;
		/* a read-only calculation is not saved (Save as is in help) */
		if (a->id == ACT_SAVE && u->readonly)
			continue;
		/* Enter on a form reads "Edit"; on lists "Choose" */
		if (a->id == ACT_ENTER && (scope & (SC_START | SC_TARGET)))
			a = &choose_action;
		it[n].id = a->id;
		ui_key_name(bar_key(u, a), it[n].key, sizeof it[n].key);
		it[n].label = _(a->label);
		it[n].width = ui_width(u, it[n].key) + 1 + ui_width(u, it[n].label);
		n++;
	}
	return n;
}

static void draw_item(struct ui *u, WINDOW *w, int y, int x,
		      const struct baritem *b)
{
	wmove(w, y, x);
	wattrset(w, ui_attr(u, R_KEY));
	ui_puts(u, w, b->key, b->width);
	wattrset(w, ui_attr(u, R_KEYLABEL));
	waddch(w, ' ');
	ui_puts(u, w, b->label, b->width);
}

/* Lays the items out on the bar's lines: line[i] (0 or 1), x[i], or
 * line[i] -1 when it does not fit; gap columns between items.  The step's
 * items (it[0..nstep)) go on the first line, the others on the second;
 * what does not fit on its own line goes on the other one after that.
 * Returns how many items fit. */
static int bar_layout(const struct baritem *it, int n, int nstep, int maxx,
		      int gap, int *line, int *x)
{
	int end[2] = { 0, 0 };
	bool full[2] = { false, false };
	int fit = 0;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < n; i++) {
			int home = i < nstep ? 0 : 1;
			int l = pass == 0 ? home : !home;
			if (pass == 0)
				line[i] = -1;
			else if (line[i] >= 0)
				continue;
			if (full[l])
				continue;
			int at = end[l] ? end[l] + gap : 0;
			if (at + it[i].width > maxx) {
				/* keep the order: nothing after it on this line */
				if (pass == 0)
					full[l] = true;
				continue;
			}
			line[i] = l;
			x[i] = at;
			end[l] = at + it[i].width;
			fit++;
		}
	return fit;
}

void ui_draw_keybar(struct ui *u, unsigned scope)
{
	WINDOW *w = u->wkeys;
	int maxx = getmaxx(w);
	werase(w);
	struct baritem it[48];
	int nstep = bar_items(u, scope, 1, it, 24);
	int n = nstep + bar_items(u, scope, 2, it + nstep, 24);
	int line[48], x[48];
	/* two spaces between items; one when that makes everything fit */
	int gap = 2;
	int fit = bar_layout(it, n, nstep, maxx, gap, line, x);
	if (fit < n) {
		gap = 1;
		fit = bar_layout(it, n, nstep, maxx, gap, line, x);
	}
	if (fit < n) {
		/* never a key silently missing: the help item says there are
		 * more, and the help screen lists every key */
		for (int i = 0; i < n; i++)
			if (it[i].id == ACT_HELP && i >= nstep) {
				it[i].label = _("More keys");
				it[i].width = ui_width(u, it[i].key) + 1 +
					      ui_width(u, it[i].label);
				break;
			}
		gap = 2;
		fit = bar_layout(it, n, nstep, maxx, gap, line, x);
	}
	for (int i = 0; i < n; i++)
		if (line[i] >= 0)
			draw_item(u, w, line[i], x[i], &it[i]);
	wattrset(w, A_NORMAL);
	wnoutrefresh(w);
}

/* Pads s with blanks to width display columns into b (the names of keys
 * in Danish and Swedish have letters of two bytes and one column). */
static const char *pad_cols(struct ui *u, const char *s, int width, char *b,
			    size_t n)
{
	int w = ui_width(u, s);
	snprintf(b, n, "%s", s);
	size_t len = strlen(b);
	while (w < width && len + 1 < n) {
		b[len++] = ' ';
		w++;
	}
	b[len] = '\0';
	return b;
}

void ui_help(struct ui *u, unsigned scope, const char *title,
	     const char *guide)
{
	struct ui_doc d = { 0 };
	int width = u->cols - 6 > 20 ? u->cols - 6 : 20;
	if (guide && *guide) {
		ui_doc_add(&d, A_BOLD, "%s", _("What to do here"));
		ui_doc_wrap(u, &d, A_NORMAL, 0, width, guide);
		ui_doc_add(&d, A_NORMAL, "%s", "");
	}
	ui_doc_add(&d, A_BOLD, "%s", _("Keys"));
	for (size_t i = 0; i < ui_nactions; i++) {
		const struct ui_action *a = &ui_actions[i];
		if (!(a->scope & scope))
			continue;
		char keys[96] = "", kb[32], prev[32] = "";
		for (size_t k = 0; a->keys[k]; k++) {
			ui_key_name(a->keys[k], kb, sizeof kb);
			if (strcmp(kb, prev) == 0)
				continue; /* \n, \r and KEY_ENTER: one Enter */
			if (keys[0])
				strncat(keys, " ", sizeof keys - strlen(keys) - 1);
			strncat(keys, kb, sizeof keys - strlen(keys) - 1);
			snprintf(prev, sizeof prev, "%s", kb);
		}
		char pb[160];
		ui_doc_add(&d, A_NORMAL, "  %s %s",
			   pad_cols(u, keys, 22, pb, sizeof pb), _(a->help));
	}
	ui_doc_wrap(u, &d, A_NORMAL, 2, width,
		    _("Every Ctrl key also works as Alt and the letter, or Esc and then the letter (for a terminal, tmux, screen or browser that takes the Ctrl key)."));
	ui_doc_add(&d, A_NORMAL, "%s", "");
	ui_doc_add(&d, A_BOLD, "%s", _("While editing a field"));
	char pb[160];
	ui_doc_add(&d, A_NORMAL, "  %s %s",
		   pad_cols(u, _("Enter"), 22, pb, sizeof pb),
		   _("Keep the value and go to the next field (a value that is not accepted is refused and the old one stays)"));
	ui_doc_add(&d, A_NORMAL, "  %-22s %s", "Esc", _("Cancel: keep the old value"));
	ui_doc_add(&d, A_NORMAL, "  %-22s %s", "Tab Shift-Tab",
		   _("Keep the value and go to the next or previous field"));
	ui_doc_add(&d, A_NORMAL, "  %-22s %s", "Home End ^A ^E ^U ^K",
		   _("Start, end, clear before and after the cursor"));
	ui_doc_add(&d, A_NORMAL, "%s", "");
	ui_doc_add(&d, A_BOLD, "%s", _("Numbers"));
	ui_doc_wrap(u, &d, A_NORMAL, 2, width,
		    /* xgettext:no-c-format */ _("Type 1234,5 or 1234.5 or 1.234,5 or 1 234,5; shares as 10 % or 0,10. When both . and , appear, the last one is the decimal mark."));
	ui_pager(u, title, &d);
	ui_doc_free(&d);
}
