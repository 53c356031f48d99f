/* report_text.c - plain text, CSV and Markdown results.
 *
 * Text and Markdown use the language's number convention with two
 * decimals for money; CSV writes plain numbers (no thousands separators)
 * with the language's decimal mark, so that a spreadsheet reads them. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/report.h"
#include "model/problem.h"
#include "model/uncertainty.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static const char *lang_of(const soem_report *rp)
{
	return rp->lang ? rp->lang : "en";
}

static const char *payer_name(const soem_report *rp, size_t p)
{
	if (p >= rp->kb->npayers)
		return _("Total");
	return soem_text_get(&rp->kb->payers[p].name, lang_of(rp),
			     rp->kb->language);
}

static const char *money(const soem_report *rp, double v, char *b, size_t n)
{
	return soem_num_format(v, 0, rp->conv, b, n);
}

static const char *share_pct(const soem_report *rp, double v, char *b,
			     size_t n)
{
	char t[SOEM_NUM_BUFSIZE - 8];
	if (!isfinite(v)) {
		snprintf(b, n, "%s", _("none"));
		return b;
	}
	soem_num_format(v * 100.0, 1, rp->conv, t, sizeof t);
	snprintf(b, n, "%s %%", t);
	return b;
}

static const char *be_year(const soem_report *rp, int be, char *b, size_t n)
{
	(void)rp;
	if (be == SOEM_BE_NULL)
		snprintf(b, n, "%s", "-");
	else if (be == SOEM_BE_NONE)
		snprintf(b, n, "%s", _("none"));
	else
		snprintf(b, n, "%d", be);
	return b;
}

static const char *ratio(const soem_report *rp, double v, char *b, size_t n)
{
	if (!isfinite(v))
		snprintf(b, n, "%s", _("n/a"));
	else
		soem_num_format(v, 2, rp->conv, b, n);
	return b;
}

static const char *service_name(const soem_report *rp, size_t i)
{
	size_t k = rp->svc_cons ? rp->svc_cons[i] : i;
	const soem_consequence *q = &rp->calc->cons[k];
	if (q->custom)
		return q->cs.name ? q->cs.name : q->service;
	size_t s = soem_kb_service_index(rp->kb, q->service);
	if (s == SOEM_NPOS)
		return q->service;
	return soem_text_get(&rp->kb->services[s].name, lang_of(rp),
			     rp->kb->language);
}

static const char *intervention_name(const soem_report *rp)
{
	const char *n = rp->calc->intervention.name;
	return n && *n ? n : _("(unnamed intervention)");
}

/* Closes the memory stream f and hands its buffer to the caller: *mem
 * and *memlen are only final after fclose. */
static int finish(FILE *f, char **mem, size_t *memlen, char **buf,
		  size_t *len, soem_err *err)
{
	if (fclose(f) != 0) {
		free(*mem);
		return soem_err_set(err, SOEM_EX_IOERR,
				    _("could not build the report"));
	}
	*buf = *mem;
	*len = *memlen;
	return 0;
}

/* The first year resting on the persistence assumption (0: none). */
static int assumption_from(const soem_report *rp)
{
	return rp->unc && rp->unc->exp.present ? rp->unc->exp.assumption_from
					       : 0;
}

static const char *year_label(const soem_report *rp, int t, char *b,
			      size_t n)
{
	int af = assumption_from(rp);

	snprintf(b, n, af && t >= af ? "%d*" : "%d", t);
	return b;
}

/* "* Years from 2 on rest on ..." (SPEC §2.8), or NULL. */
const char *soem_report_assumption_note(const soem_report *rp, char *b,
					 size_t n)
{
	const soem_expinfo *x;
	char m[SOEM_NUM_BUFSIZE];

	if (!assumption_from(rp))
		return NULL;
	x = &rp->unc->exp;
	soem_num_format(x->waiting_months,
			fmod(x->waiting_months, 1) != 0 ? 1 : 0, rp->conv, m,
			sizeof m);
	snprintf(b, n,
		 _("* Years from %d on rest on the persistence assumption: the experiment's control group waited %s months, so there is no randomised comparison after that."),
		 x->assumption_from, m);
	return b;
}

