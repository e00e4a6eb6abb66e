/*
 * svg.c — the visibility chart (SVG) and the terminal sparkline.
 * Owns: geometry, ticks, label placement, escaping. Never: scripts, external
 * fonts or resources in the SVG (it must paste into any report as is).
 */
#include "report/svg.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report/fmt_report.h"
#include "decode/vec.h"

/* ---- the series --------------------------------------------------------- */

void svg_series_init(struct svg_series *s) { memset(s, 0, sizeof *s); }

void svg_series_free(struct svg_series *s)
{
	free(s->p);
	memset(s, 0, sizeof *s);
}

static bool same_values(const struct svg_point *a, const struct svg_point *b)
{
	return a->visible == b->visible && a->targets == b->targets && a->vps == b->vps &&
	       a->nfull == b->nfull && a->share == b->share;
}

void svg_series_add(struct svg_series *s, const struct svg_point *pt)
{
	if (s->n > 0) {
		struct svg_point *last = &s->p[s->n - 1];
		if (same_values(last, pt))
			return;
		if (last->ts == pt->ts) {
			/* Several ticks in one second: the last state of it counts.
			 * Dropping back to the point before makes this one redundant. */
			if (s->n > 1 && same_values(&s->p[s->n - 2], pt))
				s->n--;
			else
				*last = *pt;
			return;
		}
	}
	if (s->n == s->cap) {
		struct svg_point *p = vec_grow(s->p, &s->cap, s->n + 1, sizeof *p, 256);
		if (!p) {
			s->oom = true;
			return;
		}
		s->p = p;
	}
	s->p[s->n++] = *pt;
}

/* ---- parts -------------------------------------------------------------- */

uint32_t svg_tick_step(uint32_t span, unsigned max_ticks)
{
	static const uint32_t steps[] = {
		60, 120, 300, 600, 900, 1800, 3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600,
		86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400, 91 * 86400, 182 * 86400,
		364 * 86400,
	};
	if (max_ticks == 0)
		max_ticks = 1;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (span / steps[i] + 1 <= max_ticks)
			return steps[i];
	return 364 * 86400 * ((span / (364u * 86400) + max_ticks - 1) / max_ticks + 1);
}

/* ts as UTC text in strftime's fmt. */
static void utc_text(uint32_t ts, const char *fmt, char *dst, size_t len)
{
	time_t t = (time_t)ts;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(dst, len, fmt, &tm);
}

void svg_tick_label(uint32_t ts, uint32_t step, char *dst, size_t len)
{
	utc_text(ts, step < 86400 ? "%b %d %H:%M" : "%b %d", dst, len);
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n;
	if (s[0] < 0x80)
		return 1;
	else if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4;
	else
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;      /* also stops at the NUL */
	/* overlong 3/4-byte forms, surrogates and code points past U+10FFFF */
	if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0) ||
	    (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))
		return 0;
	return n;
}

size_t svg_escape(const char *s, char *dst, size_t len)
{
	size_t o = 0;
	if (len == 0)
		return 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		char one[2] = { (char)*p, 0 };
		const char *rep = one;
		size_t in = 1, outn = 1;
		switch (*p) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&apos;"; break;
		default:
			if (*p < 0x20 || *p == 0x7F) {
				one[0] = '?';           /* XML 1.0 forbids most controls */
			} else if (*p >= 0x80) {
				in = utf8_len(p);
				if (in == 0) {
					in = 1;
					one[0] = '?';
				} else {
					rep = (const char *)p;
					outn = in;
				}
			}
		}
		if (rep != one && rep != (const char *)p)
			outn = strlen(rep);
		if (o + outn >= len)
			break;
		memcpy(dst + o, rep, outn);
		o += outn;
		p += in;
	}
	dst[o] = '\0';
	return o;
}

double svg_x(uint32_t ts, uint32_t t0, uint32_t t1, double left, double width)
{
	if (ts <= t0 || t1 <= t0)
		return left;
	if (ts >= t1)
		return left + width;
	return left + width * (double)(ts - t0) / (double)(t1 - t0);
}

/* ---- sparkline ---------------------------------------------------------- */

void svg_spark_buckets(const struct svg_series *s, uint32_t t0, uint32_t t1, double *out,
                       size_t n)
{
	if (n == 0)
		return;
	double *known = calloc(n, sizeof *known);
	for (size_t i = 0; i < n; i++)
		out[i] = 0;
	if (!known || t1 < t0) {
		for (size_t i = 0; i < n; i++)
			out[i] = -1;
		free(known);
		return;
	}
	double span = (double)(t1 - t0), bw = span / (double)n;
	for (size_t k = 0; k < s->n; k++) {
		const struct svg_point *p = &s->p[k];
		if (p->targets == 0)
			continue;                  /* nothing to be visible yet */
		double frac = (double)p->visible / (double)p->targets;
		if (span == 0) {
			for (size_t i = 0; i < n; i++) {
				out[i] = frac;         /* one instant: the last state */
				known[i] = 1;
			}
			continue;
		}
		double a = (double)p->ts, b = k + 1 < s->n ? (double)s->p[k + 1].ts : (double)t1;
		if (a < t0)
			a = t0;
		if (b > t1)
			b = t1;
		if (b <= a)
			continue;
		size_t i = (size_t)((a - t0) / bw), last = (size_t)((b - t0) / bw);
		if (last >= n)
			last = n - 1;
		for (; i <= last && i < n; i++) {
			double lo = t0 + bw * (double)i, hi = lo + bw;
			double x = (a > lo ? a : lo), y = (b < hi ? b : hi);
			if (y > x) {
				out[i] += frac * (y - x);
				known[i] += y - x;
			}
		}
	}
	for (size_t i = 0; i < n; i++)
		out[i] = known[i] > 0 ? (span == 0 ? out[i] : out[i] / known[i]) : -1;
	free(known);
}

size_t svg_sparkline(const double *b, size_t n, char *dst, size_t len)
{
	size_t o = 0;
	if (len == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (b[i] < 0) {
			if (o + 1 >= len)
				break;
			dst[o++] = ' ';
			continue;
		}
		int lvl = (int)(b[i] * 7 + 0.5);
		if (lvl < 1 && b[i] > 0)
			lvl = 1;                   /* anything visible: not the "dark" block */
		if (lvl > 6 && b[i] < 1)
			lvl = 6;                   /* the full block: all visible throughout */
		if (o + 3 >= len)
			break;
		/* U+2581 + lvl in UTF-8: E2 96 81+lvl */
		dst[o++] = (char)0xE2;
		dst[o++] = (char)0x96;
		dst[o++] = (char)(0x81 + lvl);
	}
	dst[o] = '\0';
	return o;
}

/* ---- layout helpers ----------------------------------------------------- */

/* Characters (not bytes) in s[0..n). */
static size_t chars_in(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k++;
	return k;
}

