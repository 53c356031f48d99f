/* report.h - results written out: the machine YAML of SPEC §4, text,
 * CSV, and the council report of SPEC §5.7 in Markdown and HTML.
 *
 * Writers build the whole document in memory (caller frees *buf); the
 * caller decides where it goes (stdout, or an atomic file write).
 */
#ifndef SOEM_REPORT_H
#define SOEM_REPORT_H

#include <stddef.h>

#include "design/design.h"
#include "engine/engine.h"
#include "model/calc.h"
#include "model/kb.h"
#include "util/err.h"
#include "util/numfmt.h"

typedef enum soem_format {
	SOEM_FMT_TEXT = 0,
	SOEM_FMT_CSV,
	SOEM_FMT_YAML,
	SOEM_FMT_MARKDOWN,
	SOEM_FMT_HTML,
} soem_format;

/* "text", "csv", ... -> format; false when unknown. */
bool soem_format_parse(const char *name, soem_format *out);

typedef struct soem_report {
	const soem_calc *calc;
	const soem_kb *kb;
	const soem_result *res;
	const size_t *svc_cons;   /* engine service -> index in calc->cons */
	const char *lang;         /* "da", "sv", "en": names and labels */
	enum soem_numconv conv;   /* number convention for text/csv/md */
	char csv_sep;             /* 0 = the language's (';' da/sv, ',' en) */
	const struct soem_unc *unc; /* sensitivity, Monte Carlo, experiment
				       (model/uncertainty.h); NULL: none */
	long long date;           /* "made on" in Markdown and HTML (seconds
				     since the epoch); 0: no date */
	const char *const *group_names; /* [res->ngroups] names for by_group
					   (SPEC §2.9), or NULL */
} soem_report;

/* rp's report in fmt.  A grouped calculation (SPEC §2.9) may come as
 * loaded or as its view (soem_report_view_of): without the view or the
 * group names it builds the view itself.  A result that does not fit the
 * calculation (an engine service past its rows, more groups than it has,
 * another number of payers) is refused with SOEM_EX_CALC, never read
 * past. */
int soem_report_write(const soem_report *rp, soem_format fmt, char **buf,
		      size_t *len, soem_err *err);

/* The YAML result (SPEC §4). */
int soem_report_yaml(const soem_report *rp, char **buf, size_t *len,
		     soem_err *err);
/* Plain text, CSV and Markdown (report_text.c). */
int soem_report_text(const soem_report *rp, char **buf, size_t *len,
		     soem_err *err);
int soem_report_csv(const soem_report *rp, char **buf, size_t *len,
		    soem_err *err);
int soem_report_markdown(const soem_report *rp, char **buf, size_t *len,
			 soem_err *err);
/* One self-contained HTML file: inline CSS and SVG chart, no scripts, no
 * external resources (report_html.c). */
int soem_report_html(const soem_report *rp, char **buf, size_t *len,
		     soem_err *err);

/* Everything `soem calc` does after loading: builds the problem of
 * tmpl->calc and tmpl->kb, computes, runs the uncertainty analyses (not
 * for CSV) and writes fmt with tmpl's language, convention, separator
 * and date (tmpl's res, svc_cons and unc are ignored).  The wizard's
 * export uses it too, so that both give the same file.  what names the
 * calculation in messages. */
int soem_report_run(const soem_report *tmpl, soem_format fmt,
		    const char *what, char **buf, size_t *len, soem_err *err);

/* Now, or $SOURCE_DATE_EPOCH when it is set (reproducible reports). */
long long soem_report_date_now(void);
/* "14. marts 2026" (da), "14 mars 2026" (sv), "14 March 2026" (en). */
const char *soem_report_date_text(long long date, const char *lang, char *b,
				  size_t n);

/* One-line texts for the Results and Effect steps (report_text.c),
 * translated, numbers in rp->conv; each returns b, or NULL when it does
 * not apply.  They need rp->unc (model/uncertainty.h) for the interval.
 *  - the break-even success rate against the success rate and its
 *    interval, and whether it lies below, inside or above it;
 *  - an experiment's counts, p1, p0, s and Newcombe's interval;
 *  - "the experiment cannot tell the effect from zero" (interval holds 0);
 *  - which years rest on the persistence assumption (waiting list). */
