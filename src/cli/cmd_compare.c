/*
 * cmd_compare.c - `namekey compare A B`: how far two names agree, with
 * an exit status like cmp(1)'s, so that scripts can test it.
 */
#include <string.h>

#include "cli.h"

/* Exit status: like cmp(1), 0 the names match, 1 they do not, 2 trouble. */
enum compare_exit {
	COMPARE_MATCH = 0,    /* equal or compatible */
	COMPARE_NO_MATCH = 1, /* near or different */
	COMPARE_TROUBLE = NK_EXIT_USAGE
};

/* The two names compare takes. */
#define COMPARE_NAMES 2

typedef struct compare_args {
	const char *name[COMPARE_NAMES];
	int nnames;
	bool json;
	nk_key_options opts;
} compare_args;

static int usage_error(const char *what, const char *arg)
{
	nk_cli_error("%s%s", what, arg);
	fputs("Try 'namekey compare --help'.\n", stderr);
	return COMPARE_TROUBLE;
}

/* Evidence names joined by commas, or "-" for none. */
static void print_evidence_plain(unsigned evidence)
{
	bool first = true;
	for (unsigned bit = 1; bit != 0 && bit <= evidence; bit <<= 1) {
		const char *name = nk_evidence_name(bit);
		if (!(evidence & bit) || !name)
			continue;
		printf("%s%s", first ? "" : ",", name);
		first = false;
	}
	if (first)
		putchar('-');
}

static void print_evidence_json(unsigned evidence)
{
	bool first = true;
	putchar('[');
	for (unsigned bit = 1; bit != 0 && bit <= evidence; bit <<= 1) {
		const char *name = nk_evidence_name(bit);
		if (!(evidence & bit) || !name)
			continue;
		printf("%s\"%s\"", first ? "" : ",", name);
		first = false;
	}
	putchar(']');
}

static void print_match(const compare_args *args, const nk_match *m)
{
	if (!args->json) {
		printf("%s\t%.2f\t", nk_match_kind_name(m->kind), m->score);
		print_evidence_plain(m->evidence);
		putchar('\n');
		return;
	}
	fputs("{\"a\":", stdout);
	nk_cli_json_string(stdout, args->name[0], strlen(args->name[0]));
	fputs(",\"b\":", stdout);
	nk_cli_json_string(stdout, args->name[1], strlen(args->name[1]));
	printf(",\"match\":\"%s\",\"score\":%.4f,\"evidence\":",
	       nk_match_kind_name(m->kind), m->score);
	print_evidence_json(m->evidence);
	fputs("}\n", stdout);
}

/* Parse options anywhere before "--" and exactly two names.  Returns -1
 * to go on, or an exit status. */
static int parse_args(compare_args *args, int argc, char **argv)
{
	bool options = true;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (options && nk_cli_is_help(a)) {
			fputs(nk_cmd_compare.usage, stdout);
			return NK_EXIT_OK;
		} else if (options && strcmp(a, "--json") == 0) {
			args->json = true;
		} else if (options && strcmp(a, "--fold-gender") == 0) {
			args->opts.flags |= NK_KEY_FOLD_GENDER;
		} else if (options && strcmp(a, "--") == 0) {
			options = false;
		} else if (options && a[0] == '-' && a[1] != '\0') {
			return usage_error("unknown option ", a);
		} else if (args->nnames == COMPARE_NAMES) {
			return usage_error("more than two names: ", a);
		} else {
			args->name[args->nnames++] = a;
		}
	}
	if (args->nnames != COMPARE_NAMES)
		return usage_error("two names are needed", "");
	return -1;
}

/* Key name i alone, to say which name is bad before comparing. */
static bool name_ok(const nk_ctx *ctx, const compare_args *args, int i)
{
	const char *name = args->name[i];
	char keys[NK_KEY_MAX];
	nk_key_info info;

	const int rc = nk_key(&info, keys, sizeof keys, ctx, name,
			      strlen(name), &args->opts);
	if (rc == NK_OK)
		return true;
	if (rc == NK_EEMPTY)
		nk_cli_error("name %d: no name to key", i + 1);
	else if (rc == NK_EUTF8)
		nk_cli_error("name %d: invalid UTF-8 at byte %zu", i + 1,
			     info.error_offset + 1);
	else
		nk_cli_error("name %d: %s", i + 1, nk_strerror(rc));
	return false;
}

static int compare(const nk_ctx *ctx, const compare_args *args)
{
	nk_match m;

	for (int i = 0; i < COMPARE_NAMES; i++)
		if (!name_ok(ctx, args, i))
			return COMPARE_TROUBLE;
	const int rc = nk_compare(&m, ctx, args->name[0],
				  strlen(args->name[0]), args->name[1],
				  strlen(args->name[1]), &args->opts);
	if (rc != NK_OK) {
		nk_cli_error("cannot compare: %s", nk_strerror(rc));
		return COMPARE_TROUBLE;
	}
	print_match(args, &m);
	if (fflush(stdout) != 0) {
		nk_cli_error("output error");
		return NK_EXIT_FAILURE;
	}
	return m.kind >= NK_MATCH_COMPATIBLE ? COMPARE_MATCH
					     : COMPARE_NO_MATCH;
}

static int run_compare(int argc, char **argv)
{
	compare_args args = { .opts = NK_KEY_OPTIONS_INIT };
	nk_ctx *ctx;

	const int status = parse_args(&args, argc, argv);
	if (status >= 0)
		return status;
	const int rc = nk_ctx_new(&ctx, NULL);
	if (rc != NK_OK) {
		nk_cli_error("cannot start: %s", nk_strerror(rc));
		return NK_EXIT_FAILURE;
	}
	const int result = compare(ctx, &args);
	nk_ctx_unref(ctx);
	return result;
}

const nk_cli_cmd nk_cmd_compare = {
	.name = "compare",
	.run = run_compare,
	.summary = "tell how far two names agree",
	.usage =
		"Usage: namekey compare [OPTIONS] A B\n"
		"\n"
		"Compare names A and B and print one line:\n"
		"  MATCH<TAB>SCORE<TAB>EVIDENCE\n"
		"MATCH is equal, compatible (may well be one person), near (a\n"
		"typo apart) or different; SCORE is 1.00 for equal, 0 for\n"
		"different; EVIDENCE lists, comma-separated, what made them\n"
		"agree or differ (initials, patronymic, surname-only,\n"
		"diminutive, equivalent, gender, edit), or '-' for nothing.\n"
		"\n"
		"Options:\n"
		"  --fold-gender   Ivanov and Ivanova may be one family name\n"
		"  --json          one JSON object: a, b, match, score, evidence\n"
		"  -h, --help      show this help\n"
		"\n"
		"Exit status: 0 equal or compatible, 1 near or different,\n"
		"2 usage error or a name that cannot be keyed, 3 failure.\n",
};
