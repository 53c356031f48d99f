/* markdown.c - the council report (SPEC §5.7) in Markdown: a backend of
 * doc.c's description.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/doc.h"
#include "report/report.h"
#include "util/i18n.h"
#include "util/textsafe.h"

/* ---------------------------------------------------------------------
 * Markdown
 */

/* The Markdown sink.  Escapes what Markdown would read as table or
 * emphasis syntax; the text between is written in one piece.  In a
 * table cell (cell) CR and LF become a space: a line break there would
 * end the row, and the rest of the text would make rows of its own;
 * elsewhere LF is <br> and CR a space. */
void rdoc_md_write(FILE *f, const char *s, bool cell)
{
	while (s && *s) {
		size_t n = strcspn(s, "|*_`[]<>\\#\n\r");
		fwrite(s, 1, n, f);
		s += n;
		if (*s == '\n' && !cell) {
			fputs("<br>", f);
			s++;
		} else if (*s == '\n' || *s == '\r') {
			fputc(' ', f);
			s++;
		} else if (*s) {
			fputc('\\', f);
			fputc(*s++, f);
		}
	}
}

static void md_text(FILE *f, const char *s)
{
	rdoc_md_write(f, s, false);
}

static void md_cell(FILE *f, const char *s)
{
	rdoc_md_write(f, s, true);
}

static void md_begin(rdoc *d, const char *title)
{
	(void)d;
	(void)title;
}

static void md_end(rdoc *d)
{
	(void)d;
}

static void md_heading(rdoc *d, int level, const char *text)
{
	fputs(level <= 1 ? "# " : "## ", d->f);
	md_text(d->f, text);
	fputs("\n\n", d->f);
}

static void md_para(rdoc *d, enum rdoc_para kind, const char *text)
{
	const char *em = kind == RP_WARN ? "**" : kind == RP_META ? "*" : "";

	fputs(em, d->f);
	md_text(d->f, text);
	fputs(em, d->f);
	fputs("\n\n", d->f);
}

static void md_list_start(rdoc *d)
{
	(void)d;
}

static void md_item(rdoc *d, const char *label, const char *text)
{
	fputs("- ", d->f);
	if (label) {
		md_text(d->f, label);
		fputs(": ", d->f);
	}
	md_text(d->f, text);
	fputc('\n', d->f);
}

static void md_list_end(rdoc *d)
{
	fputc('\n', d->f);
}

static void md_table_start(rdoc *d, size_t ncols, const char *const *head,
			   const char *align)
{
	d->ncols = ncols;
	for (size_t i = 0; i < ncols; i++) {
		fputs(i ? " | " : "| ", d->f);
		md_cell(d->f, head[i]);
	}
	fputs(" |\n", d->f);
	for (size_t i = 0; i < ncols; i++)
		fputs(align[i] == 'r' ? "|---:" : "|---", d->f);
	fputs("|\n", d->f);
}

static void md_table_row(rdoc *d, const char *const *cells)
{
	for (size_t i = 0; i < d->ncols; i++) {
		fputs(i ? " | " : "| ", d->f);
		md_cell(d->f, cells[i]);
	}
	fputs(" |\n", d->f);
}

static void md_table_note(rdoc *d, const char *text)
{
	fputs("| ", d->f);
	md_cell(d->f, text);
	for (size_t i = 0; i < d->ncols; i++)
		fputs(" |", d->f);
	fputc('\n', d->f);
}

static void md_table_end(rdoc *d)
{
	fputc('\n', d->f);
}

static const struct rdoc_ops md_ops = {
	.begin = md_begin, .end = md_end, .heading = md_heading,
	.para = md_para, .list_start = md_list_start, .item = md_item,
	.list_end = md_list_end, .table_start = md_table_start,
	.table_row = md_table_row, .table_note = md_table_note,
	.table_end = md_table_end, .chart = NULL,
};

int soem_report_markdown(const soem_report *rp, char **buf, size_t *len,
			 soem_err *err)
{
	return soem_report_doc(rp, &md_ops, buf, len, err);
}
