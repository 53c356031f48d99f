/* bare.c - the limit for the wizard's start-up, memory and terminal
 * traffic in `make bench` (tests/bench/README): a bare ncurses program
 * that draws one screen like soem's start screen (a title, a menu of five
 * lines, two lines of profiles, a guidance pane, a two-line key bar ending
 * in "Quit"), moves the highlight with Up and Down and quits on q or
 * Ctrl-Q.  No data is read, nothing else is done. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include <curses.h>
#include <locale.h>

static const char *const items[] = {
	"New calculation", "Open a calculation file",
	"Open the example (Housing First, Denmark)",
	"Browse the knowledge database", "Quit",
};

static void draw_menu(int cur)
{
	for (int i = 0; i < 5; i++) {
		attrset(i == cur ? A_REVERSE : A_NORMAL);
		mvprintw(5 + i, 2, "%s %-44s", i == cur ? ">" : " ", items[i]);
	}
	attrset(A_NORMAL);
}

int main(void)
{
	setlocale(LC_ALL, "");
	initscr();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	if (has_colors()) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_WHITE, COLOR_BLUE);
	}
	attrset(COLOR_PAIR(1) | A_BOLD);
	mvprintw(0, 0, "%-80s", " bare 0.1  a bare ncurses screen to compare with");
	attrset(A_BOLD);
	mvprintw(3, 2, "What would you like to do?");
	attrset(A_NORMAL);
	int cur = 0;
	draw_menu(cur);
	mvprintw(11, 4, "Start a new calculation: you choose the profile (country).");
	mvprintw(13, 4, "Profile: Denmark (dk), version 2026.1, prices of 2024");
	mvprintw(14, 4, "Profile: Sweden (se), version 2026.1, prices of 2024");
	mvhline(16, 0, ACS_HLINE, COLS);
	mvprintw(16, 2, " Guidance ");
	mvprintw(17, 1, "A bare program computes nothing: it draws this screen and");
	mvprintw(18, 1, "waits for a key.  Choose with the arrow keys; q quits.");
	mvprintw(19, 1, "It is what any ncurses program costs at the least.");
	attrset(A_BOLD);
	mvprintw(22, 0, "Enter");
	attrset(A_NORMAL);
	printw(" Choose");
	attrset(A_BOLD);
	mvprintw(23, 0, "?");
	attrset(A_NORMAL);
	printw(" Help  ");
	attrset(A_BOLD);
	printw("^Q");
	attrset(A_NORMAL);
	printw(" Quit");
	refresh();
	for (;;) {
		int ch = getch();
		if (ch == 'q' || ch == 17 || ch == ERR)
			break;
		if (ch == KEY_UP && cur > 0)
			cur--;
		else if (ch == KEY_DOWN && cur < 4)
			cur++;
		draw_menu(cur);
		refresh();
	}
	endwin();
	return 0;
}
