/* eval_load.c - see eval_io.h */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/eval_io.h"
#include "yaml/yread.h"
#include "util/i18n.h"
#include "util/numfmt.h"
#include "util/xalloc.h"

#define EVAL_PATH_MAX 512

static int eval_num(yread *r, const ynode *n, const char *key, double *out)
{
	char p[EVAL_PATH_MAX];

	return yread_double(r, n, ypath_key(p, sizeof p, "evaluation", key),
			    out);
}

static int eval_site(yread *r, const ynode *n, const char *path,
		     soem_site *s, soem_warnings *warn)
{
	static const char *const keys[] = { "name", "inflow", "consent",
					    "delay", NULL };
	const ynode *v[4] = { NULL, NULL, NULL, NULL };
	char p[EVAL_PATH_MAX];
	int rc = yread_expect(r, n, path, YNODE_MAP);

	if (rc)
		return rc;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		size_t j;

		for (j = 0; keys[j]; j++)
			if (strcmp(n->v[i]->str, keys[j]) == 0)
				break;
		if (keys[j])
			v[j] = n->v[i + 1];
		else
			soem_warn_add(warn, _("%s:%d:%d: %s: unknown key '%s' (ignored)"),
				      r->file, n->v[i]->line, n->v[i]->col,
				      path, n->v[i]->str);
	}
	if (!v[0] || !v[1] || !v[2])
		return yread_fail(r, n, path,
				  _("a site needs name, inflow and consent, e.g. {name: Umeå, inflow: 240, consent: 0.7}"));
	if ((rc = yread_str(r, v[0], ypath_key(p, sizeof p, path, "name"),
			    &s->name)) ||
	    (rc = yread_double(r, v[1], ypath_key(p, sizeof p, path, "inflow"),
			       &s->inflow)) ||
	    (rc = yread_double(r, v[2],
			       ypath_key(p, sizeof p, path, "consent"),
			       &s->consent)))
		return rc;
	if (v[3] && (rc = yread_double(r, v[3],
				       ypath_key(p, sizeof p, path, "delay"),
				       &s->delay)))
		return rc;
	if (!*s->name)
		return yread_fail(r, v[0], ypath_key(p, sizeof p, path, "name"),
				  _("a site needs a name"));
	if (!(s->inflow >= 0))
		return yread_fail(r, v[1], ypath_key(p, sizeof p, path, "inflow"),
				  _("the yearly inflow cannot be negative"));
	if (!(s->consent >= 0 && s->consent <= 1))
		return yread_fail(r, v[2],
				  ypath_key(p, sizeof p, path, "consent"),
				  _("%g is not a share between 0 and 1"),
				  s->consent);
	if (!(s->delay >= 0))
		return yread_fail(r, v[3], ypath_key(p, sizeof p, path, "delay"),
				  _("the start delay cannot be negative"));
	return 0;
}

static int eval_sites(yread *r, const ynode *n, soem_design_in *in,
		      soem_warnings *warn)
{
	char p[EVAL_PATH_MAX];
	int rc = yread_expect(r, n, "evaluation.sites", YNODE_SEQ);

	if (rc)
		return rc;
	for (size_t i = 0; i < in->nsites; i++)
		free(in->sites[i].name);
	free(in->sites);
	in->sites = xcalloc(n->n ? n->n : 1, sizeof *in->sites);
	in->nsites = 0;
	for (size_t i = 0; i < n->n; i++) {
		ypath_index(p, sizeof p, "evaluation.sites", i);
		rc = eval_site(r, n->v[i], p, &in->sites[in->nsites], warn);
		in->nsites++;
		if (rc)
			return rc;
		for (size_t j = 0; j < i; j++)
			if (strcmp(in->sites[j].name, in->sites[i].name) == 0)
				return yread_fail(r, n->v[i], p,
						  _("the site '%s' is given twice"),
						  in->sites[i].name);
	}
	return 0;
}

