/* report_design.c - `soem design` as text or Markdown: every number with
 * one sentence saying what it means to someone who is not a statistician.
 * Numbers follow the language's convention; shares are shown as
 * percentages with one decimal, sizes with two decimals (unrounded) or
 * none (rounded). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "util/i18n.h"
#include "util/textsafe.h"

#define B SOEM_NUM_BUFSIZE

typedef struct dtx {
	FILE *f;
	enum soem_numconv conv;
	bool md;
} dtx;

/* v with at most d decimals, trailing zeros dropped (0.05, 5, 2.5). */
static const char *trim(const dtx *x, double v, int d, char *b)
{
	char mark = x->conv == SOEM_NUM_EN ? '.' : ',';
	char *m;
	size_t l;

	soem_num_format(v, d, x->conv, b, B - 3);
	m = strrchr(b, mark);
	if (d > 0 && m) {
		l = strlen(b);
		while (l > 0 && b[l - 1] == '0')
			b[--l] = '\0';
		if (b + l - 1 == m)
			*m = '\0';
	}
	return b;
}

static const char *pct(const dtx *x, double v, char *b)
{
	size_t l;

	soem_num_format(v * 100, 1, x->conv, b, B - 3);
	l = strlen(b);
	memcpy(b + l, " %", 3);
	return b;
}

/* A level or a share that is usually round: 95 %, 97.5 %. */
static const char *pct_trim(const dtx *x, double v, char *b)
{
	size_t l;

	trim(x, v * 100, 2, b);
	l = strlen(b);
	memcpy(b + l, " %", 3);
	return b;
}

static const char *points(const dtx *x, double v, char *b)
{
	return soem_num_format(v * 100, 1, x->conv, b, B);
}

static const char *dec(const dtx *x, double v, int d, char *b)
{
	return soem_num_format(v, d, x->conv, b, B);
}

/* One number: its label line, then the sentence. */
static void item(const dtx *x, const char *label, const char *sentence)
{
	if (x->md)
		fprintf(x->f, "- **%s**: %s\n", label, sentence);
	else
		fprintf(x->f, "%s\n    %s\n", label, sentence);
}

static void heading(const dtx *x, const char *title)
{
	if (x->md)
		fprintf(x->f, "## %s\n\n", title);
	else
		fprintf(x->f, "%s\n\n", title);
}

static void design_inputs(const dtx *x, const soem_design_in *in,
			  const soem_design_out *ds)
{
	char l[1024], s[1024], b1[B], b2[B];

	snprintf(l, sizeof l, "p0 = %s", pct(x, in->p0, b1));
	item(x, l, _("The share expected to reach the effect measure without the intervention, in the control group."));
	if (in->problem == SOEM_DESIGN_P1) {
		if (isfinite(ds->p1)) {
			snprintf(l, sizeof l, "p1 = %s (%s)", pct(x, ds->p1, b1),
				 _("computed"));
			snprintf(s, sizeof s,
				 _("The smallest share with the intervention that this experiment can show with the power asked for: a difference of at least %s percentage points."),
				 points(x, ds->p1 - in->p0, b2));
		} else {
			snprintf(l, sizeof l, "p1 = %s", _("none"));
			snprintf(s, sizeof s, "%s",
				 _("Even if everyone with the intervention reached the effect measure, this experiment would not show it with the power asked for: it needs more people."));
		}
	} else {
		snprintf(l, sizeof l, "p1 = %s", pct(x, in->p1, b1));
		snprintf(s, sizeof s,
			 _("The share expected with the intervention: the experiment is planned around a difference of %s percentage points."),
			 points(x, in->p1 - in->p0, b2));
	}
	item(x, l, s);
	snprintf(l, sizeof l, "%s = %s", _("Significance level (two-sided)"),
		 trim(x, in->alpha, 6, b1));
	snprintf(s, sizeof s,
		 _("The risk of declaring an effect when there is none: %s in 100 experiments."),
		 trim(x, in->alpha * 100, 4, b2));
	item(x, l, s);
	if (in->problem == SOEM_DESIGN_POWER) {
		snprintf(l, sizeof l, "%s = %s (%s)", _("Power"),
			 pct(x, ds->power, b1), _("computed"));
		snprintf(s, sizeof s,
			 _("If the difference is real, about %s of 100 such experiments would show it; the rest would miss it."),
			 dec(x, ds->power * 100, 0, b2));
	} else {
		snprintf(l, sizeof l, "%s = %s", _("Power"),
			 pct(x, in->power, b1));
		snprintf(s, sizeof s,
			 _("If the difference is real, %s of 100 such experiments would show it."),
			 trim(x, in->power * 100, 2, b2));
	}
	item(x, l, s);
	snprintf(l, sizeof l, "%s = %s", _("Allocation (treated per control)"),
		 trim(x, in->ratio, 4, b1));
	item(x, l, _("How many people are randomised to the intervention for each one randomised to the control group (the waiting list)."));
	if (in->cc)
		item(x, _("Continuity correction: on"),
		     _("The sizes are made a little larger to make up for counting whole people (Fleiss)."));
}

