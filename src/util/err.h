/* err.h - one way to report a failure: an exit code and a message.
 *
 * Functions that can fail return an int status (0 = success, otherwise
 * one of the SOEM_EX_* codes below) and fill a soem_err.  The message is
 * already translated and names file:line:column and the key where it can.
 * Nothing here prints: the caller decides where the message goes.
 */
#ifndef SOEM_ERR_H
#define SOEM_ERR_H

#include <stddef.h>

/* Exit codes of SPEC §4 (the values of sysexits.h). */
enum soem_exit {
	SOEM_EX_OK = 0,
	SOEM_EX_CALC = 1,     /* an error in the calculation (nothing to compute) */
	SOEM_EX_USAGE = 2,    /* wrong usage */
	SOEM_EX_DATAERR = 65, /* bad input data */
	SOEM_EX_NOINPUT = 66, /* a file that cannot be opened */
	SOEM_EX_CANTCREAT = 73, /* a file that cannot be written */
	SOEM_EX_IOERR = 74,   /* another I/O error */
};

#define SOEM_ERR_MAX 1024

typedef struct soem_err {
	int code;                 /* 0 while no error is recorded */
	char msg[SOEM_ERR_MAX];   /* translated, one line, no trailing newline */
} soem_err;

/* Records an error (the first one wins: later calls do not overwrite a
 * message that is already set) and returns code, so that callers can write
 * `return soem_err_set(err, SOEM_EX_DATAERR, ...);`.  err may be NULL. */
int soem_err_set(soem_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Like soem_err_set, with "FILE:LINE:COL: " in front of the message.
 * file may be NULL (then "<input>" is used); line/col are 1-based. */
int soem_err_at(soem_err *err, int code, const char *file, int line, int col,
		const char *fmt, ...) __attribute__((format(printf, 6, 7)));

void soem_err_clear(soem_err *err);

/* Warnings that do not stop anything (a profile version that differs,
 * an unknown key in a knowledge database): collected, shown by the caller. */
typedef struct soem_warnings {
	size_t n;
	char **msg;
} soem_warnings;

void soem_warn_add(soem_warnings *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void soem_warnings_free(soem_warnings *w);

#endif