/* The experiment's counts, shares and interval, on one line. */
const char *soem_report_experiment_line(const soem_report *rp, char *b,
					 size_t n)
{
	const soem_expinfo *x;
	char p1[SOEM_NUM_BUFSIZE], p0[SOEM_NUM_BUFSIZE], s[SOEM_NUM_BUFSIZE],
		lo[SOEM_NUM_BUFSIZE], hi[SOEM_NUM_BUFSIZE];

	if (!rp->unc || !rp->unc->exp.present)
		return NULL;
	x = &rp->unc->exp;
	snprintf(b, n,
		 _("Experiment: %ld of %ld treated and %ld of %ld controls reached the effect measure: p1 = %s, p0 = %s, success rate %s (95 %% interval %s to %s, Newcombe)"),
		 x->x_t, x->n_t, x->x_c, x->n_c,
		 share_pct(rp, x->p1, p1, sizeof p1),
		 share_pct(rp, x->p0, p0, sizeof p0),
		 share_pct(rp, x->s, s, sizeof s),
		 share_pct(rp, x->low, lo, sizeof lo),
		 share_pct(rp, x->high, hi, sizeof hi));
	return b;
}

/* Beside the net figure when the experiment's interval contains 0. */
const char *soem_report_zero_note(const soem_report *rp, char *b, size_t n)
{
	const soem_expinfo *x;
	char lo[SOEM_NUM_BUFSIZE], hi[SOEM_NUM_BUFSIZE];

	if (!rp->unc || !rp->unc->exp.present || !rp->unc->exp.contains_zero)
		return NULL;
	x = &rp->unc->exp;
	snprintf(b, n,
		 _("The experiment cannot tell the effect from zero: the 95 %% interval of its success rate (%s to %s) contains 0, so the net result may be no more than chance."),
		 share_pct(rp, x->low, lo, sizeof lo),
		 share_pct(rp, x->high, hi, sizeof hi));
	return b;
}

/* The break-even success rate against the success rate and its
 * interval, on one line (SPEC §2.6, issue 5). */
const char *soem_report_break_even_line(const soem_report *rp, char *b,
					 size_t n)
{
	const soem_result *r = rp->res;
	const soem_unc *u = rp->unc;
	const soem_effect *e = &rp->calc->effect;
	double be = r->break_even_s;
	double p0 = e->has_p0 ? e->p0.value : 0;
	char sb[SOEM_NUM_BUFSIZE], ss[SOEM_NUM_BUFSIZE], lo[SOEM_NUM_BUFSIZE],
		hi[SOEM_NUM_BUFSIZE];
	size_t l;

	share_pct(rp, be, sb, sizeof sb);
	share_pct(rp, r->success_rate, ss, sizeof ss);
	if (u && u->has_s_range) {
		const char *verdict;

		if (!isfinite(be))
			verdict = _("no success rate makes the present value of the net 0 or more");
		else if (be < u->s_low)
			verdict = _("below the whole interval: the net is positive at every success rate in it");
		else if (be > u->s_high)
			verdict = _("above the whole interval: the net is negative at every success rate in it");
		else
			verdict = _("inside the interval: whether the intervention pays off depends on where in it the true rate lies");
		snprintf(b, n,
			 u->s_from_experiment
				 ? _("Break-even success rate: %s; success rate: %s (95 %% interval of the experiment %s to %s): %s")
				 : _("Break-even success rate: %s; success rate: %s (range %s to %s): %s"),
			 sb, ss, share_pct(rp, u->s_low, lo, sizeof lo),
			 share_pct(rp, u->s_high, hi, sizeof hi), verdict);
	} else {
		snprintf(b, n, _("Break-even success rate: %s; success rate: %s"),
			 sb, ss);
	}
	l = strlen(b);
	if (isfinite(be) && be > 1 - p0 && l < n)
		snprintf(b + l, n - l, "; %s",
			 _("it cannot break even at any possible success rate"));
	return b;
}

