/* uipriv.h - what the files of src/ui/ share: the wizard's state, the
 * action table, the screen helpers and the widgets.  Not used outside
 * src/ui/.
 *
 * src/ui/ is the wizard, the only code that includes curses.h.  It may
 * use util/, model/, engine/, design/ and the file formats and reports
 * (loading, saving, autosave, locks), never cli/: its settings come in
 * a soem_ui_settings (ui.h).  It computes nothing itself.  What a step
 * or screen keeps between frames lives in its struct ui_view, owned by
 * struct ui; file-scope statics are only constant tables and the
 * process-wide signal and terminal flags of app.c.
 */
#ifndef SOEM_UIPRIV_H
#define SOEM_UIPRIV_H

#include <curses.h>
#include <iconv.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "ui/ui.h"
#include "design/design.h"
#include "engine/engine.h"
#include "model/calc.h"
#include "model/kb.h"
#include "model/missing.h"
#include "model/problem.h"
#include "model/uncertainty.h"
#include "report/report.h"
#include "store/lock.h"
#include "util/numfmt.h"

/* The smallest window the wizard draws in (SPEC §5.2). */
#define UI_MIN_COLS 80
#define UI_MIN_ROWS 24
/* Rows of the guidance pane (below its separator line). */
#define UI_GUIDE_ROWS 4

/* ---------------------------------------------------------------------
 * Actions and keys (keys.c): one table drives dispatch, key bar and help.
 */

enum ui_act {
	ACT_NONE = 0,
	/* everywhere */
	ACT_HELP, ACT_NEXT_STEP, ACT_PREV_STEP, ACT_GOTO_STEP, ACT_NOTES,
	ACT_SAVE, ACT_SAVE_AS, ACT_OPEN, ACT_QUIT, ACT_REDRAW,
	/* moving and editing */
	ACT_UP, ACT_DOWN, ACT_LEFT, ACT_RIGHT, ACT_PGUP, ACT_PGDN, ACT_HOME,
	ACT_END, ACT_TAB, ACT_BTAB, ACT_ENTER, ACT_TOGGLE, ACT_CANCEL,
	/* tables */
	ACT_ADD, ACT_DELETE,
	/* the Consequences step */
	ACT_FILTER, ACT_EST_ALL, ACT_EST_SUPPORTED, ACT_NEW_SERVICE,
	ACT_MATCH, ACT_CLEAR_ROW,
	/* the Prices step */
	ACT_REVERT_PRICE, ACT_SCHEDULE, ACT_TAXES,
	/* the Target group step */
	ACT_AREA,
	/* ranges and the evaluation design (SPEC §2.7, §2.8) */
	ACT_RANGES, ACT_DESIGN, ACT_EXPLAIN,
	/* the Results step: export a report (export.c, SPEC §5.7) */
	ACT_EXPORT,
	/* scenarios and the training room (room.c) */
	ACT_COMPARE, ACT_SCENARIO, ACT_HANDIN,
	ACT__COUNT
};

/* Where an action applies (bit mask). */
enum ui_scope {
	SC_STEPS = 1u << 0,  /* on every step of a calculation */
	SC_START = 1u << 1,  /* the start screen */
	SC_MOVE = 1u << 2,   /* anything that has a cursor */
	SC_FORM = 1u << 3,   /* fields and tables that can be edited */
	SC_INTAKE = 1u << 4, /* the Intervention step (intake rows) */
	SC_COSTS = 1u << 5,
	SC_CONS = 1u << 6,
	SC_PRICES = 1u << 7,
	SC_TARGET = 1u << 8,
	SC_RESULTS = 1u << 9,
	SC_EFFECT = 1u << 10,
	SC_DESIGN = 1u << 11, /* the evaluation design screen */
};

struct ui_action {
	enum ui_act id;
	const char *label; /* N_(): short, for the key bar */
	const char *help;  /* N_(): one line, for the help screen */
	int keys[8];       /* key codes, 0-terminated; the bar shows the first
			    * safe one (ui_key_safe) */
	unsigned scope;
	int bar;           /* 0: help only; 1: step line; 2: global line */
};

extern const struct ui_action ui_actions[];
extern const size_t ui_nactions;

struct ui;

/* The action key ch (from wget_wch: is_key for KEY_* codes) stands for in
 * scope; printable keys are skipped while the cursor is on a text field
 * (typing there edits the field). */
enum ui_act ui_key_action(const struct ui *u, int ch, bool is_key,
			  unsigned scope);
/* Alt-x (or Esc, then x): a key code of its own, above ncurses' KEY_MAX
 * (dispatched with is_key true). */
