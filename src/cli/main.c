/*
 * main.c - the namekey command: dispatch to subcommands.
 */
#define _POSIX_C_SOURCE 200809L
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const nk_cli_cmd *const commands[] = {
	&nk_cmd_key,
	/* comparison commands */
	&nk_cmd_compare,
	&nk_cmd_explain,
	/* store commands */
	&nk_cmd_add,
	&nk_cmd_alias,
	&nk_cmd_unalias,
	&nk_cmd_merge,
	&nk_cmd_split,
	&nk_cmd_rename,
	&nk_cmd_show,
	&nk_cmd_list,
	&nk_cmd_history,
	&nk_cmd_undo,
	&nk_cmd_resolve,
	&nk_cmd_import,
	&nk_cmd_export,
	&nk_cmd_reindex,
	&nk_cmd_check,
	/* batch commands */
	&nk_cmd_dedupe,
	&nk_cmd_annotate,
	&nk_cmd_lookup,
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void print_usage(FILE *f)
{
	fputs("Usage: namekey COMMAND [OPTIONS] [ARGS]\n"
	      "\n"
	      "Decide when two romanized spellings name the same person.\n"
	      "\n"
	      "Commands:\n", f);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i]->name,
			commands[i]->summary);
	fputs("  help       show help for a command\n"
	      "\n"
	      "Options:\n"
	      "  --version  print the version and key format\n"
	      "  --help     show this help\n"
	      "\n"
	      "Run 'namekey COMMAND --help' for a command's options; 'namekey'\n"
	      "alone on a terminal starts the lookup prompt.\n", f);
}

static const nk_cli_cmd *find(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

static int help(int argc, char **argv)
{
	if (argc < 3) {
		print_usage(stdout);
		return NK_EXIT_OK;
	}
	const nk_cli_cmd *cmd = find(argv[2]);
	if (!cmd) {
		nk_cli_error("no command '%s'", argv[2]);
		return NK_EXIT_USAGE;
	}
	fputs(cmd->usage, stdout);
	return NK_EXIT_OK;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		/* Someone at a terminal who names no command wants to look. */
		if (isatty(STDIN_FILENO)) {
			char *lookup_argv[] = { argv[0], NULL };
			return nk_cmd_lookup.run(1, lookup_argv);
		}
		print_usage(stderr);
		return NK_EXIT_USAGE;
	}
	const char *name = argv[1];
	if (strcmp(name, "--version") == 0) {
		printf("namekey %s (key format %d)\n", nk_version(),
		       NK_KEY_FORMAT);
		return NK_EXIT_OK;
	}
	if (nk_cli_is_help(name) || strcmp(name, "help") == 0)
		return help(argc, argv);
	const nk_cli_cmd *cmd = find(name);
	if (!cmd) {
		nk_cli_error("no command '%s'; see 'namekey --help'", name);
		return NK_EXIT_USAGE;
	}
	return cmd->run(argc - 1, argv + 1);
}