/* An input's low or high, with decimals that suit its size. */
static const char *input_value(const soem_report *rp, double v, char *b,
			       size_t n)
{
	double a = fabs(v);

	return soem_num_format(v, a >= 1000 ? 0 : a >= 10 ? 2 : 4, rp->conv,
			       b, n);
}

static int utf8_chars(const char *s)
{
	int chars = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xC0) != 0x80)
			chars++;
	return chars;
}

/* One padded cell: width counted in characters, not bytes (UTF-8); a
 * longer text is cut at a character boundary. */
static void cell(FILE *f, const char *s, int width, bool left)
{
	int chars = utf8_chars(s);
	if (chars > width) {
		int n = 0;
		const char *p = s;
		for (; *p; p++) {
			if ((*p & 0xC0) != 0x80 && n++ == width)
				break;
		}
		fprintf(f, "%.*s", (int)(p - s), s);
		return;
	}
	int pad = width - chars;
	if (left)
		fprintf(f, "%s%*s", s, pad, "");
	else
		fprintf(f, "%*s%s", pad, "", s);
}

#define LABEL_MIN 30
#define LABEL_MAX 44
static int label_width;  /* set per text report: the widest label */

static void text_table(const soem_report *rp, FILE *f, const char *title,
		       const double *table)
{
	const soem_result *r = rp->res;
	size_t P = r->npayers;
	char b[SOEM_NUM_BUFSIZE];
	fprintf(f, "%s\n", title);
	cell(f, _("Year"), 6, true);
	for (size_t p = 0; p <= P; p++) {
		fputc(' ', f);
		cell(f, payer_name(rp, p), 16, false);
	}
	fputc('\n', f);
	for (int t = 1; t <= r->horizon; t++) {
		cell(f, year_label(rp, t, b, sizeof b), 6, true);
		for (size_t p = 0; p <= P; p++) {
			fputc(' ', f);
			cell(f, money(rp, table[(size_t)(t - 1) * (P + 1) + p],
				      b, sizeof b),
			     16, false);
		}
		fputc('\n', f);
	}
	fputc('\n', f);
}

static void text_row(const soem_report *rp, FILE *f, const char *label,
		     const double *row, bool is_ratio)
{
	char b[SOEM_NUM_BUFSIZE];
	cell(f, label, label_width, true);
	for (size_t p = 0; p <= rp->res->npayers; p++) {
		fputc(' ', f);
		cell(f, is_ratio ? ratio(rp, row[p], b, sizeof b)
				 : money(rp, row[p], b, sizeof b),
		     16, false);
	}
	fputc('\n', f);
}

static void text_share_row(const soem_report *rp, FILE *f, const char *label,
			   const double *row)
{
	char b[SOEM_NUM_BUFSIZE];

	cell(f, label, label_width, true);
	for (size_t p = 0; p <= rp->res->npayers; p++) {
		fputc(' ', f);
		cell(f, share_pct(rp, row[p], b, sizeof b), 16, false);
	}
	fputc('\n', f);
}