#define UI_META_BASE 0x10000
#define UI_META(c) (UI_META_BASE + (c))
#define UI_IS_META(k) ((k) > UI_META_BASE && (k) < UI_META_BASE + 128)
/* false for a key that a terminal multiplexer, a browser terminal or a
 * desktop terminal commonly takes for itself (Ctrl-A, Ctrl-B, Ctrl-N,
 * Ctrl-T, Ctrl-W, Ctrl-Q, F9, F10): never the key the bar shows. */
bool ui_key_safe(int key);
/* "^N", "F1", "Enter", "a", "Alt-n" ... */
const char *ui_key_name(int key, char *buf, size_t n);
/* Draws the two key-bar lines for scope. */
void ui_draw_keybar(struct ui *u, unsigned scope);
/* The help screen for scope (a pager): the step's guidance and every
 * action with its keys. */
void ui_help(struct ui *u, unsigned scope, const char *title,
	     const char *guide);

/* ---------------------------------------------------------------------
 * The line editor (widgets.c): one text field being edited in place.
 */

enum ui_edit_end {
	ED_GOING = 0, ED_COMMIT, ED_CANCEL, ED_COMMIT_NEXT, ED_COMMIT_PREV,
	ED_COMMIT_UP, ED_COMMIT_DOWN,
	ED_COMMIT_PASS, /* keep the value, then act on the key as usual */
};

struct ui_edit {
	bool active;
	size_t len, cur; /* bytes; cur is the cursor's byte offset */
	int scroll;      /* first character shown */
	int step, r, c;  /* the grid cell being edited (step < 0: a popup) */
	bool numeric;    /* only characters of numbers may be typed */
	bool proposed;   /* buf is a proposal: the first typed character
			  * replaces it, Enter takes it */
	char buf[1024];  /* UTF-8; last: its tail is seldom written */
};

void ui_edit_start(struct ui_edit *e, const char *text, bool numeric);
/* Handles one key; returns how editing ended (ED_GOING: not yet). */
enum ui_edit_end ui_edit_key(struct ui_edit *e, int ch, bool is_key);
/* Draws the field at y,x, width columns, and puts the cursor in it. */
void ui_edit_draw(struct ui *u, WINDOW *w, int y, int x, int width,
		  struct ui_edit *e);

/* ---------------------------------------------------------------------
 * The table (widgets.c): rows of cells, the first nfixed columns fixed,
 * the rest scrolling sideways.
 */

enum ui_cell_kind {
	CK_LABEL = 0, /* not selectable */
	CK_TEXT,      /* edit in place; typing starts editing */
	CK_NUM,       /* edit in place; typing a digit starts editing */
	CK_CHOICE,    /* Enter or Space asks (activate) */
	CK_CHECK,     /* Space or Enter toggles (activate) */
	CK_ACTION,    /* Enter runs (activate) */
};

enum ui_row_type { ROW_DATA = 0, ROW_HEADING, ROW_BLANK };

#define UI_CELL_MAX 512

struct ui_cell {
	char text[UI_CELL_MAX];
	char edit[UI_CELL_MAX]; /* the text to edit, when not text */
	enum ui_cell_kind kind;
	bool right;             /* right-aligned */
	bool share;             /* a share: "10 %" is 0.10 */
	attr_t attr;            /* extra attributes (bold: supported) */
	int role;               /* colour role (enum ui_role), 0 = normal */
	bool placeholder;       /* text is a hint: editing starts empty */
};

struct ui_grid {
	int r, c;       /* the cursor */
	int top, left;  /* first row shown, first scrolling column shown */
	int page;       /* rows shown at the last draw */
};

struct ui_view;

/* Filled by each step in one compound literal, in this order. */
struct ui_griddef {
	int nrows, ncols, nfixed;
	const int *width;          /* [ncols] */
	const char *const *head;   /* [ncols] translated, or NULL */
	struct ui_view *view;      /* whose table: given to the functions */
	void (*cell)(struct ui *u, struct ui_view *v, int r, int c,
		     struct ui_cell *out);
	enum ui_row_type (*row_type)(struct ui *u, struct ui_view *v, int r);
	/* A typed value; false refuses it (why: what is expected). */
	bool (*commit)(struct ui *u, struct ui_view *v, int r, int c,
		       const char *text, const char **why);
	void (*activate)(struct ui *u, struct ui_view *v, int r, int c);
	/* A cell's text runs on over the empty label cells to its right
	 * (forms whose rows have different shapes). */
	bool span;
};

/* Draws def in w from row y (header first), height rows. */
void ui_grid_draw(struct ui *u, WINDOW *w, int y, int height,
		  const struct ui_griddef *def, struct ui_grid *g);
/* Moves the cursor, starts editing, toggles; true when handled. */
bool ui_grid_key(struct ui *u, const struct ui_griddef *def,
		 struct ui_grid *g, enum ui_act a, int ch, bool is_key);
