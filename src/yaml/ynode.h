/* ynode.h - a YAML document as a tree, read and written with libyaml.
 *
 * src/yaml/ is the lowest layer after util/: the tree (ynode), its typed
 * readers (yread) and the emitter (yemit).  It knows nothing of soem's
 * file formats and uses nothing above util/; model/, io/ and report/ use
 * it.
 *
 * Every YAML read in soem goes through ynode_parse*: it builds a tree of
 * scalars, sequences and mappings that remembers the line and column of
 * each node, and refuses what soem never accepts (SPEC §3.2, §6):
 * aliases and anchors, duplicate keys in a mapping, non-scalar keys,
 * more than one document, nesting deeper than SOEM_YAML_MAX_DEPTH, a
 * string longer than SOEM_YAML_MAX_STRING, a list or map with more than
 * SOEM_YAML_MAX_ITEMS entries, more than SOEM_YAML_MAX_NODES nodes in
 * the file (counted while parsing, so a refused file costs no more than
 * the cap), a file larger than SOEM_YAML_MAX_FILE,
 * NUL bytes and invalid UTF-8 (libyaml reports those).
 *
 * The loaders in io/ walk the tree with the typed readers of yread.h; keys
 * they do not know are kept as cloned subtrees (model/extra) and written
 * back with ynode_emit.
 */
#ifndef SOEM_YNODE_H
#define SOEM_YNODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <yaml.h>

#include "util/err.h"

#define SOEM_YAML_MAX_FILE (64u * 1024 * 1024)
#define SOEM_YAML_MAX_DEPTH 64
#define SOEM_YAML_MAX_STRING (64u * 1024)
#define SOEM_YAML_MAX_ITEMS 100000
_Static_assert(SOEM_YAML_MAX_FILE < (1u << 27) - 1,
	       "ynode's 27-bit line and column hold any position in a file");
/* YAML nodes (values, lists and maps) in one file: in the pooled tree of
 * ynode_parse a node of a short text costs 40 bytes, so the cap bounds a
 * parsed tree near 80 MB whatever the file holds (SPEC §6). */
#define SOEM_YAML_MAX_NODES 2000000
/* Beyond this many nodes a file must have at least two bytes per node
 * (every real value takes that: `0,`), so that its tree stays within
 * about 20x its size; a list of empty one-key maps (`[a: , a: , ...]`,
 * three nodes in four bytes) is refused there instead of taking 30x. */
#define SOEM_YAML_NODE_FLOOR 65536

typedef enum ynode_kind {
	YNODE_SCALAR = 0,
	YNODE_SEQ,
	YNODE_MAP,
} ynode_kind;

/* A node is 32 bytes (SPEC §6: a file at the node cap must not take more
 * than about 20x its size).  A parsed tree adds only the child's slot in
 * its parent's array, and a text of up to 7 bytes (most numbers) lives
 * inside the node: 40 bytes for the 2 of `0,`.  Line and column fit 27
 * bits, as a file is at most SOEM_YAML_MAX_FILE bytes (checked). */
typedef struct ynode {
	unsigned line : 27;   /* 1-based position of the node's start (read */
	unsigned kind : 2;    /* as int); a ynode_kind */
	bool plain : 1;       /* written without quotes (so `null`, `1` mean
				 what YAML 1.1 core says); false if quoted or
				 a block scalar */
	bool bang : 1;        /* a scalar with the non-specific tag `!` (the
				 only tag soem accepts; written back) */
	unsigned col : 27;
	unsigned mem : 3;     /* private to ynode.c: 0 for a node of its own
				 (ynode_new_*, ynode_clone); else the node
				 lives in the memory pool of the tree
				 ynode_parse built, freed with its root */
	/* scalars */
	uint32_t len;         /* bytes in str (at most SOEM_YAML_MAX_STRING
				 from a file) */
	/* sequences: n items in v[0..n-1]
	 * mappings: n pairs, key v[2i] (always a scalar), value v[2i+1] */
	uint32_t n;
	char *str;            /* NUL-terminated value (never NULL for a scalar;
				 NULL for a list or map) */
	struct ynode **v;     /* children; for a scalar of a parsed tree, not
				 a pointer (it may hold the text): use only
				 v[0..n-1] */
} ynode;