/* The tornado as a table, and the Monte Carlo (SPEC §2.7). */
static void text_uncertainty(const soem_report *rp, FILE *f)
{
	const soem_unc *u = rp->unc;
	char b[SOEM_NUM_BUFSIZE];

	if (u->sens.n) {
		fprintf(f, "\n%s\n",
			_("Sensitivity: present value of the net (total) with one input at its low and at its high, the largest swing first"));
		cell(f, _("Input"), 40, true);
		fputc(' ', f);
		cell(f, _("Low"), 12, false);
		fputc(' ', f);
		cell(f, _("High"), 12, false);
		fputc(' ', f);
		cell(f, _("PV at low"), 16, false);
		fputc(' ', f);
		cell(f, _("PV at high"), 16, false);
		fputc(' ', f);
		cell(f, _("Swing"), 16, false);
		fputc('\n', f);
		for (size_t i = 0; i < u->sens.n; i++) {
			const soem_sens_row *r = &u->sens.row[i];

			cell(f, u->inputs.in[r->input].name, 40, true);
			fputc(' ', f);
			cell(f, input_value(rp, r->low, b, sizeof b), 12,
			     false);
			fputc(' ', f);
			cell(f, input_value(rp, r->high, b, sizeof b), 12,
			     false);
			fputc(' ', f);
			cell(f, money(rp, r->pv_low, b, sizeof b), 16, false);
			fputc(' ', f);
			cell(f, money(rp, r->pv_high, b, sizeof b), 16, false);
			fputc(' ', f);
			cell(f, money(rp, fabs(r->pv_high - r->pv_low), b,
				      sizeof b),
			     16, false);
			fputc('\n', f);
		}
	}
	if (u->mc.draws > 0) {
		fputc('\n', f);
		fprintf(f, _("Monte Carlo: present value of the net in %s draws (seed %llu)"),
			soem_num_format((double)u->mc.draws, 0, rp->conv, b,
					sizeof b),
			(unsigned long long)u->mc.seed);
		fputc('\n', f);
		cell(f, "", label_width, true);
		for (size_t p = 0; p <= rp->res->npayers; p++) {
			fputc(' ', f);
			cell(f, payer_name(rp, p), 16, false);
		}
		fputc('\n', f);
		text_row(rp, f, _("Mean"), u->mc.mean, false);
		text_row(rp, f, _("5th percentile"), u->mc.p5, false);
		text_row(rp, f, _("Median"), u->mc.p50, false);
		text_row(rp, f, _("95th percentile"), u->mc.p95, false);
		text_share_row(rp, f, _("Share of draws with net > 0"),
			       u->mc.share_positive);
	}
}

int soem_report_text(const soem_report *rp, char **buf, size_t *len,
		     soem_err *err)
{
	char *mem = NULL;
	size_t memlen = 0;
	FILE *f = open_memstream(&mem, &memlen);
	if (!f)
		return soem_err_set(err, SOEM_EX_IOERR, _("out of memory"));
	const soem_result *r = rp->res;
	const soem_kb *kb = rp->kb;
	size_t P = r->npayers;
	char b[SOEM_NUM_BUFSIZE], b2[SOEM_NUM_BUFSIZE], line[2048];

	label_width = LABEL_MIN;
	for (size_t i = 0; i < r->nservices; i++) {
		int w = utf8_chars(service_name(rp, i));
		if (w > label_width)
			label_width = w < LABEL_MAX ? w : LABEL_MAX;
	}
	fprintf(f, "%s\n", intervention_name(rp));
	fprintf(f, _("Profile: %s (%s), prices in %s at %d prices\n"),
		soem_text_get(&kb->name, lang_of(rp), kb->language),
		kb->version ? kb->version : "", kb->currency ? kb->currency : "",
		kb->price_year);
	fprintf(f, _("Horizon: %d years; participants: %s; success rate: %s\n\n"),
		r->horizon, soem_num_format(r->participants, 0, rp->conv, b,
					    sizeof b),
		share_pct(rp, r->success_rate, b2, sizeof b2));
	if (soem_report_experiment_line(rp, line, sizeof line))
		fprintf(f, "%s\n\n", line);

	text_table(rp, f, _("Net budget effect per year (not discounted)"),
		   r->net);
	text_table(rp, f, _("Cumulative discounted net per year"),
		   r->cum_disc);
	if (soem_report_assumption_note(rp, line, sizeof line))
		fprintf(f, "%s\n\n", line);

	fprintf(f, "%s\n", _("Totals over the horizon"));
	cell(f, "", label_width, true);
	for (size_t p = 0; p <= P; p++) {
		fputc(' ', f);
		cell(f, payer_name(rp, p), 16, false);
	}
	fputc('\n', f);
	text_row(rp, f, _("Costs"), r->tot_costs, false);
	text_row(rp, f, _("Effects (consequences)"), r->tot_effects, false);
	text_row(rp, f, _("Net result (not discounted)"), r->tot_net, false);
	text_row(rp, f, _("Present value of costs"), r->pv_costs, false);
	text_row(rp, f, _("Present value of effects"), r->pv_effects, false);
	text_row(rp, f, _("Present value of net"), r->pv_net, false);
	if (soem_report_zero_note(rp, line, sizeof line))
		fprintf(f, "  ! %s\n", line);
	text_row(rp, f, _("Net per participant"), r->per_participant, false);
	if (r->successes > 0)
		text_row(rp, f, _("Net per success"), r->per_success, false);
	text_row(rp, f, _("Return per krone"), r->return_per_krone, true);
	cell(f, _("Break-even year"), label_width, true);
	for (size_t p = 0; p <= P; p++) {
		fputc(' ', f);
		cell(f, be_year(rp, r->break_even[p], b, sizeof b), 16, false);
	}
	fputc('\n', f);
	fprintf(f, "\n%s\n",
		soem_report_break_even_line(rp, line, sizeof line));

	if (r->nservices) {
		fprintf(f, "\n%s\n", _("Effects by service (not discounted)"));
		for (size_t i = 0; i < r->nservices; i++) {
			cell(f, service_name(rp, i), label_width, true);
			for (size_t p = 0; p <= P; p++) {
				fputc(' ', f);
				cell(f, money(rp, r->by_service[i * (P + 1) + p],
					      b, sizeof b),
				     16, false);
			}
			fputc('\n', f);
		}
	}
	if (rp->unc)
		text_uncertainty(rp, f);
	return finish(f, &mem, &memlen, buf, len, err);
}