static int eval_subgroups(yread *r, const ynode *n, soem_design_in *in)
{
	char p[EVAL_PATH_MAX];
	int rc = yread_expect(r, n, "evaluation.subgroups", YNODE_SEQ);

	if (rc)
		return rc;
	free(in->sub);
	in->sub = xcalloc(n->n ? n->n : 1, sizeof *in->sub);
	in->nsub = 0;
	for (size_t i = 0; i < n->n; i++) {
		ypath_index(p, sizeof p, "evaluation.subgroups", i);
		if ((rc = yread_double(r, n->v[i], p, &in->sub[i])))
			return rc;
		in->nsub++;
		if (!(in->sub[i] > 0 && in->sub[i] <= 1))
			return yread_fail(r, n->v[i], p,
					  _("a subgroup's share must lie above 0 and at most 1 (half the sample is 0.5)"));
	}
	return 0;
}

enum { E_ALPHA, E_POWER, E_RATIO, E_P0, E_P1, E_N, E_ATTR, E_DEFF,
       E_CC, E_SITES, E_SITE_MIN, E_SCALE, E_SUB, E_LEVEL, E_COUNT };

static const char *const eval_keys[] = {
	"alpha", "power", "ratio", "p0", "p1", "n", "attrition", "deff",
	"cc", "sites", "site_min", "inflow_scale", "subgroups", "level", NULL
};

/* The plain numbers, each with the range it must lie in. */
static int eval_numbers(yread *r, const ynode **v, soem_design_in *in)
{
	static const struct {
		int key;
		double lo, hi;
		bool lo_open, hi_open;
		const char *what;
	} lim[] = {
		{ E_ALPHA, 0, 1, true, true, N_("a number between 0 and 1, e.g. 0.05") },
		{ E_POWER, 0, 1, true, true, N_("a number between 0 and 1, e.g. 0.8") },
		{ E_RATIO, 0, INFINITY, true, true, N_("a positive number") },
		{ E_P0, 0, 1, false, true, N_("a share from 0 up to (not including) 1") },
		{ E_P1, 0, 1, false, false, N_("a share between 0 and 1") },
		{ E_N, 0, INFINITY, true, true, N_("a positive number") },
		{ E_ATTR, 0, 1, false, true, N_("a share from 0 up to (not including) 1") },
		{ E_DEFF, 0, INFINITY, true, true, N_("a positive number") },
		{ E_SITE_MIN, 0, INFINITY, true, true, N_("a positive number") },
		{ E_SCALE, 0, INFINITY, false, true, N_("a number of 0 or more") },
		{ E_LEVEL, 0, 1, true, true, N_("a number between 0 and 1, e.g. 0.95") },
	};
	double *dst[E_COUNT] = {
		[E_ALPHA] = &in->alpha, [E_POWER] = &in->power,
		[E_RATIO] = &in->ratio, [E_P0] = &in->p0, [E_P1] = &in->p1,
		[E_N] = &in->n, [E_ATTR] = &in->attrition,
		[E_DEFF] = &in->deff, [E_SITE_MIN] = &in->site_min,
		[E_SCALE] = &in->inflow_scale, [E_LEVEL] = &in->level,
	};
	char p[EVAL_PATH_MAX];
	int rc;

	for (size_t i = 0; i < sizeof lim / sizeof lim[0]; i++) {
		int k = lim[i].key;
		double x;

		if (!v[k])
			continue;
		if ((rc = eval_num(r, v[k], eval_keys[k], &x)))
			return rc;
		if ((lim[i].lo_open ? !(x > lim[i].lo) : !(x >= lim[i].lo)) ||
		    (lim[i].hi_open ? !(x < lim[i].hi) : !(x <= lim[i].hi)))
			return yread_fail(r, v[k],
					  ypath_key(p, sizeof p, "evaluation",
						    eval_keys[k]),
					  _("%g is out of range: expected %s"), x,
					  gettext(lim[i].what));
		*dst[k] = x;
		if (k == E_SITE_MIN)
			in->has_site_min = true;
	}
	return 0;
}

