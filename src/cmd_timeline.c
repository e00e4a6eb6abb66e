/* cmd_timeline.c — mrtreach timeline (stub until implemented). */
#include <stdio.h>

#include "cmd.h"
#include "diag.h"

int cmd_timeline(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	diag_usage("timeline: not implemented yet");
}