static char csv_sep_of(const soem_report *rp)
{
	if (rp->csv_sep)
		return rp->csv_sep;
	return rp->conv == SOEM_NUM_EN ? ',' : ';';
}

static void csv_field(FILE *f, const char *s, char sep)
{
	if (strchr(s, sep) || strchr(s, '"') || strchr(s, '\n') ||
	    strchr(s, '\r')) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
}

static void csv_num(FILE *f, const soem_report *rp, double v, int decimals)
{
	char b[64];
	if (!isfinite(v))
		return;
	snprintf(b, sizeof b, "%.*f", decimals, v);
	if (strcmp(b, "-0") == 0 || strspn(b, "-0.") == strlen(b))
		snprintf(b, sizeof b, "%.*f", decimals, 0.0);
	if (rp->conv != SOEM_NUM_EN)
		for (char *p = b; *p; p++)
			if (*p == '.')
				*p = ',';
	fputs(b, f);
}

int soem_report_csv(const soem_report *rp, char **buf, size_t *len,
		    soem_err *err)
{
	char *mem = NULL;
	size_t memlen = 0;
	FILE *f = open_memstream(&mem, &memlen);
	if (!f)
		return soem_err_set(err, SOEM_EX_IOERR, _("out of memory"));
	const soem_result *r = rp->res;
	size_t P = r->npayers;
	char sep = csv_sep_of(rp);
	char h[256];
	if (rp->conv != SOEM_NUM_EN)
		fputs("\xEF\xBB\xBF", f);
	static const char *const what[] = {
		N_("costs"), N_("effects"), N_("net"), N_("net discounted"),
		N_("cumulative discounted")
	};
	csv_field(f, _("Year"), sep);
	fputc(sep, f);
	csv_field(f, _("Discount factor"), sep);
	for (size_t w = 0; w < 5; w++)
		for (size_t p = 0; p <= P; p++) {
			fputc(sep, f);
			snprintf(h, sizeof h, "%s: %s", payer_name(rp, p),
				 gettext(what[w]));
			csv_field(f, h, sep);
		}
	fputs("\r\n", f);
	const double *tables[5] = { r->costs, r->effects, r->net, r->net_disc,
				    r->cum_disc };
	for (int t = 1; t <= r->horizon; t++) {
		fprintf(f, "%d", t);
		fputc(sep, f);
		csv_num(f, rp, r->discount[t - 1], 6);
		for (size_t w = 0; w < 5; w++)
			for (size_t p = 0; p <= P; p++) {
				fputc(sep, f);
				csv_num(f, rp,
					tables[w][(size_t)(t - 1) * (P + 1) + p],
					2);
			}
		fputs("\r\n", f);
	}
	return finish(f, &mem, &memlen, buf, len, err);
}

