/* calc_load.c - reading and validating a calculation file (SPEC §3.2).
 *
 * The file is parsed into a ynode tree (yaml/ynode.c refuses aliases,
 * duplicate keys and what is beyond the limits of SPEC §6), then every
 * mapping is split into its known keys and the rest.  The known keys are
 * read in the order of SPEC §3.2, so that references can be checked
 * against what came before (prices against the consequences' own
 * services); the rest is cloned into the struct's `extra` map.  A known
 * key whose value is null (`key:` with nothing after it, or `~`) counts
 * as absent.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/calc_io.h"
#include "yaml/ynode.h"
#include "yaml/yread.h"
#include "util/i18n.h"
#include "util/idindex.h"
#include "util/xalloc.h"

/* Largest values accepted for whole numbers that have no natural bound. */
#define COURSE_MAX SOEM_HORIZON_MAX
#define DRAWS_MAX 10000000L
#define YEAR_MAX 9999
#define STEP_FROM_MAX 1000000
#define LIST_MAX 256            /* room for a list of ids in a message */

/* Tolerance when an experiment's counts are compared with p1 and p0. */
#define COUNT_EPS 1e-9

typedef struct loader {
	yread r;
	const soem_kb *kb;
	soem_calc *c;
	int tg_group;           /* index of the kb target group, or -1 */
	bool own;               /* c takes the tree over (c->tree): what it
				   keeps of it is not copied */
	bool kept;              /* (own) a node of the tree was kept */
	soem_idindex cons_ix;   /* c->cons by service id (issue 18: a
				   list of 100 000 is not searched twice) */
	bool v2;                /* a key of SPEC §2.9 was read */
	soem_calc *top;         /* the calculation (l->c is a group's sub
				   while a group is read) */
	bool recovering;        /* an autosave: a schedule without the start
				   year is kept, with a warning */
	soem_warnings *warn;
} loader;

static bool custom_service_known(const loader *l, const char *id);

/* ---------------------------------------------------------------------
 * Small helpers
 */

/* The node n of the file's tree, to be kept in the calculation: itself
 * when the calculation owns the tree (l->own: no copy, SPEC §6's memory
 * bound), else a copy. */
static ynode *keep_node(loader *l, const ynode *n)
{
	if (!l->own)
		return ynode_clone(n);
	l->kept = true;
	return (ynode *)n;
}

/* Appends key and value (kept) to the map *extra, creating it. */
static void keep_extra(loader *l, ynode **extra, const ynode *key,
		       const ynode *val)
{
	if (!*extra)
		*extra = ynode_new_map();
	ynode_map_put(*extra, key->str, keep_node(l, val));
	/* keep the key's own style (a quoted "yes" stays quoted) */
	ynode *m = *extra;
	ynode_free(&m->v[m->n - 2]);
	m->v[m->n - 2] = keep_node(l, key);
}

/* Splits the mapping m: vals[i] is the value of keys[i] (NULL when absent
 * or null); every other key goes to *extra.  keys is NULL-terminated. */
static int map_split(loader *l, const ynode *m, const char *path,
		     const char *const *keys, const ynode **vals,
		     ynode **extra)
{
	int rc = yread_expect(&l->r, m, path, YNODE_MAP);
	if (rc)
		return rc;
	for (size_t j = 0; keys[j]; j++)
		vals[j] = NULL;
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const ynode *k = m->v[i], *v = m->v[i + 1];
		size_t j;
		for (j = 0; keys[j]; j++)
			if (strcmp(k->str, keys[j]) == 0)
				break;
		if (keys[j])
			vals[j] = ynode_is_null(v) ? NULL : v;
		else
			keep_extra(l, extra, k, v);
	}
	return 0;
}

/* The key node of value v in map m (for positions), or m itself. */
static const ynode *key_of(const ynode *m, const ynode *v)
{
	for (size_t i = 0; m && i + 1 < m->n; i += 2)
		if (m->v[i + 1] == v)
			return m->v[i];
	return m;
}

static int missing(loader *l, const ynode *m, const char *path,
		   const char *key)
{
	return yread_fail(&l->r, m, path, _("'%s' is missing"), key);
}

/* "a, b, c" of the ids of n structs of size bytes whose id is at off. */
static const char *id_list(char *buf, size_t size, const void *arr, size_t n,
			   size_t elem, size_t off)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && used < size; i++) {
		const char *id;
		memcpy(&id, (const char *)arr + i * elem + off, sizeof id);
		int w = snprintf(buf + used, size - used, "%s%s", i ? ", " : "",
				 id ? id : "");
		if (w < 0)
			break;
		used += (size_t)w;
	}
	return buf;
}

static const char *payer_list(const soem_kb *kb, char *buf, size_t size)
{
	return id_list(buf, size, kb->payers, kb->npayers, sizeof *kb->payers,
		       offsetof(soem_kb_payer, id));
}

static const char *area_list(const soem_kb *kb, char *buf, size_t size)
{
	return id_list(buf, size, kb->areas, kb->nareas, sizeof *kb->areas,
		       offsetof(soem_kb_area, id));
}

/* An id: a non-empty text. */
static int read_id(loader *l, const ynode *n, const char *path, char **out)
{
	int rc = yread_str(&l->r, n, path, out);
	if (rc)
		return rc;
	if (!**out)
		return yread_fail(&l->r, n, path, _("the name must not be empty"));
	return 0;
}

/* Does v (all of its range) lie in [lo, hi]?  *bad gets the value that
 * does not. */
static bool num_within(const soem_num *v, double lo, double hi, double *bad)
{
	double a = v->ranged ? v->low : v->value;
	double b = v->ranged ? v->high : v->value;
	*bad = a < lo ? a : b;
	return a >= lo && b <= hi;
}

/* A share: 0..1. */
static int read_share(loader *l, const ynode *n, const char *path,
		      soem_num *out)
{
	double bad;
	int rc = yread_num(&l->r, n, path, out);
	if (!rc && !num_within(out, 0.0, 1.0, &bad))
		rc = yread_fail(&l->r, n, path,
				_("%g is not a share between 0 and 1 (12 %% is written 0.12)"),
				bad);
	return rc;
}

static int read_price_year(loader *l, const ynode *n, const char *path,
			   int *out)
{
	int rc = yread_int(&l->r, n, path, 1, YEAR_MAX, out);
	if (rc)
		return rc;
	if (!soem_kb_price_index(l->kb, *out, NULL)) {
		const soem_kb *kb = l->kb;
		if (kb->nindex)
			return yread_fail(&l->r, n, path,
					  _("%d is not in the price index of profile %s (it has the years %d to %d)"),
					  *out, kb->id, kb->index[0].year,
					  kb->index[kb->nindex - 1].year);
		return yread_fail(&l->r, n, path,
				  _("%d is not in the price index of profile %s (the profile has no price index)"),
				  *out, kb->id);
	}
	return 0;
}

/* An unsigned 64-bit whole number (the Monte Carlo seed). */
static int read_u64(loader *l, const ynode *n, const char *path,
		    unsigned long long *out)
{
	bool ok = n && n->kind == YNODE_SCALAR && n->plain && n->str[0];
	for (const char *p = ok ? n->str : ""; *p; p++)
		if (*p < '0' || *p > '9')
			ok = false;
	if (!ok) {
		const char *found = n && n->kind == YNODE_SCALAR
					    ? n->str
					    : gettext(ynode_kind_name(n));
		return yread_fail(&l->r, n, path,
				  _("expected a whole number of 0 or more, found %s"),
				  found);
	}
	errno = 0;
	unsigned long long v = strtoull(n->str, NULL, 10);
	if (errno == ERANGE)
		return yread_fail(&l->r, n, path,
				  _("%.40s is too large (at most %llu)"), n->str,
				  ULLONG_MAX);
	*out = v;
	return 0;
}

/* A list of soem_num: *out (caller frees), *count. */
static int read_num_list(loader *l, const ynode *n, const char *path,
			 soem_num **out, size_t *count)
{
	int rc = yread_expect(&l->r, n, path, YNODE_SEQ);
	if (rc)
		return rc;
	*out = xcalloc(n->n ? n->n : 1, sizeof **out);
	*count = n->n;
	for (size_t i = 0; i < n->n; i++)
		if ((rc = yread_num_at(&l->r, n->v[i], path, i, &(*out)[i])))
			return rc;
	return 0;
}

/* ---------------------------------------------------------------------
 * kb, intervention, horizon, intake
 */

