/*
 * progress.c — the progress line on stderr (see progress.h).
 * Owns: sizes of the inputs, the clock and the redraw. Never: touches stdout
 * or anything the run computes.
 */
#include "report/progress.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static enum progress_mode mode = PROGRESS_AUTO;
static bool streams;

void progress_set_mode(enum progress_mode m) { mode = m; }
enum progress_mode progress_get_mode(void) { return mode; }
void progress_stdout_streams(bool s) { streams = s; }

static bool wanted(int fd)
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
	char b[32], t[32], r[32], left[32];
	if (total > 0 && bytes > total)
		bytes = total;          /* a file grew while being read */
	human_bytes(b, sizeof b, (double)bytes);
	double rate = elapsed > 0 ? (double)bytes / elapsed : 0;
	human_bytes(r, sizeof r, rate);
	if (total == 0) {
		snprintf(dst, len, "%zu/%zu files  %s  %s/s", done, nfiles, b, r);
		return;
	}
	human_bytes(t, sizeof t, (double)total);
	int pct = (int)((double)bytes * 100.0 / (double)total);
	if (rate > 0 && elapsed >= 1.0)
		clock_text(left, sizeof left, (double)(total - bytes) / rate);
	else
		snprintf(left, sizeof left, "-:--");
	snprintf(dst, len, "%zu/%zu files  %s of %s  %d%%  %s/s  %s left", done, nfiles, b, t,
	         pct, r, left);
}

void progress_begin(struct progress *p, const struct merge *m)
{
	memset(p, 0, sizeof *p);
	p->fd = 2;
	if (!wanted(p->fd))
		return;
	p->on = true;
	p->m = m;
	p->nfiles = merge_source_count(m);
	for (size_t i = 0; i < p->nfiles; i++) {
		struct stat st;
		const char *path = merge_source(m, i)->path;
		if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			p->total = 0;   /* one size unknown: no share, no time left */
			break;
		}
		p->total += (uint64_t)st.st_size;
	}
	p->t0 = p->last = now_s();
}

static void draw(struct progress *p, const char *text)
{
	char line[256];
	size_t n = strlen(text);
	/* Pad over what the previous line had left, rather than terminal escapes:
	 * --progress into a file stays plain text. */
	int k = snprintf(line, sizeof line, "\r%s%*s", text,
	                 (int)(p->width > n ? p->width - n : 0), "");
	if (k > 0 && write(p->fd, line, (size_t)k < sizeof line ? (size_t)k : sizeof line - 1) < 0)
		p->on = false;          /* stderr went away: stop trying */
	p->width = n;
}

void progress_poll(struct progress *p)
{
	if (!p->on)
		return;
	double t = now_s();
	if (t - p->last < 0.25)
		return;
	p->last = t;
	char text[160];
	int pre = snprintf(text, sizeof text, "mrtreach: ");
	progress_format(text + pre, sizeof text - (size_t)pre, merge_sources_done(p->m), p->nfiles,
	                merge_bytes_read(p->m), p->total, t - p->t0);
	draw(p, text);
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
}

void progress_end(struct progress *p)
{
	progress_clear(p);
	p->on = false;
}
