/*
 * progress.c — the progress line on stderr (see progress.h).
 * Owns: sizes of the inputs, the clock and the redraw. Never: touches stdout
 * or anything the run computes.
 */
#include "report/progress.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static bool wanted(int fd, enum progress_mode mode, bool streams)
{
	if (mode != PROGRESS_AUTO)
		return mode == PROGRESS_ON;
	return isatty(fd) && !(streams && isatty(STDOUT_FILENO));
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Bytes with a unit that keeps the line short and steady. */
static void human_bytes(char *dst, size_t len, double b)
{
	if (b >= 1e9)
		snprintf(dst, len, "%.2f GB", b / 1e9);
	else if (b >= 1e6)
		snprintf(dst, len, "%.1f MB", b / 1e6);
	else
		snprintf(dst, len, "%.0f kB", b / 1e3);
}

static void clock_text(char *dst, size_t len, double secs)
{
	long s = secs < 0 ? 0 : secs > 359999 ? 359999 : (long)(secs + 0.5);
	if (s >= 3600)
		snprintf(dst, len, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(dst, len, "%ld:%02ld", s / 60, s % 60);
}

void progress_format(char *dst, size_t len, size_t done, size_t nfiles, uint64_t bytes,
                     uint64_t total, double elapsed)
{
	progress_format_fit(dst, len, done, nfiles, bytes, total, elapsed, 0);
}

/* The layouts, fullest first; a narrow terminal gets the first that fits. */
enum { LAYOUT_FULL, LAYOUT_NO_RATE, LAYOUT_SHARE, LAYOUT_TINY, LAYOUTS };

static int layout(char *dst, size_t len, int which, size_t done, size_t nfiles, const char *b,
                  const char *t, int pct, const char *r, const char *left, bool known)
{
	if (!known) {
		switch (which) {
		case LAYOUT_FULL:   return snprintf(dst, len, "%zu/%zu files  %s  %s/s", done, nfiles, b, r);
		case LAYOUT_NO_RATE: return snprintf(dst, len, "%zu/%zu files  %s", done, nfiles, b);
		default:            return snprintf(dst, len, "%zu/%zu", done, nfiles);
		}
	}
	switch (which) {
	case LAYOUT_FULL:
		return snprintf(dst, len, "%zu/%zu files  %s of %s  %d%%  %s/s  %s left", done, nfiles,
		                b, t, pct, r, left);
	case LAYOUT_NO_RATE:
		return snprintf(dst, len, "%zu/%zu files  %d%%  %s left", done, nfiles, pct, left);
	case LAYOUT_SHARE:
		return snprintf(dst, len, "%d%%  %s left", pct, left);
	default:
		return snprintf(dst, len, "%d%%", pct);
	}
}

void progress_format_fit(char *dst, size_t len, size_t done, size_t nfiles, uint64_t bytes,
                         uint64_t total, double elapsed, size_t cols)
{
	char b[32], t[32], r[32], left[32];
	if (total > 0 && bytes > total)
		bytes = total;          /* a file grew while being read */
	human_bytes(b, sizeof b, (double)bytes);
	double rate = elapsed > 0 ? (double)bytes / elapsed : 0;
	human_bytes(r, sizeof r, rate);
	int pct = 0;
	t[0] = left[0] = '\0';
	if (total > 0) {
		human_bytes(t, sizeof t, (double)total);
		pct = (int)((double)bytes * 100.0 / (double)total);
		if (rate > 0 && elapsed >= 1.0)
			clock_text(left, sizeof left, (double)(total - bytes) / rate);
		else
			snprintf(left, sizeof left, "-:--");
	}
	for (int which = LAYOUT_FULL; which < LAYOUTS; which++) {
		int n = layout(dst, len, which, done, nfiles, b, t, pct, r, left, total > 0);
		if (cols == 0 || (n >= 0 && (size_t)n <= cols))
			return;
	}
	if (cols < len)
		dst[cols] = '\0';      /* narrower than the tiniest layout: cut it */
}

/* The terminal's width, or 0 when fd is no terminal (a file: no limit). */
static size_t columns(int fd)
{
	struct winsize ws;
	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

/* What a signal handler needs to wipe the line: async-signal-safe copies. */
static volatile sig_atomic_t drawn_fd = -1, drawn_width;

/* Ctrl-C or a kill while the line is up: wipe it so the shell prompt starts
 * clean, then die of the same signal (the shell then reports 130 or 143). */
static void wipe_and_die(int sig)
{
	if (drawn_fd >= 0 && drawn_width > 0) {
		char line[258];
		size_t w = (size_t)drawn_width < sizeof line - 2 ? (size_t)drawn_width : sizeof line - 2;
		line[0] = '\r';
		memset(line + 1, ' ', w);
		line[w + 1] = '\r';
		ssize_t ignored = write(drawn_fd, line, w + 2);
		(void)ignored;
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = wipe_and_die;
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < 2; i++) {
		int sig = i == 0 ? SIGINT : SIGTERM;
		struct sigaction old;
		/* A signal the shell told us to ignore (a background job) stays ignored. */
		if (sigaction(sig, NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(sig, &sa, NULL);
	}
}

static void draw(struct progress *p, const char *text)
{
	char line[256];
	size_t n = strlen(text);
	/* Pad over what the previous line had left, rather than terminal escapes:
	 * --progress into a file stays plain text. */
	int k = snprintf(line, sizeof line, "\r%s%*s", text,
	                 (int)(p->width > n ? p->width - n : 0), "");
	/* The width a signal handler wipes covers this line before it is
	 * written: a Ctrl-C between the write and the update below would
	 * otherwise leave the first line drawn on the screen, unwiped. */
	if ((sig_atomic_t)n > drawn_width)
		drawn_width = (sig_atomic_t)n;
	if (k > 0 && write(p->fd, line, (size_t)k < sizeof line ? (size_t)k : sizeof line - 1) < 0)
		p->on = false;          /* stderr went away: stop trying */
	p->width = n;
	drawn_width = (sig_atomic_t)n;
}

/* The line as it stands at time t (seconds, monotonic). */
static void redraw(struct progress *p, double t)
{
	char text[160];
	int pre = snprintf(text, sizeof text, "mrtreach: ");
	/* One column short of the width: a line that fills the last column
	 * wraps on many terminals, and the \r then returns to the wrong row. */
	size_t cols = columns(p->fd);
	size_t room = cols == 0 ? 0 : cols > (size_t)pre + 1 ? cols - (size_t)pre - 1 : 1;
	progress_format_fit(text + pre, sizeof text - (size_t)pre,
	                    p->m ? merge_sources_done(p->m) : 0, p->nfiles,
	                    p->m ? merge_bytes_read(p->m) : 0, p->total, t - p->t0, room);
	draw(p, text);
}

void progress_poll(struct progress *p)
{
	if (!p->on)
		return;
	double t = now_s();
	if (t - p->last < 0.25)
		return;
	p->last = t;
	redraw(p, t);
}

void progress_begin(struct progress *p, const char *const *paths, size_t n,
                    enum progress_mode mode, bool streams)
{
	memset(p, 0, sizeof *p);
	p->fd = 2;
	if (!wanted(p->fd, mode, streams))
		return;
	p->on = true;
	p->nfiles = n;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (strcmp(paths[i], "-") == 0 || stat(paths[i], &st) != 0 || !S_ISREG(st.st_mode)) {
			p->total = 0;   /* one size unknown: no share, no time left */
			break;
		}
		p->total += (uint64_t)st.st_size;
	}
	p->t0 = p->last = now_s();
	drawn_fd = p->fd;
	catch_signals();
	redraw(p, p->t0);
}

void progress_attach(struct progress *p, const struct merge *m)
{
	p->m = m;
}

void progress_clear(struct progress *p)
{
	if (!p->on || p->width == 0)
		return;
	char line[256];
	size_t w = p->width < sizeof line - 3 ? p->width : sizeof line - 3;
	line[0] = '\r';
	memset(line + 1, ' ', w);
	line[w + 1] = '\r';
	if (write(p->fd, line, w + 2) < 0)
		p->on = false;
	p->width = 0;
	drawn_width = 0;
}

void progress_end(struct progress *p)
{
	progress_clear(p);
	p->on = false;
}