/* Keeps the cursor on a selectable cell after rows changed. */
void ui_grid_fix(struct ui *u, const struct ui_griddef *def,
		 struct ui_grid *g);
/* The kind of the current cell (CK_LABEL when none). */
enum ui_cell_kind ui_grid_cur_kind(struct ui *u, const struct ui_griddef *def,
				   const struct ui_grid *g);

/* ---------------------------------------------------------------------
 * Popups (widgets.c).  Each runs its own small loop; resizing and signals
 * are handled inside (a hang-up makes them return "cancelled").
 */

/* A list to pick from; returns the index or -1.  With filter, typing
 * narrows the list. */
int ui_pick(struct ui *u, const char *title, const char *const *items,
	    int n, int cur, bool filter, const char *hint);
/* A question answered with one key of keys (e.g. "yn" or "ync"); Esc
 * gives the last.  Returns the key. */
int ui_ask(struct ui *u, const char *question, const char *keys,
	   const char *choices);
/* A one-line text input; false when cancelled.  buf holds the initial
 * text and receives the result. */
bool ui_prompt(struct ui *u, const char *title, const char *label,
	       char *buf, size_t n);
/* The same for a longer text (a note), shown wrapped over several lines. */
bool ui_prompt_long(struct ui *u, const char *title, const char *label,
		    char *buf, size_t n);
