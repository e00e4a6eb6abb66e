/*
 * cmdline.c — see cmdline.h.
 */
#include "cmdline.h"
#include "diag.h"

#include <string.h>

_Noreturn void cmdline_refused(const char *cmd, const struct option *opts, int ch, const char *arg)
{
	const char *eq = strchr(arg, '=');
	if (ch == ':')
		diag_usage("%s: option '%s' needs a value (try 'mrtreach %s --help')", cmd, arg, cmd);
	if (strncmp(arg, "--", 2) == 0 && eq) {
		size_t n = (size_t)(eq - arg - 2);
		for (const struct option *o = opts; o->name; o++)
			if (o->has_arg == no_argument && strlen(o->name) == n &&
			    strncmp(o->name, arg + 2, n) == 0)
				diag_usage("%s: option '--%s' takes no value", cmd, o->name);
	}
	if (strncmp(arg, "--", 2) != 0 && optopt > 0 && optopt < 128)
		diag_usage("%s: unknown option '-%c' (try 'mrtreach %s --help')", cmd, optopt, cmd);
	diag_usage("%s: unknown option '%s' (try 'mrtreach %s --help')", cmd, arg, cmd);
}