size_t svg_wrap(const char *s, size_t max_chars, size_t *starts, size_t max_lines)
{
	size_t n = strlen(s), nl = 0, at = 0;
	if (max_lines == 0)
		return 0;
	if (max_chars < 8)
		max_chars = 8;
	while (nl < max_lines) {
		while (at < n && s[at] == ' ')
			at++;
		starts[nl++] = at;
		if (at >= n || chars_in(s + at, n - at) <= max_chars || nl == max_lines)
			break;
		/* the last space that keeps the line within max_chars */
		size_t end = at, brk = 0, k = 0;
		while (end < n && k <= max_chars) {
			if (s[end] == ' ' && k > 0)
				brk = end;
			end++;
			while (end < n && ((unsigned char)s[end] & 0xC0) == 0x80)
				end++;
			k++;
		}
		if (brk == 0) {                 /* one long word: cut it between characters */
			brk = at;
			for (k = 0; k < max_chars; k++) {
				brk++;
				while (brk < n && ((unsigned char)s[brk] & 0xC0) == 0x80)
					brk++;
			}
		}
		at = brk;
	}
	return nl;
}

/* Line i of n of s wrapped at starts (svg_wrap), without its trailing spaces. */
static void wrapped_line(const char *s, const size_t *starts, size_t n, size_t i, char *dst, size_t len)
{
	size_t a = starts[i], b = i + 1 < n ? starts[i + 1] : strlen(s);
	while (b > a && s[b - 1] == ' ')
		b--;
	snprintf(dst, len, "%.*s", (int)(b - a), s + a);
}

/* The label of a group of numbered windows: "7" or "3-5" (an en dash). */
static void strip_text(const struct svg_strip_label *g, char *dst, size_t len)
{
	if (g->first == g->last)
		snprintf(dst, len, "%zu", g->first + 1);
	else
		snprintf(dst, len, "%zu\xE2\x80\x93%zu", g->first + 1, g->last + 1);
}

/* Places the labels of groups g[0..n) at or near their bars, left to
 * right, none overlapping; false when they do not fit in [left, right]
 * or drift more than max_drift from their bars. */
static bool strip_place(struct svg_strip_label *g, size_t n, const double *bx, double left,
                        double right, double char_w, double gap, double max_drift)
{
	double wd[n ? n : 1];
	for (size_t i = 0; i < n; i++) {
		char t[48];
		strip_text(&g[i], t, sizeof t);
		wd[i] = (double)chars_in(t, strlen(t)) * char_w;
		g[i].x = (bx[g[i].first] + bx[g[i].last]) / 2;
	}
	for (size_t i = 0; i < n; i++) {
		double lo = i ? g[i - 1].x + wd[i - 1] / 2 + gap + wd[i] / 2 : left + wd[i] / 2;
		if (g[i].x < lo)
			g[i].x = lo;
	}
	for (size_t i = n; i-- > 0;) {
		double hi = i + 1 < n ? g[i + 1].x - wd[i + 1] / 2 - gap - wd[i] / 2 : right - wd[i] / 2;
		if (g[i].x > hi)
			g[i].x = hi;
	}
	for (size_t i = 0; i < n; i++) {
		double c = (bx[g[i].first] + bx[g[i].last]) / 2;
		if (g[i].x - wd[i] / 2 < left - 1e-9 || g[i].x - c > max_drift || c - g[i].x > max_drift)
			return false;
		if (i && g[i].x - wd[i] / 2 < g[i - 1].x + wd[i - 1] / 2 + gap - 1e-9)
			return false;
	}
	return true;
}

size_t svg_strip_layout(const double *bx, size_t n, double left, double right, double char_w,
                        struct svg_strip_label *out)
{
	if (n == 0)
		return 0;
	double gap = char_w, sep = 0;
	for (;;) {
		size_t ng = 0;
		for (size_t i = 0; i < n; i++) {
			if (ng > 0 && bx[i] - bx[out[ng - 1].last] <= sep) {
				out[ng - 1].last = i;
				continue;
			}
			out[ng].first = out[ng].last = i;
			ng++;
		}
		if (ng == 1 || strip_place(out, ng, bx, left, right, char_w, gap, 6 * char_w)) {
			if (ng == 1)
				out[0].x = (bx[0] + bx[n - 1]) / 2;
			return ng;
		}
		sep = sep > 0 ? sep * 1.5 : 2 * char_w;
	}
}

/* ---- the chart ---------------------------------------------------------- */

#define CHAR_W 0.58                     /* average glyph width per font size */
#define MAX_LISTED 60                   /* short windows listed in the caption table */

#define C_VIS "#1f5fa8"
#define C_VP "#e07b1a"
#define C_DARK "#d62728"
#define C_LABEL "#8b1a1a"
#define C_TEXT "#222222"
#define C_MUTED "#5f6368"
#define C_GRID "#e3e3e3"
#define C_SHARE "#7b3fa0"
#define C_FRAME "#9aa0a6"

struct chart {
	FILE *f;
	const struct svg_chart *c;
	uint32_t t0, t1;
	double fs;                          /* font scale */
	double w, h;                        /* canvas */
	double px0, px1;                    /* plot area, left to right */
	double py0, py1;                    /* the main plot, top to bottom */
	double vy0, vy1;                    /* the vantage point panel (vps) */
	double axis_y;                      /* the time axis: bottom of the last panel */
	double ymax_vis, ymax_vp;
	bool absent;                        /* no target prefix anywhere in the data */
	size_t ntitle;                      /* title lines */
	size_t title_at[16];
	char title[4096];
};

static double text_w(const char *s, double size)
{
	return (double)chars_in(s, strlen(s)) * CHAR_W * size;
}

/* Text element of font size size (scaled by the chart's font scale) with
 * escaped content. */
static void text(struct chart *ch, double x, double y, double size, const char *attrs, const char *s)
{
	char esc[2048];
	svg_escape(s, esc, sizeof esc);
	fprintf(ch->f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%g\" %s>%s</text>\n", x, y,
	        size * ch->fs, attrs, esc);
}

static double xt(const struct chart *ch, uint32_t ts)
{
	return svg_x(ts, ch->t0, ch->t1, ch->px0, ch->px1 - ch->px0);
}

/* y of value v on a panel from bottom y1 up to top y0 for values 0..max. */
static double ypos(double v, double max, double y0, double y1)
{
	return y1 - (y1 - y0) * (max > 0 ? v / max : 0);
}

/* A round step for a value axis up to max, with at most n intervals. */
static double value_step(double max, double n)
{
	if (max <= n)
		return 1;
	double mag = 1;
	while (max / n > mag * 10)
		mag *= 10;
	for (int i = 0; i < 4; i++) {
		static const double m[] = { 1, 2, 5, 10 };
		if (max / (m[i] * mag) <= n)
			return m[i] * mag;
	}
	return 10 * mag;
}

static double axis_max(double max, double n)
{
	if (max < 1)
		max = 1;
	double st = value_step(max, n), v = 0;
	while (v < max - 1e-9)
		v += st;
	return v;
}

static void human_count(double v, char *dst, size_t len)
{
	if (v >= 1e6)
		snprintf(dst, len, "%gM", v / 1e6);
	else if (v >= 1e4)
		snprintf(dst, len, "%gk", v / 1e3);
	else
		snprintf(dst, len, "%g", v);
}

