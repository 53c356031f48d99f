/* ynode.c - see ynode.h */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "yaml/ynode.h"
#include "util/i18n.h"
#include "util/hash.h"
#include "util/xalloc.h"

/* Memory.  A tree from ynode_parse lives in one pool: a chain of blocks
 * that hold its nodes, their strings and their child arrays, filled in
 * order and freed together.  Its root is the first thing in the first
 * block, so ynode_free finds the chain from the root.  Nodes of their own
 * (ynode_new_*, ynode_clone) are malloc'ed one by one as before.  This is
 * what makes loading a 10 MB knowledge database fast (tests/bench): a
 * malloc and a free per node and per string cost more than libyaml's own
 * parsing. */
enum {
	MEM_HEAP = 0,   /* malloc'ed node, strings and array */
	MEM_POOL = 1,   /* the node, its strings and its array are in a pool */
	MEM_ROOT = 2,   /* the pool's first node: freeing it frees the pool */
	MEM_VHEAP = 4,  /* a pooled node's array was moved to the heap (an
			   append); freed with the node */
};

/* SPEC §6's memory bound rests on it (see ynode.h) */
_Static_assert(sizeof(ynode) <= 16 + 2 * sizeof(void *),
	       "a ynode is 32 bytes on a 64-bit machine");

typedef struct pool_block {
	struct pool_block *next; /* first block: every other block */
	size_t size, used;       /* bytes of data */
	max_align_t data[];
} pool_block;

#define POOL_FIRST (16u * 1024)
#define POOL_MAX (1024u * 1024)
#define POOL_ALIGN (sizeof(void *))

typedef struct parse_ctx {
	yaml_parser_t parser;
	const char *buf;      /* the input, for positions of reader errors */
	size_t len;
	const char *file;
	soem_err *err;
	int depth;
	size_t nodes;         /* nodes built so far (SOEM_YAML_MAX_NODES) */
	pool_block *first, *cur; /* the tree's pool */
	size_t next_size;
	ynode **stk;          /* children of the open lists and maps */
	size_t stk_n, stk_cap;
	const char *stop_key; /* ynode_parse_head: the top-level key ... */
	bool stopped;         /* ... whose value ended the parse */
	size_t fed;           /* ynode_parse_head: bytes given to libyaml */
	const ynode_stream *stream; /* ynode_parse_stream: the list ... */
	const char *stream_key; /* ... of this key is the value parsed
				 next (the key was just read; the top-level
				 pairs before it are stk[stream_base], 2 *
				 stream_pairs), or NULL */
	size_t stream_base, stream_pairs;
	const ynode *stream_seq; /* the list whose items are handed over */
	int fd;               /* ynode_parse_file_stream: the file (buf is
				 NULL), read a piece at a time; -1 */
	const char *path;
	size_t limit;         /* its size limit */
	int read_errno;       /* a read error (0: none) */
	bool too_large;       /* the file grew past limit while read */
} parse_ctx;

/* ynode_parse_head's input, a little at a time: libyaml decodes all the
 * text it has been given, and the head parse stops at the end of one key
 * (issue 18: start-up instructions) */
#define HEAD_CHUNK 256

static int head_read(void *data, unsigned char *buffer, size_t size,
		     size_t *size_read)
{
	parse_ctx *c = data;
	size_t n = c->len - c->fed;
	if (n > size)
		n = size;
	if (n > HEAD_CHUNK)
		n = HEAD_CHUNK;
	memcpy(buffer, c->buf + c->fed, n);
	c->fed += n;
	*size_read = n;
	return 1;
}

/* ynode_parse_file_stream's input: the file as libyaml asks for it (a
 * raw buffer's worth at a time), so that it is never in memory whole */
static int fd_read(void *data, unsigned char *buffer, size_t size,
		   size_t *size_read)
{
	parse_ctx *c = data;
	ssize_t r;

	*size_read = 0;
	do
		r = read(c->fd, buffer, size);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		c->read_errno = errno;
		return 0;
	}
	c->fed += (size_t)r;
	if (c->fed > c->limit) {
		c->too_large = true;
		return 0;
	}
	if (c->fed > c->len)
		c->len = c->fed;   /* (the node floor of parse_node) */
	*size_read = (size_t)r;
	return 1;
}