static void md_text(FILE *f, const char *s)
{
	/* Escape what Markdown would read as table or emphasis syntax. */
	for (; s && *s; s++) {
		if (strchr("|*_`[]<>\\#", *s))
			fputc('\\', f);
		if (*s == '\n')
			fputs("<br>", f);
		else
			fputc(*s, f);
	}
}

static void md_header(const soem_report *rp, FILE *f, const char *first)
{
	size_t P = rp->res->npayers;
	fputs("| ", f);
	md_text(f, first);
	for (size_t p = 0; p <= P; p++) {
		fputs(" | ", f);
		md_text(f, payer_name(rp, p));
	}
	fputs(" |\n|---", f);
	for (size_t p = 0; p <= P; p++)
		fputs("|---:", f);
	fputs("|\n", f);
}

static void md_row(const soem_report *rp, FILE *f, const char *label,
		   const double *row, bool is_ratio)
{
	char b[SOEM_NUM_BUFSIZE];
	fputs("| ", f);
	md_text(f, label);
	for (size_t p = 0; p <= rp->res->npayers; p++) {
		fputs(" | ", f);
		fputs(is_ratio ? ratio(rp, row[p], b, sizeof b)
			       : money(rp, row[p], b, sizeof b),
		      f);
	}
	fputs(" |\n", f);
}

/* True when a value behind engine service i comes from the knowledge
 * database and is marked illustrative there (`illustrative: true`, a
 * made-up figure): the service's database price, where the calculation
 * does not replace it for every payer the database prices, or the
 * consequence row, when it was copied from the database (`from_kb`) and
 * the database's row for this target group and success measure is. */
static bool service_illustrative(const soem_report *rp, size_t i)
{
	const soem_kb *kb = rp->kb;
	const soem_calc *c = rp->calc;
	size_t k = rp->svc_cons ? rp->svc_cons[i] : i;
	const soem_consequence *q = &c->cons[k];
	if (q->custom)
		return false;
	size_t s = soem_kb_service_index(kb, q->service);
	if (s == SOEM_NPOS)
		return false;
	const soem_kb_service *sv = &kb->services[s];
	if (sv->prov.illustrative) {
		const soem_price_entry *pe = NULL;
		for (size_t e = 0; e < c->nprices && !pe; e++)
			if (c->prices[e].service &&
			    strcmp(c->prices[e].service, q->service) == 0)
				pe = &c->prices[e];
		for (size_t p = 0; p < kb->npayers; p++) {
			bool own = false;
			if (!sv->price_given[p] || sv->price[p] == 0)
				continue;
			for (size_t j = 0; pe && j < pe->n; j++)
				if (pe->v[j].payer &&
				    strcmp(pe->v[j].payer, kb->payers[p].id) == 0)
					own = true;
			if (!own)
				return true;
		}
	}
	if (!q->from_kb || !c->target_group.kb || !c->effect.measure.kb)
		return false;
	size_t g = soem_kb_group_index(kb, c->target_group.kb);
	if (g == SOEM_NPOS)
		return false;
	size_t m = soem_kb_measure_index(&kb->groups[g], c->effect.measure.kb);
	if (m == SOEM_NPOS)
		return false;
	const soem_kb_measure *ms = &kb->groups[g].measures[m];
	for (size_t r = 0; r < ms->ncons; r++)
		if (ms->cons[r].service == s)
			return ms->cons[r].prov.illustrative;
	return false;
}

static const char *illustrative_note(const soem_report *rp)
{
	for (size_t i = 0; i < rp->res->nservices; i++)
		if (service_illustrative(rp, i))
			return _("Services marked (i) in the table of effects by service use a value from the knowledge database that is marked as illustrative there (made up to show how the model works, not taken from a published source): its price, its consequence estimates, or both. Replace such values with your own or sourced ones before you use the result.");
	return NULL;
}

