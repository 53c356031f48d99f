/* kb_csv.c - a knowledge database's figures as one CSV, and back
 * (see kb_csv.h).  CSV written with util/textsafe's cell sink, read with
 * the small parser below; YAML read and written with libyaml (src/yaml). */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/kb_csv.h"
#include "io/kb_io.h"
#include "util/i18n.h"
#include "util/numfmt.h"
#include "util/textsafe.h"
#include "util/xalloc.h"
#include "yaml/yemit.h"
#include "yaml/ynode.h"

#define CSV_MAX_FILE (64u * 1024 * 1024)

bool soem_kb_csv_id_ok(const char *s)
{
	if (!s || !*s || strlen(s) > 64)
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x80 || (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '_' || *p == '-' || *p == '.')
			continue;
		return false;
	}
	return true;
}

/* ---- the tree ---------------------------------------------------- */

static ynode *get(const ynode *map, const char *key)
{
	return (ynode *)ynode_map_get(map, key);
}

static const char *str_of(const ynode *n)
{
	return n && n->kind == YNODE_SCALAR ? n->str : "";
}

/* A name: plain, or a map by language (lang, else fallback, else the
 * first). */
static const char *text_of(const ynode *n, const char *lang,
			   const char *fallback)
{
	if (!n)
		return "";
	if (n->kind == YNODE_SCALAR)
		return n->str;
	if (n->kind != YNODE_MAP || n->n < 2)
		return "";
	const ynode *t = lang ? get(n, lang) : NULL;
	if (!t && fallback)
		t = get(n, fallback);
	if (!t)
		t = n->v[1];
	return str_of(t);
}

static ynode *find_id(const ynode *seq, const char *key, const char *id)
{
	if (!seq || seq->kind != YNODE_SEQ)
		return NULL;
	for (size_t i = 0; i < seq->n; i++)
		if (strcmp(str_of(get(seq->v[i], key)), id) == 0)
			return seq->v[i];
	return NULL;
}