const char *soem_report_break_even_line(const soem_report *rp, char *b,
					size_t n);
const char *soem_report_experiment_line(const soem_report *rp, char *b,
					size_t n);
const char *soem_report_zero_note(const soem_report *rp, char *b, size_t n);
const char *soem_report_assumption_note(const soem_report *rp, char *b,
					size_t n);

/* The wizard's Results step says what the reports say (issue 15 point 4,
 * issue 16 point 7): these phrases are the reports' own (doc.c), in
 * rp->lang's catalogue and rp->conv's numbers.  Each returns b, or NULL
 * when it does not apply. */
/* The price level amounts are at: the calculation's price_level, else
 * the profile's price year (SPEC §2.9). */
int soem_report_price_level(const soem_report *rp);
/* "After 3 years" */
const char *soem_report_after_label(int year, char *b, size_t n);
/* "Cumulative net after 1, 3 and 5 years, DKK at 2024 prices" */
const char *soem_report_at_years_title(const soem_report *rp, char *b,
				       size_t n);
/* "After 3 years the cumulative net is ... (not discounted; ...
 * discounted)." for the year a summary quotes; NULL without at_years. */
const char *soem_report_after_line(const soem_report *rp, char *b, size_t n);
/* "It pays from 8 participants: ...", or why no number of participants
 * makes it pay (break_even_participants null). */
const char *soem_report_bep_line(const soem_report *rp, char *b, size_t n);
/* Undiscounted costs of payer p (npayers: total) per participant or per
 * completer; NAN without any. */
double soem_report_cost_per(const soem_report *rp, size_t p, bool completer);
/* "Unge: 10 participants, success rate 50.0 %, 5 successes" (by_group
 * entry g). */
const char *soem_report_group_line(const soem_report *rp, size_t g, char *b,
				   size_t n);
/* "62.0 % of the present value of effects rests on illustrative
 * estimates or prices from the knowledge database."; NULL without
 * effects. */
const char *soem_report_illustrative_line(const soem_report *rp, char *b,
					  size_t n);

/* A grouped calculation (SPEC §2.9) as the reports see it: the engine's
 * services index the rows of every group (soem_calc_all_cons), so
 * rp->calc becomes a view whose cons are those rows, and
 * rp->group_names the groups' names.  Without groups nothing changes.
 * soem_report_view_free releases what the view holds (after the last use
 * of rp). */
typedef struct soem_report_view {
	soem_calc flat;
	soem_consequence *all;
	const char **names;
} soem_report_view;
void soem_report_view_of(soem_report *rp, soem_report_view *v);
void soem_report_view_free(soem_report_view *v);

/* `soem design` (SPEC §2.8, §4): the YAML of SPEC §4 (report_yaml.c),
 * and text or Markdown with one plain-language sentence per number
 * (report_design.c).  in is what was asked, out what soem_design_solve
 * gave. */
int soem_design_yaml(const soem_design_in *in, const soem_design_out *out,
		     char **buf, size_t *len, soem_err *err);
int soem_design_text(const soem_design_in *in, const soem_design_out *out,
		     enum soem_numconv conv, bool markdown, char **buf,
		     size_t *len, soem_err *err);

/* Shortest "%.Ng" that reads back as exactly v ("%.17g" at most). */
void soem_fmt_exact(double v, char *buf, size_t size);

/* The id of the service behind engine service i (kb id or custom id). */
const char *soem_report_service_id(const soem_report *rp, size_t i);

/* Effects by service as every report lists them (SPEC §2.9): one entry
 * per service id across all groups, in order of first appearance, each
 * the sum of its rows (without groups: one entry per engine service). */
typedef struct soem_svc_totals {
	size_t n;
	size_t *first;      /* [n] the engine service of its first row (its
			       name, unit, area) */
	size_t *slot;       /* [res->nservices] the entry of each engine
			       service */
	bool *taxed;        /* [n] some row has a tax share != 0 */
	double *effects;    /* [n][P+1] undiscounted E (net of tax) */
	double *gross;      /* [n][P+1] sigma U pi */
	double *tax;        /* [n][P+1] -sigma U tau G */
} soem_svc_totals;

void soem_report_svc_totals(const soem_report *rp, soem_svc_totals *t);
void soem_report_svc_totals_free(soem_svc_totals *t);

#endif
