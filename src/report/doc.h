/* report_doc.h - private to src/io/report_*.c: the council report of
 * SPEC §5.7 (Markdown and HTML) is written once, as a sequence of
 * headings, paragraphs, lists and tables (soem_report_doc in
 * report_text.c); each format is a backend that turns the blocks into
 * its syntax (Markdown in report_text.c, HTML in report_html.c).  So the
 * two always hold the same content; only HTML draws the chart.
 *
 * Every text handed to a backend is plain UTF-8: the backend escapes it.
 */
#ifndef SOEM_REPORT_DOC_H
#define SOEM_REPORT_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "report/report.h"

enum rdoc_para {
	RP_NORMAL = 0,
	RP_META,     /* "Made with soem on ..." */
	RP_WARN,     /* a warning the reader must not miss */
};

typedef struct rdoc rdoc;

struct rdoc_ops {
	void (*begin)(rdoc *d, const char *title);
	void (*end)(rdoc *d);
	/* level 1 (the title) or 2 (a section) */
	void (*heading)(rdoc *d, int level, const char *text);
	void (*para)(rdoc *d, enum rdoc_para kind, const char *text);
	void (*list_start)(rdoc *d);
	/* "label: text" (label NULL: just text) */
	void (*item)(rdoc *d, const char *label, const char *text);
	void (*list_end)(rdoc *d);
	/* align: one letter per column, 'l' or 'r' */
	void (*table_start)(rdoc *d, size_t ncols, const char *const *head,
			    const char *align);
	void (*table_row)(rdoc *d, const char *const *cells);
	/* A remark that belongs to the row above it, across the table. */
	void (*table_note)(rdoc *d, const char *text);
	void (*table_end)(rdoc *d);
	/* The chart of SPEC §5.7 (HTML); NULL: none. */
	void (*chart)(rdoc *d);
};

struct rdoc {
	FILE *f;
	const soem_report *rp;
	const struct rdoc_ops *ops;
	size_t ncols;            /* of the open table */
	bool section_open;       /* HTML: a <section> to close */
	char align[65];          /* HTML: the open table's alignment */
};

/* The report in memory (caller frees *buf). */
int soem_report_doc(const soem_report *rp, const struct rdoc_ops *ops,
		    char **buf, size_t *len, soem_err *err);

/* The HTML backend (report_html.c). */
extern const struct rdoc_ops soem_rdoc_html;

/* The payer's name in the report's language (p == npayers: "Total"). */
const char *soem_report_payer_name(const soem_report *rp, size_t p);

#endif