/* Line and column of byte off of the input (reader errors). */
static void input_position(const parse_ctx *c, size_t off, int *pline,
			   int *pcol)
{
	int line = 1, col = 1;
	char chunk[16384];
	size_t at = 0;

	while (at < off) {
		const char *p;
		size_t n = off - at;
		if (c->buf) {
			if (at >= c->len)
				break;
			p = c->buf + at;
			if (n > c->len - at)
				n = c->len - at;
		} else if (c->fd >= 0) {
			if (n > sizeof chunk)
				n = sizeof chunk;
			ssize_t r = pread(c->fd, chunk, n, (off_t)at);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				break;
			n = (size_t)r;
			p = chunk;
		} else {
			break;
		}
		for (size_t i = 0; i < n; i++) {
			unsigned char b = (unsigned char)p[i];
			if (b == '\n') {
				line++;
				col = 1;
			} else if ((b & 0xC0) != 0x80) {
				col++;
			}
		}
		at += n;
	}
	*pline = line;
	*pcol = col;
}

static void pool_free(pool_block *first)
{
	if (!first)
		return;
	pool_block *b = first->next;
	while (b) {
		pool_block *next = b->next;
		free(b);
		b = next;
	}
	free(first);
}

static void *pool_alloc(parse_ctx *c, size_t size)
{
	size = (size + POOL_ALIGN - 1) & ~(size_t)(POOL_ALIGN - 1);
	pool_block *b = c->cur;
	if (c->first && size > POOL_MAX / 4) {
		/* a long list's array: a block of its own, so that the
		 * current one goes on filling */
		b = xmalloc(sizeof *b + size);
		b->size = b->used = size;
		b->next = c->first->next;
		c->first->next = b;
		return b->data;
	}
	if (!b || b->size - b->used < size) {
		size_t bs = c->next_size ? c->next_size : POOL_FIRST;
		if (c->next_size < POOL_MAX)
			c->next_size = bs * 2;
		if (bs < size)
			bs = size;
		b = xmalloc(sizeof *b + bs);
		b->size = bs;
		b->used = 0;
		b->next = NULL;
		if (!c->first) {
			c->first = b;
		} else {
			b->next = c->first->next;
			c->first->next = b;
		}
		c->cur = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += size;
	return p;
}

/* Where the pool stands, to give back what was allocated after it. */
typedef struct pool_mark {
	pool_block *cur;
	size_t used;
} pool_mark;

static pool_mark pool_get_mark(const parse_ctx *c)
{
	return (pool_mark){ c->cur, c->cur ? c->cur->used : 0 };
}

/* Makes the memory allocated since m available again.  When blocks were
 * added since, the newest one is reused from its start and the others
 * (the rest of the marked block, a long list's own block) stay unused in
 * the chain until the tree is freed: at most what one item took. */
static void pool_rewind(parse_ctx *c, pool_mark m)
{
	if (!m.cur || !c->cur)
		return;
	if (c->cur == m.cur)
		c->cur->used = m.used;
	else
		c->cur->used = 0;
}

static char *pool_strndup(parse_ctx *c, const char *s, size_t n)
{
	char *p = pool_alloc(c, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static ynode *pool_node(parse_ctx *c, ynode_kind kind, const yaml_mark_t *m)
{
	ynode *n = pool_alloc(c, sizeof *n);
	*n = (ynode){ .kind = kind, .line = (int)m->line + 1,
		      .col = (int)m->column + 1, .mem = MEM_POOL };
	return n;
}

static ynode *node_new(ynode_kind kind, const yaml_mark_t *m)
{
	ynode *n = xcalloc(1, sizeof *n);
	n->kind = kind;
	if (m) {
		n->line = (int)m->line + 1;
		n->col = (int)m->column + 1;
	}
	return n;
}

/* How many times a node was appended to a pooled node (the only way heap
 * memory comes to hang below one).  While it is 0, as in every use soem
 * makes of a parsed tree, freeing a pooled tree need not walk it. */
static unsigned long pooled_appends;

/* Frees what was hung below the pooled node n after parsing: nodes of
 * their own added to it (or to a pooled node below it) and arrays moved
 * to the heap. */
static void pooled_release(ynode *n)
{
	for (size_t i = 0; i < n->n; i++) {
		ynode *ch = n->v[i];
		if (!ch)
			continue;
		if (ch->mem & MEM_POOL)
			pooled_release(ch);
		else
			ynode_free(&n->v[i]);
	}
	if (n->mem & MEM_VHEAP) {
		free(n->v);
		n->v = NULL;
		n->n = 0;
		n->mem &= (unsigned char)~MEM_VHEAP;
	}
}

void ynode_free(ynode **pn)
{
	if (!pn || !*pn)
		return;
	ynode *n = *pn;
	*pn = NULL;
	if (n->mem & MEM_POOL) {
		if (pooled_appends)
			pooled_release(n);
		if (n->mem & MEM_ROOT)
			pool_free((pool_block *)((char *)n -
						 offsetof(pool_block, data)));
		return;
	}
	for (size_t i = 0; i < n->n; i++)
		ynode_free(&n->v[i]);
	free(n->v);
	free(n->str);
	free(n);
}

static int parse_error(parse_ctx *c)
{
	yaml_parser_t *p = &c->parser;
	const yaml_mark_t *m = &p->problem_mark;
	const char *problem = p->problem ? p->problem : _("unreadable YAML");
	if (p->error == YAML_READER_ERROR) {
		/* libyaml gives only a byte offset for reader errors (bad
		 * UTF-8, control characters such as NUL) and leaves
		 * problem_mark at 0:0: count lines and characters up to it. */
		int line = 1, col = 1;
		size_t off = (size_t)p->problem_offset;
		if (c->read_errno)
			return soem_err_set(c->err, SOEM_EX_IOERR,
					    _("%s: cannot read: %s"), c->path,
					    strerror(c->read_errno));
		if (c->too_large)
			return soem_err_set(c->err, SOEM_EX_DATAERR,
					    _("%s: the file is larger than %zu MiB"),
					    c->path, c->limit >> 20);
		input_position(c, off, &line, &col);
		return soem_err_at(c->err, SOEM_EX_DATAERR, c->file, line, col,
				   _("%s (byte %zu)"), problem, off);
	}
	if (p->context)
		return soem_err_at(c->err, SOEM_EX_DATAERR, c->file,
				   (int)m->line + 1, (int)m->column + 1,
				   "%s %s", p->context, problem);
	return soem_err_at(c->err, SOEM_EX_DATAERR, c->file, (int)m->line + 1,
			   (int)m->column + 1, "%s", problem);
}

static int next_event(parse_ctx *c, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&c->parser, ev))
		return parse_error(c);
	return 0;
}

static int parse_node(parse_ctx *c, yaml_event_t *ev, ynode **out);

static int check_anchor(parse_ctx *c, const yaml_event_t *ev,
			const unsigned char *anchor)
{
	if (!anchor)
		return 0;
	return soem_err_at(c->err, SOEM_EX_DATAERR, c->file,
			   (int)ev->start_mark.line + 1,
			   (int)ev->start_mark.column + 1,
			   _("anchors (&%s) and aliases are not allowed in soem files"),
			   (const char *)anchor);
}

/* Keys seen in one mapping: a small linear list, then an open-addressing
 * hash set of pair indices, so that a map of 100 000 keys is checked for
 * duplicates in linear time. */
typedef struct keyset {
	size_t *slot;   /* pair index + 1; 0 = empty */
	size_t cap;     /* a power of two, or 0 while the map is small */
} keyset;

#define KEYSET_LINEAR 16

static size_t key_hash(const char *s, size_t len)
{
	return (size_t)soem_fnv1a(s, len);
}

/* The pairs of a map being parsed are its children on the stack: keys at
 * v[0], v[2], ... */
static void keyset_insert(keyset *ks, ynode *const *v, size_t pair)
{
	const ynode *k = v[2 * pair];
	size_t i = key_hash(k->str, k->len) & (ks->cap - 1);
	while (ks->slot[i])
		i = (i + 1) & (ks->cap - 1);
	ks->slot[i] = pair + 1;
}

/* Index of the pair among v[0..2*pairs-1] whose key equals key, or
 * SIZE_MAX. */
static size_t keyset_find(keyset *ks, ynode *const *v, size_t pairs,
			  const ynode *key)
{
	if (pairs < KEYSET_LINEAR) {
		for (size_t i = 0; i < pairs; i++)
			if (v[2 * i]->len == key->len &&
			    memcmp(v[2 * i]->str, key->str, key->len) == 0)
				return i;
		return SIZE_MAX;
	}
	if (ks->cap < 2 * (pairs + 1)) {
		size_t cap = ks->cap ? ks->cap : 64;
		while (cap < 2 * (pairs + 1))
			cap *= 2;
		free(ks->slot);
		ks->slot = xcalloc(cap, sizeof *ks->slot);
		ks->cap = cap;
		for (size_t i = 0; i < pairs; i++)
			keyset_insert(ks, v, i);
	}
	size_t i = key_hash(key->str, key->len) & (ks->cap - 1);
	while (ks->slot[i]) {
		const ynode *k = v[2 * (ks->slot[i] - 1)];
		if (k->len == key->len && memcmp(k->str, key->str, key->len) == 0)
			return ks->slot[i] - 1;
		i = (i + 1) & (ks->cap - 1);
	}
	return SIZE_MAX;
}

static void stk_push(parse_ctx *c, ynode *child)
{
	if (c->stk_n == c->stk_cap)
		xgrow((void **)&c->stk, &c->stk_cap, c->stk_n + 1,
		      sizeof *c->stk);
	c->stk[c->stk_n++] = child;
}

/* Reads the children of n up to the end event.  They gather on the
 * context's stack (above those of the lists and maps that enclose n) and
 * are copied into n's array in the pool at the end. */
static int parse_children(parse_ctx *c, ynode *n, yaml_event_type_t end)
{
	size_t base = c->stk_n;
	size_t count = 0;
	keyset ks = { NULL, 0 };
	int rc = 0;
	for (;;) {
		yaml_event_t ev;
		rc = next_event(c, &ev);
		if (rc)
			break;
		if (ev.type == end) {
			yaml_event_delete(&ev);
			break;
		}
		if (count >= (size_t)SOEM_YAML_MAX_ITEMS * (n->kind == YNODE_MAP ? 2 : 1)) {
			int line = (int)ev.start_mark.line + 1;
			int col = (int)ev.start_mark.column + 1;
			yaml_event_delete(&ev);
			rc = soem_err_at(c->err, SOEM_EX_DATAERR, c->file, line,
					 col,
					 _("more than %d entries in one list or map"),
					 SOEM_YAML_MAX_ITEMS);
			break;
		}
		ynode *child = NULL;
		if (n == c->stream_seq) {
			/* an item handed over: its memory serves the next */
			pool_mark m = pool_get_mark(c);
			rc = parse_node(c, &ev, &child);
			if (rc)
				break;
			c->stream->item(c->stream->data, count, child);
			pool_rewind(c, m);
			count++;
			continue;
		}
		rc = parse_node(c, &ev, &child);
		if (rc)
			break;
		if (n->kind == YNODE_MAP && count % 2 == 0) {
			if (child->kind != YNODE_SCALAR) {
				rc = soem_err_at(c->err, SOEM_EX_DATAERR, c->file,
						 child->line, child->col,
						 _("a key must be a plain text, not a list or map"));
				break;
			}
			ynode *const *v = count ? c->stk + base : NULL;
			size_t dup = keyset_find(&ks, v, count / 2, child);
			if (dup != SIZE_MAX) {
				rc = soem_err_at(c->err, SOEM_EX_DATAERR, c->file,
						 child->line, child->col,
						 _("duplicate key '%s' (first at line %d)"),
						 child->str, v[2 * dup]->line);
				break;
			}
		}
		stk_push(c, child);
		if (n->kind == YNODE_MAP && count % 2 == 0 && ks.cap)
			keyset_insert(&ks, c->stk + base, count / 2);
		if (c->stream && c->depth == 1 && n->kind == YNODE_MAP &&
		    count % 2 == 0) {
			for (const char *const *k = c->stream->keys; *k; k++)
				if (strcmp(child->str, *k) == 0) {
					c->stream_key = *k;
					c->stream_base = base;
					c->stream_pairs = count / 2;
				}
		}
		count++;
		if (c->stop_key && c->depth == 1 && n->kind == YNODE_MAP &&
		    count % 2 == 0 &&
		    strcmp(c->stk[c->stk_n - 2]->str, c->stop_key) == 0) {
			c->stopped = true;
			break;
		}
	}
	free(ks.slot);
	if (n == c->stream_seq) {
		/* its items were handed over: none is kept */
		c->stk_n = base;
		return rc;
	}
	if (!rc && count) {
		n->v = pool_alloc(c, count * sizeof *n->v);
		memcpy(n->v, c->stk + base, count * sizeof *n->v);
		n->n = (uint32_t)count;
	}
	c->stk_n = base;
	return rc;
}

/* soem files carry no YAML tags: a tag would change what a value means
 * (`!!str 10`) or ask for an object (`!!python/...`). */
static int check_tag(parse_ctx *c, const yaml_event_t *ev,
		     const unsigned char *tag)
{
	if (!tag)
		return 0;
	return soem_err_at(c->err, SOEM_EX_DATAERR, c->file,
			   (int)ev->start_mark.line + 1,
			   (int)ev->start_mark.column + 1,
			   _("YAML tags (%s) are not allowed in soem files"),
			   (const char *)tag);
}

/* Builds the node of ev (and of what follows up to its end) in the pool.
 * On failure the pool keeps what was built; ynode_parse frees it. */
static int parse_node(parse_ctx *c, yaml_event_t *ev, ynode **out)
{
	int rc = 0;
	ynode *n = NULL;
	const char *stream = c->stream_key;
	c->stream_key = NULL;
	/* A node costs about 40 bytes and takes at least 2 bytes of a real
	 * file (`0,`): more nodes than half the file's bytes (and a floor
	 * for small files) are values made of nothing, such as a list of
	 * `a: ,` maps, whose tree would pass 20x the file (SPEC 6). */
	if (c->nodes + 1 > SOEM_YAML_NODE_FLOOR && c->nodes + 1 > c->len / 2) {
		rc = soem_err_at(c->err, SOEM_EX_DATAERR, c->file,
				 (int)ev->start_mark.line + 1,
				 (int)ev->start_mark.column + 1,
				 _("more YAML values, lists and maps than one for every two bytes of the file"));
		yaml_event_delete(ev);
		return rc;
	}
	if (++c->nodes > SOEM_YAML_MAX_NODES) {
		/* counted before the node is built: a file of millions of
		 * tiny values stops here, not after filling memory */
		rc = soem_err_at(c->err, SOEM_EX_DATAERR, c->file,
				 (int)ev->start_mark.line + 1,
				 (int)ev->start_mark.column + 1,
				 _("more than %d YAML values, lists and maps in one file"),
				 SOEM_YAML_MAX_NODES);
		yaml_event_delete(ev);
		return rc;
	}
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		rc = soem_err_at(c->err, SOEM_EX_DATAERR, c->file,
				 (int)ev->start_mark.line + 1,
				 (int)ev->start_mark.column + 1,
				 _("anchors and aliases (*%s) are not allowed in soem files"),
				 (const char *)ev->data.alias.anchor);
		break;
	case YAML_SCALAR_EVENT:
		rc = check_anchor(c, ev, ev->data.scalar.anchor);
		/* libyaml gives a tag together with an implicit flag only for
		 * the non-specific `!` (`! 10` is the text "10"): kept */
		if (!rc && ev->data.scalar.tag &&
		    strcmp((const char *)ev->data.scalar.tag, "!") != 0)
			rc = check_tag(c, ev, ev->data.scalar.tag);
		if (rc)
			break;
		if (ev->data.scalar.length > SOEM_YAML_MAX_STRING) {
			rc = soem_err_at(c->err, SOEM_EX_DATAERR, c->file,
					 (int)ev->start_mark.line + 1,
					 (int)ev->start_mark.column + 1,
					 _("a text longer than %u bytes"),
					 (unsigned)SOEM_YAML_MAX_STRING);
			break;
		}
		n = pool_node(c, YNODE_SCALAR, &ev->start_mark);
		n->len = (uint32_t)ev->data.scalar.length;
		if (n->len < sizeof n->v) {
			/* a short text (most numbers) inside the node, in the
			 * room of the children a scalar never has: 8 bytes a
			 * node less in a file of millions of them */
			n->str = (char *)&n->v;
			memcpy(n->str, ev->data.scalar.value, n->len);
			n->str[n->len] = '\0';
		} else {
			n->str = pool_strndup(c,
					      (const char *)ev->data.scalar.value,
					      n->len);
		}
		/* only an escape (\0, \x00) puts a NUL in a text: libyaml
		 * refuses the byte itself */
		if (ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
		    memchr(n->str, '\0', n->len)) {
			rc = soem_err_at(c->err, SOEM_EX_DATAERR, c->file, n->line,
					 n->col, _("a text contains a NUL character"));
			break;
		}
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		n->bang = ev->data.scalar.tag != NULL;
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		bool seq = ev->type == YAML_SEQUENCE_START_EVENT;
		const unsigned char *anchor = seq ? ev->data.sequence_start.anchor
						  : ev->data.mapping_start.anchor;
		const unsigned char *tag = seq ? ev->data.sequence_start.tag
					       : ev->data.mapping_start.tag;
		rc = check_anchor(c, ev, anchor);
		if (!rc)
			rc = check_tag(c, ev, tag);
		if (rc)
			break;
		if (c->depth >= SOEM_YAML_MAX_DEPTH) {
			rc = soem_err_at(c->err, SOEM_EX_DATAERR, c->file,
					 (int)ev->start_mark.line + 1,
					 (int)ev->start_mark.column + 1,
					 _("nested deeper than %d levels"),
					 SOEM_YAML_MAX_DEPTH);
			break;
		}
		/* (tag is NULL here: check_tag refused it) */
		n = pool_node(c, seq ? YNODE_SEQ : YNODE_MAP, &ev->start_mark);
		yaml_event_delete(ev);
		if (stream && seq) {
			/* the top-level pairs so far, as a map */
			ynode head = { .kind = YNODE_MAP,
				       .n = (uint32_t)(2 * c->stream_pairs),
				       .v = c->stk + c->stream_base };
			if (c->stream->start(c->stream->data, stream, &head))
				c->stream_seq = n;
		}
		c->depth++;
		rc = parse_children(c, n, seq ? YAML_SEQUENCE_END_EVENT
					      : YAML_MAPPING_END_EVENT);
		c->depth--;
		if (rc)
			return rc;
		*out = n;
		return 0;
	}
	default:
		rc = soem_err_at(c->err, SOEM_EX_DATAERR, c->file,
				 (int)ev->start_mark.line + 1,
				 (int)ev->start_mark.column + 1,
				 _("unexpected YAML structure"));
		break;
	}
	yaml_event_delete(ev);
	if (rc)
		return rc;
	*out = n;
	return 0;
}