/* Parses buf (len bytes).  file names the input in messages.  On success
 * returns 0 and sets *out (caller frees with ynode_free).  The tree lives
 * in one memory pool: ynode_free of its root frees all of it at once (and
 * any node added to it with ynode_seq_push or ynode_map_put); ynode_free
 * of a node inside it only detaches what was added to that node.  Keep a
 * subtree beyond the root's life with ynode_clone (plain malloc, freed on
 * its own).  An empty
 * document (or a file of only comments) gives *out = NULL and returns
 * SOEM_EX_DATAERR with "the file is empty".  Errors: SOEM_EX_DATAERR with
 * "FILE:LINE:COL: message". */
int ynode_parse(const char *buf, size_t len, const char *file, ynode **out,
		soem_err *err);

/* As ynode_parse, but stops after the value of the top-level map's key
 * key (issue 18: a database's profile header without the rest): the
 * tree holds the keys up to and including it; what follows is not read
 * (nor checked). */
int ynode_parse_head(const char *buf, size_t len, const char *file,
		     const char *key, ynode **out, soem_err *err);

/* ynode_parse with lists handed over item by item (issue 18: the
 * services and target groups of a 10 MB database without their whole
 * tree in memory).  When the value of one of the top-level map's keys
 * in keys (NULL-terminated) is a list, start(data, key, head) is called
 * before its first item; head is a map of the top-level pairs read before
 * key (the map itself is valid during the call only, the nodes below it
 * as long as the tree).  If start returns true, each item of the list is
 * given to item(data, index, node) as soon as it is complete, and its
 * memory is reused for the next one: in the finished tree that list has
 * no items.  Everything else (checks, limits, errors, their order) is as
 * in ynode_parse; an error found later in the file still fails the parse
 * after items were handed over. */
typedef struct ynode_stream {
	const char *const *keys;
	bool (*start)(void *data, const char *key, const ynode *head);
	void (*item)(void *data, size_t index, const ynode *node);
	void *data;
} ynode_stream;

int ynode_parse_stream(const char *buf, size_t len, const char *file,
		       const ynode_stream *st, ynode **out, soem_err *err);

/* ynode_parse_stream of the file path, read a piece at a time as the
 * parser needs it instead of whole into memory first (issue 18: the 10
 * MB of a large database are not held while its tree is built).  The
 * file's checks and messages are those of soem_read_file with the limit
 * SOEM_YAML_MAX_FILE (a read error or a file grown past the limit is
 * reported rather than an error in its YAML, as when it was read first),
 * the rest those of ynode_parse. */
int ynode_parse_file_stream(const char *path, const ynode_stream *st,
			    ynode **out, soem_err *err);

/* Reads path (at most SOEM_YAML_MAX_FILE bytes) and parses it.
 * SOEM_EX_NOINPUT when it cannot be opened, SOEM_EX_IOERR on a read
 * error, SOEM_EX_DATAERR as ynode_parse. */
int ynode_parse_file(const char *path, ynode **out, soem_err *err);

/* Reads a whole file into memory (NUL added; *len excludes it), refusing
 * files over limit bytes with SOEM_EX_DATAERR.  Caller frees *buf. */
int soem_read_file(const char *path, size_t limit, char **buf, size_t *len,
		   soem_err *err);

void ynode_free(ynode **n);
ynode *ynode_clone(const ynode *n);

/* New nodes for building trees in code (line/col 0). */
ynode *ynode_new_scalar(const char *s, bool plain);
ynode *ynode_new_seq(void);
ynode *ynode_new_map(void);
void ynode_seq_push(ynode *seq, ynode *item);
void ynode_map_put(ynode *map, const char *key, ynode *value); /* appends */

/* Value of key in a mapping, or NULL (also when map is not a mapping). */
const ynode *ynode_map_get(const ynode *map, const char *key);

/* True for a missing node and for plain ~, null, Null, NULL or empty. */
bool ynode_is_null(const ynode *n);

/* Deep equality (kinds, strings, order of items and pairs). */
bool ynode_equal(const ynode *a, const ynode *b);

/* Emits n as a YAML node through an emitter that is inside a document. */
int ynode_emit(yaml_emitter_t *em, const ynode *n);

/* A short English name of the node's kind for messages: "a text",
 * "a list", "a map". Translated by the caller. */
const char *ynode_kind_name(const ynode *n);

#endif