static void design_sizes(const dtx *x, const soem_design_in *in,
			 const soem_design_out *ds)
{
	char l[1024], s[1024], b1[B], b2[B], b3[B];

	snprintf(l, sizeof l, "%s = %s / %s", _("Per group, unrounded (control / treated)"),
		 dec(x, ds->n_control, 2, b1), dec(x, ds->n_treatment, 2, b2));
	item(x, l, in->problem == SOEM_DESIGN_SIZE
			   ? _("The people whose outcome must be measured in each group for the power asked for, before the design effect and drop-out.")
			   : _("The people whose outcome is measured in each group, as given."));
	snprintf(l, sizeof l, "%s = %ld / %ld", _("Per group, rounded up (control / treated)"),
		 ds->group_control, ds->group_treatment);
	snprintf(s, sizeof s,
		 _("Whole people with a measured outcome after the design effect of %s (1 when individuals are randomised)."),
		 trim(x, in->deff, 4, b1));
	item(x, l, s);
	snprintf(l, sizeof l, "%s = %ld + %ld = %ld", _("To enrol"),
		 ds->enrol_control, ds->enrol_treatment, ds->enrol_total);
	if (in->attrition > 0)
		snprintf(s, sizeof s,
			 _("How many people to randomise so that enough outcomes remain when %s of them drop out."),
			 pct_trim(x, in->attrition, b3));
	else
		snprintf(s, sizeof s, "%s",
			 _("How many people to randomise, with no one expected to drop out (give --attrition if some will)."));
	item(x, l, s);
}

static void design_recruitment(const dtx *x, const soem_design_in *in,
			       const soem_design_out *ds)
{
	char l[1024], s[1024], b1[B], b2[B];

	if (ds->has_months) {
		if (ds->months >= 0) {
			snprintf(l, sizeof l, "%s = %ld", _("Months of recruitment"),
				 ds->months);
			snprintf(s, sizeof s,
				 _("With the sites' yearly inflow, consent and start delays (inflow scaled by %s), it takes %ld months to randomise %ld people."),
				 trim(x, in->inflow_scale, 4, b1), ds->months,
				 ds->enrol_total);
		} else {
			snprintf(l, sizeof l, "%s = %s", _("Months of recruitment"),
				 _("never"));
			snprintf(s, sizeof s, "%s",
				 _("The sites have no inflow of people who consent, so the experiment never gets its people."));
		}
		item(x, l, s);
	}
	if (!ds->site_months)
		return;
	for (size_t i = 0; i < in->nsites; i++) {
		if (isfinite(ds->site_months[i])) {
			snprintf(l, sizeof l, "%s: %s %s", soem_term_tmp(in->sites[i].name),
				 dec(x, ds->site_months[i], 2, b1),
				 _("months"));
			snprintf(s, sizeof s,
				 _("The time this site needs, from the start and including its delay, to randomise its own minimum of %s people."),
				 trim(x, in->site_min, 2, b2));
		} else {
			snprintf(l, sizeof l, "%s: %s", soem_term_tmp(in->sites[i].name),
				 _("never"));
			snprintf(s, sizeof s, "%s",
				 _("This site has no inflow of people who consent, so it never reaches the minimum."));
		}
		item(x, l, s);
	}
}

