/*
 * cmd_key.c - `namekey key`: the keys of names, one output line per
 * input line.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct key_job {
	nk_ctx *ctx;
	nk_key_options opts;
	bool json;
	const char *where; /* "line" or "argument" */
	unsigned long bad;
} key_job;

static void print_plain(const char *keys, const char *name, size_t len)
{
	fputs(keys, stdout);
	putchar('\t');
	fwrite(name, 1, len, stdout);
	putchar('\n');
}

static void print_json(const char *keys, const nk_key_info *info,
		       const char *name, size_t len)
{
	fputs("{\"name\":", stdout);
	nk_cli_json_string(stdout, name, len);
	printf(",\"lang\":\"%s\",\"keys\":", nk_lang_name(info->lang));
	nk_cli_json_words(stdout, keys);
	fputs("}\n", stdout);
}

static void report(key_job *job, int rc, const nk_key_info *info,
		   unsigned long n, size_t len)
{
	char why[NK_TOO_LONG_MSG];
	job->bad++;
	if (rc == NK_EUTF8)
		nk_cli_error("%s %lu: invalid UTF-8 or NUL byte at byte %zu; "
			     "skipped", job->where, n, info->error_offset + 1);
	else if (rc == NK_ETOOLONG)
		nk_cli_error("%s %lu: %s; skipped", job->where, n,
			     nk_cli_too_long(why, sizeof why, len));
	else if (rc == NK_EEMPTY)
		nk_cli_error("%s %lu: no name to key", job->where, n);
	else
		nk_cli_error("%s %lu: %s", job->where, n, nk_strerror(rc));
}

static bool key_one(void *data, const char *name, size_t len,
		    unsigned long n)
{
	key_job *job = data;
	char keys[NK_KEY_MAX];
	nk_key_info info;

	const int rc = nk_key(&info, keys, sizeof keys, job->ctx, name, len,
			      &job->opts);
	if (rc != NK_OK) {
		report(job, rc, &info, n, len);
		if (rc != NK_EEMPTY)
			return true;
		keys[0] = '\0'; /* keep output aligned with input */
	}
	if (job->json)
		print_json(keys, &info, name, len);
	else
		print_plain(keys, name, len);
	return true;
}

static int usage_error(const char *what, const char *arg)
{
	fprintf(stderr, NK_PROG ": %s '%s'\n", what, arg);
	fputs("Try 'namekey key --help'.\n", stderr);
	return NK_EXIT_USAGE;
}

static int run_key(int argc, char **argv)
{
	key_job job = { .opts = NK_KEY_OPTIONS_INIT, .where = "line" };
	int first = argc;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (nk_cli_is_help(a)) {
			fputs(nk_cmd_key.usage, stdout);
			return NK_EXIT_OK;
		} else if (strcmp(a, "--json") == 0) {
			job.json = true;
		} else if (strcmp(a, "--fold-gender") == 0) {
			job.opts.flags |= NK_KEY_FOLD_GENDER;
		} else if (strcmp(a, "--lang") == 0 && i + 1 < argc) {
			if (!nk_cli_parse_lang(argv[++i], &job.opts.lang))
				return usage_error("unknown language",
						   argv[i]);
		} else if (strcmp(a, "--") == 0) {
			first = i + 1;
			break;
		} else if (a[0] == '-' && a[1] != '\0') {
			return usage_error("unknown option", a);
		} else {
			first = i;
			break;
		}
	}
	const int rc = nk_ctx_new(&job.ctx, NULL);
	if (rc != NK_OK) {
		nk_cli_error("cannot start: %s", nk_strerror(rc));
		return NK_EXIT_FAILURE;
	}
	bool io_ok = true;
	if (first < argc) {
		job.where = "argument";
		for (int i = first; i < argc; i++)
			key_one(&job, argv[i], strlen(argv[i]),
				(unsigned long)(i - first + 1));
	} else {
		io_ok = nk_cli_each_line(stdin, key_one, &job);
	}
	nk_ctx_unref(job.ctx);
	if (fflush(stdout) != 0 || !io_ok) {
		nk_cli_error("input/output error");
		return NK_EXIT_FAILURE;
	}
	return job.bad ? NK_EXIT_INPUT : NK_EXIT_OK;
}

const nk_cli_cmd nk_cmd_key = {
	.name = "key",
	.run = run_key,
	.summary = "print the canonical keys of names",
	.usage =
		"Usage: namekey key [OPTIONS] [NAME...]\n"
		"\n"
		"Print the canonical key(s) of each NAME, or of each line of\n"
		"standard input when no NAME is given: one output line per\n"
		"input line, KEY<TAB>NAME, several keys separated by spaces.\n"
		"\n"
		"Options:\n"
		"  --lang LANG     key as LANG: auto (default), ru, ko, other\n"
		"  --fold-gender   one key for Ivanov and Ivanova\n"
		"  --json          one JSON object per line: name, lang, keys\n"
		"  -h, --help      show this help\n"
		"\n"
		"A line that is not valid UTF-8 or is longer than 4096 bytes is\n"
		"reported on stderr with its line number and skipped; a line\n"
		"with nothing to key prints an empty key.  Exit status: 0 all\n"
		"lines keyed, 1 some lines reported, 2 usage error, 3 I/O error.\n",
};