static int load_kb(loader *l, const ynode *n, const soem_kbset *kbs,
		   const char *default_profile, soem_warnings *warn)
{
	static const char *const keys[] = { "profile", "version", NULL };
	const ynode *v[2] = { NULL, NULL };
	soem_calc *c = l->c;
	int rc;

	if (n && (rc = map_split(l, n, "kb", keys, v, &c->kb_extra)))
		return rc;
	if (v[0] && (rc = read_id(l, v[0], "kb.profile", &c->kb_profile)))
		return rc;
	if (v[1] && (rc = yread_str(&l->r, v[1], "kb.version",
				    &c->kb_version)))
		return rc;

	const char *id = c->kb_profile ? c->kb_profile : default_profile;
	if (!id)
		return yread_fail(&l->r, n, "kb.profile",
				  _("the calculation does not say which knowledge-database profile it uses (add kb: {profile: dk})"));
	l->kb = soem_kbset_find(kbs, id);
	const soem_kb_broken *bad = l->kb ? NULL : soem_kbset_broken(kbs, id);
	if (bad)
		/* SPEC §3.3: the profile asked for is the broken one */
		return yread_fail(&l->r, v[0] ? v[0] : n, "kb.profile",
				  _("the knowledge-database profile '%s' cannot be used: %s"),
				  id, bad->msg);
	if (!l->kb) {
		char list[LIST_MAX] = "";
		size_t used = 0;
		size_t nkb = kbs ? kbs->n : 0;
		for (size_t i = 0; i < nkb && used < sizeof list; i++) {
			int w = snprintf(list + used, sizeof list - used,
					 "%s%s", used ? ", " : "",
					 kbs->kb[i]->id ? kbs->kb[i]->id : "");
			if (w < 0)
				break;
			used += (size_t)w;
		}
		const ynode *at = v[0] ? v[0] : n;
		/* files that do not load and give no id may hold it */
		char bad_files[4 * LIST_MAX] = "";
		size_t bused = 0;
		for (size_t i = 0; kbs && i < kbs->nbroken &&
				   bused < sizeof bad_files; i++) {
			if (kbs->broken[i].id)
				continue;
			int w = snprintf(bad_files + bused,
					 sizeof bad_files - bused, "%s%s",
					 bused ? ", " : "", kbs->broken[i].path);
			if (w < 0)
				break;
			bused += (size_t)w;
		}
		if (bused && !used)
			return yread_fail(&l->r, at, "kb.profile",
					  _("the knowledge-database profile '%s' is not installed (no profiles are installed); it may be in a file that does not load: %s"),
					  id, bad_files);
		if (bused)
			return yread_fail(&l->r, at, "kb.profile",
					  _("the knowledge-database profile '%s' is not installed (installed: %s); it may be in a file that does not load: %s"),
					  id, list, bad_files);
		if (!used)
			return yread_fail(&l->r, at, "kb.profile",
					  _("the knowledge-database profile '%s' is not installed (no profiles are installed)"),
					  id);
		return yread_fail(&l->r, at, "kb.profile",
				  _("the knowledge-database profile '%s' is not installed (installed: %s)"),
				  id, list);
	}
	if (!c->kb_profile)
		c->kb_profile = xstrdup(l->kb->id);
	if (c->kb_version && l->kb->version &&
	    strcmp(c->kb_version, l->kb->version) != 0 && warn)
		soem_warn_add(warn,
			      _("%s:%d:%d: kb.version: the calculation was made with version %s of profile %s; version %s is installed, so check its prices and consequences"),
			      l->r.file ? l->r.file : "<input>", v[1]->line,
			      v[1]->col, c->kb_version, l->kb->id,
			      l->kb->version);
	return 0;
}

static int load_intervention(loader *l, const ynode *n)
{
	enum { NAME, DESC, MUNI, AUTHOR, USUAL, START, ANALYSIS, N };
	static const char *const keys[] = { "name", "description",
					    "municipality", "author",
					    "usual_practice", "start_year",
					    "analysis", NULL };
	static const char *const analyses[] = { "full", "scenario", NULL };
	const ynode *v[N];
	soem_intervention *iv = &l->c->intervention;
	char **str[] = { &iv->name, &iv->description, &iv->municipality,
			 &iv->author, &iv->usual_practice };
	char p[YPATH_MAX];
	int rc;

	if ((rc = map_split(l, n, "intervention", keys, v, &iv->extra)))
		return rc;
	for (int i = NAME; i <= USUAL; i++)
		if (v[i] && (rc = yread_str(&l->r, v[i],
					    ypath_key(p, sizeof p, "intervention",
						      keys[i]),
					    str[i])))
			return rc;
	if (v[START] && (rc = yread_int(&l->r, v[START],
					"intervention.start_year", 1, YEAR_MAX,
					&iv->start_year)))
		return rc;
	if (v[ANALYSIS]) {
		int a;
		if ((rc = yread_enum(&l->r, v[ANALYSIS], "intervention.analysis",
				     analyses, &a)))
			return rc;
		iv->scenario = a == 1;
		iv->has_analysis = true;
	}
	return 0;
}