/* The title, wrapped to the canvas (a long target list is never cut). */
static void title_layout(struct chart *ch)
{
	const struct svg_chart *c = ch->c;
	snprintf(ch->title, sizeof ch->title, "%s %s", c->title ? c->title : "Visibility of", c->targets);
	size_t max = (size_t)((ch->w - 48) / (CHAR_W * 20 * ch->fs));
	ch->ntitle = svg_wrap(ch->title, max, ch->title_at, sizeof ch->title_at / sizeof ch->title_at[0]);
}

static void header(struct chart *ch)
{
	const struct svg_chart *c = ch->c;
	fprintf(ch->f,
	        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
	        "width=\"%.0f\" height=\"%.0f\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n",
	        ch->w, ch->h, ch->w, ch->h);
	char esc[sizeof ch->title * 6];
	svg_escape(ch->title, esc, sizeof esc);
	fprintf(ch->f, "<title>%s</title>\n", esc);
	fprintf(ch->f, "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n");
	double y = 32 * ch->fs;
	for (size_t i = 0; i < ch->ntitle; i++, y += 24 * ch->fs) {
		char line[sizeof ch->title];
		wrapped_line(ch->title, ch->title_at, ch->ntitle, i, line, sizeof line);
		text(ch, 24, y, 20, "font-weight=\"bold\" fill=\"" C_TEXT "\"", line);
	}
	char buf[1024];
	snprintf(buf, sizeof buf, "Collectors: %s  \xC2\xB7  %s", c->collectors, c->rule);
	text(ch, 24, y - 2 * ch->fs, 13, "fill=\"" C_MUTED "\"", buf);
}

/* The hatchings: windows (red diagonal lines) and missing data (grey
 * crossed lines), so both read in greyscale print. */
static void defs(struct chart *ch)
{
	fprintf(ch->f,
	        "<defs>\n"
	        "<pattern id=\"mrtreach-window\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\" "
	        "patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"" C_DARK "\" "
	        "fill-opacity=\"0.12\"/><line x1=\"1\" y1=\"0\" x2=\"1\" y2=\"8\" stroke=\"" C_DARK "\" "
	        "stroke-opacity=\"0.6\" stroke-width=\"2\"/></pattern>\n"
	        "<pattern id=\"mrtreach-gap\" patternUnits=\"userSpaceOnUse\" width=\"7\" height=\"7\" "
	        "patternTransform=\"rotate(45)\"><rect width=\"7\" height=\"7\" fill=\"" C_FRAME "\" "
	        "fill-opacity=\"0.15\"/><path d=\"M0 0.5H7M0.5 0V7\" stroke=\"" C_MUTED "\" "
	        "stroke-width=\"1\"/></pattern>\n"
	        "</defs>\n");
}

/* What a window is: "total blackout" or "share below 20%". */
static void dark_words(const struct chart *ch, char *dst, size_t len)
{
	if (ch->c->below > 0) {
		char f[32];
		report_share_text(ch->c->below, f, sizeof f);
		snprintf(dst, len, "share below %s", f);
	} else {
		snprintf(dst, len, "total blackout");
	}
}

/* The line under the title: the period and what the windows are, wrapped
 * into at most 4 lines at at; returns how many. */
static size_t summary_lines(const struct chart *ch, size_t nshort, char *buf, size_t len, size_t *at)
{
	const struct svg_chart *c = ch->c;
	char a[32], b[32], d[32], dw[48], more[160] = "";
	dark_words(ch, dw, sizeof dw);
	utc_text(c->t0, "%Y-%m-%d %H:%M", a, sizeof a);
	utc_text(c->t1, "%Y-%m-%d %H:%M", b, sizeof b);
	int64_t longest = -1;
	for (size_t i = 0; i < c->nw; i++)
		if (bo_duration(&c->w[i]) > longest)
			longest = bo_duration(&c->w[i]);
	if (nshort > 0)
		snprintf(more, sizeof more, "; %zu too short to label, numbered under the axis", nshort);
	if (c->ngaps > 0) {
		size_t k = strlen(more);
		snprintf(more + k, sizeof more - k, "; missing data cross-hatched");
	}
	if (ch->absent) {
		snprintf(buf, len, "Data %s to %s UTC  \xC2\xB7  the target is absent from the data: "
		         "no vantage point had a route to it", a, b);
	} else if (c->nw == 0) {
		snprintf(buf, len, "Data %s to %s UTC  \xC2\xB7  no window of %s%s", a, b, dw, more);
	} else {
		report_duration(longest, d);
		snprintf(buf, len, "Data %s to %s UTC  \xC2\xB7  %zu window%s of %s (hatched), longest %s%s",
		         a, b, c->nw, c->nw == 1 ? "" : "s", dw, d, more);
	}
	return svg_wrap(buf, (size_t)((ch->w - 48) / (CHAR_W * 13 * ch->fs)), at, 4);
}

static void summary(struct chart *ch, double y, size_t nshort)
{
	char buf[512], line[512];
	size_t at[4], n = summary_lines(ch, nshort, buf, sizeof buf, at);
	for (size_t i = 0; i < n; i++, y += 17 * ch->fs) {
		wrapped_line(buf, at, n, i, line, sizeof line);
		text(ch, 24, y, 13, "fill=\"" C_MUTED "\"", line);
	}
}

/* Grid lines at the time ticks over one panel. */
static void time_grid(struct chart *ch, uint32_t step, uint64_t first, double y0, double y1)
{
	fprintf(ch->f, "<g stroke=\"" C_GRID "\" stroke-width=\"1\">\n");
	for (uint64_t t = first; t <= ch->t1; t += step)
		fprintf(ch->f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
		        xt(ch, (uint32_t)t), y0, xt(ch, (uint32_t)t), y1);
	fprintf(ch->f, "</g>\n");
}

/* The time axis under the last panel: round ticks, and one at the end of
 * the data with its time, so the reader sees where the data stops. The
 * caption goes at caption_y. */
static void time_axis(struct chart *ch, double caption_y, bool end_tick)
{
	uint32_t span = ch->t1 - ch->t0;
	uint32_t step = svg_tick_step(span, (unsigned)((ch->px1 - ch->px0) / (100 * ch->fs)));
	uint64_t first = ((uint64_t)ch->t0 + step - 1) / step * step;
	double fy = ch->axis_y + 21 * ch->fs, size = 12 * ch->fs;
	time_grid(ch, step, first, ch->py0, ch->py1 + (ch->vy1 > ch->vy0 ? 0 : 5));
	if (ch->vy1 > ch->vy0)
		time_grid(ch, step, first, ch->vy0, ch->vy1 + 5);
	char endl[32];
	double end_lo = ch->w;
	if (end_tick) {
		utc_text(ch->c->t1, "%b %d %H:%M", endl, sizeof endl);
		double x = ch->px1, hw = text_w(endl, size) / 2;
		if (x + hw > ch->w - 4)
			x = ch->w - 4 - hw;
		end_lo = x - hw;
		fprintf(ch->f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" C_TEXT "\" "
		        "stroke-width=\"1\"/>\n", ch->px1, ch->axis_y, ch->px1, ch->axis_y + 6 * ch->fs);
		text(ch, x, fy, 12, "text-anchor=\"middle\" font-weight=\"bold\" fill=\"" C_TEXT "\"", endl);
	}
	for (uint64_t t = first; t <= ch->t1; t += step) {
		char l[32];
		svg_tick_label((uint32_t)t, step, l, sizeof l);
		double x = xt(ch, (uint32_t)t), hw = text_w(l, size) / 2;
		if (x - hw < 4 || x + hw > ch->w - 4 || x + hw + 8 * ch->fs > end_lo)
			continue;
		text(ch, x, fy, 12, "text-anchor=\"middle\" fill=\"" C_TEXT "\"", l);
	}
	char cap[96], y0[8], y1[8];
	utc_text(ch->t0, "%Y", y0, sizeof y0);
	utc_text(ch->t1, "%Y", y1, sizeof y1);
	if (strcmp(y0, y1) == 0)
		snprintf(cap, sizeof cap, "time (UTC, %s)%s", y0, end_tick ? "; bold: the end of the data" : "");
	else
		snprintf(cap, sizeof cap, "time (UTC, %s\xE2\x80\x93%s)%s", y0, y1,
		         end_tick ? "; bold: the end of the data" : "");
	text(ch, (ch->px0 + ch->px1) / 2, caption_y, 12, "text-anchor=\"middle\" fill=\"" C_MUTED "\"", cap);
}

