/* text.c - the plain-text report of `soem calc` (SPEC §4): tables in
 * fixed-width columns for a terminal, in the language's number
 * convention with whole currency units.  Text from files passes the
 * terminal sink (util/textsafe) per field.  The content's phrases come
 * from doc.c.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/doc.h"
#include "report/out.h"
#include "report/report.h"
#include "model/illustrative.h"
#include "model/uncertainty.h"
#include "util/i18n.h"
#include "util/textsafe.h"
#include "util/xalloc.h"

#define LABEL_MIN 30
#define LABEL_MAX 44
/* The width of the label column: the widest service name, within
 * LABEL_MIN..LABEL_MAX characters. */
static int label_width_of(const soem_report *rp)
{
	const soem_result *r = rp->res;
	int lw = LABEL_MIN;
	for (size_t i = 0; i < r->nservices; i++) {
		int w = rpt_utf8_chars(rdoc_service(rp, i));
		if (w > lw)
			lw = w < LABEL_MAX ? w : LABEL_MAX;
	}
	/* a taxed transfer's rows say "(net of tax)", "tax back" after
	 * the name: room for those words too (SPEC §2.9) */
	for (size_t i = 0; r->svc_taxed && i < r->nservices; i++) {
		char l[512];
		int w;

		if (!r->svc_taxed[i])
			continue;
		snprintf(l, sizeof l, "%s%s", rdoc_service(rp, i),
			 _(" (net of tax)"));
		w = rpt_utf8_chars(l);
		snprintf(l, sizeof l, _("%s: tax back"), rdoc_service(rp, i));
		if (rpt_utf8_chars(l) > w)
			w = rpt_utf8_chars(l);
		if (w > lw)
			lw = w < LABEL_MAX + 16 ? w : LABEL_MAX + 16;
	}
	return lw;
}

static void text_table(const soem_report *rp, FILE *f, const char *title,
		       const double *table)
{
	const soem_result *r = rp->res;
	size_t P = r->npayers;
	char b[SOEM_NUM_BUFSIZE];
	/* the heading names the profile's currency: through the sink */
	fprintf(f, "%s\n", soem_term_tmp(title));
	rpt_cell(f, _("Year"), 6, true);
	for (size_t p = 0; p <= P; p++) {
		fputc(' ', f);
		rpt_cell(f, rdoc_payer(rp, p), 16, false);
	}
	fputc('\n', f);
	for (int t = 1; t <= r->horizon; t++) {
		rpt_cell(f, rdoc_year_label(rp, t, b, sizeof b), 6, true);
		for (size_t p = 0; p <= P; p++) {
			fputc(' ', f);
			rpt_cell(f, rdoc_money(rp, table[(size_t)(t - 1) * (P + 1) + p],
				      b, sizeof b),
			     16, false);
		}
		fputc('\n', f);
	}
	fputc('\n', f);
}

static void text_row(const soem_report *rp, FILE *f, int lw,
		     const char *label, const double *row, bool is_ratio)
{
	char b[SOEM_NUM_BUFSIZE];
	rpt_cell(f, label, lw, true);
	for (size_t p = 0; p <= rp->res->npayers; p++) {
		fputc(' ', f);
		rpt_cell(f, is_ratio ? rdoc_ratio(rp, row[p], b, sizeof b)
				 : rdoc_money(rp, row[p], b, sizeof b),
		     16, false);
	}
	fputc('\n', f);
}

static void text_share_row(const soem_report *rp, FILE *f, int lw,
			   const char *label, const double *row)
{
	char b[SOEM_NUM_BUFSIZE];

	rpt_cell(f, label, lw, true);
	for (size_t p = 0; p <= rp->res->npayers; p++) {
		fputc(' ', f);
		rpt_cell(f, rdoc_share(rp, row[p], b, sizeof b), 16, false);
	}
	fputc('\n', f);
}

