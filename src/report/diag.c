/* diag.c — see diag.h. */
#include "report/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t damage_count;
static void (*sink_fn)(const char *line, void *arg);
static void *sink_arg;

/* Writes "mrtreach: " + where (may be empty) + the formatted message as one
 * line, to the sink set by a test or to stderr. */
static void emit(const char *where, const char *fmt, va_list ap)
{
	char msg[512], line[1024];

	vsnprintf(msg, sizeof msg, fmt, ap);
	snprintf(line, sizeof line, "mrtreach: %s%s", where, msg);
	if (sink_fn)
		sink_fn(line, sink_arg);
	else
		fprintf(stderr, "%s\n", line);
}

void diag_damage(const char *file, uint64_t offset, const char *fmt, ...)
{
	char where[512];
	va_list ap;

	snprintf(where, sizeof where, "%s: byte %llu: ", file, (unsigned long long)offset);
	damage_count++;
	va_start(ap, fmt);
	emit(where, fmt, ap);
	va_end(ap);
}

void diag_error(const char *fmt, ...)
{
	va_list ap;

	damage_count++;
	va_start(ap, fmt);
	emit("", fmt, ap);
	va_end(ap);
}

void diag_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit("", fmt, ap);
	va_end(ap);
}

void diag_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit("warning: ", fmt, ap);
	va_end(ap);
}

void diag_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit("", fmt, ap);
	va_end(ap);
	exit(EXIT_USAGE);
}

uint64_t diag_damage_count(void) { return damage_count; }

void diag_set_sink(void (*fn)(const char *line, void *arg), void *arg)
{
	sink_fn = fn;
	sink_arg = arg;
}

void diag_reset(void) { damage_count = 0; }
