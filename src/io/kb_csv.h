/* kb_csv.h - a knowledge database's figures as one CSV, and back
 * (issue 16 point 9; SPEC §4 `soem kb export` / `soem kb import`).
 *
 * The CSV has a header row naming its columns (any order; other columns
 * are ignored on import):
 *
 *   kind;target_group;measure;service;payer;year;value;unit;name;
 *   current_source;source
 *
 * kind is `price` (service, payer, value; year = a price schedule
 * entry's `from`, else empty), `baseline` (target_group, measure,
 * service, value; empty = none) or `consequence` (target_group, measure,
 * service, year = consequence year 1.., value).  unit, name and
 * current_source are there to read; source is empty on export and is
 * where the analyst names where a changed figure comes from.
 *
 * Import works on the base profile's YAML tree: every value that differs
 * from the base replaces it; the service (for a price) or consequence row
 * (for a baseline or year) whose figure changed gets `source:` from the
 * CSV's source cells of its changed figures (joined with "; "), or, when
 * they are all empty, `illustrative: true` (and loses its old source).
 * The profile gets the new id and "(NEW)" after its name.  The result is
 * written with libyaml and checked by loading it as a database.
 */
#ifndef SOEM_KB_CSV_H
#define SOEM_KB_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "model/kb.h"
#include "util/err.h"

/* Writes the figures of kb (read again from kb->path) as CSV into *buf
 * (caller frees): only group's rows and the prices of the services they
 * use when group is not NULL (SOEM_EX_CALC when it is no target group of
 * kb).  sep separates fields; when it is not ',' numbers have a decimal
 * comma; bom starts the text with a UTF-8 byte-order mark.  lang picks
 * the names' language. */
int soem_kb_csv_export(const soem_kb *kb, const char *group,
		       const char *lang, char sep, bool bom, char **buf,
		       size_t *len, soem_err *err);

typedef struct soem_kb_csv_stats {
	size_t rows;          /* data rows read */
	size_t changed;       /* figures that differ from the base */
	size_t sourced;       /* services and consequence rows given a source */
	size_t illustrative;  /* ... marked illustrative */
} soem_kb_csv_stats;

/* Reads the CSV at csv over the database at base and gives the new
 * profile new_id as YAML in *yaml (caller frees).  Errors:
 * SOEM_EX_NOINPUT / SOEM_EX_IOERR for a file that cannot be read,
 * SOEM_EX_DATAERR with "FILE:LINE:COLUMN: ..." for a bad CSV (the
 * column counts characters from 1) or a base that does not load. */
int soem_kb_csv_import(const char *csv, const char *base, const char *new_id,
		       char **yaml, size_t *len, soem_kb_csv_stats *st,
		       soem_warnings *warn, soem_err *err);

/* An id as a database may give it (letters, digits, '_', '-', '.'). */
bool soem_kb_csv_id_ok(const char *id);

#endif
