/* kb_headcache.c - see kb_headcache.h
 *
 * The file, all of it text but for the texts themselves:
 *
 *   soem-kb-heads HC_FORMAT VERSION SOEM_KB_FORMAT\n
 *   f DEV INO SIZE MTIME MTIME_NS CTIME CTIME_NS STR(path) STR(record)\n
 *   ...                                     (one line per file)
 *   end CHECKSUM\n
 *
 * STR(s) is "LENGTH:BYTES" (any bytes but NUL); CHECKSUM is the FNV-1a
 * hash (64 bits, 16 hex digits) of every byte before "end".  A record
 * holds what kb_head fills, in this order, separated by single spaces:
 *
 *   FORMAT PRICE_YEAR STR(id) TEXT(name) STR(version) STR(currency)
 *   STR(language) NAREAS { STR(area id) TEXT(area name) } ...
 *
 * and TEXT is "N" followed by N pairs " LANG STR(text)", LANG being
 * STR(code) or "-" for a plain text.  Bump HC_FORMAT whenever kb_head
 * checks something else or fills other fields.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "io/kb_headcache.h"
#include "io/kb_io.h"
#include "store/atomic.h"
#include "store/datadir.h"
#include "util/hash.h"
#include "util/xalloc.h"

#define HC_FORMAT 1
#define HC_FILE "kb-heads"
#define HC_STR2(x) #x
#define HC_STR(x) HC_STR2(x)
#define HC_MAGIC "soem-kb-heads " HC_STR(HC_FORMAT) " " PACKAGE_VERSION \
		 " " HC_STR(SOEM_KB_FORMAT) "\n"
#define HC_TRAILER 21 /* "end " + 16 hex digits + "\n" */
/* A file modified this recently (seconds) is not cached. */
#define HC_RACY 2

typedef struct hc_key {
	uint64_t dev, ino;
	int64_t size, ms, mns, cs, cns;
} hc_key;

typedef struct hc_entry {
	char *path;
	hc_key key;
	char *rec;          /* the record, rlen bytes (not terminated) */
	size_t rlen;
	bool seen;          /* asked for while reading this folder */
} hc_entry;

struct soem_headcache {
	char *parent;       /* $XDG_CACHE_HOME or ~/.cache */
	char *dir;          /* parent/soem */
	char *file;         /* dir/kb-heads */
	hc_entry *e;
	size_t n, cap;
	bool dirty;         /* to be written */
};

static size_t count_hits, count_misses;

void soem_headcache_counts(size_t *hits, size_t *misses)
{
	if (hits)
		*hits = count_hits;
	if (misses)
		*misses = count_misses;
}

static hc_key key_of(const struct stat *st)
{
	return (hc_key){
		.dev = (uint64_t)st->st_dev, .ino = (uint64_t)st->st_ino,
		.size = (int64_t)st->st_size,
		.ms = (int64_t)st->st_mtim.tv_sec,
		.mns = (int64_t)st->st_mtim.tv_nsec,
		.cs = (int64_t)st->st_ctim.tv_sec,
		.cns = (int64_t)st->st_ctim.tv_nsec,
	};
}

static bool key_eq(const hc_key *a, const hc_key *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->ms == b->ms && a->mns == b->mns && a->cs == b->cs &&
	       a->cns == b->cns;
}

/* A directory of this user's that no one else may write. */
static bool dir_ok(const struct stat *st)
{
	return S_ISDIR(st->st_mode) && st->st_uid == geteuid() &&
	       !(st->st_mode & (S_IWGRP | S_IWOTH));
}

/* ---- reading ---------------------------------------------------------- */

typedef struct cur {
	const char *p, *end;
} cur;

static bool eat(cur *c, char ch)
{
	if (c->p >= c->end || *c->p != ch)
		return false;
	c->p++;
	return true;
}

static bool get_u64(cur *c, uint64_t *out)
{
	uint64_t v = 0;
	const char *start = c->p;
	while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
		unsigned d = (unsigned)(*c->p - '0');
		if (v > UINT64_MAX / 10 ||
		    (v == UINT64_MAX / 10 && d > UINT64_MAX % 10))
			return false;
		v = v * 10 + d;
		c->p++;
	}
	*out = v;
	return c->p > start;
}

