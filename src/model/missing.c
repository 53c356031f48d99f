/* missing.c - see missing.h */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/calc_edit.h"
#include "model/missing.h"
#include "model/problem.h"
#include "util/i18n.h"

static const char *const step_names[SOEM_STEP_COUNT] = {
	"intervention", "target", "effect", "costs", "consequences", "prices",
	"results",
};

const char *soem_step_name(enum soem_step s)
{
	return (unsigned)s < SOEM_STEP_COUNT ? step_names[s] : "";
}

int soem_step_parse(const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; i < SOEM_STEP_COUNT; i++)
		if (strcmp(name, step_names[i]) == 0)
			return i;
	return -1;
}

__attribute__((format(printf, 4, 5))) static void
add(soem_issues *out, enum soem_step s, enum soem_issue_kind k,
    const char *fmt, ...)
{
	if (out->n >= SOEM_ISSUES_MAX)
		return;
	soem_issue *is = &out->v[out->n++];
	is->step = s;
	is->kind = k;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(is->msg, sizeof is->msg, fmt, ap);
	va_end(ap);
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n')
			return false;
	return true;
}

static void intake(const soem_calc *c, soem_issues *out)
{
	const enum soem_step S = SOEM_STEP_INTERVENTION;
	if (soem_calc_participants(c) <= 0)
		add(out, S, SOEM_ISSUE_MISSING, "%s",
		    _("no participants: enter how many start in each year"));
	for (size_t i = 0; i < c->nintake; i++)
		if (c->intake[i].year < 1 || c->intake[i].year > c->horizon)
			add(out, S, SOEM_ISSUE_MISSING,
			    _("intake year %d lies outside the horizon (1 to %d)"),
			    c->intake[i].year, c->horizon);
}

static void intervention(const soem_calc *c, soem_issues *out)
{
	const enum soem_step S = SOEM_STEP_INTERVENTION;
	if (blank(c->intervention.name))
		add(out, S, SOEM_ISSUE_MISSING, "%s",
		    _("the intervention has no name"));
	if (!c->ngroups)
		intake(c, out);
	if (soem_calc_sched_needs_start(c, NULL))
		add(out, S, SOEM_ISSUE_MISSING, "%s",
		    _("no start year, and a price schedule needs it (the calendar year of year 1)"));
	else if (!c->intervention.start_year)
		add(out, S, SOEM_ISSUE_WARNING, "%s",
		    _("no start year (the calendar year of year 1)"));
	if (blank(c->intervention.usual_practice))
		add(out, S, SOEM_ISSUE_WARNING, "%s",
		    _("the usual practice it replaces is not described"));
}

static void target(const soem_calc *c, const soem_kb *kb, soem_issues *out)
{
	const enum soem_step S = SOEM_STEP_TARGET;
	if (!c->has_target_group ||
	    (!c->target_group.kb && blank(c->target_group.custom)))
		add(out, S, SOEM_ISSUE_MISSING, "%s",
		    _("no target group: choose one or define your own"));
	else if (c->target_group.kb && !soem_calc_kb_group(c, kb))
		add(out, S, SOEM_ISSUE_MISSING,
		    _("the target group '%s' is not in profile %s"),
		    c->target_group.kb, kb->id);
}