static int load_intake(loader *l, const ynode *root, const ynode *n)
{
	enum { YEAR, PART, N };
	static const char *const keys[] = { "year", "participants", NULL };
	soem_calc *c = l->c;
	char p[YPATH_MAX], q[YPATH_MAX];
	int rc;

	if (!n)
		return yread_fail(&l->r, root, "intake",
				  _("no intake is given: add at least one cohort, e.g. intake: [{year: 1, participants: 40}]"));
	if ((rc = yread_expect(&l->r, n, "intake", YNODE_SEQ)))
		return rc;
	if (n->n == 0)
		return yread_fail(&l->r, n, "intake",
				  _("the intake is empty: add at least one cohort, e.g. {year: 1, participants: 40}"));
	c->intake = xcalloc(n->n, sizeof *c->intake);
	for (size_t i = 0; i < n->n; i++) {
		const ynode *v[N];
		soem_intake *in = &c->intake[c->nintake++];
		ypath_index(p, sizeof p, "intake", i);
		if ((rc = map_split(l, n->v[i], p, keys, v, &in->extra)))
			return rc;
		if (!v[YEAR])
			return missing(l, n->v[i], p, "year");
		if (!v[PART])
			return missing(l, n->v[i], p, "participants");
		ypath_key(q, sizeof q, p, "year");
		if ((rc = yread_int(&l->r, v[YEAR], q, -YEAR_MAX, YEAR_MAX,
				    &in->year)))
			return rc;
		if (in->year < 1 || in->year > c->horizon)
			return yread_fail(&l->r, v[YEAR], q,
					  _("year %d lies outside the horizon (years 1 to %d)"),
					  in->year, c->horizon);
		ypath_key(q, sizeof q, p, "participants");
		if ((rc = yread_num(&l->r, v[PART], q, &in->participants)))
			return rc;
		double lo = in->participants.ranged ? in->participants.low
						    : in->participants.value;
		if (lo < 0)
			return yread_fail(&l->r, v[PART], q,
					  _("the number of participants cannot be negative (%g)"),
					  lo);
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * target group and effect
 */

static int load_ref(loader *l, const ynode *n, const char *path,
		    soem_ref *ref)
{
	static const char *const keys[] = { "kb", "custom", NULL };
	const ynode *v[2];
	char p[YPATH_MAX];
	int rc;

	if (n->kind != YNODE_MAP)
		return yread_fail(&l->r, n, path,
				  _("expected {kb: id} or {custom: \"your own name\"}, found %s"),
				  gettext(ynode_kind_name(n)));
	if ((rc = map_split(l, n, path, keys, v, &ref->extra)))
		return rc;
	if (v[0] && v[1])
		return yread_fail(&l->r, n, path,
				  _("give either kb or custom, not both"));
	if (!v[0] && !v[1])
		return yread_fail(&l->r, n, path,
				  _("expected {kb: id} or {custom: \"your own name\"}"));
	if (v[0])
		return read_id(l, v[0], ypath_key(p, sizeof p, path, "kb"),
			       &ref->kb);
	return read_id(l, v[1], ypath_key(p, sizeof p, path, "custom"),
		       &ref->custom);
}

static int load_target_group(loader *l, const ynode *n)
{
	soem_calc *c = l->c;
	int rc = load_ref(l, n, "target_group", &c->target_group);
	if (rc)
		return rc;
	c->has_target_group = true;
	if (!c->target_group.kb)
		return 0;
	size_t g = soem_kb_group_index(l->kb, c->target_group.kb);
	if (g == SOEM_NPOS) {
		char list[LIST_MAX];
		id_list(list, sizeof list, l->kb->groups, l->kb->ngroups,
			sizeof *l->kb->groups, offsetof(soem_kb_group, id));
		return yread_fail(&l->r, ynode_map_get(n, "kb"),
				  "target_group.kb",
				  _("'%s' is not a target group of profile %s (known: %s)"),
				  c->target_group.kb, l->kb->id, list);
	}
	l->tg_group = (int)g;
	return 0;
}

static int load_measure(loader *l, const ynode *n)
{
	soem_effect *e = &l->c->effect;
	const soem_kb *kb = l->kb;
	int rc = load_ref(l, n, "effect.measure", &e->measure);
	if (rc)
		return rc;
	e->has_measure = true;
	if (!e->measure.kb)
		return 0;
	const ynode *at = ynode_map_get(n, "kb");
	if (l->tg_group >= 0) {
		const soem_kb_group *g = &kb->groups[l->tg_group];
		if (soem_kb_measure_index(g, e->measure.kb) != SOEM_NPOS)
			return 0;
		char list[LIST_MAX];
		id_list(list, sizeof list, g->measures, g->nmeasures,
			sizeof *g->measures, offsetof(soem_kb_measure, id));
		return yread_fail(&l->r, at, "effect.measure.kb",
				  _("'%s' is not a success measure of target group %s (known: %s)"),
				  e->measure.kb, g->id, list);
	}
	for (size_t i = 0; i < kb->ngroups; i++)
		if (soem_kb_measure_index(&kb->groups[i], e->measure.kb) !=
		    SOEM_NPOS)
			return 0;
	return yread_fail(&l->r, at, "effect.measure.kb",
			  _("'%s' is not a success measure of any target group of profile %s"),
			  e->measure.kb, kb->id);
}

static int load_source(loader *l, const ynode *n)
{
	enum { KIND, LEVEL, NOTE, N };
	static const char *const keys[] = { "kind", "evidence_level", "note",
					    NULL };
	static const char *const kinds[] = { "study", "own_evaluation",
					     "professional_estimate",
					     "scenario", NULL };
	soem_effect *e = &l->c->effect;
	const ynode *v[N];
	int rc;

	if ((rc = map_split(l, n, "effect.source", keys, v, &e->source_extra)))
		return rc;
	e->has_source = true;
	if (v[KIND]) {
		int k;
		if ((rc = yread_enum(&l->r, v[KIND], "effect.source.kind", kinds,
				     &k)))
			return rc;
		e->source_kind = (enum soem_source_kind)(k + 1);
	}
	if (v[LEVEL] && (rc = yread_int(&l->r, v[LEVEL],
					"effect.source.evidence_level", 1, 3,
					&e->evidence_level)))
		return rc;
	if (v[NOTE] && (rc = yread_str(&l->r, v[NOTE], "effect.source.note",
				       &e->source_note)))
		return rc;
	return 0;
}

static int read_count(loader *l, const ynode *m, const ynode *n,
		      const char *key, long *out)
{
	char p[YPATH_MAX];
	ypath_key(p, sizeof p, "effect.experiment", key);
	if (!n)
		return missing(l, m, "effect.experiment", key);
	return yread_long(&l->r, n, p, 0, 1000000000L, out);
}

/* p (p1 or p0, given at node n) must agree with x/size. */
static int check_count(loader *l, const ynode *n, const char *path,
		       const soem_num *p, long x, long size, const char *xs,
		       const char *ns)
{
	double want = (double)x / (double)size;
	if (p->ranged)
		return yread_fail(&l->r, n, path,
				  _("with an experiment, the range comes from its counts: give a single number or leave %s out"),
				  path);
	if (fabs(p->value - want) > COUNT_EPS)
		return yread_fail(&l->r, n, path,
				  _("%g disagrees with the experiment (%s/%s = %ld/%ld = %g); the counts decide, so correct or remove it"),
				  p->value, xs, ns, x, size, want);
	return 0;
}

static int load_experiment(loader *l, const ynode *n, const ynode *p1n,
			   const ynode *p0n)
{
	enum { XT, NT, XC, NC, WAIT, N };
	static const char *const keys[] = { "x_t", "n_t", "x_c", "n_c",
					    "waiting_months", NULL };
	soem_effect *e = &l->c->effect;
	soem_experiment *x = &e->experiment;
	const ynode *v[N];
	int rc;

	if ((rc = map_split(l, n, "effect.experiment", keys, v, &x->extra)))
		return rc;
	x->present = true;
	if ((rc = read_count(l, n, v[XT], "x_t", &x->x_t)) ||
	    (rc = read_count(l, n, v[NT], "n_t", &x->n_t)) ||
	    (rc = read_count(l, n, v[XC], "x_c", &x->x_c)) ||
	    (rc = read_count(l, n, v[NC], "n_c", &x->n_c)))
		return rc;
	if (x->n_t < 1)
		return yread_fail(&l->r, v[NT], "effect.experiment.n_t",
				  _("the treated group needs at least 1 participant"));
	if (x->n_c < 1)
		return yread_fail(&l->r, v[NC], "effect.experiment.n_c",
				  _("the control group needs at least 1 participant"));
	if (x->x_t > x->n_t)
		return yread_fail(&l->r, v[XT], "effect.experiment.x_t",
				  _("%ld reached the effect measure, but the treated group has only %ld participants (n_t)"),
				  x->x_t, x->n_t);
	if (x->x_c > x->n_c)
		return yread_fail(&l->r, v[XC], "effect.experiment.x_c",
				  _("%ld reached the effect measure, but the control group has only %ld participants (n_c)"),
				  x->x_c, x->n_c);
	if (v[WAIT]) {
		if ((rc = yread_double(&l->r, v[WAIT],
				       "effect.experiment.waiting_months",
				       &x->waiting_months)))
			return rc;
		if (x->waiting_months < 0)
			return yread_fail(&l->r, v[WAIT],
					  "effect.experiment.waiting_months",
					  _("the waiting time cannot be negative"));
		x->has_waiting = true;
	}
	/* The counts decide p1 and p0 (SPEC 2.8). */
	if (e->has_p1 && (rc = check_count(l, p1n, "effect.p1", &e->p1, x->x_t,
					   x->n_t, "x_t", "n_t")))
		return rc;
	if (e->has_p0 && (rc = check_count(l, p0n, "effect.p0", &e->p0, x->x_c,
					   x->n_c, "x_c", "n_c")))
		return rc;
	e->p1 = soem_num_of((double)x->x_t / (double)x->n_t);
	e->p0 = soem_num_of((double)x->x_c / (double)x->n_c);
	e->has_p1 = e->has_p0 = true;
	return 0;
}

/* A persistence block {decay: d} or {years: [...]} at path (the effect's,
 * or a consequence row's own, SPEC §2.9). */
static int read_persistence(loader *l, const ynode *n, const char *path,
			    enum soem_persist *persist, soem_num *decay,
			    soem_num **rho, size_t *nrho, ynode **extra)
{
	enum { DECAY, YEARS, N };
	static const char *const keys[] = { "decay", "years", NULL };
	const ynode *v[N];
	char p[YPATH_MAX], q[YPATH_MAX];
	int rc;

	if ((rc = map_split(l, n, path, keys, v, extra)))
		return rc;
	if (v[DECAY] && v[YEARS])
		return yread_fail(&l->r, n, path,
				  _("give either decay or years, not both"));
	if (v[DECAY]) {
		double bad;
		*persist = SOEM_PERSIST_DECAY;
		ypath_key(p, sizeof p, path, "decay");
		if ((rc = yread_num(&l->r, v[DECAY], p, decay)))
			return rc;
		if (!num_within(decay, 0.0, 1.0, &bad))
			return yread_fail(&l->r, v[DECAY], p,
					  _("%g is not a yearly decay between 0 and 1 (10 %% a year is written 0.1)"),
					  bad);
		return 0;
	}
	if (!v[YEARS])
		return yread_fail(&l->r, n, path,
				  _("expected {decay: 0.1} or {years: [1, 1, 0.8]}"));
	*persist = SOEM_PERSIST_LIST;
	ypath_key(p, sizeof p, path, "years");
	if ((rc = read_num_list(l, v[YEARS], p, rho, nrho)))
		return rc;
	if (*nrho == 0)
		return yread_fail(&l->r, v[YEARS], p,
				  _("the list is empty: give the share of the effect still present in each year, e.g. [1, 1, 0.8]"));
	for (size_t i = 0; i < *nrho; i++) {
		const soem_num *r = &(*rho)[i];
		double a = r->ranged ? r->low : r->value;
		double b = r->ranged ? r->high : r->value;
		if (a < 0 || b > 1)
			return yread_fail(&l->r, v[YEARS]->v[i],
					  ypath_index(q, sizeof q, p, i),
					  _("%g is not a share between 0 and 1"),
					  a < 0 ? a : b);
	}
	return 0;
}

static int load_persistence(loader *l, const ynode *n)
{
	soem_effect *e = &l->c->effect;

	e->has_persistence = true;
	return read_persistence(l, n, "effect.persistence", &e->persist,
				&e->decay, &e->rho, &e->nrho,
				&e->persistence_extra);
}

static int load_effect(loader *l, const ynode *n)
{
	enum { MEASURE, SOURCE, P1, P0, RATE, EXPERIMENT, PERSIST, N };
	static const char *const keys[] = { "measure", "source", "p1", "p0",
					    "success_rate", "experiment",
					    "persistence", NULL };
	soem_effect *e = &l->c->effect;
	const ynode *v[N];
	int rc;

	if ((rc = map_split(l, n, "effect", keys, v, &e->extra)))
		return rc;
	if (v[MEASURE] && (rc = load_measure(l, v[MEASURE])))
		return rc;
	if (v[SOURCE] && (rc = load_source(l, v[SOURCE])))
		return rc;
	if (v[P1]) {
		if ((rc = read_share(l, v[P1], "effect.p1", &e->p1)))
			return rc;
		e->has_p1 = true;
	}
	if (v[P0]) {
		if ((rc = read_share(l, v[P0], "effect.p0", &e->p0)))
			return rc;
		e->has_p0 = true;
	}
	if (v[RATE]) {
		double bad;
		if ((rc = yread_num(&l->r, v[RATE], "effect.success_rate",
				    &e->success_rate)))
			return rc;
		if (!num_within(&e->success_rate, -1.0, 1.0, &bad))
			return yread_fail(&l->r, v[RATE], "effect.success_rate",
					  _("%g is not a success rate between -1 and 1 (10 %% is written 0.1)"),
					  bad);
		e->has_success_rate = true;
		if (v[P1] || v[P0])
			return yread_fail(&l->r, key_of(n, v[RATE]),
					  "effect.success_rate",
					  _("give either p1 and p0, or success_rate, not both"));
		if (v[EXPERIMENT])
			return yread_fail(&l->r, key_of(n, v[RATE]),
					  "effect.success_rate",
					  _("an experiment decides the effect: remove success_rate"));
	}
	if (v[EXPERIMENT] &&
	    (rc = load_experiment(l, v[EXPERIMENT], v[P1], v[P0])))
		return rc;
	if (v[PERSIST] && (rc = load_persistence(l, v[PERSIST])))
		return rc;
	return 0;
}

/* ---------------------------------------------------------------------
 * costs
 */

static int load_cost_years(loader *l, const ynode *n, const char *path,
			   soem_cost_item *ci)
{
	char p[YPATH_MAX];
	int rc = yread_expect(&l->r, n, path, YNODE_SEQ);
	if (rc)
		return rc;
	if (n->n == 0)
		return yread_fail(&l->r, n, path,
				  _("the list of years is empty (a start-up cost is usually [1])"));
	ci->years = xcalloc(n->n, sizeof *ci->years);
	for (size_t i = 0; i < n->n; i++) {
		ypath_index(p, sizeof p, path, i);
		if ((rc = yread_int(&l->r, n->v[i], p, -YEAR_MAX, YEAR_MAX,
				    &ci->years[i])))
			return rc;
		ci->nyears++;
		if (ci->years[i] < 1 || ci->years[i] > l->c->horizon)
			return yread_fail(&l->r, n->v[i], p,
					  _("year %d lies outside the horizon (years 1 to %d)"),
					  ci->years[i], l->c->horizon);
	}
	return 0;
}

static int load_cost(loader *l, const ynode *n, const char *path,
		     soem_cost_item *ci)
{
	enum { NAME, PAYER, BASIS, YEARS, FROM, TO, AMOUNT, LOW, HIGH, SAVED,
	       PRICE_YEAR, GROUP, N };
	static const char *const keys[] = { "name", "payer", "basis", "years",
					    "from", "to", "amount", "low",
					    "high", "saved", "price_year",
					    "group", NULL };
	static const char *const bases[] = { "per_participant",
					     "per_participant_year", "once",
					     "yearly", "per_completer", NULL };
	const soem_kb *kb = l->kb;
	int H = l->c->horizon;
	const ynode *v[N];
	char p[YPATH_MAX], list[LIST_MAX];
	int rc;

	if ((rc = map_split(l, n, path, keys, v, &ci->extra)))
		return rc;
	if (v[NAME] && (rc = yread_str(&l->r, v[NAME],
				       ypath_key(p, sizeof p, path, "name"),
				       &ci->name)))
		return rc;

	if (!v[PAYER])
		return yread_fail(&l->r, n, path,
				  _("'payer' is missing (one of: %s)"),
				  payer_list(kb, list, sizeof list));
	ypath_key(p, sizeof p, path, "payer");
	if ((rc = read_id(l, v[PAYER], p, &ci->payer)))
		return rc;
	if (soem_kb_payer_group_index(kb, ci->payer) != SOEM_NPOS) {
		l->v2 = true;   /* a payer group (SPEC §2.9) */
		ci->payer_group = true;
	}
	else if (soem_kb_payer_index(kb, ci->payer) == SOEM_NPOS)
		return yread_fail(&l->r, v[PAYER], p,
				  _("'%s' is not a payer of profile %s (one of: %s)"),
				  ci->payer, kb->id,
				  payer_list(kb, list, sizeof list));

	if (!v[BASIS])
		return yread_fail(&l->r, n, path,
				  _("'basis' is missing (one of: per_participant, per_participant_year, once, yearly, per_completer)"));
	int b;
	if ((rc = yread_enum(&l->r, v[BASIS],
			     ypath_key(p, sizeof p, path, "basis"), bases, &b)))
		return rc;
	ci->basis = (enum soem_basis)b;
	if (ci->basis == SOEM_BASIS_PER_COMPLETER)
		l->v2 = true;

	if (v[YEARS]) {
		ypath_key(p, sizeof p, path, "years");
		if (ci->basis != SOEM_BASIS_ONCE)
			return yread_fail(&l->r, key_of(n, v[YEARS]), p,
					  _("'years' belongs to basis once; for basis %s remove it"),
					  bases[b]);
		if ((rc = load_cost_years(l, v[YEARS], p, ci)))
			return rc;
	}
	for (int k = FROM; k <= TO; k++) {
		if (!v[k])
			continue;
		ypath_key(p, sizeof p, path, keys[k]);
		if (ci->basis != SOEM_BASIS_YEARLY)
			return yread_fail(&l->r, key_of(n, v[k]), p,
					  _("'%s' belongs to basis yearly; for basis %s remove it"),
					  keys[k], bases[b]);
		int *dst = k == FROM ? &ci->from : &ci->to;
		if ((rc = yread_int(&l->r, v[k], p, -YEAR_MAX, YEAR_MAX, dst)))
			return rc;
		if (*dst < 1 || *dst > H)
			return yread_fail(&l->r, v[k], p,
					  _("year %d lies outside the horizon (years 1 to %d)"),
					  *dst, H);
	}
	if (v[FROM] && v[TO] && ci->from > ci->to)
		return yread_fail(&l->r, v[TO], ypath_key(p, sizeof p, path, "to"),
				  _("the last year (%d) comes before the first year (from: %d)"),
				  ci->to, ci->from);

	if (!v[AMOUNT])
		return missing(l, n, path, "amount");
	ypath_key(p, sizeof p, path, "amount");
	if ((rc = yread_num(&l->r, v[AMOUNT], p, &ci->amount)))
		return rc;
	if ((v[LOW] || v[HIGH]) && ci->amount.ranged)
		return yread_fail(&l->r, key_of(n, v[LOW] ? v[LOW] : v[HIGH]),
				  path,
				  _("give low and high either beside amount or inside it, not both"));
	if (v[LOW] || v[HIGH]) {
		soem_num *a = &ci->amount;
		a->ranged = true;
		if (v[LOW] && (rc = yread_double(&l->r, v[LOW],
						 ypath_key(p, sizeof p, path,
							   "low"),
						 &a->low)))
			return rc;
		if (v[HIGH] && (rc = yread_double(&l->r, v[HIGH],
						  ypath_key(p, sizeof p, path,
							    "high"),
						  &a->high)))
			return rc;
		if (a->low > a->value)
			return yread_fail(&l->r, v[LOW],
					  ypath_key(p, sizeof p, path, "low"),
					  _("low (%g) is above the amount (%g)"),
					  a->low, a->value);
		if (a->high < a->value)
			return yread_fail(&l->r, v[HIGH],
					  ypath_key(p, sizeof p, path, "high"),
					  _("high (%g) is below the amount (%g)"),
					  a->high, a->value);
	}
	if (v[SAVED] && (rc = yread_bool(&l->r, v[SAVED],
					 ypath_key(p, sizeof p, path, "saved"),
					 &ci->saved)))
		return rc;
	if (v[PRICE_YEAR] &&
	    (rc = read_price_year(l, v[PRICE_YEAR],
				  ypath_key(p, sizeof p, path, "price_year"),
				  &ci->price_year)))
		return rc;
	if (v[GROUP]) {
		const soem_calc *c = l->c;
		size_t g;
		ypath_key(p, sizeof p, path, "group");
		if ((rc = read_id(l, v[GROUP], p, &ci->group)))
			return rc;
		for (g = 0; g < c->ngroups; g++)
			if (strcmp(c->groups[g].name, ci->group) == 0)
				break;
		if (g == c->ngroups)
			return yread_fail(&l->r, v[GROUP], p,
					  _("'%s' is not the name of one of this calculation's groups"),
					  ci->group);
		l->v2 = true;
	}
	return 0;
}

static int load_costs(loader *l, const ynode *n)
{
	soem_calc *c = l->c;
	char p[YPATH_MAX];
	int rc = yread_expect(&l->r, n, "costs", YNODE_SEQ);
	if (rc)
		return rc;
	c->costs = xcalloc(n->n ? n->n : 1, sizeof *c->costs);
	for (size_t i = 0; i < n->n; i++) {
		soem_cost_item *ci = &c->costs[c->ncosts++];
		if ((rc = load_cost(l, n->v[i], ypath_index(p, sizeof p, "costs",
							    i),
				    ci)))
			return rc;
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * match, consequences, prices
 */

static int read_match(loader *l, const ynode *n, const char *path,
		      enum soem_match *out)
{
	static const char *const names[] = { "yes", "partly", "no", NULL };
	int m;
	/* Plain yes/no are text here, as the tree keeps them (the match is
	 * compared as text, not as a YAML 1.1 boolean). */
	int rc = yread_enum(&l->r, n, path, names, &m);
	if (!rc)
		*out = (enum soem_match)(m + 1);
	return rc;
}

static int load_match(loader *l, const ynode *n)
{
	enum { TG, EM, NOTE, N };
	static const char *const keys[] = { "target_group", "effect_measure",
					    "note", NULL };
	soem_match_assessment *m = &l->c->match;
	const ynode *v[N];
	int rc;

	if ((rc = map_split(l, n, "match", keys, v, &m->extra)))
		return rc;
	m->present = true;
	if (v[TG] && (rc = read_match(l, v[TG], "match.target_group",
				      &m->target_group)))
		return rc;
	if (v[EM] && (rc = read_match(l, v[EM], "match.effect_measure",
				      &m->effect_measure)))
		return rc;
	if (v[NOTE] && (rc = yread_str(&l->r, v[NOTE], "match.note", &m->note)))
		return rc;
	return 0;
}

static int load_custom_service(loader *l, const ynode *n, const char *path,
			       soem_consequence *q)
{
	enum { ID, NAME, UNIT, AREA, KIND, N };
	static const char *const keys[] = { "id", "custom", "unit", "area",
					    "kind", NULL };
	static const char *const kinds[] = { "expense", "revenue", NULL };
	const soem_kb *kb = l->kb;
	soem_custom_service *cs = &q->cs;
	const ynode *v[N];
	char p[YPATH_MAX], list[LIST_MAX];
	int rc;

	if ((rc = map_split(l, n, path, keys, v, &cs->extra)))
		return rc;
	q->custom = true;
	if (!v[ID])
		return missing(l, n, path, "id");
	ypath_key(p, sizeof p, path, "id");
	if ((rc = read_id(l, v[ID], p, &cs->id)))
		return rc;
	if (soem_kb_service_index(kb, cs->id) != SOEM_NPOS)
		return yread_fail(&l->r, v[ID], p,
				  _("'%s' is already a service of profile %s: give your own service another id"),
				  cs->id, kb->id);
	if (!v[NAME])
		return yread_fail(&l->r, n, path,
				  _("'custom' (the service's name) is missing"));
	if ((rc = read_id(l, v[NAME], ypath_key(p, sizeof p, path, "custom"),
			  &cs->name)))
		return rc;
	if (v[UNIT] && (rc = yread_str(&l->r, v[UNIT],
				       ypath_key(p, sizeof p, path, "unit"),
				       &cs->unit)))
		return rc;
	if (!v[AREA])
		return yread_fail(&l->r, n, path,
				  _("'area' is missing (one of: %s)"),
				  area_list(kb, list, sizeof list));
	ypath_key(p, sizeof p, path, "area");
	if ((rc = read_id(l, v[AREA], p, &cs->area)))
		return rc;
	if (soem_kb_area_index(kb, cs->area) == SOEM_NPOS)
		return yread_fail(&l->r, v[AREA], p,
				  _("'%s' is not a consequence area of profile %s (one of: %s)"),
				  cs->area, kb->id,
				  area_list(kb, list, sizeof list));
	cs->kind = SOEM_EXPENSE;
	if (v[KIND]) {
		int k;
		if ((rc = yread_enum(&l->r, v[KIND],
				     ypath_key(p, sizeof p, path, "kind"), kinds,
				     &k)))
			return rc;
		cs->kind = k ? SOEM_REVENUE : SOEM_EXPENSE;
	}
	q->service = xstrdup(cs->id);
	return 0;
}

static int load_consequence(loader *l, const ynode *n, const char *path,
			    size_t idx)
{
	enum { SERVICE, ENABLED, YEARS, DURING, SCALE, FROM_KB, PERSIST, N };
	static const char *const keys[] = { "service", "enabled", "years",
					    "during", "scale", "from_kb",
					    "persistence", NULL };
	soem_calc *c = l->c;
	soem_consequence *q = &c->cons[idx];
	const ynode *v[N];
	char p[YPATH_MAX];
	int rc;

	q->enabled = true;
	q->scale = soem_num_of(1.0);
	if ((rc = map_split(l, n, path, keys, v, &q->extra)))
		return rc;
	if (!v[SERVICE])
		return missing(l, n, path, "service");
	ypath_key(p, sizeof p, path, "service");
	if (v[SERVICE]->kind == YNODE_MAP) {
		if ((rc = load_custom_service(l, v[SERVICE], p, q)))
			return rc;
	} else {
		if ((rc = read_id(l, v[SERVICE], p, &q->service)))
			return rc;
		if (soem_kb_service_index(l->kb, q->service) == SOEM_NPOS &&
		    !(l->c != l->top && custom_service_known(l, q->service)))
			return yread_fail(&l->r, v[SERVICE], p,
					  _("'%s' is not a service of profile %s (for your own service write {id: ..., custom: \"name\", unit: ..., area: ..., kind: expense})"),
					  q->service, l->kb->id);
	}
	size_t j = soem_idindex_add(&l->cons_ix, idx);
	if (j != SOEM_IDX_NONE)
		return yread_fail(&l->r, v[SERVICE], p,
				  _("the service '%s' is already listed as consequences[%zu]; each service may appear only once"),
				  q->service, j);
	if (v[ENABLED]) {
		if ((rc = yread_bool(&l->r, v[ENABLED],
				     ypath_key(p, sizeof p, path, "enabled"),
				     &q->enabled)))
			return rc;
		q->has_enabled = true;
	}
	if (v[YEARS] && (rc = read_num_list(l, v[YEARS],
					    ypath_key(p, sizeof p, path, "years"),
					    &q->years, &q->nyears)))
		return rc;
	if (v[DURING]) {
		if ((rc = yread_num(&l->r, v[DURING],
				    ypath_key(p, sizeof p, path, "during"),
				    &q->during)))
			return rc;
		q->has_during = true;
	}
	if (v[SCALE]) {
		if ((rc = yread_num(&l->r, v[SCALE],
				    ypath_key(p, sizeof p, path, "scale"),
				    &q->scale)))
			return rc;
		q->has_scale = true;
	}
	if (v[FROM_KB] && (rc = yread_bool(&l->r, v[FROM_KB],
					   ypath_key(p, sizeof p, path, "from_kb"),
					   &q->from_kb)))
		return rc;
	if (v[PERSIST]) {
		q->has_persistence = true;
		l->v2 = true;
		if ((rc = read_persistence(l, v[PERSIST],
					   ypath_key(p, sizeof p, path,
						     "persistence"),
					   &q->persist, &q->decay, &q->rho,
					   &q->nrho, &q->persistence_extra)))
			return rc;
	}
	return 0;
}

static int load_consequences(loader *l, const ynode *n)
{
	soem_calc *c = l->c;
	char p[YPATH_MAX];
	int rc = yread_expect(&l->r, n, "consequences", YNODE_SEQ);
	if (rc)
		return rc;
	c->cons = xcalloc(n->n ? n->n : 1, sizeof *c->cons);
	soem_idindex_init(&l->cons_ix, c->cons, n->n, sizeof *c->cons,
			  offsetof(soem_consequence, service));
	for (size_t i = 0; i < n->n; i++) {
		c->ncons++;
		if ((rc = load_consequence(l, n->v[i],
					   ypath_index(p, sizeof p,
						       "consequences", i),
					   i)))
			return rc;
	}
	return 0;
}

static bool custom_service_known(const loader *l, const char *id)
{
	const soem_calc *top = l->top ? l->top : l->c;
	if (l->c == top) {
		size_t i = soem_idindex_find(&l->cons_ix, id);
		if (i != SOEM_IDX_NONE && l->c->cons[i].custom)
			return true;
	}
	/* SPEC §2.9: a custom service is defined once per file, in any
	 * group (other groups name it by its id) */
	for (size_t g = 0; g < top->ngroups; g++) {
		const soem_calc *sub = top->groups[g].sub;
		for (size_t i = 0; sub && i < sub->ncons; i++)
			if (sub->cons[i].custom && sub->cons[i].service &&
			    strcmp(sub->cons[i].service, id) == 0)
				return true;
	}
	return false;
}

/* A price schedule (SPEC §2.9): [{from: YEAR, amount: A, price_year: Y}]
 * by calendar year; a repeated from is refused; the calculation must
 * have intervention.start_year. */
static int load_schedule(loader *l, const ynode *n, const char *path,
			 soem_price_payer *pp)
{
	enum { FROM, AMOUNT, PRICE_YEAR, N };
	static const char *const keys[] = { "from", "amount", "price_year",
					    NULL };
	const soem_calc *top = l->top ? l->top : l->c;
	char p[YPATH_MAX], q[YPATH_MAX];
	int rc;

	if (top->intervention.start_year == 0 && !l->recovering)
		return yread_fail(&l->r, n, path,
				  _("a price schedule by calendar year needs the intervention's start year: add intervention: {start_year: ...}"));
	if (top->intervention.start_year == 0)
		soem_warn_add(l->warn,
			      _("%s: the price schedule %s needs the intervention's start year: set it on step 1 before saving"),
			      l->r.file, path);
	if (n->n == 0)
		return yread_fail(&l->r, n, path,
				  _("the price schedule is empty: give at least one {from: YEAR, amount: PRICE}"));
	pp->sched = xcalloc(n->n, sizeof *pp->sched);
	for (size_t i = 0; i < n->n; i++) {
		const ynode *v[N];
		soem_sched_entry *se = &pp->sched[pp->nsched++];
		ypath_index(p, sizeof p, path, i);
		if ((rc = map_split(l, n->v[i], p, keys, v, &se->extra)))
			return rc;
		if (!v[FROM])
			return missing(l, n->v[i], p, "from");
		if (!v[AMOUNT])
			return missing(l, n->v[i], p, "amount");
		ypath_key(q, sizeof q, p, "from");
		if ((rc = yread_int(&l->r, v[FROM], q, 1, YEAR_MAX, &se->from)))
			return rc;
		for (size_t j = 0; j + 1 < pp->nsched; j++)
			if (pp->sched[j].from == se->from)
				return yread_fail(&l->r, v[FROM], q,
						  _("the year %d is already given by entry [%zu] of this schedule"),
						  se->from, j);
		ypath_key(q, sizeof q, p, "amount");
		if ((rc = yread_num(&l->r, v[AMOUNT], q, &se->amount)))
			return rc;
		if (v[PRICE_YEAR] &&
		    (rc = read_price_year(l, v[PRICE_YEAR],
					  ypath_key(q, sizeof q, p, "price_year"),
					  &se->price_year)))
			return rc;
	}
	size_t first = 0;
	for (size_t j = 1; j < pp->nsched; j++)
		if (pp->sched[j].from < pp->sched[first].from)
			first = j;
	pp->price = soem_num_of(pp->sched[first].amount.value);
	l->v2 = true;
	return 0;
}

static int load_price_entry(loader *l, const ynode *key, const ynode *n,
			    soem_price_entry *pe)
{
	const soem_kb *kb = l->kb;
	char path[YPATH_MAX], p[YPATH_MAX], list[LIST_MAX];
	int rc;

	ypath_key(path, sizeof path, "prices", key->str);
	pe->service = xstrdup(key->str);
	if (soem_kb_service_index(kb, pe->service) == SOEM_NPOS &&
	    !custom_service_known(l, pe->service))
		return yread_fail(&l->r, key, path,
				  _("'%s' is neither a service of profile %s nor one of this calculation's own services"),
				  pe->service, kb->id);
	if ((rc = yread_expect(&l->r, n, path, YNODE_MAP)))
		return rc;
	pe->v = xcalloc(n->n ? n->n / 2 : 1, sizeof *pe->v);
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const ynode *k = n->v[i], *v = n->v[i + 1];
		ypath_key(p, sizeof p, path, k->str);
		if (strcmp(k->str, "price_year") == 0) {
			if ((rc = read_price_year(l, v, p, &pe->price_year)))
				return rc;
			continue;
		}
		if (soem_kb_payer_index(kb, k->str) == SOEM_NPOS)
			return yread_fail(&l->r, k, p,
					  _("'%s' is not a payer of profile %s (one of: %s)"),
					  k->str, kb->id,
					  payer_list(kb, list, sizeof list));
		soem_price_payer *pp = &pe->v[pe->n];
		pp->payer = xstrdup(k->str);
		pe->n++;
		if (v->kind == YNODE_SEQ) {
			if ((rc = load_schedule(l, v, p, pp)))
				return rc;
			continue;
		}
		if ((rc = yread_num(&l->r, v, p, &pp->price)))
			return rc;
	}
	return 0;
}

static int load_prices(loader *l, const ynode *n)
{
	soem_calc *c = l->c;
	int rc = yread_expect(&l->r, n, "prices", YNODE_MAP);
	if (rc)
		return rc;
	c->prices = xcalloc(n->n ? n->n / 2 : 1, sizeof *c->prices);
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		soem_price_entry *pe = &c->prices[c->nprices++];
		if ((rc = load_price_entry(l, n->v[i], n->v[i + 1], pe)))
			return rc;
	}
	return 0;
}

/* taxes: {SERVICE: {PAYER: share}} (SPEC §2.9), after the consequences
 * and prices: any expense service of the profile or of this calculation;
 * each share in [0, 1], a service's shares summing to at most 1. */
static int load_taxes(loader *l, const ynode *n)
{
	soem_calc *c = l->c;
	const soem_kb *kb = l->kb;
	char path[YPATH_MAX], p[YPATH_MAX], list[LIST_MAX];
	int rc = yread_expect(&l->r, n, "taxes", YNODE_MAP);
	if (rc)
		return rc;
	l->v2 = true;
	c->taxes = xcalloc(n->n ? n->n / 2 : 1, sizeof *c->taxes);
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const ynode *key = n->v[i], *m = n->v[i + 1];
		soem_tax_entry *te = &c->taxes[c->ntaxes++];
		size_t k;
		bool revenue = false;
		double sum = 0;

		ypath_key(path, sizeof path, "taxes", key->str);
		te->service = xstrdup(key->str);
		k = soem_kb_service_index(kb, te->service);
		if (k != SOEM_NPOS) {
			revenue = kb->services[k].kind == SOEM_REVENUE;
		} else if (custom_service_known(l, te->service)) {
			size_t j = soem_idindex_find(&l->cons_ix, te->service);

			revenue = c->cons[j].cs.kind == SOEM_REVENUE;
		} else {
			return yread_fail(&l->r, key, path,
					  _("'%s' is neither a service of profile %s nor one of this calculation's own services"),
					  te->service, kb->id);
		}
		if (revenue)
			return yread_fail(&l->r, key, path,
					  _("'%s' is a revenue: only a transfer (an expense) carries tax"),
					  te->service);
		if ((rc = yread_expect(&l->r, m, path, YNODE_MAP)))
			return rc;
		te->v = xcalloc(m->n ? m->n / 2 : 1, sizeof *te->v);
		for (size_t j = 0; j + 1 < m->n; j += 2) {
			const ynode *pk = m->v[j], *pv = m->v[j + 1];
			soem_price_payer *pp;

			ypath_key(p, sizeof p, path, pk->str);
			if (soem_kb_payer_index(kb, pk->str) == SOEM_NPOS)
				return yread_fail(&l->r, pk, p,
						  _("'%s' is not a payer of profile %s (one of: %s)"),
						  pk->str, kb->id,
						  payer_list(kb, list, sizeof list));
			pp = &te->v[te->n++];
			pp->payer = xstrdup(pk->str);
			if ((rc = read_share(l, pv, p, &pp->price)))
				return rc;
			sum += pp->price.ranged ? pp->price.high
						: pp->price.value;
		}
		if (sum > 1 + 1e-9)
			return yread_fail(&l->r, key, path,
					  _("the tax shares sum to %g: at most 1 of the transfer can come back as tax"),
					  sum);
	}
	return 0;
}

/* completion: 0 < c <= 1 (SPEC §2.9). */
static int load_completion(loader *l, const ynode *n, const char *path,
			   soem_num *out)
{
	int rc = yread_num(&l->r, n, path, out);
	double a, b;
	if (rc)
		return rc;
	a = out->ranged ? out->low : out->value;
	b = out->ranged ? out->high : out->value;
	if (!(a > 0) || b > 1)
		return yread_fail(&l->r, n, path,
				  _("%g is not a completion share above 0 and at most 1 (5 of 6 is written 0.8333)"),
				  !(a > 0) ? a : b);
	l->v2 = true;
	return 0;
}

/* report_years: whole years in 1..H, sorted, without duplicates. */
static int load_report_years(loader *l, const ynode *n)
{
	soem_calc *c = l->c;
	char p[YPATH_MAX];
	bool want[SOEM_HORIZON_MAX + 1] = { false };
	int rc = yread_expect(&l->r, n, "report_years", YNODE_SEQ);
	if (rc)
		return rc;
	l->v2 = true;
	for (size_t i = 0; i < n->n; i++) {
		int y;
		ypath_index(p, sizeof p, "report_years", i);
		if ((rc = yread_int(&l->r, n->v[i], p, -YEAR_MAX, YEAR_MAX,
				    &y)))
			return rc;
		if (y < 1 || y > c->horizon)
			return yread_fail(&l->r, n->v[i], p,
					  _("year %d lies outside the horizon (years 1 to %d)"),
					  y, c->horizon);
		want[y] = true;
	}
	c->report_years = xcalloc(n->n ? n->n : 1, sizeof(int));
	for (int y = 1; y <= c->horizon; y++)
		if (want[y])
			c->report_years[c->nreport_years++] = y;
	return 0;
}

/* ---------------------------------------------------------------------
 * discount, uncertainty, notes
 */

static int load_step(loader *l, const ynode *n, const char *path,
		     soem_disc_step *st)
{
	static const char *const keys[] = { "from", "rate", NULL };
	const ynode *v[2];
	char p[YPATH_MAX];
	int rc;

	if ((rc = map_split(l, n, path, keys, v, &st->extra)))
		return rc;
	if (!v[0])
		return missing(l, n, path, "from");
	if (!v[1])
		return missing(l, n, path, "rate");
	if ((rc = yread_int(&l->r, v[0], ypath_key(p, sizeof p, path, "from"),
			    1, STEP_FROM_MAX, &st->from)))
		return rc;
	if ((rc = yread_num(&l->r, v[1], ypath_key(p, sizeof p, path, "rate"),
			    &st->rate)))
		return rc;
	double a = st->rate.ranged ? st->rate.low : st->rate.value;
	double b = st->rate.ranged ? st->rate.high : st->rate.value;
	if (!(a > -1.0 && b < 1.0))
		return yread_fail(&l->r, v[1], p,
				  _("%g is not a discount rate between -1 and 1 (3.5 %% is written 0.035)"),
				  a <= -1.0 ? a : b);
	return 0;
}

static int load_discount(loader *l, const ynode *n)
{
	static const char *const keys[] = { "first_year", "steps", NULL };
	static const char *const firsts[] = { "undiscounted", "discounted",
					      NULL };
	soem_discount *d = &l->c->discount;
	const ynode *v[2];
	char p[YPATH_MAX];
	int rc;

	if ((rc = map_split(l, n, "discount", keys, v, &d->extra)))
		return rc;
	d->present = true;
	if (v[0]) {
		int f;
		if ((rc = yread_enum(&l->r, v[0], "discount.first_year", firsts,
				     &f)))
			return rc;
		d->first_discounted = f == 1;
		d->has_first_year = true;
	}
	if (!v[1])
		return 0;
	if ((rc = yread_expect(&l->r, v[1], "discount.steps", YNODE_SEQ)))
		return rc;
	d->steps = xcalloc(v[1]->n ? v[1]->n : 1, sizeof *d->steps);
	for (size_t i = 0; i < v[1]->n; i++) {
		soem_disc_step *st = &d->steps[d->nsteps++];
		char q[YPATH_MAX];
		ypath_index(p, sizeof p, "discount.steps", i);
		if ((rc = load_step(l, v[1]->v[i], p, st)))
			return rc;
		for (size_t j = 0; j < i; j++)
			if (d->steps[j].from == st->from)
				return yread_fail(&l->r,
						  ynode_map_get(v[1]->v[i],
								"from"),
						  ypath_key(q, sizeof q, p,
							    "from"),
						  _("a step from year %d is already given (discount.steps[%zu])"),
						  st->from, j);
	}
	return 0;
}

static int load_uncertainty(loader *l, const ynode *n)
{
	static const char *const keys[] = { "draws", "seed", NULL };
	soem_calc *c = l->c;
	const ynode *v[2];
	int rc;

	if ((rc = map_split(l, n, "uncertainty", keys, v,
			    &c->uncertainty_extra)))
		return rc;
	c->has_uncertainty = true;
	if (v[0] && (rc = yread_long(&l->r, v[0], "uncertainty.draws", 0,
				     DRAWS_MAX, &c->draws)))
		return rc;
	if (v[1] && (rc = read_u64(l, v[1], "uncertainty.seed", &c->seed)))
		return rc;
	return 0;
}

static int load_notes(loader *l, const ynode *n)
{
	soem_calc *c = l->c;
	char p[YPATH_MAX];
	int rc = yread_expect(&l->r, n, "notes", YNODE_MAP);
	if (rc)
		return rc;
	c->notes = xcalloc(n->n ? n->n / 2 : 1, sizeof *c->notes);
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		if (ynode_is_null(n->v[i + 1]))
			continue;
		soem_note *no = &c->notes[c->nnotes++];
		no->key = xstrdup(n->v[i]->str);
		if ((rc = yread_str(&l->r, n->v[i + 1],
				    ypath_key(p, sizeof p, "notes", no->key),
				    &no->text)))
			return rc;
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * The file
 */

/* groups: (SPEC §2.9).  Each group is read into its own soem_calc (sub)
 * by the same readers as the top-level keys, with l->c pointing at it. */
static int load_group(loader *l, const ynode *n, const char *path,
		      soem_calc_group *grp)
{
	enum { NAME, TARGET, EFFECT, INTAKE, COURSE, COMPLETION, MATCH, CONS,
	       N };
	static const char *const keys[] = { "name", "target_group", "effect",
					    "intake", "course_years",
					    "completion", "match",
					    "consequences", NULL };
	soem_calc *top = l->c;
	const ynode *v[N];
	char p[YPATH_MAX], pre[YPATH_MAX];
	int rc;

	if ((rc = map_split(l, n, path, keys, v, &grp->extra)))
		return rc;
	if (!v[NAME])
		return missing(l, n, path, "name");
	ypath_key(p, sizeof p, path, "name");
	if ((rc = read_id(l, v[NAME], p, &grp->name)))
		return rc;
	for (size_t g = 0; g + 1 < top->ngroups; g++)
		if (strcmp(top->groups[g].name, grp->name) == 0)
			return yread_fail(&l->r, v[NAME], p,
					  _("the group name '%s' is already used by groups[%zu]; each group needs its own name"),
					  grp->name, g);
	grp->sub = soem_calc_new();
	grp->sub->horizon = top->horizon;
	grp->sub->format = top->format;
	l->c = grp->sub;
	l->tg_group = -1;
	soem_idindex_free(&l->cons_ix);
	memset(&l->cons_ix, 0, sizeof l->cons_ix);
	/* Every message about the group's own keys names the group as SPEC
	 * 2.9 names its inputs: groups[NAME].effect.p1 (the name is known and
	 * unique from here on). */
	ypath_id(pre, sizeof pre, "groups", grp->name);
	l->r.prefix = pre;
	rc = 0;
	if (v[COURSE])
		rc = yread_int(&l->r, v[COURSE], "course_years", 1, COURSE_MAX,
			       &l->c->course_years);
	if (!rc)
		rc = load_intake(l, n, v[INTAKE]);
	if (!rc && v[COMPLETION]) {
		rc = load_completion(l, v[COMPLETION], "completion",
				     &l->c->completion);
		l->c->has_completion = true;
	}
	if (!rc && v[TARGET])
		rc = load_target_group(l, v[TARGET]);
	if (!rc && v[EFFECT])
		rc = load_effect(l, v[EFFECT]);
	if (!rc && v[MATCH])
		rc = load_match(l, v[MATCH]);
	if (!rc && v[CONS])
		rc = load_consequences(l, v[CONS]);
	l->r.prefix = NULL;
	l->c = top;
	l->tg_group = -1;
	soem_idindex_free(&l->cons_ix);
	memset(&l->cons_ix, 0, sizeof l->cons_ix);
	return rc;
}

static int load_groups(loader *l, const ynode *root, const ynode *n,
		       const ynode *const *beside,
		       const char *const *beside_keys)
{
	soem_calc *c = l->c;
	char p[YPATH_MAX];
	int rc = yread_expect(&l->r, n, "groups", YNODE_SEQ);
	if (rc)
		return rc;
	for (size_t i = 0; beside_keys[i]; i++)
		if (beside[i])
			return yread_fail(&l->r, key_of(root, beside[i]),
					  beside_keys[i],
					  _("'%s' belongs inside each group when the calculation has groups: move it into the groups"),
					  beside_keys[i]);
	if (n->n == 0)
		return yread_fail(&l->r, n, "groups",
				  _("the list of groups is empty: add at least one group, or remove groups:"));
	c->groups = xcalloc(n->n, sizeof *c->groups);
	for (size_t i = 0; i < n->n; i++) {
		c->ngroups++;
		if ((rc = load_group(l, n->v[i],
				     ypath_index(p, sizeof p, "groups", i),
				     &c->groups[i])))
			return rc;
	}
	l->v2 = true;
	return 0;
}

static int load_format(loader *l, const ynode *root, const ynode *n)
{
	long f;
	if (!n) {
		if (ynode_map_get(root, "soem_kb"))
			return yread_fail(&l->r, root, NULL,
					  _("this is a knowledge database, not a calculation"));
		return yread_fail(&l->r, root, NULL,
				  _("this is not a soem calculation: 'soem_calc: %d' is missing at the top"),
				  1);
	}
	int rc = yread_long(&l->r, n, "soem_calc", 1, 1000000L, &f);
	if (rc)
		return rc;
	if (f > SOEM_CALC_FORMAT)
		return yread_fail(&l->r, n, "soem_calc",
				  _("the file was written by a newer soem (format %ld); this soem reads format %d"),
				  f, SOEM_CALC_FORMAT);
	l->c->format = (int)f;
	return 0;
}

/* SPEC §2.9: a database schedule in a calculation without start_year
 * uses the entry in force in the profile's price year, with a warning. */
static void warn_db_schedules(const loader *l, const soem_calc *c,
			      soem_warnings *warn)
{
	size_t n;
	soem_consequence *all = soem_calc_all_cons(c, &n);
	for (size_t i = 0; i < n; i++) {
		size_t k = all[i].custom ? SOEM_NPOS
		       : soem_kb_service_index(l->kb, all[i].service);
		const soem_kb_service *s = k != SOEM_NPOS ? &l->kb->services[k]
							  : NULL;
		if (!s || !s->sched)
			continue;
		soem_warn_add(warn,
			      _("%s: the price of '%s' in profile %s changes by calendar year, but the calculation has no intervention.start_year: the price in force in %d is used"),
			      l->r.file, s->id, l->kb->id, l->kb->price_year);
	}
	free(all);
}

static int load_root(loader *l, const ynode *root, const soem_kbset *kbs,
		     const char *default_profile, soem_warnings *warn)
{
	enum { FORMAT, KB, INTERVENTION, HORIZON, COURSE, INTAKE, TARGET,
	       EFFECT, COSTS, MATCH, CONS, PRICES, DISCOUNT, UNCERTAINTY,
	       NOTES, EVALUATION, COMPLETION, PRICE_LEVEL, REPORT_YEARS, TAXES,
	       GROUPS, N };
	static const char *const keys[] = {
		"soem_calc", "kb", "intervention", "horizon", "course_years",
		"intake", "target_group", "effect", "costs", "match",
		"consequences", "prices", "discount", "uncertainty", "notes",
		"evaluation", "completion", "price_level", "report_years",
		"taxes", "groups", NULL
	};
	soem_calc *c = l->c;
	const ynode *v[N];
	int rc;

	if (root->kind != YNODE_MAP)
		return yread_fail(&l->r, root, NULL,
				  _("this is not a soem calculation (expected keys such as soem_calc, horizon and intake, found %s)"),
				  gettext(ynode_kind_name(root)));
	if ((rc = map_split(l, root, NULL, keys, v, &c->extra)))
		return rc;
	if ((rc = load_format(l, root, v[FORMAT])))
		return rc;
	if ((rc = load_kb(l, v[KB] ? v[KB] : NULL, kbs, default_profile,
			  warn)))
		return rc;
	if (v[INTERVENTION] && (rc = load_intervention(l, v[INTERVENTION])))
		return rc;
	if (v[HORIZON] && (rc = yread_int(&l->r, v[HORIZON], "horizon", 1,
					  SOEM_HORIZON_MAX, &c->horizon)))
		return rc;
	if (v[COURSE] && (rc = yread_int(&l->r, v[COURSE], "course_years", 1,
					 COURSE_MAX, &c->course_years)))
		return rc;
	l->top = c;
	if (v[GROUPS]) {
		/* SPEC §2.9: no group keys at the top beside groups: */
		const ynode *beside[] = { v[INTAKE], v[COURSE], v[COMPLETION],
					  v[TARGET], v[EFFECT], v[MATCH],
					  v[CONS] };
		static const char *const beside_keys[] = {
			"intake", "course_years", "completion", "target_group",
			"effect", "match", "consequences", NULL
		};
		if ((rc = load_groups(l, root, v[GROUPS], beside,
				      beside_keys)))
			return rc;
	} else if ((rc = load_intake(l, root, v[INTAKE])))
		return rc;
	if (v[COMPLETION]) {
		if ((rc = load_completion(l, v[COMPLETION], "completion",
					  &c->completion)))
			return rc;
		c->has_completion = true;
	}
	if (v[PRICE_LEVEL]) {
		if ((rc = read_price_year(l, v[PRICE_LEVEL], "price_level",
					  &c->price_level)))
			return rc;
		l->v2 = true;
	}
	if (v[REPORT_YEARS] && (rc = load_report_years(l, v[REPORT_YEARS])))
		return rc;
	if (v[TARGET] && (rc = load_target_group(l, v[TARGET])))
		return rc;
	if (v[EFFECT] && (rc = load_effect(l, v[EFFECT])))
		return rc;
	if (v[COSTS] && (rc = load_costs(l, v[COSTS])))
		return rc;
	if (v[MATCH] && (rc = load_match(l, v[MATCH])))
		return rc;
	if (v[CONS] && (rc = load_consequences(l, v[CONS])))
		return rc;
	if (v[PRICES] && (rc = load_prices(l, v[PRICES])))
		return rc;
	if (v[TAXES] && (rc = load_taxes(l, v[TAXES])))
		return rc;
	if (v[DISCOUNT] && (rc = load_discount(l, v[DISCOUNT])))
		return rc;
	if (v[UNCERTAINTY] && (rc = load_uncertainty(l, v[UNCERTAINTY])))
		return rc;
	if (v[NOTES] && (rc = load_notes(l, v[NOTES])))
		return rc;
	if (v[EVALUATION])
		c->evaluation = keep_node(l, v[EVALUATION]);
	if (l->v2 && c->format < 2)
		c->format = 2;  /* SPEC §2.9: a version-1 file with these keys */
	if (!c->intervention.start_year)
		warn_db_schedules(l, c, warn);
	return 0;
}

int soem_calc_from_tree(const ynode *root, const char *file,
			const soem_kbset *kbs, const char *default_profile,
			soem_calc **out, const soem_kb **kb,
			soem_warnings *warn, soem_err *err)
{
	loader l = { .r = { .file = file, .err = err }, .tg_group = -1 };
	l.c = soem_calc_new();
	int rc = load_root(&l, root, kbs, default_profile, warn);
	soem_idindex_free(&l.cons_ix);
	if (rc) {
		soem_calc_free(&l.c);
		return rc;
	}
	*out = l.c;
	if (kb)
		*kb = l.kb;
	return 0;
}

static int from_tree_take(ynode **root, const char *file,
			  const soem_kbset *kbs, const char *default_profile,
			  soem_calc **out, const soem_kb **kb,
			  soem_warnings *warn, soem_err *err, bool recovering)
{
	loader l = { .r = { .file = file, .err = err }, .tg_group = -1,
		     .own = true, .recovering = recovering, .warn = warn };
	l.c = soem_calc_new();
	int rc = load_root(&l, *root, kbs, default_profile, warn);
	soem_idindex_free(&l.cons_ix);
	if (rc) {
		/* the calculation first: what it kept lives in the tree */
		soem_calc_free(&l.c);
		ynode_free(root);
		return rc;
	}
	/* the tree is the calculation's only when it kept a part of it:
	 * else it goes now, 16 kB or more for the file's lifetime in
	 * the wizard (issue 18: memory per user) */
	if (l.kept)
		l.c->tree = *root;
	else
		ynode_free(root);
	*root = NULL;
	*out = l.c;
	if (kb)
		*kb = l.kb;
	return 0;
}

int soem_calc_from_tree_take(ynode **root, const char *file,
			     const soem_kbset *kbs,
			     const char *default_profile, soem_calc **out,
			     const soem_kb **kb, soem_warnings *warn,
			     soem_err *err)
{
	return from_tree_take(root, file, kbs, default_profile, out, kb, warn,
			      err, false);
}

static int parse(const char *buf, size_t len, const char *file,
		 const soem_kbset *kbs, const char *default_profile,
		 soem_calc **out, const soem_kb **kb, soem_warnings *warn,
		 soem_err *err, bool recovering)
{
	ynode *root = NULL;
	*out = NULL;
	if (kb)
		*kb = NULL;
	int rc = ynode_parse(buf, len, file, &root, err);
	if (rc)
		return rc;
	return from_tree_take(&root, file, kbs, default_profile, out, kb, warn,
			      err, recovering);
}

int soem_calc_parse(const char *buf, size_t len, const char *file,
		    const soem_kbset *kbs, const char *default_profile,
		    soem_calc **out, const soem_kb **kb, soem_warnings *warn,
		    soem_err *err)
{
	return parse(buf, len, file, kbs, default_profile, out, kb, warn, err,
		     false);
}

static int load(const char *path, const soem_kbset *kbs,
		const char *default_profile, soem_calc **out,
		const soem_kb **kb, soem_warnings *warn, soem_err *err,
		bool recovering)
{
	char *buf;
	size_t len;
	*out = NULL;
	if (kb)
		*kb = NULL;
	int rc = soem_read_file(path, SOEM_YAML_MAX_FILE, &buf, &len, err);
	if (rc)
		return rc;
	rc = parse(buf, len, path, kbs, default_profile, out, kb, warn, err,
		   recovering);
	free(buf);
	return rc;
}

int soem_calc_load(const char *path, const soem_kbset *kbs,
		   const char *default_profile, soem_calc **out,
		   const soem_kb **kb, soem_warnings *warn, soem_err *err)
{
	return load(path, kbs, default_profile, out, kb, warn, err, false);
}

int soem_calc_load_autosave(const char *path, const soem_kbset *kbs,
			    const char *default_profile, soem_calc **out,
			    const soem_kb **kb, soem_warnings *warn,
			    soem_err *err)
{
	return load(path, kbs, default_profile, out, kb, warn, err, true);
}