static int parse(parse_ctx *pc, ynode **out);

static int parse_buf(const char *buf, size_t len, const char *file,
		     const char *stop_key, const ynode_stream *stream,
		     ynode **out, soem_err *err)
{
	*out = NULL;
	if (len > SOEM_YAML_MAX_FILE)
		return soem_err_set(err, SOEM_EX_DATAERR,
				    _("%s: the file is larger than %u MiB"),
				    file ? file : "<input>",
				    (unsigned)(SOEM_YAML_MAX_FILE >> 20));
	parse_ctx c = { .buf = buf, .len = len, .file = file, .err = err,
			.stop_key = stop_key, .stream = stream, .fd = -1 };
	return parse(&c, out);
}

int ynode_parse(const char *buf, size_t len, const char *file, ynode **out,
		soem_err *err)
{
	return parse_buf(buf, len, file, NULL, NULL, out, err);
}

int ynode_parse_head(const char *buf, size_t len, const char *file,
		     const char *key, ynode **out, soem_err *err)
{
	return parse_buf(buf, len, file, key, NULL, out, err);
}

int ynode_parse_stream(const char *buf, size_t len, const char *file,
		       const ynode_stream *st, ynode **out, soem_err *err)
{
	return parse_buf(buf, len, file, NULL, st, out, err);
}