/* The payers' names over a table with a label column of width lw. */
static void payer_header(const soem_report *rp, FILE *f, int lw)
{
	rpt_cell(f, "", lw, true);
	for (size_t p = 0; p <= rp->res->npayers; p++) {
		fputc(' ', f);
		rpt_cell(f, rdoc_payer(rp, p), 16, false);
	}
	fputc('\n', f);
}

/* One row per group (SPEC §2.9): participants, success rate,
 * successes, effects and their present value for all payers. */
static void text_group_item(void *ctx, const char *label, const char *value)
{
	FILE *f = ctx;

	fprintf(f, "  %s: ", soem_term_tmp(label));
	fprintf(f, "%s\n", soem_term_tmp(value));
}

/* SPEC §2.9: each group's own inputs, as in Markdown and HTML. */
static void text_group_inputs(const soem_report *rp, FILE *f)
{
	const soem_calc *c = rp->calc;
	char hb[512];

	for (size_t g = 0; g < c->ngroups; g++) {
		snprintf(hb, sizeof hb, _("Inputs of the group %s"),
			 c->groups[g].name ? c->groups[g].name : "");
		fprintf(f, "\n%s\n", soem_term_tmp(hb));
		rdoc_group_inputs(rp, g, text_group_item, f);
	}
}

static void text_groups(const soem_report *rp, FILE *f, int lw)
{
	const soem_result *r = rp->res;
	size_t w = r->npayers + 1;
	char hb[512], b[SOEM_NUM_BUFSIZE];
	static const char *const head[] = {
		N_("Participants"), N_("Success rate"), N_("Successes"),
		N_("Effects (not discounted)"), N_("Present value of effects")
	};

	fprintf(f, "\n%s\n",
		soem_term_tmp(rdoc_at_prices(rp, _("Groups"), hb, sizeof hb)));
	rpt_cell(f, _("Group"), lw, true);
	for (size_t k = 0; k < 5; k++) {
		fputc(' ', f);
		rpt_cell(f, _(head[k]), k < 3 ? 12 : 24, false);
	}
	fputc('\n', f);
	for (size_t g = 0; g < r->ngroups; g++) {
		rpt_cell(f, rdoc_group_name(rp, g), lw, true);
		fputc(' ', f);
		rpt_cell(f, soem_num_format(r->grp_participants[g], 0, rp->conv,
					    b, sizeof b), 12, false);
		fputc(' ', f);
		rpt_cell(f, rdoc_share(rp, r->grp_s[g], b, sizeof b), 12, false);
		fputc(' ', f);
		rpt_cell(f, soem_num_format(r->grp_successes[g], 1, rp->conv, b,
					    sizeof b), 12, false);
		fputc(' ', f);
		rpt_cell(f, rdoc_money(rp, r->grp_effects[g * w + r->npayers],
				       b, sizeof b), 24, false);
		fputc(' ', f);
		rpt_cell(f, rdoc_money(rp, r->grp_pv_effects[g * w + r->npayers],
				       b, sizeof b), 24, false);
		fputc('\n', f);
	}
}

