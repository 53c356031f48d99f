/* ptyrun.c - runs a terminal program on a pseudo-terminal for `make bench`
 * (tests/bench/README): how long from exec to its first complete screen,
 * how many bytes it writes for that screen and for each key sent after it,
 * and its peak resident memory.
 *
 *   ptyrun [-c COLS] [-r ROWS] [-m MARKER] [-q MS] [-s KEYS]... [-x KEYS]...
 *          [-o FILE] -- PROGRAM ARG...
 *
 * The first screen is complete when the program has written MARKER (the
 * last text it draws, e.g. the key bar's "Quit") and then nothing more
 * for MS milliseconds (default 20); the time is that of the last byte
 * before the pause, so the pause itself is not counted.  Each -s step
 * sends KEYS (escapes \e \r \n \t \\ \xHH) and counts what comes back
 * until the program is quiet for MS again (a step that gets no answer
 * within 500 ms counts 0).  Then the -x steps (default Ctrl-Q) are sent
 * 150 ms apart until the program exits; after 3 s it gets SIGTERM, then
 * SIGKILL.  -o FILE keeps everything the program wrote.
 *
 * One line on stdout (cpu_us: the program's user and system time):
 *   screen_us=N first_bytes=N steps=B1,B2,... maxrss_kb=N cpu_us=N status=S
 * Exit 0, or 1 when the marker never came (within 10 s) or the program
 * could not be run. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static int master = -1;
static char *out;
static size_t outn, outcap;
static double t_last;   /* time of the last byte read */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Reads what is there within ms milliseconds; returns bytes read, 0 on a
 * timeout, -1 when the pty is closed. */
static long drain(int ms)
{
	struct pollfd p = { master, POLLIN, 0 };
	int r = poll(&p, 1, ms);
	if (r <= 0)
		return 0;
	char buf[65536];
	ssize_t n = read(master, buf, sizeof buf);
	if (n <= 0)
		return -1;
	t_last = now();
	if (outn + (size_t)n > outcap) {
		outcap = (outn + (size_t)n) * 2;
		out = realloc(out, outcap);
		if (!out)
			exit(1);
	}
	memcpy(out + outn, buf, (size_t)n);
	outn += (size_t)n;
	return n;
}

/* Bytes that come until quiet for ms, waiting at most first_ms for the
 * first one. */
static size_t until_quiet(int ms, int first_ms)
{
	size_t total = 0;
	long n = drain(first_ms);
	while (n > 0) {
		total += (size_t)n;
		n = drain(ms);
	}
	return total;
}

static size_t unescape(const char *s, char *d)
{
	size_t k = 0;
	for (; *s; s++) {
		if (*s != '\\' || !s[1]) {
			d[k++] = *s;
			continue;
		}
		s++;
		switch (*s) {
		case 'e': d[k++] = 27; break;
		case 'r': d[k++] = '\r'; break;
		case 'n': d[k++] = '\n'; break;
		case 't': d[k++] = '\t'; break;
		case 'x': {
			char h[3] = { s[1], s[1] ? s[2] : 0, 0 };
			d[k++] = (char)strtol(h, NULL, 16);
			s += s[1] && s[2] ? 2 : (s[1] ? 1 : 0);
			break;
		}
		default: d[k++] = *s; break;
		}
	}
	return k;
}

static void send_keys(const char *keys)
{
	char buf[256];
	size_t n = unescape(keys, buf);
	if (write(master, buf, n) != (ssize_t)n)
		perror("ptyrun: write");
}

static bool found(const char *marker, size_t from)
{
	size_t ml = strlen(marker);
	if (!ml)
		return outn > 0;
	return outn >= ml && memmem(out + from, outn - from, marker, ml);
}

int main(int argc, char **argv)
{
	int cols = 80, rows = 24, quiet = 20;
	const char *marker = "", *save = NULL;
	const char *steps[256], *quits[16];
	size_t nsteps = 0, nquits = 0;
	int opt;
	while ((opt = getopt(argc, argv, "+c:r:m:q:s:x:o:")) != -1) {
		switch (opt) {
		case 'c': cols = atoi(optarg); break;
		case 'r': rows = atoi(optarg); break;
		case 'm': marker = optarg; break;
		case 'q': quiet = atoi(optarg); break;
		case 's': if (nsteps < 256) steps[nsteps++] = optarg; break;
		case 'x': if (nquits < 16) quits[nquits++] = optarg; break;
		case 'o': save = optarg; break;
		default: return 2;
		}
	}
	if (optind >= argc) {
		fputs("usage: ptyrun [options] -- PROGRAM ARG...\n", stderr);
		return 2;
	}
	if (!nquits)
		quits[nquits++] = "\\x11";
	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) || unlockpt(master)) {
		perror("ptyrun: pty");
		return 1;
	}
	struct winsize ws = { .ws_row = (unsigned short)rows,
			      .ws_col = (unsigned short)cols };
	ioctl(master, TIOCSWINSZ, &ws);
	const char *slave = ptsname(master);
	double t0 = now();
	pid_t pid = fork();
	if (pid < 0) {
		perror("ptyrun: fork");
		return 1;
	}
	if (pid == 0) {
		setsid();
		int s = open(slave, O_RDWR);
		if (s < 0)
			_exit(127);
		ioctl(s, TIOCSCTTY, 0);
		dup2(s, 0);
		dup2(s, 1);
		dup2(s, 2);
		if (s > 2)
			close(s);
		close(master);
		execvp(argv[optind], argv + optind);
		_exit(127);
	}
	/* the first screen */
	int rc = 0;
	double deadline = t0 + 10;
	while (!found(marker, 0) && now() < deadline)
		if (drain(100) < 0)
			break;
	if (!found(marker, 0)) {
		fprintf(stderr, "ptyrun: %s: no \"%s\" within 10 s\n",
			argv[optind], marker);
		rc = 1;
	}
	until_quiet(quiet, quiet);
	double t_screen = t_last - t0;
	size_t first = outn;
	/* the steps */
	size_t *bytes = calloc(nsteps + 1, sizeof *bytes);
	for (size_t i = 0; i < nsteps; i++) {
		send_keys(steps[i]);
		bytes[i] = until_quiet(quiet, 500);
	}
	/* quit */
	int status = 0;
	struct rusage ru;
	memset(&ru, 0, sizeof ru);
	double start = now();
	size_t q = 0;
	double next_quit = start;
	int sig = 0;
	for (;;) {
		pid_t w = wait4(pid, &status, WNOHANG, &ru);
		if (w == pid)
			break;
		double t = now();
		if (q < nquits && t >= next_quit) {
			send_keys(quits[q++]);
			next_quit = t + 0.15;
		}
		if (sig == 0 && t - start > 3) {
			kill(pid, SIGTERM);
			sig = SIGTERM;
		} else if (sig == SIGTERM && t - start > 5) {
			kill(pid, SIGKILL);
			sig = SIGKILL;
		}
		if (drain(5) < 0)
			usleep(2000);
	}
	if (save) {
		FILE *f = fopen(save, "wb");
		if (f) {
			fwrite(out, 1, outn, f);
			fclose(f);
		}
	}
	printf("screen_us=%.0f first_bytes=%zu steps=", t_screen * 1e6, first);
	for (size_t i = 0; i < nsteps; i++)
		printf("%s%zu", i ? "," : "", bytes[i]);
	printf(" maxrss_kb=%ld cpu_us=%.0f status=%s%d\n", ru.ru_maxrss,
	       (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e6 +
		       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec),
	       WIFSIGNALED(status) ? "signal" : "",
	       WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	free(bytes);
	free(out);
	return rc;
}
