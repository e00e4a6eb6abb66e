/* cmd_blackout.c — mrtreach blackout (stub until implemented). */
#include <stdio.h>

#include "cmd.h"
#include "diag.h"

int cmd_blackout(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	diag_usage("blackout: not implemented yet");
}
