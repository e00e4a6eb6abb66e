/*
 * svg.h — visibility over time as a picture: a self-contained SVG chart
 * (--svg) and a one-line terminal sparkline.
 * Owns: the sampled series they draw from, the chart's layout, time ticks,
 * XML escaping and sparkline buckets. Never: decides visibility or windows.
 */
#ifndef MRTREACH_SVG_H
#define MRTREACH_SVG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "state/blackout.h"

/* The state after the visibility tick at ts; it holds until the next point. */
struct svg_point {
	uint32_t ts;
	uint32_t visible;           /* target prefixes visible */
	uint32_t targets;           /* target prefixes known so far */
	uint32_t vps;               /* full-feed vantage points holding a target route */
	uint32_t nfull;             /* full-feed vantage points of the targets' families */
	uint32_t share;             /* visible share in 1/10000 (drawn with below > 0) */
};

/* Only changes are kept: memory grows with the number of changes. */
struct svg_series {
	struct svg_point *p;
	size_t n, cap;
	bool oom;
};

void svg_series_init(struct svg_series *s);
void svg_series_free(struct svg_series *s);
/* Appends pt unless it repeats the last point; a point of the same second
 * replaces the last one. */
void svg_series_add(struct svg_series *s, const struct svg_point *pt);

/* A stretch of a collector's data that is missing (io/coverage.h). */
struct svg_gap {
	uint32_t from, until;       /* [from, until) */
	const char *who;            /* "rrc00" */
	const char *why;            /* "update files missing" */
};

/* What the chart shows besides the series. */
struct svg_chart {
	const char *title;          /* "Visibility of" (NULL) or another first words */
	const char *targets;        /* "175.45.176.0/22 with more-specifics" */
	const char *collectors;     /* "route-views2, rrc00" */
	const char *rule;           /* "visible = seen by at least half of ..." */
	uint32_t t0, t1;            /* the data's first and last time */
	bool vps;                   /* draw the vantage point series */
	double below;               /* blackout --below F: draw the share and F; 0: none */
	const struct svg_series *s;
	const struct bo_window *w;  /* blackout windows, any order */
	size_t nw;
	/* Who held a target route through window w ("rrc00 AS20912"), for
	 * windows with nheld > 0; NULL: not said. */
	void (*held)(const struct bo_window *w, char *dst, size_t len, void *arg);
	void *held_arg;
	const struct svg_gap *gaps; /* missing data, drawn cross-hatched */
	size_t ngaps;
	const char *version;        /* the source line: "mrtreach VERSION", and */
	const char *command;        /* the command line (both NULL: no source line) */
	double width, height;       /* canvas; 0: 1200 wide, as high as the parts need */
	double font_scale;          /* every text and margin; 0: 1 */
};

/* Canvas limits and font scales --svg-width, --svg-height, --font-scale
 * accept. */
#define SVG_MIN_WIDTH 480
#define SVG_MIN_HEIGHT 300
#define SVG_MAX_SIZE 20000
#define SVG_MIN_FONT_SCALE 0.5
#define SVG_MAX_FONT_SCALE 4.0

/* Writes the chart to f; false on a write error. From the top: the title
 * (wrapped, never cut), the visible target prefixes with windows hatched
 * and labelled where they are wide enough, the vantage points in a lower
 * panel, the time axis with a tick at the end of the data, a strip of
 * numbered bars for the windows too short to label and a table listing
 * them, the legend and the source line. A target absent from the data
 * (no point with targets > 0) is said so, not drawn as a flat line. */
bool svg_write(FILE *f, const struct svg_chart *c);

/* ---- origins: one lane per (prefix, origin) ----------------------------- */

struct svg_lane_point {
	uint32_t ts;
	uint32_t vps;               /* vantage points routing to the lane's origin from ts on */
};

struct svg_lane {
	char label[160];            /* "208.65.153.0/24 origin 17557" */
	char mark[160];             /* why it is marked ("more-specific of ..."), or "" */
	bool hijack;                /* inside another origin's prefix: drawn in red */
	bool moas;                  /* another origin visible at once: drawn in orange */
	const struct svg_lane_point *p;
	size_t n;
};

/* The chart of `origins --svg`: c's title, collectors, rule and period,
 * then a lane per (prefix, origin) whose height is the number of vantage
 * points routing the prefix to that origin, hijacking origins marked.
 * Draws at most SVG_MAX_LANES lanes and says how many more there were. */
#define SVG_MAX_LANES 16
bool svg_write_lanes(FILE *f, const struct svg_chart *c, const struct svg_lane *lanes, size_t n);

/* ---- parts, exposed for tests ------------------------------------------ */

/* Time tick spacing in seconds for a span: the smallest "round" step
 * (1m ... 1h, 3h, 6h, 12h, 1d, 2d, 7d ...) giving at most max_ticks ticks. */
uint32_t svg_tick_step(uint32_t span, unsigned max_ticks);
/* Tick label: "Dec 22 12:00" for steps under a day, "Dec 22" from a day on. */
void svg_tick_label(uint32_t ts, uint32_t step, char *dst, size_t len);
/* s as XML character data or attribute value: markup characters escaped,
 * control characters and invalid UTF-8 replaced by '?'. Truncated to fit len
 * (never in the middle of an escape); returns the length written. */
size_t svg_escape(const char *s, char *dst, size_t len);
/* x of time ts on an axis from left (t0) to left + width (t1). */
double svg_x(uint32_t ts, uint32_t t0, uint32_t t1, double left, double width);

/* Wraps s at spaces into lines of at most max_chars characters (a longer
 * word is cut between characters); starts[i] is the byte offset of line i.
 * The last of max_lines takes the rest. Returns the number of lines. */
size_t svg_wrap(const char *s, size_t max_chars, size_t *starts, size_t max_lines);

/* A label of the strip of short windows: numbers first+1 .. last+1 at x. */
struct svg_strip_label {
	double x;
	size_t first, last;
};
/* Labels for bars at bx[0..n) (ascending): each bar in exactly one group,
 * close bars grouped ("3-5"), labels of char_w per character never
 * overlapping and inside [left, right] where they fit. Returns the groups. */
size_t svg_strip_layout(const double *bx, size_t n, double left, double right, double char_w,
                        struct svg_strip_label *out);

/* Sparkline: the time-weighted mean share of target prefixes visible in
 * each of n equal buckets of [t0, t1]; -1 where nothing was known. */
void svg_spark_buckets(const struct svg_series *s, uint32_t t0, uint32_t t1, double *out,
                       size_t n);
/* One block character (U+2581..U+2588) per bucket, ' ' for unknown. The
 * ends are kept for the ends: the lowest block only for "nothing visible",
 * the full block only for "everything visible throughout", so a short flap
 * still shows. Returns the bytes written (NUL-terminated). */
size_t svg_sparkline(const double *b, size_t n, char *dst, size_t len);

#endif