static void effect(const soem_calc *c, const soem_kb *kb, soem_issues *out)
{
	const enum soem_step S = SOEM_STEP_EFFECT;
	const soem_effect *e = &c->effect;
	if (!e->has_measure ||
	    (!e->measure.kb && blank(e->measure.custom)))
		add(out, S, SOEM_ISSUE_MISSING, "%s",
		    _("no effect measure: choose the target group's success measure or name your own"));
	else if (e->measure.kb && soem_calc_kb_group(c, kb) &&
		 !soem_calc_kb_measure(c, kb))
		add(out, S, SOEM_ISSUE_MISSING,
		    _("'%s' is not a success measure of the chosen target group"),
		    e->measure.kb);
	double s;
	if (!soem_calc_success_rate(c, &s)) {
		add(out, S, SOEM_ISSUE_MISSING, "%s",
		    _("no effect: enter p1 and p0 (or the success rate s)"));
	} else {
		if (e->has_p1 && !e->has_p0 && !e->experiment.present)
			add(out, S, SOEM_ISSUE_WARNING, "%s",
			    _("p0 is not given: 0 is assumed, so every success counts as the intervention's"));
		if (s < 0)
			add(out, S, SOEM_ISSUE_WARNING, "%s",
			    _("s = p1 - p0 is negative: the intervention does worse than the usual practice"));
		else if (s == 0)
			add(out, S, SOEM_ISSUE_WARNING, "%s",
			    _("s = p1 - p0 is 0: the consequences change nothing"));
	}
	if (!e->has_source || e->source_kind == SOEM_SRC_NONE)
		add(out, S, SOEM_ISSUE_WARNING, "%s",
		    _("say where the effect comes from (study, own evaluation, estimate, scenario)"));
}

static void costs(const soem_calc *c, const soem_kb *kb, soem_issues *out)
{
	const enum soem_step S = SOEM_STEP_COSTS;
	if (c->ncosts == 0) {
		add(out, S, SOEM_ISSUE_MISSING, "%s",
		    _("no costs: add what the intervention costs"));
		return;
	}
	bool any = false;
	for (size_t i = 0; i < c->ncosts; i++) {
		const soem_cost_item *ci = &c->costs[i];
		if (!ci->payer ||
		    (soem_kb_payer_index(kb, ci->payer) == SOEM_NPOS &&
		     soem_kb_payer_group_index(kb, ci->payer) == SOEM_NPOS))
			add(out, S, SOEM_ISSUE_MISSING,
			    _("cost item %zu has no payer of profile %s"),
			    i + 1, kb->id);
		if (blank(ci->name))
			add(out, S, SOEM_ISSUE_WARNING,
			    _("cost item %zu has no name"), i + 1);
		if (ci->amount.value != 0)
			any = true;
	}
	if (!any)
		add(out, S, SOEM_ISSUE_MISSING, "%s",
		    _("every cost item has the amount 0"));
}

static bool all_zero(const soem_consequence *q)
{
	for (size_t j = 0; j < q->nyears; j++)
		if (q->years[j].value != 0)
			return false;
	return !q->has_during || q->during.value == 0;
}

/* The database's own estimate for the row is 0 in every year: a row of
 * zeros is then its finding, not a value forgotten (issue 14: `s` must not
 * be followed by "every value is 0" for the database's own values). */
static bool kb_says_zero(const soem_calc *c, const soem_kb *kb,
			 const soem_consequence *q)
{
	if (q->custom || !kb || !q->service)
		return false;
	size_t k = soem_kb_service_index(kb, q->service);
	const soem_kb_consequence *e =
		k == SOEM_NPOS ? NULL : soem_calc_estimate(c, kb, k);
	if (!e)
		return false;
	for (size_t j = 0; j < e->nyears; j++)
		if (e->years[j] != 0)
			return false;
	return true;
}

static void consequences(const soem_calc *c, const soem_kb *kb,
			 const char *lang, soem_issues *out)
{
	const enum soem_step S = SOEM_STEP_CONSEQUENCES;
	size_t used = 0;
	for (size_t i = 0; i < c->ncons; i++) {
		const soem_consequence *q = &c->cons[i];
		if (!q->enabled)
			continue;
		used++;
		if (all_zero(q) && !kb_says_zero(c, kb, q))
			add(out, S, SOEM_ISSUE_WARNING,
			    _("%s: every value is 0"),
			    soem_calc_cons_name(c, kb, i, lang));
	}
	if (used == 0)
		add(out, S, SOEM_ISSUE_MISSING, "%s",
		    _("no consequences in use: add the database's estimates or enter your own"));
	if (c->has_target_group && c->target_group.kb &&
	    (!c->match.present || c->match.target_group == SOEM_MATCH_UNSET ||
	     c->match.effect_measure == SOEM_MATCH_UNSET))
		add(out, S, SOEM_ISSUE_WARNING, "%s",
		    _("say how well your target group and effect measure match the database's"));
}

