/* doc.h - private to src/report/: the one description of a report's
 * content.  The council report of SPEC §5.7 (Markdown and HTML) is
 * written once, as a sequence of headings, paragraphs, lists and tables
 * (soem_report_doc in doc.c); each format is a backend that turns the
 * blocks into its syntax (markdown.c, html.c).  So the two always hold
 * the same content; only HTML draws the chart.  The plain text (text.c)
 * and CSV (csv.c) take their phrases and labels from here as well.
 *
 * Every text handed to a backend is plain UTF-8: the backend escapes it.
 * The formats include this header; doc.c includes none of them.
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

/* Markdown text: table and emphasis syntax escaped; in a table cell
 * (cell) CR and LF become a space, elsewhere LF is <br> (markdown.c). */
void rdoc_md_write(FILE *f, const char *s, bool cell);

/* The HTML backend (html.c). */
extern const struct rdoc_ops soem_rdoc_html;

/* Phrases every format shares (doc.c).  b/n: a buffer the result may be
 * written to; the result is b or a static or translated string. */
const char *rdoc_lang(const soem_report *rp);
/* The payer's name in the report's language (p == npayers: "Total"). */
const char *rdoc_payer(const soem_report *rp, size_t p);
/* Whole currency units in the report's convention. */
const char *rdoc_money(const soem_report *rp, double v, char *b, size_t n);
/* "12,5 %", or "none" for NaN. */
const char *rdoc_share(const soem_report *rp, double v, char *b, size_t n);
/* A break-even year: the year, "none", or "-" (a payer with nothing). */
const char *rdoc_be_year(const soem_report *rp, int be, char *b, size_t n);
/* Return per krone with two decimals, or "n/a". */
const char *rdoc_ratio(const soem_report *rp, double v, char *b, size_t n);
/* The name of engine service i in the report's language. */
const char *rdoc_service(const soem_report *rp, size_t i);
/* An input's value with as many decimals as its size needs. */
const char *rdoc_input(const soem_report *rp, double v, char *b, size_t n);
/* The intervention's name, or "(unnamed intervention)". */
const char *rdoc_intervention(const soem_report *rp);
/* A year of a table, marked "*" from the first year resting on the
 * persistence assumption (SPEC §2.8). */
const char *rdoc_year_label(const soem_report *rp, int t, char *b, size_t n);

/* SPEC §2.9 in the reports. */
/* The price level amounts are shown at (the calculation's price_level,
 * else the profile's price year). */
int rdoc_price_level(const soem_report *rp);
/* "TEXT, DKK at 2024 prices": every heading over amounts. */
const char *rdoc_at_prices(const soem_report *rp, const char *text, char *b,
			   size_t n);
/* "After 3 years". */
const char *rdoc_after_label(int year, char *b, size_t n);
/* The index of year in res->at_year, or SOEM_NPOS. */
size_t rdoc_at_index(const soem_report *rp, int year);
/* The year a summary quotes: 3, else the last report year before it
 * (a shorter horizon); 0 when there is none. */
int rdoc_quoted_year(const soem_report *rp);
/* "After 3 years the cumulative net is ... in total (not discounted;
 * ... discounted)."; NULL when year is not a report year. */
const char *rdoc_after_line(const soem_report *rp, int year, char *b,
			    size_t n);
/* "Cumulative net after 1, 3, 5 and 10 years, DKK at 2024 prices". */
const char *rdoc_at_years_title(const soem_report *rp, char *b, size_t n);
/* "It pays from 62 participants: ..."; NULL when there is no such
 * number (break_even_participants null). */
const char *rdoc_bep_line(const soem_report *rp, char *b, size_t n);
/* Undiscounted costs of payer p (npayers: total) per participant, or
 * per completer; NAN without any. */
double rdoc_cost_per(const soem_report *rp, size_t p, bool completer);
/* Group g's name ("" when the caller gave none). */
const char *rdoc_group_name(const soem_report *rp, size_t g);
/* Group g's own inputs (SPEC §2.9: target group, effect measure, success
 * rate, p1 and p0, intake, course length, completion, the effect's
 * source, evidence level and persistence) as label and value pairs, in
 * the order every report lists them; nothing when rp->calc has no group
 * g.  The values are only valid during the call. */
void rdoc_group_inputs(const soem_report *rp, size_t g,
		       void (*item)(void *ctx, const char *label,
				    const char *value),
		       void *ctx);

#endif