static int open_input(const char *path, size_t limit, int *pfd,
		      size_t *psize, soem_err *err);

int ynode_parse_file_stream(const char *path, const ynode_stream *st,
			    ynode **out, soem_err *err)
{
	int fd;
	size_t size;
	*out = NULL;
	int rc = open_input(path, SOEM_YAML_MAX_FILE, &fd, &size, err);
	if (rc)
		return rc;
	parse_ctx c = { .len = size, .file = path, .err = err, .stream = st,
			.fd = fd, .path = path, .limit = SOEM_YAML_MAX_FILE };
	bool had_err = err && err->code;
	rc = parse(&c, out);
	if (rc && !had_err && !c.read_errno && !c.too_large) {
		/* soem_read_file would have read it all before parsing: a
		 * read error or a file grown too large is what it reports.
		 * (The buffer is not on the stack: a 16 KB array here put
		 * every parse 16 KB deeper, pages each wizard kept, issue
		 * 18.) */
		enum { CHUNK = 16384 };
		unsigned char *chunk = xmalloc(CHUNK);
		size_t n;
		while (fd_read(&c, chunk, CHUNK, &n) && n)
			;
		free(chunk);
		if (c.read_errno || c.too_large) {
			soem_err_clear(err);
			rc = c.read_errno
				? soem_err_set(err, SOEM_EX_IOERR,
					       _("%s: cannot read: %s"), path,
					       strerror(c.read_errno))
				: soem_err_set(err, SOEM_EX_DATAERR,
					       _("%s: the file is larger than %zu MiB"),
					       path, c.limit >> 20);
		}
	}
	close(fd);
	return rc;
}