/* The slot of key's value in map (a tree of its own nodes), or NULL. */
static ynode **slot(ynode *map, const char *key)
{
	if (!map || map->kind != YNODE_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (strcmp(map->v[i]->str, key) == 0)
			return &map->v[i + 1];
	return NULL;
}

static void map_set(ynode *map, const char *key, ynode *value)
{
	ynode **s = slot(map, key);
	if (s) {
		ynode_free(s);
		*s = value;
	} else {
		ynode_map_put(map, key, value);
	}
}

static void map_remove(ynode *map, const char *key)
{
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (strcmp(map->v[i]->str, key) == 0) {
			ynode_free(&map->v[i]);
			ynode_free(&map->v[i + 1]);
			memmove(&map->v[i], &map->v[i + 2],
				(map->n - i - 2) * sizeof *map->v);
			map->n -= 2;
			return;
		}
}

static double num_of(const ynode *n)
{
	return n && n->kind == YNODE_SCALAR ? strtod(n->str, NULL) : 0.0;
}

static const char *prov_of(const ynode *m, const char *lang,
			   const char *fallback, char *buf, size_t size)
{
	const char *src = text_of(get(m, "source"), lang, fallback);
	const ynode *il = get(m, "illustrative");
	bool ill = il && il->kind == YNODE_SCALAR &&
		   (strcmp(il->str, "true") == 0 || strcmp(il->str, "yes") == 0);
	if (ill)
		snprintf(buf, size, *src ? "illustrative; %s" : "illustrative",
			 src);
	else
		snprintf(buf, size, "%s", src);
	return buf;
}

/* ---- export ------------------------------------------------------ */

typedef struct csvout {
	FILE *f;
	char sep;
} csvout;

static void cell(csvout *c, const char *s)
{
	soem_csv_write(c->f, s, c->sep);
	fputc(c->sep, c->f);
}

static void num_cell(csvout *c, const ynode *n, bool last)
{
	if (n && n->kind == YNODE_SCALAR && !ynode_is_null(n)) {
		char b[64];
		soem_num_exact(strtod(n->str, NULL), b, sizeof b);
		if (c->sep != ',')
			for (char *p = b; *p; p++)
				if (*p == '.')
					*p = ',';
		fputs(b, c->f);
	}
	if (!last)
		fputc(c->sep, c->f);
}

static void year_cell(csvout *c, long y)
{
	if (y > 0)
		fprintf(c->f, "%ld", y);
	fputc(c->sep, c->f);
}

static void row_end(csvout *c, const char *unit, const char *name,
		    const char *cur)
{
	cell(c, unit);
	cell(c, name);
	cell(c, cur);
	/* source: for the analyst */
	fputs("\r\n", c->f);
}

static bool group_uses(const ynode *grp, const char *service)
{
	const ynode *ms = get(grp, "success_measures");
	for (size_t m = 0; ms && m < ms->n; m++) {
		const ynode *cs = get(ms->v[m], "consequences");
		for (size_t i = 0; cs && i < cs->n; i++)
			if (strcmp(str_of(get(cs->v[i], "service")), service) ==
			    0)
				return true;
	}
	return false;
}

int soem_kb_csv_export(const soem_kb *kb, const char *group,
		       const char *lang, char sep, bool bom, char **buf,
		       size_t *len, soem_err *err)
{
	ynode *root = NULL;
	int rc = ynode_parse_file(kb->path, &root, err);
	if (rc)
		return rc;
	const char *fb = kb->language;
	const ynode *groups = get(root, "target_groups");
	const ynode *only = NULL;
	if (group && !(only = find_id(groups, "id", group))) {
		ynode_free(&root);
		return soem_err_set(err, SOEM_EX_CALC,
				    _("no target group '%s' in profile %s"),
				    soem_term_tmp(group), soem_term_tmp(kb->id));
	}
	char *out = NULL;
	size_t outlen = 0;
	csvout c = { open_memstream(&out, &outlen), sep };
	if (!c.f) {
		ynode_free(&root);
		return soem_err_set(err, SOEM_EX_IOERR, _("out of memory"));
	}
	if (bom)
		fputs("\xEF\xBB\xBF", c.f);
	static const char *const head[] = {
		"kind", "target_group", "measure", "service", "payer", "year",
		"value", "unit", "name", "current_source", "source", NULL
	};
	for (size_t i = 0; head[i]; i++) {
		fputs(head[i], c.f);
		fputs(head[i + 1] ? (char[]){ sep, 0 } : "\r\n", c.f);
	}
	char pb[SOEM_ERR_MAX * 4];
	const ynode *payers = get(root, "payers");
	const ynode *services = get(root, "services");
	for (size_t s = 0; services && s < services->n; s++) {
		const ynode *sv = services->v[s];
		const char *sid = str_of(get(sv, "id"));
		if (only && !group_uses(only, sid))
			continue;
		const ynode *prices = get(sv, "prices");
		const char *unit = text_of(get(sv, "unit"), lang, fb);
		const char *name = text_of(get(sv, "name"), lang, fb);
		prov_of(sv, lang, fb, pb, sizeof pb);
		for (size_t p = 0; payers && p < payers->n; p++) {
			const char *pid = str_of(get(payers->v[p], "id"));
			const ynode *pr = get(prices, pid);
			if (pr && pr->kind == YNODE_SEQ) {
				/* a price schedule (SPEC §2.9): a row per entry */
				for (size_t e = 0; e < pr->n; e++) {
					cell(&c, "price");
					cell(&c, "");
					cell(&c, "");
					cell(&c, sid);
					cell(&c, pid);
					year_cell(&c, strtol(str_of(get(pr->v[e],
						"from")), NULL, 10));
					num_cell(&c, get(pr->v[e], "amount"),
						 false);
					row_end(&c, unit, name, pb);
				}
				continue;
			}
			cell(&c, "price");
			cell(&c, "");
			cell(&c, "");
			cell(&c, sid);
			cell(&c, pid);
			cell(&c, "");
			if (pr)
				num_cell(&c, pr, false);
			else
				fprintf(c.f, "0%c", sep);
			row_end(&c, unit, name, pb);
		}
	}
	for (size_t g = 0; groups && g < groups->n; g++) {
		const ynode *grp = groups->v[g];
		if (only && grp != only)
			continue;
		const char *gid = str_of(get(grp, "id"));
		const ynode *ms = get(grp, "success_measures");
		for (size_t m = 0; ms && m < ms->n; m++) {
			const char *mid = str_of(get(ms->v[m], "id"));
			const ynode *cs = get(ms->v[m], "consequences");
			for (size_t i = 0; cs && i < cs->n; i++) {
				const ynode *q = cs->v[i];
				const char *sid = str_of(get(q, "service"));
				const ynode *sv = find_id(services, "id", sid);
				const char *unit =
					text_of(get(sv, "unit"), lang, fb);
				const char *name =
					text_of(get(sv, "name"), lang, fb);
				prov_of(q, lang, fb, pb, sizeof pb);
				cell(&c, "baseline");
				cell(&c, gid);
				cell(&c, mid);
				cell(&c, sid);
				cell(&c, "");
				cell(&c, "");
				num_cell(&c, get(q, "baseline"), false);
				row_end(&c, unit, name, pb);
				const ynode *ys = get(q, "years");
				for (size_t j = 0; ys && j < ys->n; j++) {
					cell(&c, "consequence");
					cell(&c, gid);
					cell(&c, mid);
					cell(&c, sid);
					cell(&c, "");
					year_cell(&c, (long)j + 1);
					num_cell(&c, ys->v[j], false);
					row_end(&c, unit, name, pb);
				}
			}
		}
	}
	ynode_free(&root);
	if (fclose(c.f) != 0) {
		free(out);
		return soem_err_set(err, SOEM_EX_IOERR, _("out of memory"));
	}
	*buf = out;
	*len = outlen;
	return 0;
}

/* ---- reading CSV ------------------------------------------------- */

typedef struct field {
	char *s;
	int line, col;
} field;

typedef struct csvin {
	const char *file;
	const char *p, *end;
	char sep;
	int line, col;        /* of p */
	soem_err *err;
} csvin;

static void adv(csvin *r)
{
	unsigned char ch = (unsigned char)*r->p++;
	if (ch == '\n') {
		r->line++;
		r->col = 1;
	} else if ((ch & 0xC0) != 0x80) {
		r->col++;     /* characters, not bytes */
	}
}

/* Reads one record into *f (n fields).  Returns 0, 1 at the end of the
 * text, or an error code. */
static int read_record(csvin *r, field **f, size_t *n, size_t *cap)
{
	*n = 0;
	if (r->p >= r->end)
		return 1;
	for (;;) {
		if (*n == *cap) {
			*cap = *cap ? 2 * *cap : 16;
			*f = xrealloc(*f, *cap * sizeof **f);
		}
		field *fd = &(*f)[(*n)++];
		fd->line = r->line;
		fd->col = r->col;
		size_t bl = 0, bc = 64;
		char *b = xmalloc(bc);
		if (r->p < r->end && *r->p == '"') {
			adv(r);
			for (;;) {
				if (r->p >= r->end) {
					free(b);
					fd->s = NULL;
					return soem_err_at(r->err, SOEM_EX_DATAERR,
							   r->file, fd->line, fd->col,
							   _("a quoted field has no closing quote"));
				}
				if (*r->p == '"') {
					if (r->p + 1 < r->end && r->p[1] == '"') {
						adv(r);
					} else {
						adv(r);
						break;
					}
				}
				if (bl + 2 > bc)
					b = xrealloc(b, bc *= 2);
				b[bl++] = *r->p;
				adv(r);
			}
			if (r->p < r->end && *r->p != r->sep && *r->p != '\n' &&
			    *r->p != '\r') {
				int l = r->line, c = r->col;
				free(b);
				fd->s = NULL;
				return soem_err_at(r->err, SOEM_EX_DATAERR, r->file,
						   l, c,
						   _("unexpected text after a quoted field (a quote inside a field is written twice: \"\")"));
			}
		} else {
			while (r->p < r->end && *r->p != r->sep &&
			       *r->p != '\n' && *r->p != '\r') {
				if (*r->p == '"') {
					int l = r->line, c = r->col;
					free(b);
					fd->s = NULL;
					return soem_err_at(r->err, SOEM_EX_DATAERR,
							   r->file, l, c,
							   _("a quote inside a field that does not start with a quote"));
				}
				if (bl + 2 > bc)
					b = xrealloc(b, bc *= 2);
				b[bl++] = *r->p;
				adv(r);
			}
		}
		b[bl] = '\0';
		fd->s = b;
		if (r->p >= r->end)
			return 0;
		if (*r->p == r->sep) {
			adv(r);
			continue;
		}
		if (*r->p == '\r')
			adv(r);
		if (r->p < r->end && *r->p == '\n')
			adv(r);
		return 0;
	}
}

static void free_fields(field *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(f[i].s);
}

/* Text of a cell: without the apostrophe our export puts before a cell
 * that a spreadsheet would read as a formula, and trimmed. */
static const char *cell_text(field *f)
{
	char *s = f->s;
	if (s[0] == '\'' && s[1] && strchr("=+-@\t\r", s[1]))
		memmove(s, s + 1, strlen(s));
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	size_t k = strspn(s, " \t");
	if (k)
		memmove(s, s + k, n - k + 1);
	return s;
}

static int parse_value(csvin *r, field *f, double *out)
{
	const char *s = cell_text(f);
	char b[128];
	size_t n = strlen(s);
	if (n && n < sizeof b && strspn(s, "0123456789+-.,eE") == n) {
		memcpy(b, s, n + 1);
		char *comma = strchr(b, ',');
		if (comma && r->sep != ',' && !strchr(b, '.') &&
		    !strchr(comma + 1, ','))
			*comma = '.';
		char *end;
		double v = strtod(b, &end);
		if (*end == '\0' && end != b && isfinite(v)) {
			*out = v;
			return 0;
		}
	}
	const char *why = NULL;
	if (soem_num_parse(s, r->sep == ',' ? SOEM_NUM_EN : SOEM_NUM_DA,
			   false, out, &why) == 0 && isfinite(*out))
		return 0;
	return soem_err_at(r->err, SOEM_EX_DATAERR, r->file, f->line, f->col,
			   _("'%s' is not a number"), soem_term_tmp(s));
}

/* ---- import ------------------------------------------------------ */

/* What changed in one service or consequence row. */
typedef struct change {
	ynode *node;          /* the service's or the row's map */
	char *sources;        /* the CSV's source cells, "; "-joined */
} change;

typedef struct changes {
	size_t n, cap;
	change *c;
} changes;

static void note_change(changes *cs, ynode *node, const char *src)
{
	change *c = NULL;
	for (size_t i = 0; i < cs->n; i++)
		if (cs->c[i].node == node)
			c = &cs->c[i];
	if (!c) {
		if (cs->n == cs->cap) {
			cs->cap = cs->cap ? 2 * cs->cap : 16;
			cs->c = xrealloc(cs->c, cs->cap * sizeof *cs->c);
		}
		c = &cs->c[cs->n++];
		c->node = node;
		c->sources = NULL;
	}
	if (!*src || (c->sources && strstr(c->sources, src)))
		return;
	if (!c->sources) {
		c->sources = xstrdup(src);
	} else {
		char *j = xasprintf("%s; %s", c->sources, src);
		free(c->sources);
		c->sources = j;
	}
}

static ynode *num_node(double v)
{
	char b[64];
	return ynode_new_scalar(soem_num_exact(v, b, sizeof b), true);
}

enum col { C_KIND, C_GROUP, C_MEASURE, C_SERVICE, C_PAYER, C_YEAR, C_VALUE,
	   C_SOURCE, C_N };
static const char *const col_names[C_N] = {
	"kind", "target_group", "measure", "service", "payer", "year",
	"value", "source"
};

static int fail_at(csvin *r, const field *f, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail_at(csvin *r, const field *f, const char *fmt, ...)
{
	char b[SOEM_ERR_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b, sizeof b, fmt, ap);
	va_end(ap);
	return soem_err_at(r->err, SOEM_EX_DATAERR, r->file, f->line, f->col,
			   "%s", b);
}

/* Applies one data row to the tree. */
static int apply_row(csvin *r, ynode *root, field *f, const int *col,
		     changes *cs, soem_kb_csv_stats *st)
{
	field *k = &f[col[C_KIND]];
	const char *kind = cell_text(k);
	field *svf = &f[col[C_SERVICE]];
	const char *sid = cell_text(svf);
	field *vf = &f[col[C_VALUE]];
	const char *src = cell_text(&f[col[C_SOURCE]]);
	field *yf = &f[col[C_YEAR]];
	const char *ytext = cell_text(yf);
	long year = 0;
	if (*ytext) {
		char *end;
		year = strtol(ytext, &end, 10);
		if (*end || year < 1 || year > 100000)
			return fail_at(r, yf, _("'%s' is not a year"), soem_term_tmp(ytext));
	}
	ynode *services = get(root, "services");
	ynode *sv = find_id(services, "id", sid);
	if (!sv)
		return fail_at(r, svf, _("no service '%s' in the base profile"), soem_term_tmp(sid));
	if (strcmp(kind, "price") == 0) {
		field *pf = &f[col[C_PAYER]];
		const char *pid = cell_text(pf);
		if (!find_id(get(root, "payers"), "id", pid))
			return fail_at(r, pf,
				       _("no payer '%s' in the base profile"), soem_term_tmp(pid));
		double v;
		int rc = parse_value(r, vf, &v);
		if (rc)
			return rc;
		ynode *prices = get(sv, "prices");
		if (!prices) {
			prices = ynode_new_map();
			ynode_map_put(sv, "prices", prices);
		}
		ynode **pr = slot(prices, pid);
		if (pr && (*pr)->kind == YNODE_SEQ) {
			if (!year)
				return fail_at(r, yf,
					       _("the price of '%s' is a schedule: the year names its entry (from)"), soem_term_tmp(sid));
			ynode *e = NULL;
			for (size_t i = 0; i < (*pr)->n; i++)
				if (strtol(str_of(get((*pr)->v[i], "from")),
					   NULL, 10) == year)
					e = (*pr)->v[i];
			if (!e)
				return fail_at(r, yf,
					       _("the price schedule has no entry from the year %s"), soem_term_tmp(ytext));
			if (num_of(get(e, "amount")) != v) {
				map_set(e, "amount", num_node(v));
				st->changed++;
				note_change(cs, sv, src);
			}
			return 0;
		}
		if (year)
			return fail_at(r, yf,
				       _("a price that is not a schedule has no year (%s)"), soem_term_tmp(ytext));
		if ((pr ? num_of(*pr) : 0.0) != v) {
			map_set(prices, pid, num_node(v));
			st->changed++;
			note_change(cs, sv, src);
		}
		return 0;
	}
	if (strcmp(kind, "baseline") && strcmp(kind, "consequence"))
		return fail_at(r, k,
			       _("unknown kind '%s' (price, baseline or consequence)"), soem_term_tmp(kind));
	field *gf = &f[col[C_GROUP]], *mf = &f[col[C_MEASURE]];
	ynode *grp = find_id(get(root, "target_groups"), "id", cell_text(gf));
	if (!grp)
		return fail_at(r, gf,
			       _("no target group '%s' in the base profile"), soem_term_tmp(gf->s));
	ynode *me = find_id(get(grp, "success_measures"), "id",
			    cell_text(mf));
	if (!me)
		return fail_at(r, mf,
			       _("no success measure '%s' in this target group"), soem_term_tmp(mf->s));
	ynode *q = find_id(get(me, "consequences"), "service", sid);
	if (!q)
		return fail_at(r, svf,
			       _("the success measure has no consequence row for service '%s'"), soem_term_tmp(sid));
	if (strcmp(kind, "baseline") == 0) {
		if (!*cell_text(vf)) {
			if (get(q, "baseline")) {
				map_remove(q, "baseline");
				st->changed++;
				note_change(cs, q, src);
			}
			return 0;
		}
		double v;
		int rc = parse_value(r, vf, &v);
		if (rc)
			return rc;
		ynode *b = get(q, "baseline");
		if (!b || num_of(b) != v) {
			map_set(q, "baseline", num_node(v));
			st->changed++;
			note_change(cs, q, src);
		}
		return 0;
	}
	if (!year)
		return soem_err_at(r->err, SOEM_EX_DATAERR, r->file, yf->line,
				   yf->col,
				   _("a consequence row needs its year (1, 2, ...)"));
	double v;
	int rc = parse_value(r, vf, &v);
	if (rc)
		return rc;
	ynode *ys = get(q, "years");
	if (!ys) {
		ys = ynode_new_seq();
		ynode_map_put(q, "years", ys);
	}
	if ((size_t)year > ys->n + 1)
		return fail_at(r, yf,
			       _("year %s comes before the years between it and the last year of the row (give them in order)"), soem_term_tmp(ytext));
	if ((size_t)year == ys->n + 1) {
		ynode_seq_push(ys, num_node(v));
		st->changed++;
		note_change(cs, q, src);
	} else if (num_of(ys->v[year - 1]) != v) {
		ynode_free(&ys->v[year - 1]);
		ys->v[year - 1] = num_node(v);
		st->changed++;
		note_change(cs, q, src);
	}
	return 0;
}

/* The new profile's id, and its name marked with it. */
static void rename_profile(ynode *root, const char *new_id)
{
	ynode *prof = get(root, "profile");
	map_set(prof, "id", ynode_new_scalar(new_id, false));
	ynode **name = slot(prof, "name");
	if (!name)
		return;
	if ((*name)->kind == YNODE_SCALAR) {
		char *t = xasprintf("%s (%s)", (*name)->str, new_id);
		ynode_free(name);
		*name = ynode_new_scalar(t, false);
		free(t);
	} else if ((*name)->kind == YNODE_MAP) {
		for (size_t i = 1; i < (*name)->n; i += 2) {
			char *t = xasprintf("%s (%s)", str_of((*name)->v[i]),
					    new_id);
			ynode_free(&(*name)->v[i]);
			(*name)->v[i] = ynode_new_scalar(t, false);
			free(t);
		}
	}
}

int soem_kb_csv_import(const char *csv, const char *base, const char *new_id,
		       char **yaml, size_t *len, soem_kb_csv_stats *st,
		       soem_warnings *warn, soem_err *err)
{
	memset(st, 0, sizeof *st);
	soem_kb *kb = NULL;
	int rc = soem_kb_load(base, &kb, warn, err);
	soem_kb_free(&kb);
	if (rc)
		return rc;
	char *text = NULL;
	size_t tlen = 0;
	if ((rc = soem_read_file(csv, CSV_MAX_FILE, &text, &tlen, err)))
		return rc;
	ynode *parsed = NULL;
	if ((rc = ynode_parse_file(base, &parsed, err))) {
		free(text);
		return rc;
	}
	ynode *root = ynode_clone(parsed);   /* of its own nodes: editable */
	ynode_free(&parsed);

	csvin r = { csv, text, text + tlen, 0, 1, 1, err };
	if (tlen >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		r.p += 3;
	/* the separator: Excel's "sep=X" line, else the first of ; , TAB
	 * in the header line */
	if (r.end - r.p >= 5 && strncmp(r.p, "sep=", 4) == 0 &&
	    r.p[4] != '\n' && r.p[4] != '\r') {
		r.sep = r.p[4];
		while (r.p < r.end && *r.p != '\n')
			adv(&r);
		if (r.p < r.end)
			adv(&r);
	} else {
		for (const char *p = r.p; p < r.end && *p != '\n'; p++)
			if (*p == ';' || *p == ',' || *p == '\t') {
				r.sep = *p;
				break;
			}
	}
	field *f = NULL;
	size_t n = 0, cap = 0;
	changes cs = { 0 };
	int col[C_N];
	if (!r.sep) {
		rc = soem_err_at(err, SOEM_EX_DATAERR, csv, r.line, 1,
				 _("the first line must name the columns (kind, target_group, measure, service, payer, year, value, source), separated by ; or ,"));
		goto out;
	}
	rc = read_record(&r, &f, &n, &cap);
	if (rc == 1) {
		rc = soem_err_at(err, SOEM_EX_DATAERR, csv, 1, 1,
				 _("the file is empty"));
		goto out;
	}
	if (rc) {
		free_fields(f, n);
		goto out;
	}
	int hline = n ? f[0].line : 1;
	for (size_t c = 0; c < C_N; c++) {
		col[c] = -1;
		for (size_t i = 0; i < n; i++)
			if (strcmp(cell_text(&f[i]), col_names[c]) == 0)
				col[c] = (int)i;
		if (col[c] < 0) {
			rc = soem_err_at(err, SOEM_EX_DATAERR, csv, hline, 1,
					 _("the header has no column '%s'"),
					 col_names[c]);
			free_fields(f, n);
			goto out;
		}
	}
	size_t need = 0;
	for (size_t c = 0; c < C_N; c++)
		if ((size_t)col[c] + 1 > need)
			need = (size_t)col[c] + 1;
	free_fields(f, n);
	while ((rc = read_record(&r, &f, &n, &cap)) == 0) {
		if (n == 1 && !*f[0].s) {        /* an empty line */
			free_fields(f, n);
			continue;
		}
		if (n < need) {
			rc = soem_err_at(err, SOEM_EX_DATAERR, csv, f[n - 1].line,
					 f[n - 1].col,
					 _("this row has %zu fields, the header names %zu"),
					 n, need);
			free_fields(f, n);
			goto out;
		}
		st->rows++;
		rc = apply_row(&r, root, f, col, &cs, st);
		free_fields(f, n);
		if (rc)
			goto out;
	}
	if (rc != 1) {
		free_fields(f, n);
		goto out;
	}
	rc = 0;
	for (size_t i = 0; i < cs.n; i++) {
		ynode *m = cs.c[i].node;
		map_remove(m, "source");
		map_remove(m, "illustrative");
		if (cs.c[i].sources) {
			ynode_map_put(m, "source",
				      ynode_new_scalar(cs.c[i].sources, false));
			st->sourced++;
		} else {
			ynode_map_put(m, "illustrative",
				      ynode_new_scalar("true", true));
			st->illustrative++;
		}
	}
	rename_profile(root, new_id);
	yemit e;
	if ((rc = yemit_begin(&e, 100, err)))
		goto out;
	yemit_node(&e, root);
	char *y = NULL;
	size_t ylen = 0;
	if ((rc = yemit_finish(&e, &y, &ylen, base, err)))
		goto out;
	/* what we write must load as a database */
	soem_err perr = { 0 };
	if ((rc = soem_kb_parse(y, ylen, csv, &kb, NULL, &perr))) {
		soem_err_set(err, rc, _("the imported profile does not validate: %s"),
			     perr.msg);
		free(y);
		goto out;
	}
	soem_kb_free(&kb);
	*yaml = y;
	*len = ylen;
out:
	for (size_t i = 0; i < cs.n; i++)
		free(cs.c[i].sources);
	free(cs.c);
	free(f);
	free(text);
	ynode_free(&root);
	return rc;
}
