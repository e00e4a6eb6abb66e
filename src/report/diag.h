/*
 * diag.h — what mrtreach says on stderr: damaged input (file, byte offset,
 * reason), usage errors, and the counters that decide the exit status.
 * Owns: the one place that writes diagnostics, and the process-wide damage
 * count that decides exit status 1.
 * Never: called below the report layer: readers and decoders hand damage
 * over as data (io/damage.h) and the pipeline reports it through
 * damage_log.h; nothing decides what a report says by its counters.
 */
#ifndef MRTREACH_DIAG_H
#define MRTREACH_DIAG_H

#include <stdbool.h>
#include <stdint.h>

/* Exit statuses scripts can rely on. */
enum { EXIT_OK = 0, EXIT_DAMAGED = 1, EXIT_USAGE = 2 };

/* "mrtreach: FILE: byte OFFSET: REASON" — and counts one damaged spot. */
void diag_damage(const char *file, uint64_t offset, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "mrtreach: MESSAGE" — an error that is not about input bytes (counts as damage:
 * e.g. a file that became unreadable). */
void diag_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "mrtreach: MESSAGE" — worth saying, not damage: counts nothing. */
void diag_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "mrtreach: warning: MESSAGE" — the answer may differ from what the user
 * expects (a file given twice, a gap in the data); not counted as damage. */
void diag_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "mrtreach: MESSAGE" then exit(EXIT_USAGE). For bad options and arguments. */
void diag_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

uint64_t diag_damage_count(void);
/* Tests capture reports instead of printing them. fn NULL restores stderr. */
void diag_set_sink(void (*fn)(const char *line, void *arg), void *arg);
void diag_reset(void);

#endif