/* A value axis on the left of a panel: grid, labels, rotated caption. */
static void value_axis(struct chart *ch, double max, double intervals, double y0, double y1,
                       const char *colour, const char *caption)
{
	double st = value_step(max, intervals);
	char l[32], attrs[96];
	fprintf(ch->f, "<g stroke=\"" C_GRID "\" stroke-width=\"1\">\n");
	for (double v = st; v <= max + 1e-9; v += st)
		fprintf(ch->f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", ch->px0,
		        ypos(v, max, y0, y1), ch->px1, ypos(v, max, y0, y1));
	fprintf(ch->f, "</g>\n");
	snprintf(attrs, sizeof attrs, "text-anchor=\"end\" fill=\"%s\"", colour);
	for (double v = 0; v <= max + 1e-9; v += st) {
		human_count(v, l, sizeof l);
		text(ch, ch->px0 - 8, ypos(v, max, y0, y1) + 4 * ch->fs, 12, attrs, l);
	}
	fprintf(ch->f, "<text transform=\"translate(%.1f %.1f) rotate(-90)\" font-size=\"%g\" "
	        "text-anchor=\"middle\" fill=\"%s\">%s</text>\n",
	        ch->px0 - 48 * ch->fs, (y0 + y1) / 2, 12 * ch->fs, colour, caption);
}

/* Step path of one field of the series from its first point to the end. */
typedef uint32_t (*field_fn)(const struct svg_point *p);
static uint32_t f_visible(const struct svg_point *p) { return p->visible; }
static uint32_t f_vps(const struct svg_point *p) { return p->vps; }
static uint32_t f_nfull(const struct svg_point *p) { return p->nfull; }
static uint32_t f_share(const struct svg_point *p) { return p->share; }

static void step_path(struct chart *ch, field_fn field, double max, double y0, double y1, bool area)
{
	const struct svg_series *s = ch->c->s;
	if (s->n == 0)
		return;
	double x = xt(ch, s->p[0].ts), y = ypos(field(&s->p[0]), max, y0, y1);
	if (area)
		fprintf(ch->f, "M%.1f %.1fV%.1f", x, y1, y);
	else
		fprintf(ch->f, "M%.1f %.1f", x, y);
	double lastx = x, lasty = y;
	for (size_t k = 1; k < s->n; k++) {
		double nx = xt(ch, s->p[k].ts), ny = ypos(field(&s->p[k]), max, y0, y1);
		if (ny == lasty)
			continue;
		/* Rounded to what the path prints, so a burst of changes within
		 * one tenth of a pixel costs one vertical move each, no H. */
		if ((long)(nx * 10 + 0.5) != (long)(lastx * 10 + 0.5))
			fprintf(ch->f, "H%.1f", nx);
		fprintf(ch->f, "V%.1f", ny);
		lastx = nx;
		lasty = ny;
	}
	fprintf(ch->f, "H%.1f", ch->px1);
	if (area)
		fprintf(ch->f, "V%.1fZ", y1);
}

