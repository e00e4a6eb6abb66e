/* diag.c — see diag.h. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t damage_count;
static void (*sink_fn)(const char *line, void *arg);
static void *sink_arg;

static void emit(const char *line)
{
	if (sink_fn)
		sink_fn(line, sink_arg);
	else
		fprintf(stderr, "%s\n", line);
}

void diag_damage(const char *file, uint64_t offset, const char *fmt, ...)
{
	char msg[512], line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(line, sizeof line, "mrtreach: %s: byte %llu: %s", file,
	         (unsigned long long)offset, msg);
	damage_count++;
	emit(line);
}

void diag_error(const char *fmt, ...)
{
	char msg[512], line[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(line, sizeof line, "mrtreach: %s", msg);
	damage_count++;
	emit(line);
}

void diag_usage(const char *fmt, ...)
{
	char msg[512], line[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(line, sizeof line, "mrtreach: %s", msg);
	emit(line);
	exit(EXIT_USAGE);
}

uint64_t diag_damage_count(void) { return damage_count; }

void diag_set_sink(void (*fn)(const char *line, void *arg), void *arg)
{
	sink_fn = fn;
	sink_arg = arg;
}

void diag_reset(void) { damage_count = 0; }