static int parse(parse_ctx *pc, ynode **out)
{
	parse_ctx c = *pc;
	soem_err *err = c.err;
	const char *file = c.file;

	*out = NULL;
	if (!yaml_parser_initialize(&c.parser))
		return soem_err_set(err, SOEM_EX_IOERR, _("out of memory"));
	if (c.stop_key)
		yaml_parser_set_input(&c.parser, head_read, &c);
	else if (c.fd >= 0)
		yaml_parser_set_input(&c.parser, fd_read, &c);
	else
		yaml_parser_set_input_string(&c.parser,
					     (const unsigned char *)c.buf,
					     c.len);
	yaml_parser_set_encoding(&c.parser, YAML_UTF8_ENCODING);
	int rc = 0;
	ynode *root = NULL;
	bool done = false;
	int docs = 0;
	while (!rc && !done) {
		yaml_event_t ev;
		rc = next_event(&c, &ev);
		if (rc)
			break;
		switch (ev.type) {
		case YAML_STREAM_START_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			yaml_event_delete(&ev);
			break;
		case YAML_STREAM_END_EVENT:
			yaml_event_delete(&ev);
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1)
				rc = soem_err_at(err, SOEM_EX_DATAERR, file,
						 (int)ev.start_mark.line + 1,
						 (int)ev.start_mark.column + 1,
						 _("more than one YAML document in the file"));
			yaml_event_delete(&ev);
			break;
		default:
			rc = parse_node(&c, &ev, &root);
			done = c.stopped;
			break;
		}
	}
	yaml_parser_delete(&c.parser);
	free(c.stk);
	pc->read_errno = c.read_errno;
	pc->too_large = c.too_large;
	pc->fed = c.fed;
	if (!rc && (!root || (root->kind == YNODE_SCALAR &&
			      ynode_is_null(root)))) {
		rc = soem_err_at(err, SOEM_EX_DATAERR, file, 1, 1,
				 _("the file is empty"));
	}
	if (rc) {
		pool_free(c.first);
		return rc;
	}
	/* The root is the pool's first allocation: freeing it frees the
	 * pool. */
	root->mem |= MEM_ROOT;
	*out = root;
	return 0;
}