int soem_eval_read(const ynode *n, const char *file, soem_design_in *in,
		   soem_warnings *warn, soem_err *err)
{
	yread r = { .file = file, .err = err };
	const ynode *v[E_COUNT] = { NULL };
	int rc = yread_expect(&r, n, "evaluation", YNODE_MAP);

	if (rc)
		return rc;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		size_t j;

		for (j = 0; eval_keys[j]; j++)
			if (strcmp(n->v[i]->str, eval_keys[j]) == 0)
				break;
		if (eval_keys[j])
			v[j] = ynode_is_null(n->v[i + 1]) ? NULL : n->v[i + 1];
		else
			soem_warn_add(warn, _("%s:%d:%d: evaluation: unknown key '%s' (ignored)"),
				      file ? file : "", n->v[i]->line,
				      n->v[i]->col, n->v[i]->str);
	}
	if ((rc = eval_numbers(&r, v, in)))
		return rc;
	if (v[E_CC] && (rc = yread_bool(&r, v[E_CC], "evaluation.cc",
				       &in->cc)))
		return rc;
	if (v[E_SITES] && (rc = eval_sites(&r, v[E_SITES], in, warn)))
		return rc;
	if (v[E_SUB] && (rc = eval_subgroups(&r, v[E_SUB], in)))
		return rc;
	return 0;
}

int soem_eval_load(const char *path, soem_design_in *in, bool *found,
		   soem_warnings *warn, soem_err *err)
{
	ynode *root = NULL;
	const ynode *ev;
	int rc;

	*found = false;
	if ((rc = ynode_parse_file(path, &root, err)))
		return rc;
	if (root->kind != YNODE_MAP) {
		yread r = { .file = path, .err = err };

		rc = yread_fail(&r, root, "",
				_("expected a calculation (a map with soem_calc: 1), found %s"),
				gettext(ynode_kind_name(root)));
		ynode_free(&root);
		return rc;
	}
	ev = ynode_map_get(root, "evaluation");
	if (ev && !ynode_is_null(ev)) {
		*found = true;
		rc = soem_eval_read(ev, path, in, warn, err);
	}
	ynode_free(&root);
	return rc;
}

static void eval_put_num(ynode *map, const char *key, double v)
{
	char b[40];

	ynode_map_put(map, key, ynode_new_scalar(soem_num_exact(v, b, sizeof b),
						 true));
}

ynode *soem_eval_to_ynode(const soem_design_in *in)
{
	ynode *m = ynode_new_map();

	eval_put_num(m, "alpha", in->alpha);
	eval_put_num(m, "power", in->power);
	eval_put_num(m, "ratio", in->ratio);
	if (!isnan(in->p0))
		eval_put_num(m, "p0", in->p0);
	if (!isnan(in->p1))
		eval_put_num(m, "p1", in->p1);
	if (!isnan(in->n))
		eval_put_num(m, "n", in->n);
	eval_put_num(m, "attrition", in->attrition);
	eval_put_num(m, "deff", in->deff);
	ynode_map_put(m, "cc", ynode_new_scalar(in->cc ? "true" : "false",
						true));
	if (in->nsites) {
		ynode *seq = ynode_new_seq();

		for (size_t i = 0; i < in->nsites; i++) {
			ynode *site = ynode_new_map();

			ynode_map_put(site, "name",
				      ynode_new_scalar(in->sites[i].name
							       ? in->sites[i].name
							       : "",
						       false));
			eval_put_num(site, "inflow", in->sites[i].inflow);
			eval_put_num(site, "consent", in->sites[i].consent);
			eval_put_num(site, "delay", in->sites[i].delay);
			ynode_seq_push(seq, site);
		}
		ynode_map_put(m, "sites", seq);
	}
	if (in->has_site_min)
		eval_put_num(m, "site_min", in->site_min);
	eval_put_num(m, "inflow_scale", in->inflow_scale);
	if (in->nsub) {
		ynode *seq = ynode_new_seq();
		char b[40];

		for (size_t i = 0; i < in->nsub; i++)
			ynode_seq_push(seq, ynode_new_scalar(
						    soem_num_exact(in->sub[i], b,
								   sizeof b),
						    true));
		ynode_map_put(m, "subgroups", seq);
	}
	if (in->level != 0.95)
		eval_put_num(m, "level", in->level);
	return m;
}
