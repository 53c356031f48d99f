/* textsafe.h - untrusted text on its way out (issue 12).
 *
 * Text comes from calculation files, knowledge databases (a shared
 * kb_path, a file mailed between municipalities), file names and the
 * configuration.  Every such string passes one function per sink before
 * it leaves: the terminal (and stderr), HTML, a CSV cell.  Markdown has
 * its own in report_text.c.
 *
 * The terminal (soem(1), "Untrusted text"): C0 controls but TAB, LF and
 * CR, DEL, the C1 controls U+0080-U+009F (CSI U+009B among them), bytes
 * that are not UTF-8 (a raw 0x9B too) and the bidi overrides and
 * isolates U+202A-U+202E, U+2066-U+2069 are shown as U+FFFD (the
 * replacement character, one column); TAB, LF and CR inside one line are
 * shown as a space.  So ESC, CSI, OSC and BEL never reach the terminal,
 * and a name cannot turn the text around it right to left.
 *
 * The functions scan for the first byte that needs work and write the
 * runs between such bytes in one piece: text that needs nothing costs a
 * scan.
 */
#ifndef SOEM_TEXTSAFE_H
#define SOEM_TEXTSAFE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The code point the terminal is shown for cp: cp itself, ' ' (TAB, LF,
 * CR) or 0xFFFD.  For the wizard, which decodes its own UTF-8. */
unsigned soem_term_cp(unsigned cp);

/* True when s (a one-line text) reaches a terminal as it is. */
bool soem_term_clean(const char *s);

/* s as one line on a terminal (TAB, LF, CR shown as spaces). */
void soem_term_write(FILE *f, const char *s);

/* A whole document of len bytes (a report sent to a terminal): as
 * soem_term_write, but TAB, LF and CR stay. */
void soem_term_write_doc(FILE *f, const char *s, size_t len);

/* s, or its one-line terminal form when it needs work: a copy that
 * stays valid for the next 15 calls (for printf arguments; not for
 * threads).  NULL gives "". */
const char *soem_term_tmp(const char *s);

/* soem_term_tmp(s) followed by spaces up to cols columns on the screen
 * (printf's %-24s counts bytes, so å, ä, ö shifted a column left): the
 * columns of each character by wcwidth in the current locale, a byte
 * that is not a character in it one column.  The same ring of copies. */
const char *soem_term_pad(const char *s, int cols);

/* The columns s takes on a terminal in the current locale (as above). */
int soem_term_cols(const char *s);

/* s's one-line terminal form into b (n bytes, cut on a UTF-8 boundary);
 * returns s itself when it needs no work and fits, else b. */
const char *soem_term_str(const char *s, char *b, size_t n);

/* HTML element content and attribute values alike: & < > " ' escaped,
 * LF as <br> (br) or a space, TAB and CR as a space, other control
 * characters dropped. */
void soem_html_write(FILE *f, const char *s, bool br);

/* One CSV text cell: a cell that starts with =, +, -, @, TAB or CR gets
 * a leading ' (OWASP's rule against formula injection); control
 * characters are shown as on a terminal (U+FFFD; TAB, CR, LF as a
 * space); a cell holding sep or " is quoted, " doubled. */
void soem_csv_write(FILE *f, const char *s, char sep);

/* The length of s cut to at most max bytes on a UTF-8 character
 * boundary (strlen(s) when it is shorter). */
size_t soem_utf8_cut(const char *s, size_t max);

#endif