static void md_uncertainty(const soem_report *rp, FILE *f)
{
	const soem_unc *u = rp->unc;
	char b[SOEM_NUM_BUFSIZE];

	if (u->sens.n) {
		fprintf(f, "## %s\n\n", _("Sensitivity"));
		fprintf(f, "%s\n\n",
			_("Present value of the net (total) with one input at its low and at its high, the largest swing first."));
		fprintf(f, "| %s | %s | %s | %s | %s | %s |\n", _("Input"),
			_("Low"), _("High"), _("PV at low"), _("PV at high"),
			_("Swing"));
		fputs("|---|---:|---:|---:|---:|---:|\n", f);
		for (size_t i = 0; i < u->sens.n; i++) {
			const soem_sens_row *r = &u->sens.row[i];

			fputs("| ", f);
			md_text(f, u->inputs.in[r->input].name);
			fprintf(f, " | %s", input_value(rp, r->low, b, sizeof b));
			fprintf(f, " | %s", input_value(rp, r->high, b, sizeof b));
			fprintf(f, " | %s", money(rp, r->pv_low, b, sizeof b));
			fprintf(f, " | %s", money(rp, r->pv_high, b, sizeof b));
			fprintf(f, " | %s |\n",
				money(rp, fabs(r->pv_high - r->pv_low), b,
				      sizeof b));
		}
		fputs("\n", f);
	}
	if (u->mc.draws > 0) {
		fprintf(f, "## %s\n\n", _("Monte Carlo"));
		fprintf(f, _("Present value of the net in %s draws (seed %llu)."),
			soem_num_format((double)u->mc.draws, 0, rp->conv, b,
					sizeof b),
			(unsigned long long)u->mc.seed);
		fputs("\n\n", f);
		md_header(rp, f, "");
		md_row(rp, f, _("Mean"), u->mc.mean, false);
		md_row(rp, f, _("5th percentile"), u->mc.p5, false);
		md_row(rp, f, _("Median"), u->mc.p50, false);
		md_row(rp, f, _("95th percentile"), u->mc.p95, false);
		fputs("| ", f);
		md_text(f, _("Share of draws with net > 0"));
		for (size_t p = 0; p <= rp->res->npayers; p++)
			fprintf(f, " | %s",
				share_pct(rp, u->mc.share_positive[p], b,
					  sizeof b));
		fputs(" |\n\n", f);
	}
}

