/* stacktrim.c - see stacktrim.h */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util/stacktrim.h"

/* A lower-case hexadecimal number at s (as /proc/self/maps writes
 * them; strtoull costs ten times as much, at every start of the
 * wizard); returns where it ends. */
static const char *hex(const char *s, uintptr_t *v)
{
	uintptr_t x = 0;

	for (;; s++) {
		unsigned d;
		if (*s >= '0' && *s <= '9')
			d = (unsigned)(*s - '0');
		else if (*s >= 'a' && *s <= 'f')
			d = (unsigned)(*s - 'a' + 10);
		else
			break;
		x = x * 16 + d;
	}
	*v = x;
	return s;
}

size_t soem_stack_trim(void)
{
	/* the frame itself, not a local's address (a sanitizer may keep
	 * locals elsewhere) */
	uintptr_t frame = (uintptr_t)__builtin_frame_address(0);
	long pgl = sysconf(_SC_PAGESIZE);
	if (pgl <= 0)
		return 0;
	uintptr_t pg = (uintptr_t)pgl;
	FILE *f = fopen("/proc/self/maps", "re");
	if (!f)
		return 0;
	/* the mapping the frame is in: only the main stack is trimmed */
	char line[512];
	uintptr_t lo = 0;
	bool found = false, at_start = true;
	while (fgets(line, sizeof line, f)) {
		/* (a line longer than line comes in parts: only its first
		 * is looked at) */
		bool start = at_start;
		at_start = strchr(line, '\n') != NULL;
		if (!start)
			continue;
		uintptr_t a, b;
		const char *e = hex(line, &a);
		if (*e != '-')
			continue;
		if (a > frame)
			break;  /* (the lines are in address order) */
		hex(e + 1, &b);
		if (frame < b) {
			size_t l = strlen(line);
			while (l && (line[l - 1] == '\n' || line[l - 1] == ' '))
				line[--l] = '\0';
			found = l >= 7 && strcmp(line + l - 7, "[stack]") == 0;
			lo = a;
			break;
		}
	}
	fclose(f);
	if (!found)
		return 0;
	/* two pages of margin below the frame's page: the red zone and
	 * madvise's own call */
	uintptr_t end = (frame & ~(pg - 1));
	if (end < lo + 3 * pg)
		return 0;
	end -= 2 * pg;
	if (madvise((void *)lo, end - lo, MADV_DONTNEED) != 0)
		return 0;
	return end - lo;
}