/* Opens path for reading with soem_read_file's checks; *psize is its
 * size (at most limit). */
static int open_input(const char *path, size_t limit, int *pfd,
		      size_t *psize, soem_err *err)
{
	*pfd = -1;
	*psize = 0;
	/* O_NONBLOCK: opening a FIFO for reading would wait for a writer
	 * forever; only regular files are read (SPEC §3.2), so the flag
	 * changes nothing for what is read. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		int e = errno;
		struct stat ost;
		/* "Permission denied" alone does not say whose file it is:
		 * a trainee who opens another's file is told who has it */
		if (e == EACCES && stat(path, &ost) == 0 &&
		    ost.st_uid != geteuid()) {
			const struct passwd *pw = getpwuid(ost.st_uid);
			char who[64];
			if (pw && pw->pw_name && *pw->pw_name)
				snprintf(who, sizeof who, "%s", pw->pw_name);
			else
				snprintf(who, sizeof who, "%ld",
					 (long)ost.st_uid);
			return soem_err_set(err, SOEM_EX_NOINPUT,
					    _("%s: cannot open: %s (the file belongs to %s, uid %ld, mode %03o)"),
					    path, strerror(e), who,
					    (long)ost.st_uid,
					    (unsigned)(ost.st_mode & 0777));
		}
		return soem_err_set(err, SOEM_EX_NOINPUT,
				    _("%s: cannot open: %s"), path,
				    strerror(e));
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		return soem_err_set(err, SOEM_EX_IOERR, _("%s: %s"), path,
				    strerror(e));
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return soem_err_set(err, SOEM_EX_NOINPUT,
				    _("%s: is a directory, not a file"), path);
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return soem_err_set(err, SOEM_EX_NOINPUT,
				    _("%s: is not a regular file (a pipe, device or socket); only files are read"),
				    path);
	}
	if ((unsigned long long)st.st_size > limit) {
		close(fd);
		return soem_err_set(err, SOEM_EX_DATAERR,
				    _("%s: the file is larger than %zu MiB"),
				    path, limit >> 20);
	}
	*pfd = fd;
	*psize = (size_t)st.st_size;
	return 0;
}

