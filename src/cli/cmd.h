/*
 * cmd.h — the subcommands. Each cmd_*.c wires its options to the pipeline
 * and nothing else; it returns the process exit status (diag.h).
 * Owns: each command's entry point (argv in, exit status out), its own
 * options, and the version string.
 * Never: parses the options every command shares or words their mistakes
 * (cmdline.h), opens or frames MRT files itself (pipeline.h runs the merge
 * and the decoders), or keeps state from one command to the next.
 */
#ifndef MRTREACH_CMD_H
#define MRTREACH_CMD_H

int cmd_dump(int argc, char **argv);
/* mrtreach run under the name bgpdump: bgpdump's command line (cmd_dump.c). */
int cmd_bgpdump(int argc, char **argv);
int cmd_blackout(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_origins(int argc, char **argv);
int cmd_peers(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_scan(int argc, char **argv);
int cmd_archives(int argc, char **argv);

#define MRTREACH_VERSION "0.1.0"

#endif