static void design_subgroups(const dtx *x, const soem_design_in *in,
			     const soem_design_out *ds)
{
	char l[1024], s[1024], b1[B], b2[B], b3[B];

	for (size_t i = 0; i < in->nsub; i++) {
		double p = ds->sub_p1[i];

		if (isfinite(p)) {
			snprintf(l, sizeof l, _("Subgroup of %s: detectable p1 = %s"),
				 pct_trim(x, in->sub[i], b1), pct(x, p, b2));
			snprintf(s, sizeof s,
				 _("In a subgroup holding %s of the people, only an effect of at least %s percentage points can be shown with the same power; smaller effects in it cannot be told from chance."),
				 pct_trim(x, in->sub[i], b1),
				 points(x, p - in->p0, b3));
		} else {
			snprintf(l, sizeof l, _("Subgroup of %s: detectable p1 = %s"),
				 pct_trim(x, in->sub[i], b1), _("none"));
			snprintf(s, sizeof s,
				 _("A subgroup holding %s of the people is too small to show any effect with this power: do not read effects in it as results."),
				 pct_trim(x, in->sub[i], b1));
		}
		item(x, l, s);
	}
}

static void design_ci(const dtx *x, const soem_design_in *in,
		      const soem_design_out *ds)
{
	char l[1024], s[1024], b1[B], b2[B], b3[B], b4[B];

	snprintf(l, sizeof l, _("Observed: %ld of %ld treated (%s), %ld of %ld controls (%s)"),
		 in->x_t, in->n_t, pct(x, ds->p1_obs, b1), in->x_c, in->n_c,
		 pct(x, ds->p0_obs, b2));
	item(x, l, _("The shares that reached the effect measure in the experiment's two groups."));
	snprintf(l, sizeof l, _("Difference = %s percentage points, %s interval %s to %s"),
		 points(x, ds->diff, b1), pct_trim(x, in->level, b2),
		 points(x, ds->ci_low, b3), points(x, ds->ci_high, b4));
	if (ds->ci_low <= 0 && ds->ci_high >= 0)
		snprintf(s, sizeof s, "%s",
			 _("The interval contains 0: the experiment cannot tell the effect from zero (Newcombe's interval)."));
	else
		snprintf(s, sizeof s,
			 _("The true difference most likely lies in this interval (%s confidence, Newcombe's interval); it does not contain 0, so chance alone is an unlikely explanation."),
			 pct_trim(x, in->level, b2));
	item(x, l, s);
}

int soem_design_text(const soem_design_in *in, const soem_design_out *ds,
		     enum soem_numconv conv, bool markdown, char **buf,
		     size_t *len, soem_err *err)
{
	char *mem = NULL;
	size_t memlen = 0;
	FILE *f = open_memstream(&mem, &memlen);
	dtx x = { .f = f, .conv = conv, .md = markdown };

	if (!f)
		return soem_err_set(err, SOEM_EX_IOERR, _("out of memory"));
	if (markdown)
		fprintf(f, "# %s\n\n", _("Evaluation design"));
	if (in->problem != SOEM_DESIGN_NONE) {
		static const char *const titles[] = {
			NULL, N_("Sample size for an experiment with two groups"),
			N_("Power of an experiment with two groups"),
			N_("Smallest effect an experiment with two groups can show"),
		};
		heading(&x, gettext(titles[in->problem]));
		design_inputs(&x, in, ds);
		design_sizes(&x, in, ds);
		design_recruitment(&x, in, ds);
		design_subgroups(&x, in, ds);
		fputc('\n', f);
	} else if (in->nsites && ds->site_months) {
		heading(&x, _("Recruitment"));
		design_recruitment(&x, in, ds);
		fputc('\n', f);
	}
	if (in->has_counts) {
		heading(&x, _("An experiment's result"));
		design_ci(&x, in, ds);
		fputc('\n', f);
	}
	if (fclose(f) != 0) {
		free(mem);
		return soem_err_set(err, SOEM_EX_IOERR,
				    _("could not build the report"));
	}
	*buf = mem;
	*len = memlen;
	return 0;
}