int soem_read_file(const char *path, size_t limit, char **pbuf, size_t *plen,
		   soem_err *err)
{
	int fd;
	size_t size;

	*pbuf = NULL;
	*plen = 0;
	int rc = open_input(path, limit, &fd, &size, err);
	if (rc)
		return rc;
	size_t cap = size + 1;
	size_t len = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (len + 1 >= cap)
			xgrow((void **)&buf, &cap, len + 4096, 1);
		ssize_t r = read(fd, buf + len, cap - len - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			free(buf);
			close(fd);
			return soem_err_set(err, SOEM_EX_IOERR,
					    _("%s: cannot read: %s"), path,
					    strerror(e));
		}
		if (r == 0)
			break;
		len += (size_t)r;
		if (len > limit) {
			free(buf);
			close(fd);
			return soem_err_set(err, SOEM_EX_DATAERR,
					    _("%s: the file is larger than %zu MiB"),
					    path, limit >> 20);
		}
	}
	close(fd);
	buf[len] = '\0';
	*pbuf = buf;
	*plen = len;
	return 0;
}

int ynode_parse_file(const char *path, ynode **out, soem_err *err)
{
	char *buf;
	size_t len;
	*out = NULL;
	int rc = soem_read_file(path, SOEM_YAML_MAX_FILE, &buf, &len, err);
	if (rc)
		return rc;
	rc = ynode_parse(buf, len, path, out, err);
	free(buf);
	return rc;
}

ynode *ynode_clone(const ynode *n)
{
	if (!n)
		return NULL;
	ynode *c = xcalloc(1, sizeof *c);
	c->kind = n->kind;
	c->line = n->line;
	c->col = n->col;
	c->bang = n->bang;
	c->plain = n->plain;
	if (n->kind == YNODE_SCALAR) {
		c->str = xstrndup(n->str, n->len);
		c->len = n->len;
	}
	if (n->n) {
		c->v = xcalloc(n->n, sizeof *c->v);
		for (size_t i = 0; i < n->n; i++)
			c->v[i] = ynode_clone(n->v[i]);
		c->n = n->n;
	}
	return c;
}

