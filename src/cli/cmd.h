/*
 * cmd.h — the subcommands. Each cmd_*.c wires its options to the pipeline
 * and nothing else; it returns the process exit status (diag.h).
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