static bool get_i64(cur *c, int64_t *out)
{
	bool neg = eat(c, '-');
	uint64_t u;
	if (!get_u64(c, &u) || u > (uint64_t)INT64_MAX)
		return false;
	*out = neg ? -(int64_t)u : (int64_t)u;
	return true;
}

static bool get_int(cur *c, int lo, int hi, int *out)
{
	int64_t v;
	if (!get_i64(c, &v) || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

/* STR: "LENGTH:BYTES", no NUL among the bytes; s points into the buffer */
static bool get_str(cur *c, const char **s, size_t *n)
{
	uint64_t len;
	if (!get_u64(c, &len) || !eat(c, ':') ||
	    len > (uint64_t)(c->end - c->p))
		return false;
	if (memchr(c->p, '\0', (size_t)len))
		return false;
	*s = c->p;
	*n = (size_t)len;
	c->p += len;
	return true;
}

static bool get_dup(cur *c, bool allow_empty, char **out)
{
	const char *s;
	size_t n;
	if (!get_str(c, &s, &n) || (!allow_empty && n == 0))
		return false;
	*out = xstrndup(s, n);
	return true;
}

/* TEXT, as kb_load's read_text makes it (not empty). */
static bool get_text(cur *c, soem_text *t)
{
	uint64_t n;
	if (!get_u64(c, &n) || n == 0 ||
	    n > (uint64_t)(c->end - c->p) / 4)
		return false;
	soem_text_alloc(t, (size_t)n);   /* (text is in lang's block) */
	for (size_t i = 0; i < t->n; i++) {
		if (!eat(c, ' '))
			return false;
		if (eat(c, '-')) {
			if (t->n != 1)
				return false;
		} else if (!get_dup(c, false, &t->lang[i]) ||
			   !soem_lang_code_ok(t->lang[i])) {
			return false;
		}
		if (!eat(c, ' ') || !get_dup(c, false, &t->text[i]))
			return false;
	}
	return true;
}

/* The header in the record rec (n bytes) as kb_head would make it of
 * path; NULL when the record is not one. */
static soem_kb *decode(const char *rec, size_t n, const char *path)
{
	cur c = { rec, rec + n };
	soem_kb *kb = xcalloc(1, sizeof *kb);
	uint64_t na;
	bool ok =
		get_int(&c, 1, SOEM_KB_FORMAT, &kb->format) && eat(&c, ' ') &&
		get_int(&c, 1000, 9999, &kb->price_year) && eat(&c, ' ') &&
		get_dup(&c, false, &kb->id) && eat(&c, ' ') &&
		get_text(&c, &kb->name) && eat(&c, ' ') &&
		get_dup(&c, false, &kb->version) && eat(&c, ' ') &&
		get_dup(&c, false, &kb->currency) && eat(&c, ' ') &&
		get_dup(&c, false, &kb->language) &&
		soem_lang_code_ok(kb->language) && eat(&c, ' ') &&
		get_u64(&c, &na) && na <= (uint64_t)(c.end - c.p) / 4;
	if (ok) {
		kb->group_areas = xcalloc((size_t)na, sizeof *kb->group_areas);
		kb->ngroup_areas = (size_t)na;
		for (size_t i = 0; ok && i < kb->ngroup_areas; i++)
			ok = eat(&c, ' ') &&
			     get_dup(&c, false, &kb->group_areas[i].id) &&
			     eat(&c, ' ') &&
			     get_text(&c, &kb->group_areas[i].name);
	}
	if (!ok || c.p != c.end) {
		soem_kb_free(&kb);
		return NULL;
	}
	kb->path = xstrdup(path);
	kb->header_only = true;
	return kb;
}

static void drop(soem_headcache *hc, size_t i)
{
	free(hc->e[i].path);
	free(hc->e[i].rec);
	memmove(&hc->e[i], &hc->e[i + 1], (hc->n - i - 1) * sizeof *hc->e);
	hc->n--;
	hc->dirty = true;
}

/* The entries of buf (len bytes, a whole cache file); false when it is
 * not a cache file of this soem (then hc has no entries). */
static bool parse(soem_headcache *hc, const char *buf, size_t len)
{
	size_t mlen = sizeof HC_MAGIC - 1;
	if (len < mlen + HC_TRAILER || memcmp(buf, HC_MAGIC, mlen) != 0)
		return false;
	const char *t = buf + len - HC_TRAILER;
	char want[HC_TRAILER + 1];
	snprintf(want, sizeof want, "end %016" PRIx64 "\n",
		 soem_fnv1a(buf, len - HC_TRAILER));
	if (memcmp(t, want, HC_TRAILER) != 0)
		return false;
	cur c = { buf + mlen, t };
	while (c.p < c.end) {
		hc_entry e = { 0 };
		const char *path, *rec;
		size_t plen;
		bool ok = hc->n < HEADCACHE_ENTRIES && eat(&c, 'f') &&
			  eat(&c, ' ') && get_u64(&c, &e.key.dev) &&
			  eat(&c, ' ') && get_u64(&c, &e.key.ino) &&
			  eat(&c, ' ') && get_i64(&c, &e.key.size) &&
			  eat(&c, ' ') && get_i64(&c, &e.key.ms) &&
			  eat(&c, ' ') && get_i64(&c, &e.key.mns) &&
			  eat(&c, ' ') && get_i64(&c, &e.key.cs) &&
			  eat(&c, ' ') && get_i64(&c, &e.key.cns) &&
			  eat(&c, ' ') && get_str(&c, &path, &plen) &&
			  plen > 0 && eat(&c, ' ') &&
			  get_str(&c, &rec, &e.rlen) && eat(&c, '\n');
		if (!ok) {
			while (hc->n)
				drop(hc, hc->n - 1);
			return false;
		}
		e.path = xstrndup(path, plen);
		e.rec = xmalloc(e.rlen ? e.rlen : 1);
		memcpy(e.rec, rec, e.rlen);
		xgrow((void **)&hc->e, &hc->cap, hc->n + 1, sizeof *hc->e);
		hc->e[hc->n++] = e;
	}
	return true;
}

/* Reads the cache file in the directory dfd (this user's); a file that
 * is there and not good marks the cache to be written anew. */
static void load(soem_headcache *hc, int dfd)
{
	int fd = openat(dfd, HC_FILE,
			O_RDONLY | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK |
				O_CLOEXEC);
	if (fd < 0) {
		if (errno != ENOENT)
			hc->dirty = true;
		return;
	}
	struct stat st;
	char *buf = NULL;
	size_t len = 0;
	bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		  st.st_uid == geteuid() && !(st.st_mode & 077) &&
		  st.st_size >= 0 && st.st_size <= HEADCACHE_MAX;
	if (ok) {
		/* one byte more than the size: a file that grew meanwhile
		 * shows as a length the checksum does not fit */
		size_t want = (size_t)st.st_size + 1;
		buf = xmalloc(want);
		while (len < want) {
			ssize_t r = read(fd, buf + len, want - len);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0) {
				ok = r == 0;
				break;
			}
			len += (size_t)r;
		}
	}
	close(fd);
	if (!ok || len > HEADCACHE_MAX || !parse(hc, buf, len))
		hc->dirty = true;
	/* reading is not a change */
	else
		hc->dirty = false;
	free(buf);
}

soem_headcache *soem_headcache_open(void)
{
	/* $XDG_CACHE_HOME (absolute), else $HOME/.cache */
	char *parent = soem_xdg_path("XDG_CACHE_HOME", ".cache", NULL);
	if (!parent)
		return NULL;
	soem_headcache *hc = xcalloc(1, sizeof *hc);
	hc->parent = parent;
	hc->dir = xasprintf("%s/soem", parent);
	hc->file = xasprintf("%s/" HC_FILE, hc->dir);
	int dfd = open(hc->dir,
		       O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd < 0) {
		if (errno == ENOENT) /* made when the cache is written */
			return hc;
		soem_headcache_close(hc, NULL);
		return NULL;
	}
	struct stat st;
	if (fstat(dfd, &st) != 0 || !dir_ok(&st)) {
		close(dfd);
		soem_headcache_close(hc, NULL);
		return NULL;
	}
	load(hc, dfd);
	close(dfd);
	return hc;
}

static hc_entry *find(soem_headcache *hc, const char *path, size_t *at)
{
	for (size_t i = 0; i < hc->n; i++)
		if (strcmp(hc->e[i].path, path) == 0) {
			*at = i;
			return &hc->e[i];
		}
	return NULL;
}

soem_kb *soem_headcache_get(soem_headcache *hc, const char *path,
			    const struct stat *st)
{
	size_t i;
	hc_entry *e = hc ? find(hc, path, &i) : NULL;
	soem_kb *kb = NULL;
	if (e) {
		hc_key k = key_of(st);
		e->seen = true;
		if (key_eq(&e->key, &k))
			kb = decode(e->rec, e->rlen, path);
		if (!kb)
			drop(hc, i);
	}
	if (kb)
		count_hits++;
	else
		count_misses++;
	return kb;
}

/* ---- writing ---------------------------------------------------------- */

typedef struct sbuf {
	char *p;
	size_t n, cap;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n)
{
	xgrow((void **)&b->p, &b->cap, b->n + n + 1, 1);
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

/* a number in decimal (no printf: it is most of the cost of writing) */
static void sb_u64(sbuf *b, uint64_t v)
{
	char tmp[24];
	size_t i = sizeof tmp;
	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	sb_add(b, tmp + i, sizeof tmp - i);
}

static void sb_i64(sbuf *b, int64_t v)
{
	if (v < 0) {
		sb_add(b, "-", 1);
		sb_u64(b, (uint64_t)0 - (uint64_t)v);
	} else {
		sb_u64(b, (uint64_t)v);
	}
}

static void sb_str(sbuf *b, const char *s, size_t n)
{
	sb_u64(b, n);
	sb_add(b, ":", 1);
	sb_add(b, s, n);
}

static void sb_cstr(sbuf *b, const char *s)
{
	sb_str(b, s ? s : "", s ? strlen(s) : 0);
}

static void sb_text(sbuf *b, const soem_text *t)
{
	sb_u64(b, t->n);
	for (size_t i = 0; i < t->n; i++) {
		sb_add(b, " ", 1);
		if (t->lang[i])
			sb_cstr(b, t->lang[i]);
		else
			sb_add(b, "-", 1);
		sb_add(b, " ", 1);
		sb_cstr(b, t->text[i]);
	}
}

void soem_headcache_put(soem_headcache *hc, const char *path,
			const struct stat *st, const soem_kb *kb)
{
	size_t i;
	if (!hc || !kb)
		return;
	if (find(hc, path, &i))
		drop(hc, i);
	/* a file changed a moment ago may change again within the same
	 * time stamp and size: it is read from its YAML until it rests */
	if ((int64_t)st->st_mtim.tv_sec > (int64_t)time(NULL) - HC_RACY)
		return;
	sbuf r = { 0 };
	sb_i64(&r, kb->format);
	sb_add(&r, " ", 1);
	sb_i64(&r, kb->price_year);
	sb_add(&r, " ", 1);
	sb_cstr(&r, kb->id);
	sb_add(&r, " ", 1);
	sb_text(&r, &kb->name);
	sb_add(&r, " ", 1);
	sb_cstr(&r, kb->version);
	sb_add(&r, " ", 1);
	sb_cstr(&r, kb->currency);
	sb_add(&r, " ", 1);
	sb_cstr(&r, kb->language);
	sb_add(&r, " ", 1);
	sb_u64(&r, kb->ngroup_areas);
	for (size_t a = 0; a < kb->ngroup_areas; a++) {
		sb_add(&r, " ", 1);
		sb_cstr(&r, kb->group_areas[a].id);
		sb_add(&r, " ", 1);
		sb_text(&r, &kb->group_areas[a].name);
	}
	/* what cannot be read back is not kept (a text with a NUL cannot
	 * be in a header; this is only a guard) */
	soem_kb *back = decode(r.p, r.n, path);
	if (!back) {
		free(r.p);
		return;
	}
	soem_kb_free(&back);
	xgrow((void **)&hc->e, &hc->cap, hc->n + 1, sizeof *hc->e);
	memmove(&hc->e[1], &hc->e[0], hc->n * sizeof *hc->e);
	hc->e[0] = (hc_entry){ .path = xstrdup(path), .key = key_of(st),
			       .rec = r.p, .rlen = r.n, .seen = true };
	hc->n++;
	hc->dirty = true;
}

/* Whether path names a file directly in the folder dir (as
 * soem_kbset_add_dir makes the paths: DIR/NAME). */
static bool in_dir(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return strncmp(path, dir, n) == 0 && path[n] == '/' &&
	       !strchr(path + n + 1, '/');
}

static void write_cache(soem_headcache *hc)
{
	sbuf b = { 0 };
	sb_add(&b, HC_MAGIC, sizeof HC_MAGIC - 1);
	for (size_t i = 0; i < hc->n && i < HEADCACHE_ENTRIES; i++) {
		const hc_entry *e = &hc->e[i];
		const int64_t t[] = { e->key.size, e->key.ms, e->key.mns,
				      e->key.cs, e->key.cns };
		sb_add(&b, "f ", 2);
		sb_u64(&b, e->key.dev);
		sb_add(&b, " ", 1);
		sb_u64(&b, e->key.ino);
		for (size_t k = 0; k < sizeof t / sizeof *t; k++) {
			sb_add(&b, " ", 1);
			sb_i64(&b, t[k]);
		}
		sb_add(&b, " ", 1);
		sb_cstr(&b, e->path);
		sb_add(&b, " ", 1);
		sb_str(&b, e->rec, e->rlen);
		sb_add(&b, "\n", 1);
	}
	char end[HC_TRAILER + 1];
	snprintf(end, sizeof end, "end %016" PRIx64 "\n", soem_fnv1a(b.p, b.n));
	sb_add(&b, end, HC_TRAILER);
	if (b.n > HEADCACHE_MAX)
		goto out;

	/* the folder: made 0700 when missing; used only when it is a
	 * folder (not a link) of this user's that no one else may write */
	struct stat st;
	(void)mkdir(hc->parent, 0700);
	(void)mkdir(hc->dir, 0700);
	if (lstat(hc->dir, &st) != 0 || !dir_ok(&st))
		goto out;
	/* a file there that is not one of ours with mode 0600 goes first
	 * (the atomic write would keep its mode, or refuse it) */
	if (lstat(hc->file, &st) == 0 &&
	    (!S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	     (st.st_mode & 07777) != 0600) &&
	    unlink(hc->file) != 0)
		goto out;
	soem_err err = { 0 };
	if (soem_atomic_write(hc->file, b.p, b.n, &err) == 0) {
		/* 0600 whatever the umask */
		int fd = open(hc->file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
						O_NONBLOCK | O_NOCTTY);
		if (fd >= 0) {
			if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
			    st.st_uid == geteuid() &&
			    (st.st_mode & 07777) != 0600)
				(void)fchmod(fd, 0600);
			close(fd);
		}
	}
out:
	free(b.p);
}

void soem_headcache_close(soem_headcache *hc, const char *dir)
{
	if (!hc)
		return;
	if (dir)
		for (size_t i = hc->n; i-- > 0;)
			if (!hc->e[i].seen && in_dir(hc->e[i].path, dir))
				drop(hc, i);
	if (dir && hc->dirty)
		write_cache(hc);
	for (size_t i = 0; i < hc->n; i++) {
		free(hc->e[i].path);
		free(hc->e[i].rec);
	}
	free(hc->e);
	free(hc->file);
	free(hc->dir);
	free(hc->parent);
	free(hc);
}