ynode *ynode_new_scalar(const char *s, bool plain)
{
	ynode *n = node_new(YNODE_SCALAR, NULL);
	n->str = xstrdup(s ? s : "");
	n->len = (uint32_t)strlen(n->str);
	n->plain = plain;
	return n;
}

ynode *ynode_new_seq(void)
{
	return node_new(YNODE_SEQ, NULL);
}

ynode *ynode_new_map(void)
{
	return node_new(YNODE_MAP, NULL);
}

static void node_append(ynode *parent, ynode *child)
{
	if (parent->mem & MEM_POOL)
		pooled_appends++;
	if ((parent->mem & MEM_POOL) && !(parent->mem & MEM_VHEAP)) {
		/* the pooled array cannot grow: move it to the heap */
		ynode **v = xmalloc((parent->n + 1) * sizeof *v);
		if (parent->n)
			memcpy(v, parent->v, parent->n * sizeof *v);
		parent->v = v;
		parent->mem |= MEM_VHEAP;
	} else {
		parent->v = xrealloc(parent->v,
				     (parent->n + 1) * sizeof *parent->v);
	}
	parent->v[parent->n++] = child;
}

void ynode_seq_push(ynode *seq, ynode *item)
{
	node_append(seq, item);
}

void ynode_map_put(ynode *map, const char *key, ynode *value)
{
	node_append(map, ynode_new_scalar(key, true));
	node_append(map, value);
}

const ynode *ynode_map_get(const ynode *map, const char *key)
{
	if (!map || map->kind != YNODE_MAP)
		return NULL;
	size_t len = strlen(key);
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const ynode *k = map->v[i];
		if (k->len == len && memcmp(k->str, key, len) == 0)
			return map->v[i + 1];
	}
	return NULL;
}

bool ynode_is_null(const ynode *n)
{
	if (!n)
		return true;
	if (n->kind != YNODE_SCALAR || !n->plain)
		return false;
	if (n->len == 0)
		return true;
	if (n->len == 1)
		return n->str[0] == '~';
	return n->len == 4 && (strcmp(n->str, "null") == 0 ||
			       strcmp(n->str, "Null") == 0 ||
			       strcmp(n->str, "NULL") == 0);
}

bool ynode_equal(const ynode *a, const ynode *b)
{
	if (!a || !b)
		return a == b;
	if (a->kind != b->kind || a->n != b->n)
		return false;
	if (a->kind == YNODE_SCALAR)
		return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
	for (size_t i = 0; i < a->n; i++)
		if (!ynode_equal(a->v[i], b->v[i]))
			return false;
	return true;
}

int ynode_emit(yaml_emitter_t *em, const ynode *n)
{
	yaml_event_t ev;
	int ok = 1;
	switch (n->kind) {
	case YNODE_SCALAR:
		/* A plain scalar that cannot stay plain where it is written
		 * (`a:` as a key) is quoted by libyaml; quoted_implicit must
		 * allow that without a "!" tag.  Quoted scalars ask for single
		 * quotes, libyaml's own fallback for plain ones, so that a
		 * second save writes the same bytes as the first. */
		ok = yaml_scalar_event_initialize(
			&ev, NULL, n->bang ? (yaml_char_t *)"!" : NULL,
			(yaml_char_t *)n->str, (int)n->len, n->plain && !n->bang,
			!n->bang,
			n->plain ? YAML_PLAIN_SCALAR_STYLE
				 : YAML_SINGLE_QUOTED_SCALAR_STYLE) &&
		     yaml_emitter_emit(em, &ev);
		break;
	case YNODE_SEQ:
		ok = yaml_sequence_start_event_initialize(
			     &ev, NULL, NULL, 1, YAML_ANY_SEQUENCE_STYLE) &&
		     yaml_emitter_emit(em, &ev);
		for (size_t i = 0; ok && i < n->n; i++)
			ok = ynode_emit(em, n->v[i]) == 0;
		ok = ok && yaml_sequence_end_event_initialize(&ev) &&
		     yaml_emitter_emit(em, &ev);
		break;
	case YNODE_MAP:
		ok = yaml_mapping_start_event_initialize(
			     &ev, NULL, NULL, 1, YAML_ANY_MAPPING_STYLE) &&
		     yaml_emitter_emit(em, &ev);
		for (size_t i = 0; ok && i < n->n; i++)
			ok = ynode_emit(em, n->v[i]) == 0;
		ok = ok && yaml_mapping_end_event_initialize(&ev) &&
		     yaml_emitter_emit(em, &ev);
		break;
	}
	return ok ? 0 : -1;
}

const char *ynode_kind_name(const ynode *n)
{
	if (!n)
		return N_("nothing");
	switch (n->kind) {
	case YNODE_SCALAR:
		return N_("a value");
	case YNODE_SEQ:
		return N_("a list");
	case YNODE_MAP:
		return N_("a map");
	}
	return "";
}