static int by_start(const void *a, const void *b)
{
	const struct bo_window *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

static void fmt_day_time(uint32_t ts, char *dst, size_t len)
{
	utc_text(ts, "%b %d %H:%M", dst, len);
}

/* x range of a window, at least 4 pixels wide so a flap stays visible. */
static void window_x(const struct chart *ch, uint32_t start, uint32_t end, double *a, double *b)
{
	*a = xt(ch, start);
	*b = xt(ch, end);
	if (*b - *a < 4) {
		*a = (*a + *b) / 2 - 2;
		*b = *a + 4;
	}
}

/* The hatched bands of windows (or gaps) over both panels. */
static void band(struct chart *ch, double a, double b, const char *fill, const char *tip)
{
	char esc[1024];
	svg_escape(tip, esc, sizeof esc);
	fprintf(ch->f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>\n",
	        a, ch->py0, b - a, ch->py1 - ch->py0, fill, esc);
	if (ch->vy1 > ch->vy0)
		fprintf(ch->f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
		        a, ch->vy0, b - a, ch->vy1 - ch->vy0, fill);
}

static void windows_shade(struct chart *ch, const struct bo_window *w, size_t n)
{
	char dw[48];
	dark_words(ch, dw, sizeof dw);
	for (size_t i = 0; i < n; i++) {
		double a, b;
		window_x(ch, w[i].start, w[i].end, &a, &b);
		char s[32], e[32], d[32], tip[200];
		fmt_day_time(w[i].start, s, sizeof s);
		fmt_day_time(w[i].end, e, sizeof e);
		report_duration(bo_duration(&w[i]), d);
		snprintf(tip, sizeof tip, "%s %s to %s UTC (%s%s)", dw, s, e, d, w[i].ongoing ? ", ongoing" : "");
		band(ch, a, b, "url(#mrtreach-window)", tip);
	}
}

/* Whether a gap before i spans the same time as gap i. */
static bool same_span_before(const struct svg_chart *c, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (c->gaps[k].from == c->gaps[i].from && c->gaps[k].until == c->gaps[i].until)
			return true;
	return false;
}

/* Coverage gaps: a collector's data is missing there (one band for the
 * collectors missing the same span). */
static void gaps_shade(struct chart *ch)
{
	const struct svg_chart *c = ch->c;
	double right = -1e9;                /* of the last label above the plot */
	for (size_t i = 0; i < c->ngaps; i++) {
		const struct svg_gap *g = &c->gaps[i];
		if (same_span_before(c, i))
			continue;                   /* drawn once, naming every collector */
		double a, b;
		window_x(ch, g->from, g->until, &a, &b);
		char s[32], e[32], tip[600], l[300], who[256] = "";
		for (size_t k = i; k < c->ngaps; k++)
			if (c->gaps[k].from == g->from && c->gaps[k].until == g->until) {
				size_t n = strlen(who);
				snprintf(who + n, sizeof who - n, "%s%s", n ? ", " : "", c->gaps[k].who);
			}
		fmt_day_time(g->from, s, sizeof s);
		fmt_day_time(g->until, e, sizeof e);
		snprintf(tip, sizeof tip, "missing data: %s, %s to %s UTC (%s)", who, s, e, g->why);
		band(ch, a, b, "url(#mrtreach-gap)", tip);
		snprintf(l, sizeof l, "no data: %s", who);
		double lw = text_w(l, 11 * ch->fs), cx = (a + b) / 2;
		if (b - a >= lw + 6) {
			text(ch, cx, ch->py1 - 6 * ch->fs, 11, "text-anchor=\"middle\" fill=\"" C_TEXT "\"", l);
			continue;
		}
		/* too narrow: above the plot, where no other such label is */
		if (cx - lw / 2 < ch->px0)
			cx = ch->px0 + lw / 2;
		if (cx + lw / 2 > ch->w - 4)
			cx = ch->w - 4 - lw / 2;
		if (cx - lw / 2 < right + 8)
			continue;
		right = cx + lw / 2;
		text(ch, cx, ch->py0 - 5 * ch->fs, 11, "text-anchor=\"middle\" fill=\"" C_MUTED "\"", l);
	}
}

/* "held by rrc00 AS20912" for a window some vantage point held a target
 * route through (a stale route, usually), or "". */
static void held_text(const struct chart *ch, const struct bo_window *w, char *dst, size_t len)
{
	dst[0] = '\0';
	if (w->nheld == 0 || !ch->c->held)
		return;
	char who[160];
	ch->c->held(w, who, sizeof who, ch->c->held_arg);
	snprintf(dst, len, "held by %s", who);
}

/* The three lines of a window's label and the width they need. */
static double window_lines(const struct chart *ch, const struct bo_window *w, char l[3][64])
{
	char d[32];
	report_duration(bo_duration(w), d);
	snprintf(l[0], 64, "%s %s", d, w->ongoing ? "dark, ongoing" : "blackout");
	fmt_day_time(w->start, l[1], 64);
	strcat(l[1], w->from_start ? " (data start) \xE2\x80\x93" : " \xE2\x80\x93");
	fmt_day_time(w->end, l[2], 64);
	strcat(l[2], w->ongoing ? " (data end)" : " UTC");
	double need = 0;
	for (int i = 0; i < 3; i++)
		if (text_w(l[i], 12 * ch->fs) + 12 > need)
			need = text_w(l[i], 12 * ch->fs) + 12;
	return need;
}

/* A window wide enough gets its duration, start and end inside it (and,
 * in the vantage point panel, who held a route through it); the others
 * are numbered in the strip. Returns whether w is labelled in place. */
static bool window_fits(const struct chart *ch, const struct bo_window *w)
{
	char l[3][64];
	return xt(ch, w->end) - xt(ch, w->start) >= window_lines(ch, w, l);
}

static void windows_label(struct chart *ch, const struct bo_window *w, size_t n)
{
	double fs = ch->fs;
	for (size_t i = 0; i < n; i++) {
		char l[3][64], held[200];
		double need = window_lines(ch, &w[i], l);
		double a = xt(ch, w[i].start), b = xt(ch, w[i].end), cx = (a + b) / 2;
		if (b - a < need)
			continue;
		/* a backing so the lines under the label do not cross its text */
		fprintf(ch->f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"3\" "
		        "fill=\"#ffffff\" fill-opacity=\"0.85\"/>\n", cx - need / 2 + 2, ch->py0 + 4 * fs,
		        need - 4, 52 * fs);
		text(ch, cx, ch->py0 + 18 * fs, 12, "font-weight=\"bold\" text-anchor=\"middle\" fill=\"" C_LABEL "\"", l[0]);
		text(ch, cx, ch->py0 + 34 * fs, 12, "text-anchor=\"middle\" fill=\"" C_LABEL "\"", l[1]);
		text(ch, cx, ch->py0 + 49 * fs, 12, "text-anchor=\"middle\" fill=\"" C_LABEL "\"", l[2]);
		held_text(ch, &w[i], held, sizeof held);
		if (held[0] && ch->vy1 > ch->vy0 && b - a >= text_w(held, 11 * fs) + 12) {
			double hw = text_w(held, 11 * fs) + 8;
			fprintf(ch->f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"3\" "
			        "fill=\"#ffffff\" fill-opacity=\"0.85\"/>\n", cx - hw / 2, ch->vy0 + 3 * fs,
			        hw, 16 * fs);
			text(ch, cx, ch->vy0 + 15 * fs, 11, "text-anchor=\"middle\" fill=\"" C_LABEL "\"", held);
		}
	}
}

/* The strip under the time axis: a bar per window too short to label,
 * numbered in time order (groups of close ones as "3-5"). */
static void strip(struct chart *ch, const struct bo_window *const *sw, size_t n, double y)
{
	double *bx = malloc((n ? n : 1) * sizeof *bx);
	struct svg_strip_label *g = malloc((n ? n : 1) * sizeof *g);
	if (!bx || !g) {
		free(bx);
		free(g);
		return;
	}
	double fs = ch->fs;
	fprintf(ch->f, "<g fill=\"" C_DARK "\">\n");
	for (size_t i = 0; i < n; i++) {
		double a, b;
		window_x(ch, sw[i]->start, sw[i]->end, &a, &b);
		bx[i] = (a + b) / 2;
		fprintf(ch->f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>\n", a, y, b - a, 8 * fs);
	}
	fprintf(ch->f, "</g>\n");
	size_t ng = svg_strip_layout(bx, n, ch->px0, ch->w - 4, CHAR_W * 11 * fs, g);
	for (size_t i = 0; i < ng; i++) {
		char t[48];
		strip_text(&g[i], t, sizeof t);
		double c = (bx[g[i].first] + bx[g[i].last]) / 2;
		if (g[i].x - c > 1 || c - g[i].x > 1)      /* moved aside: a leader to its bars */
			fprintf(ch->f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" C_MUTED "\" "
			        "stroke-width=\"0.8\"/>\n", c, y + 8 * fs, g[i].x, y + 12 * fs);
		text(ch, g[i].x, y + 22 * fs, 11, "text-anchor=\"middle\" fill=\"" C_LABEL "\"", t);
	}
	free(bx);
	free(g);
}

/* Columns of the caption table and the width of one block of them. */
struct table_cols {
	double num, start, end, dur, held, width;
	size_t blocks, rows, listed;
};

static struct table_cols table_cols(const struct chart *ch, size_t n, bool held)
{
	struct table_cols t;
	double cw = CHAR_W * 11 * ch->fs;
	t.num = 3 * cw;                      /* right edge of the number */
	t.start = t.num + 2 * cw;
	t.end = t.start + 17 * cw;           /* "Dec 22 14:04:41" and a gap */
	t.dur = t.end + 17 * cw;
	t.held = t.dur + 9 * cw;
	t.width = held ? t.held + 30 * cw : t.held;
	double avail = ch->px1 - ch->px0 + 60 * ch->fs;
	t.blocks = (size_t)(avail / (t.width + 3 * cw));
	if (t.blocks < 1)
		t.blocks = 1;
	t.listed = n < MAX_LISTED ? n : MAX_LISTED;
	t.rows = (t.listed + t.blocks - 1) / t.blocks;
	if (t.blocks > t.listed)
		t.blocks = t.listed ? t.listed : 1;
	return t;
}

static double table_height(const struct chart *ch, size_t n, bool held)
{
	if (n == 0)
		return 0;
	struct table_cols t = table_cols(ch, n, held);
	return (22 + 17 + 15 * (double)t.rows + (n > t.listed ? 17 : 0)) * ch->fs;
}

/* The caption table: number, start, end, duration (and who held a route)
 * of every numbered window, column by column. */
static void table(struct chart *ch, const struct bo_window *const *sw, size_t n, bool held, double y)
{
	struct table_cols t = table_cols(ch, n, held);
	double fs = ch->fs, x0 = 24;
	char dw[48], buf[256];
	dark_words(ch, dw, sizeof dw);
	snprintf(buf, sizeof buf, "Windows of %s too short to label, as numbered under the time axis:", dw);
	y += 22 * fs;
	text(ch, x0, y, 12, "font-weight=\"bold\" fill=\"" C_TEXT "\"", buf);
	y += 17 * fs;
	const char *a = "fill=\"" C_MUTED "\"", *b = "fill=\"" C_TEXT "\"";
	for (size_t k = 0; k < t.blocks; k++) {
		double x = x0 + (double)k * (t.width + CHAR_W * 11 * fs * 3);
		text(ch, x + t.num, y, 11, "text-anchor=\"end\" fill=\"" C_MUTED "\"", "#");
		text(ch, x + t.start, y, 11, a, "start (UTC)");
		text(ch, x + t.end, y, 11, a, "end (UTC)");
		text(ch, x + t.dur, y, 11, a, "duration");
		if (held)
			text(ch, x + t.held, y, 11, a, "held throughout by");
	}
	for (size_t i = 0; i < t.listed; i++) {
		double x = x0 + (double)(i / t.rows) * (t.width + CHAR_W * 11 * fs * 3);
		double ry = y + 15 * fs * (double)(i % t.rows + 1);
		char num[24], s[32], e[32], d[32], h[200];
		snprintf(num, sizeof num, "%zu", i + 1);
		utc_text(sw[i]->start, "%b %d %H:%M:%S", s, sizeof s);
		utc_text(sw[i]->end, "%b %d %H:%M:%S", e, sizeof e);
		report_duration(bo_duration(sw[i]), d);
		text(ch, x + t.num, ry, 11, "text-anchor=\"end\" font-weight=\"bold\" fill=\"" C_LABEL "\"", num);
		text(ch, x + t.start, ry, 11, b, s);
		text(ch, x + t.end, ry, 11, b, e);
		text(ch, x + t.dur, ry, 11, b, d);
		held_text(ch, sw[i], h, sizeof h);
		if (h[0])
			text(ch, x + t.held, ry, 11, b, h + strlen("held by "));
	}
	if (n > t.listed) {
		snprintf(buf, sizeof buf, "and %zu more (windows %zu to %zu): the text report lists every window",
		         n - t.listed, t.listed + 1, n);
		text(ch, x0, y + 15 * fs * (double)t.rows + 17 * fs, 11, "fill=\"" C_MUTED "\"", buf);
	}
}

/* One legend entry at *x: a swatch (a line, or a box when box) drawn with
 * the given attributes, then its label; wraps to the next line at the
 * right edge. */
static void legend_item(struct chart *ch, double *x, double *y, bool box, const char *attrs,
                        const char *label)
{
	double fs = ch->fs, need = 28 * fs + text_w(label, 12 * fs);
	if (*x > 24 && *x + need > ch->w - 12) {
		*x = 24;
		*y += 18 * fs;
	}
	if (!ch->f)
		;                               /* measuring */
	else if (box)
		fprintf(ch->f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" %s/>\n", *x,
		        *y - 9 * fs, 22 * fs, 10 * fs, attrs);
	else
		fprintf(ch->f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" %s/>\n",
		        *x, *y - 4 * fs, *x + 22 * fs, *y - 4 * fs, attrs);
	if (ch->f)
		text(ch, *x + 28 * fs, *y, 12, "fill=\"" C_TEXT "\"", label);
	*x += need + 24 * fs;
}

/* The legend's entries at y, only of what the chart draws; draws them
 * when draw (else only measures), and returns the lines they take. */
static size_t legend(struct chart *ch, double y, bool draw)
{
	/* A target absent from the data: nothing is drawn, so no entry. */
	if (ch->absent)
		return 0;
	FILE *real = ch->f;
	if (!draw)
		ch->f = NULL;                   /* legend_item only measures */
	double x = 24, y0 = y;
	legend_item(ch, &x, &y, false, "stroke=\"" C_VIS "\" stroke-width=\"2.5\"", "visible target prefixes");
	if (ch->c->vps && !ch->absent) {
		legend_item(ch, &x, &y, true, "fill=\"" C_VP "\" fill-opacity=\"0.3\" stroke=\"" C_VP "\"",
		            "full-feed VPs holding a target route (lower panel)");
		legend_item(ch, &x, &y, false, "stroke=\"" C_VP "\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"",
		            "full-feed VPs in all");
	}
	if (ch->c->below > 0)
		legend_item(ch, &x, &y, false, "stroke=\"" C_SHARE "\" stroke-width=\"1.5\"",
		            "visible share (0 to 100%, dashed: threshold)");
	char dw[48];
	dark_words(ch, dw, sizeof dw);
	legend_item(ch, &x, &y, true, "fill=\"url(#mrtreach-window)\" stroke=\"" C_DARK "\" stroke-width=\"0.5\"", dw);
	if (ch->c->ngaps > 0)
		legend_item(ch, &x, &y, true, "fill=\"url(#mrtreach-gap)\" stroke=\"" C_MUTED "\" stroke-width=\"0.5\"",
		            "missing data (a collector's files absent)");
	ch->f = real;
	return (size_t)((y - y0) / (18 * ch->fs) + 1.5);
}

/* The share as a line over the whole plot height, and the threshold. */
static void share_lines(struct chart *ch)
{
	double y = ypos(ch->c->below * 10000, 10000, ch->py0, ch->py1);
	char l[32];
	report_share_text(ch->c->below, l, sizeof l);
	fprintf(ch->f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" C_SHARE "\" "
	        "stroke-width=\"1\" stroke-dasharray=\"6 4\"/>\n", ch->px0, y, ch->px1, y);
	text(ch, ch->px1 - 4, y - 4, 11, "text-anchor=\"end\" fill=\"" C_SHARE "\"", l);
	if (ch->c->s->n == 0)
		return;
	fprintf(ch->f, "<path fill=\"none\" stroke=\"" C_SHARE "\" stroke-width=\"1.5\" d=\"");
	step_path(ch, f_share, 10000, ch->py0, ch->py1, false);
	fprintf(ch->f, "\"/>\n");
}

/* The source line, wrapped: collectors, version, the command. */
static size_t source_lines(const struct chart *ch, char *buf, size_t len, size_t *at, size_t max)
{
	const struct svg_chart *c = ch->c;
	if (!c->version && !c->command)
		return 0;
	snprintf(buf, len, "Source: %s%s%s%s%s", c->collectors,
	         c->version ? "  \xC2\xB7  mrtreach " : "", c->version ? c->version : "",
	         c->command ? "  \xC2\xB7  " : "", c->command ? c->command : "");
	return svg_wrap(buf, (size_t)((ch->w - 48) / (CHAR_W * 10.5 * ch->fs)), at, max);
}

static void source(struct chart *ch, double y)
{
	char buf[4096];
	size_t at[6];
	size_t n = source_lines(ch, buf, sizeof buf, at, 6);
	for (size_t i = 0; i < n; i++, y += 14 * ch->fs) {
		char line[sizeof buf];
		wrapped_line(buf, at, n, i, line, sizeof line);
		text(ch, 24, y, 10.5, "fill=\"" C_MUTED "\"", line);
	}
}

/* The chart's defaults: 1200 wide, the plots 350 high (the height then
 * follows from the text around them). */
#define DEF_W 1200.0
#define MAIN_H 250.0
#define VP_H 96.0
#define VP_GAP 26.0

bool svg_write(FILE *f, const struct svg_chart *c)
{
	struct chart ch = { .f = f, .c = c, .t0 = c->t0, .t1 = c->t1 };
	if (ch.t1 <= ch.t0)
		ch.t1 = ch.t0 + 60;              /* one instant: a minute wide */
	ch.fs = c->font_scale > 0 ? c->font_scale : 1;
	ch.w = c->width > 0 ? c->width : DEF_W;
	double fs = ch.fs;
	double mv = 0, mp = 0;
	ch.absent = true;
	for (size_t k = 0; k < c->s->n; k++) {
		if (c->s->p[k].targets > 0)
			ch.absent = false;
		if (c->s->p[k].targets > mv)
			mv = c->s->p[k].targets;
		if (c->s->p[k].nfull > mp)
			mp = c->s->p[k].nfull;
		if (c->s->p[k].vps > mp)
			mp = c->s->p[k].vps;
	}
	ch.ymax_vis = axis_max(mv, 6);
	ch.ymax_vp = axis_max(mp, 3);
	bool vps = c->vps && !ch.absent;

	/* windows by time; the ones too short to label numbered in order */
	struct bo_window *w = NULL;
	const struct bo_window **sw = NULL;
	size_t nshort = 0;
	bool held = false;
	if (c->nw > 0 && !ch.absent) {
		w = malloc(c->nw * sizeof *w);
		sw = malloc(c->nw * sizeof *sw);
		if (!w || !sw) {
			free(w);
			free(sw);
			return false;
		}
		memcpy(w, c->w, c->nw * sizeof *w);
		qsort(w, c->nw, sizeof *w, by_start);
	}

	/* the layout, top to bottom */
	title_layout(&ch);
	ch.px0 = 84 * fs;
	ch.px1 = ch.w - 48 * fs;
	if (w)
		for (size_t i = 0; i < c->nw; i++)
			if (!window_fits(&ch, &w[i])) {
				sw[nshort++] = &w[i];
				held |= w[i].nheld > 0 && c->held;
			}
	double top = (32 + 24 * (double)(ch.ntitle - 1)) * fs;     /* the last title line */
	double sum_y = top + 41 * fs;
	char sum[512];
	size_t sum_at[4], nsum = summary_lines(&ch, nshort, sum, sizeof sum, sum_at);
	double fixed_top = sum_y + (31 + 17 * (double)(nsum - 1)) * fs;
	double under = (nshort ? 72 : 40) * fs + table_height(&ch, nshort, held);
	char sbuf[4096];
	size_t sat[6], nsource = source_lines(&ch, sbuf, sizeof sbuf, sat, 6);
	double leg_y = under + 30 * fs;
	ch.py0 = fixed_top;
	double plots = vps ? MAIN_H + VP_H : MAIN_H + VP_H - VP_GAP;
	/* legend lines need the x extent only: measure them once */
	size_t nleg = legend(&ch, 0, false);
	double tail = leg_y + 18 * fs * ((double)nleg - 1) + (nsource ? 8 + 14 * (double)nsource : 0) * fs + 16 * fs;
	if (c->height > 0) {
		plots = c->height - fixed_top - tail - (vps ? VP_GAP * fs : 0);
		if (plots < 150)
			plots = 150;
	}
	double mh = vps ? plots * MAIN_H / (MAIN_H + VP_H) : plots;
	ch.py1 = ch.py0 + mh;
	ch.vy0 = ch.vy1 = ch.py1;
	if (vps) {
		ch.vy0 = ch.py1 + VP_GAP * fs;
		ch.vy1 = ch.vy0 + plots - mh;
	}
	ch.axis_y = vps ? ch.vy1 : ch.py1;
	ch.h = ch.axis_y + tail;
	if (c->height > ch.h)
		ch.h = c->height;

	header(&ch);
	defs(&ch);
	summary(&ch, sum_y, nshort);
	time_axis(&ch, ch.axis_y + (nshort ? 72 : 40) * fs, !ch.absent);
	value_axis(&ch, ch.ymax_vis, 6, ch.py0, ch.py1, C_VIS, "visible target prefixes");
	if (vps) {
		value_axis(&ch, ch.ymax_vp, 3, ch.vy0, ch.vy1, C_VP, "full-feed VPs");
		text(&ch, ch.px0, ch.vy0 - 7 * fs, 11, "fill=\"" C_MUTED "\"",
		     "Full-feed vantage points holding a route to a target prefix (area) and in all (dashed)");
	}
	if (c->ngaps > 0 && !ch.absent)
		gaps_shade(&ch);
	if (w)
		windows_shade(&ch, w, c->nw);
	if (vps && c->s->n > 0) {
		fprintf(f, "<path fill=\"" C_VP "\" fill-opacity=\"0.3\" stroke=\"none\" d=\"");
		step_path(&ch, f_vps, ch.ymax_vp, ch.vy0, ch.vy1, true);
		fprintf(f, "\"/>\n<path fill=\"none\" stroke=\"" C_VP "\" stroke-width=\"1.5\" d=\"");
		step_path(&ch, f_vps, ch.ymax_vp, ch.vy0, ch.vy1, false);
		fprintf(f, "\"/>\n<path fill=\"none\" stroke=\"" C_VP "\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\" d=\"");
		step_path(&ch, f_nfull, ch.ymax_vp, ch.vy0, ch.vy1, false);
		fprintf(f, "\"/>\n");
	}
	if (!ch.absent) {
		fprintf(f, "<path fill=\"none\" stroke=\"" C_VIS "\" stroke-width=\"2.5\" stroke-linejoin=\"round\" d=\"");
		step_path(&ch, f_visible, ch.ymax_vis, ch.py0, ch.py1, false);
		fprintf(f, "\"/>\n");
	} else {
		char msg[1200];
		if (text_w(c->targets, 16 * fs) < ch.px1 - ch.px0 - 200)
			snprintf(msg, sizeof msg, "%s: absent from the data", c->targets);
		else
			snprintf(msg, sizeof msg, "The targets: absent from the data");
		text(&ch, (ch.px0 + ch.px1) / 2, (ch.py0 + ch.py1) / 2, 16,
		     "text-anchor=\"middle\" font-weight=\"bold\" fill=\"" C_TEXT "\"", msg);
		text(&ch, (ch.px0 + ch.px1) / 2, (ch.py0 + ch.py1) / 2 + 24 * fs, 13,
		     "text-anchor=\"middle\" fill=\"" C_MUTED "\"",
		     "no vantage point had a route to it: nothing to chart (not a blackout)");
	}
	if (c->below > 0 && !ch.absent)
		share_lines(&ch);
	/* the frames: axes left and bottom of each panel */
	fprintf(f, "<path fill=\"none\" stroke=\"" C_FRAME "\" stroke-width=\"1\" d=\"M%.1f %.1fV%.1fH%.1f\"/>\n",
	        ch.px0, ch.py0, ch.py1, ch.px1);
	if (vps)
		fprintf(f, "<path fill=\"none\" stroke=\"" C_FRAME "\" stroke-width=\"1\" d=\"M%.1f %.1fV%.1fH%.1f\"/>\n",
		        ch.px0, ch.vy0, ch.vy1, ch.px1);
	if (w)
		windows_label(&ch, w, c->nw);
	if (nshort) {
		strip(&ch, sw, nshort, ch.axis_y + 30 * fs);
		table(&ch, sw, nshort, held, ch.axis_y + 72 * fs);
	}
	legend(&ch, ch.axis_y + leg_y, true);
	if (nsource)
		source(&ch, ch.axis_y + leg_y + 18 * fs * ((double)nleg - 1) + 22 * fs);
	free(w);
	free(sw);
	fprintf(f, "</svg>\n");
	fflush(f);
	return !ferror(f);
}

/* ---- origins: lanes ------------------------------------------------------ */

/* The step area of one lane: its vantage points over time, from bottom y1
 * up to at most height h for ymax. */
static void lane_area(struct chart *ch, const struct svg_lane *l, double y1, double h, double ymax)
{
	if (l->n == 0)
		return;
	fprintf(ch->f, "M%.1f %.1f", xt(ch, l->p[0].ts), y1);
	for (size_t k = 0; k < l->n; k++) {
		if (k > 0)
			fprintf(ch->f, "H%.1f", xt(ch, l->p[k].ts));
		fprintf(ch->f, "V%.1f", y1 - h * (double)l->p[k].vps / ymax);
	}
	fprintf(ch->f, "H%.1fV%.1fZ", ch->px1, y1);
}

bool svg_write_lanes(FILE *f, const struct svg_chart *c, const struct svg_lane *lanes, size_t n)
{
	struct chart ch = { .f = f, .c = c, .t0 = c->t0, .t1 = c->t1 };
	if (ch.t1 <= ch.t0)
		ch.t1 = ch.t0 + 60;
	ch.fs = c->font_scale > 0 ? c->font_scale : 1;
	ch.w = c->width > 0 ? c->width : DEF_W;
	double fs = ch.fs;
	title_layout(&ch);
	ch.px0 = 84 * fs;
	ch.px1 = ch.w - 84 * fs;
	ch.py0 = (104 + 24 * (double)(ch.ntitle - 1)) * fs;
	/* Under the plot: the time axis, the legend, and the source line as
	 * the blackout chart has it (collectors, version, command). */
	char sbuf[4096];
	size_t sat[6], nsource = source_lines(&ch, sbuf, sizeof sbuf, sat, 6);
	double below = (100 + (nsource ? 8 + 14 * (double)nsource : 0)) * fs;
	ch.h = c->height > 0 ? c->height : 500 + below - 100 * fs;
	ch.py1 = ch.h - below;
	if (ch.py1 < ch.py0 + 100) {
		ch.py1 = ch.py0 + 100;
		ch.h = ch.py1 + below;
	}
	ch.vy0 = ch.vy1 = ch.axis_y = ch.py1;
	size_t shown = n < SVG_MAX_LANES ? n : SVG_MAX_LANES;
	double ymax = 1;
	for (size_t i = 0; i < shown; i++)
		for (size_t k = 0; k < lanes[i].n; k++)
			if (lanes[i].p[k].vps > ymax)
				ymax = lanes[i].p[k].vps;
	header(&ch);
	char a[32], b[32], buf[256];
	utc_text(c->t0, "%Y-%m-%d %H:%M", a, sizeof a);
	utc_text(c->t1, "%Y-%m-%d %H:%M", b, sizeof b);
	snprintf(buf, sizeof buf, "Data %s to %s UTC  \xC2\xB7  a lane per (prefix, origin AS); "
	         "height: vantage points routing to it (at most %.0f)", a, b, ymax);
	text(&ch, 24, ch.py0 - 31 * fs, 13, "fill=\"" C_MUTED "\"", buf);
	time_axis(&ch, ch.axis_y + 40 * fs, n > 0);
	double ph = ch.py1 - ch.py0, lh = shown ? ph / (double)shown : ph;
	for (size_t i = 0; i < shown; i++) {
		const struct svg_lane *l = &lanes[i];
		double y0 = ch.py0 + lh * (double)i, y1 = y0 + lh;
		const char *col = l->hijack ? C_DARK : l->moas ? C_VP : C_VIS;
		fprintf(f, "<path fill=\"%s\" fill-opacity=\"0.35\" stroke=\"%s\" stroke-width=\"1\" d=\"",
		        col, col);
		lane_area(&ch, l, y1, lh - 4, ymax);
		fprintf(f, "\"/>\n<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" C_GRID "\"/>\n",
		        ch.px0, y1, ch.px1, y1);
		snprintf(buf, sizeof buf, "%s%s%s", l->label, l->mark[0] ? "  \xC2\xB7  " : "", l->mark);
		text(&ch, ch.px0 + 4, y0 + (lh < 24 ? lh - 3 : 14), 11,
		     l->hijack ? "font-weight=\"bold\" fill=\"" C_LABEL "\"" : "fill=\"" C_TEXT "\"", buf);
	}
	if (n == 0)
		text(&ch, (ch.px0 + ch.px1) / 2, (ch.py0 + ch.py1) / 2, 16, "text-anchor=\"middle\" fill=\"" C_MUTED "\"",
		     "no target prefix in the data");
	fprintf(f, "<path fill=\"none\" stroke=\"" C_FRAME "\" stroke-width=\"1\" d=\"M%.1f %.1fV%.1fH%.1f\"/>\n",
	        ch.px0, ch.py0, ch.py1, ch.px1);
	double x = ch.px0, y = ch.py1 + 78 * fs;
	legend_item(&ch, &x, &y, true, "fill=\"" C_VIS "\" fill-opacity=\"0.35\"", "origin");
	legend_item(&ch, &x, &y, true, "fill=\"" C_VP "\" fill-opacity=\"0.35\"", "MOAS (another origin at once)");
	legend_item(&ch, &x, &y, true, "fill=\"" C_DARK "\" fill-opacity=\"0.35\"",
	            "hijack pattern: inside another origin's visible prefix");
	if (n > shown) {
		snprintf(buf, sizeof buf, "and %zu more lanes", n - shown);
		text(&ch, x, y, 12, "fill=\"" C_MUTED "\"", buf);
	}
	if (nsource)
		source(&ch, y + 22 * fs);
	fprintf(f, "</svg>\n");
	fflush(f);
	return !ferror(f);
}