int soem_report_markdown(const soem_report *rp, char **buf, size_t *len,
			 soem_err *err)
{
	char *mem = NULL;
	size_t memlen = 0;
	FILE *f = open_memstream(&mem, &memlen);
	if (!f)
		return soem_err_set(err, SOEM_EX_IOERR, _("out of memory"));
	const soem_result *r = rp->res;
	const soem_calc *c = rp->calc;
	const soem_kb *kb = rp->kb;
	size_t P = r->npayers;
	char b[SOEM_NUM_BUFSIZE], b2[SOEM_NUM_BUFSIZE], line[2048];

	fputs("# ", f);
	md_text(f, intervention_name(rp));
	fputs("\n\n", f);
	if (c->intervention.description) {
		md_text(f, c->intervention.description);
		fputs("\n\n", f);
	}
	fprintf(f, "## %s\n\n", _("Inputs"));
	fprintf(f, "- %s: %s\n", _("Analysis"),
		c->intervention.scenario ? _("scenario analysis")
					 : _("full analysis"));
	fprintf(f, "- %s: ", _("Knowledge database"));
	md_text(f, soem_text_get(&kb->name, lang_of(rp), kb->language));
	fprintf(f, " %s\n", kb->version ? kb->version : "");
	fprintf(f, "- %s: %s %d\n", _("Prices"),
		kb->currency ? kb->currency : "", kb->price_year);
	fprintf(f, "- %s: %d\n", _("Horizon (years)"), r->horizon);
	fprintf(f, "- %s: %d\n", _("Course length (years)"), c->course_years);
	fprintf(f, "- %s: %s\n", _("Participants"),
		soem_num_format(r->participants, 0, rp->conv, b, sizeof b));
	fprintf(f, "- %s: %s\n", _("Success rate"),
		share_pct(rp, r->success_rate, b, sizeof b));
	if (c->effect.has_p1)
		fprintf(f, "- %s: %s, %s: %s\n", _("Success with the intervention (p1)"),
			share_pct(rp, c->effect.p1.value, b, sizeof b),
			_("without (p0)"),
			share_pct(rp, c->effect.has_p0 ? c->effect.p0.value : 0,
				  b2, sizeof b2));
	if (soem_report_experiment_line(rp, line, sizeof line)) {
		fputs("- ", f);
		md_text(f, line);
		fputs("\n", f);
	}
	if (c->effect.source_note) {
		fprintf(f, "- %s: ", _("Source of the effect"));
		md_text(f, c->effect.source_note);
		if (c->effect.evidence_level)
			fprintf(f, " (%s %d)", _("evidence level"),
				c->effect.evidence_level);
		fputs("\n", f);
	}
	fputs("\n", f);

	fprintf(f, "## %s\n\n", _("Net budget effect per year"));
	md_header(rp, f, _("Year"));
	for (int t = 1; t <= r->horizon; t++) {
		year_label(rp, t, b2, sizeof b2);
		md_row(rp, f, b2, r->net + (size_t)(t - 1) * (P + 1), false);
	}
	fputs("\n", f);
	if (soem_report_assumption_note(rp, line, sizeof line)) {
		md_text(f, line);
		fputs("\n\n", f);
	}

	fprintf(f, "## %s\n\n", _("Totals"));
	md_header(rp, f, "");
	md_row(rp, f, _("Costs"), r->tot_costs, false);
	md_row(rp, f, _("Effects (consequences)"), r->tot_effects, false);
	md_row(rp, f, _("Net result (not discounted)"), r->tot_net, false);
	md_row(rp, f, _("Present value of net"), r->pv_net, false);
	if (soem_report_zero_note(rp, line, sizeof line)) {
		fputs("| ", f);
		md_text(f, line);
		for (size_t p = 0; p <= P + 1; p++)
			fputs(" |", f);
		fputs("\n", f);
	}
	md_row(rp, f, _("Net per participant"), r->per_participant, false);
	md_row(rp, f, _("Return per krone"), r->return_per_krone, true);
	fprintf(f, "| %s", _("Break-even year"));
	for (size_t p = 0; p <= P; p++)
		fprintf(f, " | %s", be_year(rp, r->break_even[p], b, sizeof b));
	fputs(" |\n\n", f);
	md_text(f, soem_report_break_even_line(rp, line, sizeof line));
	fputs("\n\n", f);

	if (r->nservices) {
		fprintf(f, "## %s\n\n", _("Effects by service (not discounted)"));
		md_header(rp, f, _("Service"));
		for (size_t i = 0; i < r->nservices; i++) {
			char label[512];
			snprintf(label, sizeof label, "%s%s", service_name(rp, i),
				 service_illustrative(rp, i) ? " (i)" : "");
			md_row(rp, f, label, r->by_service + i * (P + 1), false);
		}
		fputs("\n", f);
	}
	if (rp->unc)
		md_uncertainty(rp, f);
	const char *ill = illustrative_note(rp);
	if (ill)
		fprintf(f, "%s\n\n", ill);
	if (c->nnotes) {
		fprintf(f, "## %s\n\n", _("Assumptions"));
		for (size_t i = 0; i < c->nnotes; i++) {
			fputs("- **", f);
			md_text(f, c->notes[i].key);
			fputs("**: ", f);
			md_text(f, c->notes[i].text);
			fputs("\n", f);
		}
		fputs("\n", f);
	}
	return finish(f, &mem, &memlen, buf, len, err);
}