/* The tornado as a table, and the Monte Carlo (SPEC §2.7). */
static void text_uncertainty(const soem_report *rp, FILE *f, int lw)
{
	const soem_unc *u = rp->unc;
	char b[SOEM_NUM_BUFSIZE];

	if (u->sens.n) {
		fprintf(f, "\n%s\n",
			_("Sensitivity: present value of the net (total) with one input at its low and at its high, the largest swing first"));
		static const struct {
			const char *label;
			int width;
		} head[] = {{N_("Input"), 40},	  {N_("Low"), 12},
			    {N_("High"), 12},	  {N_("PV at low"), 16},
			    {N_("PV at high"), 16}, {N_("Swing"), 16}};

		for (size_t k = 0; k < sizeof head / sizeof head[0]; k++) {
			if (k)
				fputc(' ', f);
			rpt_cell(f, _(head[k].label), head[k].width, k == 0);
		}
		fputc('\n', f);
		for (size_t i = 0; i < u->sens.n; i++) {
			const soem_sens_row *r = &u->sens.row[i];

			rpt_cell(f, u->inputs.in[r->input].name, 40, true);
			fputc(' ', f);
			rpt_cell(f, rdoc_input(rp, r->low, b, sizeof b), 12,
			     false);
			fputc(' ', f);
			rpt_cell(f, rdoc_input(rp, r->high, b, sizeof b), 12,
			     false);
			fputc(' ', f);
			rpt_cell(f, rdoc_money(rp, r->pv_low, b, sizeof b), 16, false);
			fputc(' ', f);
			rpt_cell(f, rdoc_money(rp, r->pv_high, b, sizeof b), 16, false);
			fputc(' ', f);
			rpt_cell(f, rdoc_money(rp, fabs(r->pv_high - r->pv_low), b,
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
		rpt_cell(f, "", lw, true);
		for (size_t p = 0; p <= rp->res->npayers; p++) {
			fputc(' ', f);
			rpt_cell(f, rdoc_payer(rp, p), 16, false);
		}
		fputc('\n', f);
		text_row(rp, f, lw, _("Mean"), u->mc.mean, false);
		text_row(rp, f, lw, _("5th percentile"), u->mc.p5, false);
		text_row(rp, f, lw, _("Median"), u->mc.p50, false);
		text_row(rp, f, lw, _("95th percentile"), u->mc.p95, false);
		text_share_row(rp, f, lw, _("Share of draws with net > 0"),
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
	char b[SOEM_NUM_BUFSIZE], b2[SOEM_NUM_BUFSIZE], line[2048], hb[512];

	int lw = label_width_of(rp);
	/* every text from a file goes through the terminal sink */
	fprintf(f, "%s\n", soem_term_tmp(rdoc_intervention(rp)));
	fprintf(f, _("Profile: %s (%s), prices in %s at %d prices\n"),
		soem_term_tmp(soem_text_get(&kb->name, rdoc_lang(rp),
					    kb->language)),
		soem_term_tmp(kb->version), soem_term_tmp(kb->currency),
		rdoc_price_level(rp));
	fprintf(f, _("Horizon: %d years; participants: %s; success rate: %s\n\n"),
		r->horizon, soem_num_format(r->participants, 0, rp->conv, b,
					    sizeof b),
		r->ngroups ? _("per group (see the table of groups)")
			   : rdoc_share(rp, r->success_rate, b2, sizeof b2));
	if (soem_report_experiment_line(rp, line, sizeof line))
		fprintf(f, "%s\n\n", line);

	text_table(rp, f, rdoc_at_prices(rp, _("Net budget effect per year (not discounted)"),
					 hb, sizeof hb),
		   r->net);
	text_table(rp, f, rdoc_at_prices(rp, _("Cumulative discounted net per year"),
					 hb, sizeof hb),
		   r->cum_disc);
	if (soem_report_assumption_note(rp, line, sizeof line))
		fprintf(f, "%s\n\n", line);

	fprintf(f, "%s\n",
		soem_term_tmp(rdoc_at_prices(rp, _("Totals over the horizon"),
					     hb, sizeof hb)));
	payer_header(rp, f, lw);
	text_row(rp, f, lw, _("Costs"), r->tot_costs, false);
	text_row(rp, f, lw, _("Effects (consequences)"), r->tot_effects, false);
	text_row(rp, f, lw, _("Net result (not discounted)"), r->tot_net, false);
	text_row(rp, f, lw, _("Present value of costs"), r->pv_costs, false);
	text_row(rp, f, lw, _("Present value of effects"), r->pv_effects, false);
	text_row(rp, f, lw, _("Present value of net"), r->pv_net, false);
	if (soem_report_zero_note(rp, line, sizeof line))
		fprintf(f, "  ! %s\n", line);
	text_row(rp, f, lw, _("Net per participant"), r->per_participant, false);
	if (r->successes > 0)
		text_row(rp, f, lw, _("Net per success"), r->per_success, false);
	if (r->has_completion) {
		/* on the heap: a profile may have many payers */
		double *cp[2] = { xcalloc(P + 1, sizeof(double)),
				  xcalloc(P + 1, sizeof(double)) };

		for (size_t p = 0; p <= P; p++) {
			cp[0][p] = rdoc_cost_per(rp, p, false);
			cp[1][p] = rdoc_cost_per(rp, p, true);
		}
		text_row(rp, f, lw, _("Net per completer"), r->per_completer,
			 false);
		text_row(rp, f, lw, _("Cost per participant"), cp[0], false);
		text_row(rp, f, lw, _("Cost per completer"), cp[1], false);
		free(cp[0]);
		free(cp[1]);
	}
	text_row(rp, f, lw, _("Return per krone"), r->return_per_krone, true);
	rpt_cell(f, _("Break-even year"), lw, true);
	for (size_t p = 0; p <= P; p++) {
		fputc(' ', f);
		rpt_cell(f, rdoc_be_year(rp, r->break_even[p], b, sizeof b), 16, false);
	}
	fputc('\n', f);
	fprintf(f, "\n%s\n",
		soem_report_break_even_line(rp, line, sizeof line));
	if (soem_report_bep_line(rp, line, sizeof line))
		fprintf(f, "%s\n", line);

	if (r->nat) {
		char lb[128], l2[192];

		fprintf(f, "\n%s\n",
			soem_term_tmp(rdoc_at_years_title(rp, hb, sizeof hb)));
		payer_header(rp, f, lw);
		for (size_t i = 0; i < r->nat; i++)
			text_row(rp, f, lw,
				 rdoc_after_label(r->at_year[i], lb, sizeof lb),
				 r->at_net + i * (P + 1), false);
		for (size_t i = 0; i < r->nat; i++) {
			snprintf(l2, sizeof l2, _("%s, discounted"),
				 rdoc_after_label(r->at_year[i], lb, sizeof lb));
			text_row(rp, f, lw, l2, r->at_net_disc + i * (P + 1),
				 false);
		}
		if (rdoc_after_line(rp, rdoc_quoted_year(rp), line,
				    sizeof line))
			fprintf(f, "%s\n", line);
	}

	if (r->ngroups)
		text_groups(rp, f, lw);
	/* issue 16: how much of the value rests on made-up figures */
	if (soem_report_illustrative_line(rp, line, sizeof line))
		fprintf(f, "%s\n", line);
	if (rp->calc->ngroups)
		text_group_inputs(rp, f);

	if (r->nservices) {
		fprintf(f, "\n%s\n",
			soem_term_tmp(rdoc_at_prices(rp, _("Effects by service (not discounted)"),
						     hb, sizeof hb)));
		/* SPEC §2.9: a service once, summed over the groups */
		soem_svc_totals st;
		soem_report_svc_totals(rp, &st);
		for (size_t e = 0; e < st.n; e++) {
			size_t i = st.first[e];
			bool taxed = st.taxed[e];
			char label[512];

			snprintf(label, sizeof label, "%s%s",
				 rdoc_service(rp, i),
				 taxed ? _(" (net of tax)") : "");
			text_row(rp, f, lw, label, st.effects + e * (P + 1),
				 false);
			if (!taxed)
				continue;
			snprintf(label, sizeof label, _("%s: gross"),
				 rdoc_service(rp, i));
			text_row(rp, f, lw, label, st.gross + e * (P + 1),
				 false);
			snprintf(label, sizeof label, _("%s: tax back"),
				 rdoc_service(rp, i));
			text_row(rp, f, lw, label, st.tax + e * (P + 1), false);
		}
		soem_report_svc_totals_free(&st);
	}
	if (rp->unc)
		text_uncertainty(rp, f, lw);
	return rpt_finish(f, &mem, &memlen, buf, len, err);
}

