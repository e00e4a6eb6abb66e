/* cmd_dump.c — mrtreach dump (stub until implemented). */
#include <stdio.h>

#include "cmd.h"
#include "diag.h"

int cmd_dump(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	diag_usage("dump: not implemented yet");
}
