/*
 * cmd_stats.c — mrtreach stats: a summary of the input (stub).
 * Owns: the options and layout of stats. Never: decodes.
 */
#include "cmd.h"
#include "diag.h"

int cmd_stats(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	diag_usage("stats: not yet");
}