static void prices(const soem_calc *c, const soem_kb *kb, soem_issues *out)
{
	const enum soem_step S = SOEM_STEP_PRICES;
	const char *sched = NULL;
	if (soem_calc_sched_needs_start(c, &sched))
		add(out, S, SOEM_ISSUE_MISSING,
		    _("the price schedule of '%s' needs the start year: give it on step 1"),
		    sched ? sched : "");
	size_t ncons;
	soem_consequence *all = soem_calc_all_cons(c, &ncons);
	for (size_t i = 0; i < ncons; i++) {
		const soem_consequence *q = &all[i];
		if (!q->enabled || !q->custom)
			continue;
		bool any = false;
		for (size_t p = 0; p < kb->npayers; p++) {
			double v;
			if (soem_calc_price(c, kb, q->service, p, &v, NULL,
					    NULL) &&
			    v != 0)
				any = true;
		}
		if (!any)
			add(out, S, SOEM_ISSUE_MISSING,
			    _("your own service '%s' has no price yet"),
			    q->cs.name ? q->cs.name : q->service);
	}
	free(all);
}

/* SPEC 2.9: with groups, what each group lacks, its message starting
 * with the group's name. */
static void per_group(const soem_calc *c, const soem_kb *kb,
		      const char *lang, enum soem_step s, soem_issues *out)
{
	for (size_t g = 0; g < c->ngroups; g++) {
		const soem_calc *sub = c->groups[g].sub;
		size_t from = out->n;
		switch (s) {
		case SOEM_STEP_INTERVENTION: intake(sub, out); break;
		case SOEM_STEP_TARGET: target(sub, kb, out); break;
		case SOEM_STEP_EFFECT: effect(sub, kb, out); break;
		case SOEM_STEP_CONSEQUENCES:
			consequences(sub, kb, lang, out);
			break;
		default: break;
		}
		for (size_t i = from; i < out->n; i++) {
			char m[sizeof out->v[i].msg];
			snprintf(m, sizeof m, _("group %s: %s"),
				 c->groups[g].name ? c->groups[g].name : "",
				 out->v[i].msg);
			memcpy(out->v[i].msg, m, sizeof m);
		}
	}
}

void soem_missing_step(const soem_calc *c, const soem_kb *kb,
		       const char *lang, enum soem_step s, soem_issues *out)
{
	if (c->ngroups && (s == SOEM_STEP_TARGET || s == SOEM_STEP_EFFECT ||
			   s == SOEM_STEP_CONSEQUENCES)) {
		per_group(c, kb, lang, s, out);
		return;
	}
	if (c->ngroups && s == SOEM_STEP_INTERVENTION)
		per_group(c, kb, lang, s, out);
	switch (s) {
	case SOEM_STEP_INTERVENTION:
		intervention(c, out);
		break;
	case SOEM_STEP_TARGET:
		target(c, kb, out);
		break;
	case SOEM_STEP_EFFECT:
		effect(c, kb, out);
		break;
	case SOEM_STEP_COSTS:
		costs(c, kb, out);
		break;
	case SOEM_STEP_CONSEQUENCES:
		consequences(c, kb, lang, out);
		break;
	case SOEM_STEP_PRICES:
		prices(c, kb, out);
		break;
	default:
		break;
	}
}

void soem_missing_all(const soem_calc *c, const soem_kb *kb,
		      const char *lang, soem_issues *out)
{
	out->n = 0;
	for (int s = 0; s < SOEM_STEP_COUNT; s++)
		soem_missing_step(c, kb, lang, (enum soem_step)s, out);
}

size_t soem_issues_count(const soem_issues *out, enum soem_step s,
			 enum soem_issue_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < out->n; i++)
		if ((s == SOEM_STEP_COUNT || out->v[i].step == s) &&
		    out->v[i].kind == k)
			n++;
	return n;
}