/* A read-only text to scroll: lines with attributes. */
struct ui_line {
	char *text;
	attr_t attr;
};
struct ui_doc {
	size_t n, cap;
	struct ui_line *v;
};
void ui_doc_add(struct ui_doc *d, attr_t attr, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Adds s wrapped at width columns, each line indented by indent. */
void ui_doc_wrap(struct ui *u, struct ui_doc *d, attr_t attr, int indent,
		 int width, const char *s);
void ui_doc_free(struct ui_doc *d);
void ui_pager(struct ui *u, const char *title, const struct ui_doc *d);

/* ---------------------------------------------------------------------
 * The screen (screen.c)
 */

enum ui_role {
	R_NORMAL = 0, R_TITLE, R_TAB, R_TAB_CUR, R_HEAD, R_KEY, R_KEYLABEL,
	R_ERROR, R_INFO, R_AREA, R_DIM, R_GUIDE, R_POPUP, R_GOOD, R_WARN,
	R__COUNT
};

enum ui_glyph {
	G_CHECK_ON, G_CHECK_OFF, G_RADIO_ON, G_RADIO_OFF, G_DONE, G_TODO,
	G_ELLIPSIS, G_BLOCK, G_HALF, G_MORE_LEFT, G_MORE_RIGHT, G_ROW,
	G_HLINE, G_VLINE, G_AXIS, G_SHADE, G_MORE_UP, G_MORE_DOWN, G__COUNT
};

attr_t ui_attr(const struct ui *u, enum ui_role r);
const char *ui_glyph(const struct ui *u, enum ui_glyph g);
/* "more above" / "more below" at the right end (column xr) of a list's
 * first row y0 and last row y1, when rows are hidden there. */
void ui_scroll_marks(struct ui *u, WINDOW *w, int y0, int y1, int xr,
		     bool above, bool below);

/* s transliterated to ASCII ("Kontanthjælp" -> "Kontanthjaelp"). */
void ui_ascii(struct ui *u, const char *s, char *out, size_t n);
/* Display columns of s (after transliteration in ASCII mode). */
int ui_width(struct ui *u, const char *s);
/* Writes s at the cursor of w in at most width columns (fewer when s is
 * shorter; cut with an ellipsis when longer).  Returns the columns used. */
int ui_puts(struct ui *u, WINDOW *w, const char *s, int width);
/* The columns text s takes, at most width (a highlight as wide as its text). */
int ui_fit_width(struct ui *u, const char *s, int width);
/* Writes s in exactly width columns at y,x: padded, right-aligned when
 * right; attr is used for the whole cell. */
void ui_cell_put(struct ui *u, WINDOW *w, int y, int x, const char *s,
		 int width, bool right, attr_t attr);
/* Fills a line of w with a horizontal rule (glyph) from x, n columns. */
void ui_hline(struct ui *u, WINDOW *w, int y, int x, int n);
/* something may have drawn over the frame: its parts all draw again */
void ui_frame_invalidate(struct ui *u);
/* Splits s into lines of at most width columns at blanks; calls fn for
 * each; returns the number of lines. */
int ui_wrap(struct ui *u, const char *s, int width,
	    void (*fn)(void *arg, const char *line, size_t len), void *arg);

/* Numbers in the language's convention (SPEC §5.3). */
const char *ui_num(const struct ui *u, double v, int decimals, char *b,
		   size_t n);
const char *ui_pct(const struct ui *u, double share, int decimals, char *b,
		   size_t n);
/* A number as an input field starts (no thousands separators, exact). */
const char *ui_num_edit(const struct ui *u, double v, char *b, size_t n);
const char *ui_pct_edit(const struct ui *u, double share, char *b, size_t n);
/* Parses typed text; on refusal *why is a translated message. */
bool ui_parse(struct ui *u, const char *text, bool share, double *v,
	      const char **why);
bool ui_parse_int(struct ui *u, const char *text, int lo, int hi,
		  int *v, const char **why);

/* Text of the database in the user's language. */
const char *ui_text(const struct ui *u, const soem_text *t);

/* Creates or recreates the windows for the current terminal size. */
void ui_layout(struct ui *u);
/* Draws everything (the current screen) into the windows, without
 * updating the terminal (popups draw on top, then doupdate). */
void ui_draw(struct ui *u);
/* ui_draw, the cursor, and one doupdate. */
void ui_refresh(struct ui *u);
void ui_msg(struct ui *u, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---------------------------------------------------------------------
 * The wizard's state (app.c)
 */

enum ui_screen { SCR_START = 0, SCR_STEP, SCR_DESIGN };

/* ---------------------------------------------------------------------
 * Views: each step and screen keeps what it shows between frames (its
 * rows, cursor, scroll, column widths, caches) in one struct ui_view,
 * and the app (struct ui) owns the views, as tig keeps each view as
 * data.  A step's functions are given their view, so a step can be
 * shown more than once (a Consequences table per group, a comparison).
 * The row types are the step file's own.
 */

/* Columns of a table whose columns are fixed (the forms, Costs, the
 * design screen). */
#define UI_VIEW_COLS 8
/* Rows of the Effect step's form. */
#define UI_EFFECT_ROWS 64

struct ui_view {
	struct ui_grid grid;       /* the cursor and scroll of its table */
	struct ui_griddef def;     /* its table, as last described */
	int width[UI_VIEW_COLS];   /* a fixed table's column widths */
	const char *head[UI_VIEW_COLS]; /* and headings */
	union {
		struct ui_start_view { /* the start screen */
			int cur;
			/* what the last full drawing drew, for
			 * ui_start_update: frame_gen then (0: it is gone),
			 * the window, items, profiles, width, cursor */
			unsigned drawn_gen, drawn_shown;
			WINDOW *drawn_w;
			size_t drawn_kbs;
			int drawn_cols, drawn_cur;
		} start;
		struct ui_target_view { /* Target group (step_target.c) */
			size_t *vis;    /* list row -> group */
			size_t nvis, capvis;
			int area;       /* -1: every area */
			char search[128];
			int cur;
		} target;
		struct ui_effect_view { /* Effect measure (step_effect.c) */
			int rows[UI_EFFECT_ROWS];
			int nrows;
		} effect;
		struct ui_cons_view { /* Consequences (step_consequences.c) */
			struct crow *rows;
			size_t nrows, caprows;
			int *widths;
			const char **head;
			char (*headbuf)[32];
			int ncols_alloc;
			bool filter;    /* only the services with estimates */
		} cons;
		struct ui_prices_view { /* Prices (step_prices.c) */
			size_t *svc;    /* table row -> index in calc->cons */
			size_t nsvc, capsvc;
			bool show_ranges;
			int nfixed;     /* 3 with the price type column */
			struct pcol *pcols;
			size_t npcols, cappcols;
			int *widths;
			const char **head;
			char (*headbuf)[64];
			int ncols_alloc;
		} prices;
		struct ui_results_view { /* Results (step_results.c) */
			struct rl *lines;
			size_t nlines, caplines;
			double chart_min, chart_max;
			double torn_min, torn_max, torn_base;
			const soem_unc *unc;
			int top, left;  /* the scroll */
		} results;
	};
};

/* The evaluation design screen (design.c): outside struct ui_view's
 * union, where its 1.7 kB made every step's view as large (issue 18:
 * memory per user). */
struct ui_design_view {
	bool ready;     /* in holds a plan */
	bool from_calc; /* the plan belongs to u->calc */
	enum ui_screen back; /* where Esc leads */
	soem_design_in in;
	double be_p1;   /* p0 + the break-even success rate */
	char guide[1200];
	char name[200]; /* the calculation's name */
	struct drowref *rows;
	size_t nrows, caprows;
	soem_design_out out, half;
	bool out_ok;
};

/* The uncertainty of the calculation, kept while it does not change
 * (uncert.c). */
struct ui_unc_cache {
	soem_unc unc;
	bool have;                 /* unc holds a computation */
	unsigned long gen;         /* of u->gen */
	const soem_calc *calc;
	bool full;                 /* with the file's draws */
	char err[SOEM_ERR_MAX];
};

/* ui_edit.step while a field of the design screen is edited. */
#define UI_ED_DESIGN 100

struct ui_step {
	const char *title;  /* N_() */
	const char *tab;    /* N_(): the step list's short name */
	const char *guide;  /* N_(): the guidance pane */
	unsigned scope;
	void (*enter)(struct ui *u, struct ui_view *v);
	void (*draw)(struct ui *u, struct ui_view *v, WINDOW *w, int height);
	/* Step-specific actions; true when handled. */
	bool (*key)(struct ui *u, struct ui_view *v, enum ui_act a, int ch,
		    bool is_key);
	/* The table of the step (NULL: none). */
	const struct ui_griddef *(*grid)(struct ui *u, struct ui_view *v);
	/* One line about the current row, for the guidance separator. */
	void (*detail)(struct ui *u, struct ui_view *v, char *buf, size_t n);
	/* Frees what the view holds (NULL: nothing). */
	void (*cleanup)(struct ui_view *v);
};

extern const struct ui_step ui_steps[SOEM_STEP_COUNT];

struct ui {
	const soem_ui_settings *set; /* from main.c: options, configuration */
	soem_kbset kbs;
	const soem_kb *kb;      /* the profile of calc (owned by kbs) */
	soem_calc *calc;        /* NULL on the start screen */
	char *path;             /* the file, NULL while untitled */
	char *scenario_of;      /* "Save as scenario" made path from this
				   file (its name), else NULL */
	bool dirty;
	enum ui_screen screen;
	int step;
	bool seen[SOEM_STEP_COUNT]; /* steps shown since the file was opened */
	/* results, recomputed after every change */
	soem_problem pb;
	soem_result *res;
	size_t *svc_cons;
	unsigned long gen;      /* counts ui_changed: caches compare it */
	/* the terminal */
	SCREEN *scr;
	bool utf8, ascii, color;
	int rows, cols;
	bool small;             /* below UI_MIN_COLS x UI_MIN_ROWS */
	WINDOW *wtitle, *wtabs, *wmain, *wsep, *wguide, *wmsg, *wkeys;
	int main_h;
	/* Bumped whenever something may have drawn over the frame's windows
	 * on the screen ncurses builds (a popup, a new layout, the notice of
	 * a small window): a part of the frame drawn only when its content
	 * changed is drawn again then (issue 18: instructions per key). */
	unsigned frame_gen;
	iconv_t ic;             /* (iconv_t)-1 until to_ascii needs it */
	bool ic_tried;          /* iconv_open was called (ic may be -1) */
	bool msg_error;
	bool text_focus;        /* the cursor is on a text field */
	/* the group bar (groupbar.c, SPEC 2.9): the group the Intervention
	 * (intake, course), Target group, Effect and Consequences steps
	 * edit, and whether the focus is on the bar */
	size_t group;
	bool gbar;
	bool hangup;            /* the terminal is gone: leave */
	int exit_code;
	bool quit;
	bool running;           /* the main loop runs (soem_stack_trim) */
	/* where the terminal's cursor goes after drawing (NULL: hidden) */
	WINDOW *cur_win;
	int cur_y, cur_x;
	/* keeping the work safe (session.c, SPEC §5.4) */
	soem_lock lock;         /* FILE.lock of path (fd < 0: not held) */
	bool readonly;          /* another soem has path: Save is refused */
	time_t started;         /* names an untitled calculation's autosave */
	char *as_path;          /* the autosave file of calc, once chosen */
	soem_lock as_lock;      /* held on as_path: "this session's" */
	bool as_mine;           /* as_path was written (or recovered) here */
	bool as_named;          /* as_path is path's own autosave (records
				   path inside), not an untitled one */
	bool as_pending;        /* calc changed since the last autosave */
	long long as_last;      /* when it was last written (ms, monotonic) */
	/* The views of the steps and screens, then the buffers, the often
	 * written ones first.  The struct is static (soem_ui_run): a page
	 * of it that is never written uses no memory, so what is seldom
	 * written (long messages, the design screen) comes last (issue 18:
	 * memory per user). */
	struct ui_view view[SOEM_STEP_COUNT];
	struct ui_view start, design;
	char msg[512];
	/* How the last number typed was read, when that was not plain
	 * (`60.000` read as 60 000, a currency word dropped; SPEC 5.3):
	 * set by ui_parse, shown once the value is taken. */
	char read_note[160];
	struct ui_guide_drawn { /* what the guidance pane shows */
		unsigned gen;     /* frame_gen when drawn; 0: never */
		int cols;
		bool ascii, color;
		char detail[512];
		char *guide;      /* a copy (heap), cap bytes */
		size_t cap;
	} guide_drawn;
	struct ui_edit ed;      /* editing (its buf last) */
	soem_issues issues;     /* the first few are written, seldom more */
	struct ui_unc_cache unc; /* (the Results step's) */
	char emergency[2 * SOEM_ERR_MAX + 64]; /* what the emergency save did */
	struct ui_design_view dsg; /* the design screen's own (u->design) */
	/* cleared at every change, so last: the page they are on is
	 * written anyway by the statics after the struct */
	char res_err[SOEM_ERR_MAX];
	char as_err[SOEM_ERR_MAX]; /* the last autosave error shown */
};

/* After a change to calc: rebuild the problem and compute (SPEC §2), and
 * find what is missing.  Marks the calculation changed when changed. */
void ui_changed(struct ui *u, bool changed);
/* Switches to step s (enter, keeps the step's cursor). */
void ui_goto(struct ui *u, int s);
/* Checks the signal flags and the terminal; true when the wizard must
 * leave at once (hang-up, SIGTERM, terminal lost). */
bool ui_check_signals(struct ui *u, int getch_rc);
/* Reads one key (wget_wch); handles nothing but returns it. */
int ui_getkey(struct ui *u, WINDOW *w, int *ch, bool *is_key);
/* The step's scope: SC_STEPS, SC_MOVE, ... plus the step's own. */
unsigned ui_scope(struct ui *u);

/* Keeping the work safe (session.c, SPEC §5.4). */
/* When path exists and Save may not replace it (another user's file, or
 * write-protected): says why in an alert (opening: "opened read-only";
 * else "Save is refused") and returns true. */
bool ui_ro_reason(struct ui *u, const char *path, bool opening);

/* Writes the autosave of calc when it changed since the last one (or
 * always with force); 0 or an exit code (the message is shown). */
int ui_autosave(struct ui *u, bool force);
/* The periodic autosave: called after every key or timeout. */
void ui_autosave_tick(struct ui *u);
/* Milliseconds until the next periodic autosave is due, -1: none. */
int ui_autosave_wait(const struct ui *u);
/* An error that must be read whole (a save that failed): on the message
 * line and in a popup until Enter. */
void ui_alert(struct ui *u, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Removes this session's autosave (after a save) and its lock. */
void ui_autosave_forget(struct ui *u);
/* The calculation is left on purpose (saved, or "do not save"): its
 * autosave is removed (only if this session wrote it) and the file's
 * lock released. */
void ui_session_leave(struct ui *u);
/* A calculation was just opened with lock lk (taken over; may be unheld)
 * and read-only or not. */
void ui_session_enter(struct ui *u, soem_lock *lk, bool readonly);
/* The autosave at path (from the recovery) becomes this session's. */
void ui_session_adopt(struct ui *u, const char *as_path);
/* On a hang-up: the field being typed into the model if it parses, the
 * emergency save, the locks released.  Uses no terminal. */
void ui_emergency_save(struct ui *u);
/* Takes the lock of path before opening it (ours: taken over into lk).
 * When another soem holds it, says who and asks about read-only; when it
 * cannot be taken, opens read-only with a message.  false: cancelled. */
bool ui_lock_for_open(struct ui *u, const char *path, soem_lock *lk,
		      bool *readonly);
/* Takes the lock of path before saving to it; false (message shown) when
 * another soem holds it.  lk is unheld when it could not be taken for
 * another reason (the save then reports the real problem). */
bool ui_lock_for_save(struct ui *u, const char *path, soem_lock *lk);
/* true when a and b name the same file (or the same path). */
bool ui_same_file(const char *a, const char *b);
/* A time in the user's convention (da 12.03.2026 kl. 14.05, sv
 * 2026-03-12 kl. 14.05, en 2026-03-12 14:05). */
const char *ui_when(const struct ui *u, time_t t, char *b, size_t n);
/* The autosave of path, when there is one that no running soem uses:
 * asks to recover, open the file as saved, or discard it.  Returns the
 * autosave to recover (caller frees), or NULL. */
char *ui_recover_ask(struct ui *u, const char *path);
/* The recovery list (start screen and start-up). */
void ui_recover_dialog(struct ui *u);
/* How many autosaves the recovery would offer (cached; refresh: true
 * reads the directory again). */
int ui_recover_count(struct ui *u, bool refresh);
/* Opens a calculation: read from load_from (the file itself, an example,
 * an autosave), kept as path (NULL: untitled); recovered names the
 * autosave it came from (then it is marked changed); offer: ask about an
 * autosave of path.  Asks to save the current one first.  false when it
 * failed (message shown) or was cancelled. */
bool ui_open_calc(struct ui *u, const char *load_from, const char *path,
		  const char *recovered, bool offer);

/* Saving (app.c). */
/* "~/x" and "~user/x" with the home folder, as the shell does; else in. */
void ui_expand_home(const char *in, char *out, size_t n);
const char *ui_base_name(const char *p);
/* Save (as: under a new name, asked; a read-only session proposes
 * ~/NAME).  false when not saved (message shown) or cancelled. */
bool ui_save(struct ui *u, bool as);
/* Asks for a file name (propose: the first proposal; ~ expanded), asks
 * before replacing an existing file; false when cancelled. */
bool ui_ask_new_name(struct ui *u, const char *title, const char *propose,
		     char *path, size_t n);
/* Saves the calculation to path and keeps working on it there. */
bool ui_save_to(struct ui *u, const char *path);

/* The training room and scenarios (room.c). */
/* Opens a private copy of src in the home folder (~/NAME): an existing
 * copy is opened or replaced (asked).  false when not opened. */
bool ui_open_copy(struct ui *u, const char *src);
/* Picks a calculation file (the current directory's, or typed); the
 * result in path.  false when cancelled. */
bool ui_pick_file(struct ui *u, const char *title, char *path, size_t n);
/* Save as scenario: a copy under a new name (proposed: NAME-2.soem.yaml),
 * and the work goes on in it. */
void ui_save_scenario(struct ui *u);
/* Hand in: a copy into [course] handin, readable by its group. */
void ui_hand_in(struct ui *u);
/* Compare: picks other files and shows the comparison (soem compare's
 * text) in a pager; from the start screen (no calculation) the first
 * file picked is the reference. */
void ui_compare(struct ui *u);

/* Start screen and knowledge-database browser (start.c). */
void ui_start_draw(struct ui *u, WINDOW *w, int height);
bool ui_start_update(struct ui *u, WINDOW *w);
bool ui_start_key(struct ui *u, enum ui_act a, int ch, bool is_key);
void ui_browse(struct ui *u);
/* Creates a new calculation with profile kb (asks when kb is NULL and
 * there are several); false when cancelled. */
/* kb read whole (only its header may be read so far: issue 18); NULL,
 * with the reason on the message line, when its file does not load. */
const soem_kb *ui_kb_whole(struct ui *u, const soem_kb *kb);
bool ui_new_calc(struct ui *u, const soem_kb *kb);
/* Opens path (asks to save changes first); false on failure (message
 * shown) or when cancelled. */
bool ui_open_file(struct ui *u, const char *path, bool as_untitled);
/* Asks for a file to open and opens it. */
void ui_open_dialog(struct ui *u);
/* The directory of the example calculations, or NULL; whether it holds
 * any; a picker of them (opened as untitled). */
const char *ui_examples_dir(void);
bool ui_have_examples(void);
void ui_open_example(struct ui *u);

/* The group bar (groupbar.c, SPEC 2.9). */
/* The current step has the bar (Intervention, Target group, Effect,
 * Consequences); the focus is on it. */
bool ui_gbar_step(const struct ui *u);
bool ui_gbar_on(const struct ui *u);
/* The calculation the current group's fields are edited in (a group's
 * sub, or u->calc without groups). */
soem_calc *ui_gcalc(const struct ui *u);
/* Draws the bar at row y of w (the step's first row under its heading). */
void ui_gbar_draw(struct ui *u, WINDOW *w, int y);
void ui_gbar_detail(struct ui *u, char *b, size_t n);
/* The bar's keys, before the step's: true when handled.  *up_from: Up
 * while the focus is on the step; the dispatcher then calls
 * ui_gbar_after_up with the position ui_gbar_pos gave before the step
 * moved (unchanged: the step was on its first row, the bar takes the
 * focus). */
bool ui_gbar_key(struct ui *u, enum ui_act a, int ch, bool is_key,
		 bool *up_from);
int ui_gbar_pos(struct ui *u);
void ui_gbar_after_up(struct ui *u, int before);

/* The steps' draw/key functions (step_*.c). */
void step_intervention_draw(struct ui *u, struct ui_view *v, WINDOW *w, int h);
bool step_intervention_key(struct ui *u, struct ui_view *v, enum ui_act a,
			   int ch, bool k);
const struct ui_griddef *step_intervention_grid(struct ui *u,
						struct ui_view *v);
void step_intervention_detail(struct ui *u, struct ui_view *v, char *b,
			      size_t n);

void step_target_draw(struct ui *u, struct ui_view *v, WINDOW *w, int h);
bool step_target_key(struct ui *u, struct ui_view *v, enum ui_act a, int ch,
		     bool k);
void step_target_detail(struct ui *u, struct ui_view *v, char *b, size_t n);
void step_target_enter(struct ui *u, struct ui_view *v);

void step_effect_draw(struct ui *u, struct ui_view *v, WINDOW *w, int h);
bool step_effect_key(struct ui *u, struct ui_view *v, enum ui_act a, int ch,
		     bool k);
const struct ui_griddef *step_effect_grid(struct ui *u, struct ui_view *v);
void step_effect_detail(struct ui *u, struct ui_view *v, char *b, size_t n);

void step_costs_draw(struct ui *u, struct ui_view *v, WINDOW *w, int h);
bool step_costs_key(struct ui *u, struct ui_view *v, enum ui_act a, int ch,
		    bool k);
const struct ui_griddef *step_costs_grid(struct ui *u, struct ui_view *v);
void step_costs_detail(struct ui *u, struct ui_view *v, char *b, size_t n);

void step_cons_draw(struct ui *u, struct ui_view *v, WINDOW *w, int h);
bool step_cons_key(struct ui *u, struct ui_view *v, enum ui_act a, int ch,
		   bool k);
const struct ui_griddef *step_cons_grid(struct ui *u, struct ui_view *v);
void step_cons_detail(struct ui *u, struct ui_view *v, char *b, size_t n);

void step_prices_draw(struct ui *u, struct ui_view *v, WINDOW *w, int h);
bool step_prices_key(struct ui *u, struct ui_view *v, enum ui_act a, int ch,
		     bool k);
const struct ui_griddef *step_prices_grid(struct ui *u, struct ui_view *v);
void step_prices_detail(struct ui *u, struct ui_view *v, char *b, size_t n);

void step_results_draw(struct ui *u, struct ui_view *v, WINDOW *w, int h);
bool step_results_key(struct ui *u, struct ui_view *v, enum ui_act a, int ch,
		      bool k);
void step_results_detail(struct ui *u, struct ui_view *v, char *b, size_t n);

/* Export from the Results step (export.c, SPEC §5.7): asks the format
 * and the file name, writes the report atomically (the same bytes as
 * `soem calc --format ...`), says what it did or why it could not. */
void ui_export(struct ui *u);

/* Ranges and uncertainty (uncert.c, SPEC §2.7, §2.8). */
/* At most this many Monte Carlo draws in a live preview. */
#define UI_LIVE_DRAWS 2000
/* A "low" or "high" cell beside a value: "low 30", dim "low -" without a
 * range; in a table whose heading says Low or High (o->right set before
 * the call), the bare number.  The text to edit is the bare number. */
void ui_range_cell(struct ui *u, bool ranged, double v, bool high,
		   bool share, int decimals, struct ui_cell *o);
/* A typed low or high: empty (*has false) removes the range. */
bool ui_range_parse(struct ui *u, const char *text, bool share,
		    bool *has, double *v, const char **why);
/* The uncertainty of the calculation (NULL: no results yet), computed
 * now or kept from before: full: with the file's draws, else at most
 * UI_LIVE_DRAWS (cache.mc.draws says how many).  *err (may be NULL): why
 * the Monte Carlo could not run, or NULL. */
const soem_unc *ui_unc(struct ui *u, bool full, const char **err);
/* A report of the calculation for the one-line texts of report/report.h. */
void ui_report_of(struct ui *u, const soem_unc *unc, soem_report *rp);
void ui_unc_cleanup(struct ui *u);

/* The evaluation design screen (design.c, SPEC §2.8): from the start
 * screen (no calculation) or from the Effect step (the plan is stored in
 * the calculation's evaluation: section). */
void ui_design_open(struct ui *u, bool from_calc);
void ui_design_draw(struct ui *u, WINDOW *w, int h);
bool ui_design_key(struct ui *u, enum ui_act a, int ch, bool is_key);
/* A field of the design screen was edited (app.c's edit_done). */
void ui_design_edit_done(struct ui *u, enum ui_edit_end end);
const struct ui_griddef *ui_design_grid(struct ui *u);
void ui_design_detail(struct ui *u, char *b, size_t n);
const char *ui_design_guide(struct ui *u);
void ui_design_cleanup(struct ui *u);

/* Free what the views keep between frames (at exit). */
void step_cons_cleanup(struct ui_view *v);
void step_prices_cleanup(struct ui_view *v);
void step_results_cleanup(struct ui_view *v);
void step_target_cleanup(struct ui_view *v);

/* The step heading (first line of the main window): "Step N of 7: ..."
 * with right-aligned extra text. */
void ui_step_heading(struct ui *u, WINDOW *w, const char *right);
/* The note of the current step, one line, at row y of w. */
void ui_note_line(struct ui *u, WINDOW *w, int y);

#endif
