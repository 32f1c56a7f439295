/*
 * cmd_explain.c - `namekey explain A B`: whether two names match, and
 * why.  Each name is keyed with the library's trace sink switched on, so
 * the steps shown are the normalizer's own, not a retelling; then the
 * first step where the two traces part is pointed out.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define TRACE_LINES_MAX 256
#define TRACE_STAGE_MAX 16
#define TRACE_DETAIL_MAX 240

typedef struct trace_line {
	char stage[TRACE_STAGE_MAX];
	char detail[TRACE_DETAIL_MAX];
} trace_line;

typedef struct side {
	const char *name;
	trace_line lines[TRACE_LINES_MAX];
	size_t n;
	char keys[NK_KEY_MAX];
	nk_key_info info;
	int rc;
} side;

static void collect(void *data, const char *stage, const char *detail)
{
	side *s = data;
	if (s->n == TRACE_LINES_MAX)
		return;
	trace_line *l = &s->lines[s->n++];
	snprintf(l->stage, sizeof l->stage, "%s", stage);
	snprintf(l->detail, sizeof l->detail, "%s", detail);
}

static void key_side(side *s, const nk_ctx *ctx, const nk_key_options *base)
{
	nk_key_options o = *base;
	o.trace = collect;
	o.trace_data = s;
	s->rc = nk_key(&s->info, s->keys, sizeof s->keys, ctx, s->name,
		       strlen(s->name), &o);
}

/* Index of the first trace line where the sides differ, or -1. */
static long first_difference(const side *a, const side *b)
{
	const size_t n = a->n < b->n ? a->n : b->n;
	for (size_t i = 0; i < n; i++)
		if (strcmp(a->lines[i].stage, b->lines[i].stage) != 0 ||
		    strcmp(a->lines[i].detail, b->lines[i].detail) != 0)
			return (long)i;
	return a->n == b->n ? -1 : (long)n;
}

static void print_side(const char *label, const side *s)
{
	printf("%s: %s\n", label, s->name);
	for (size_t i = 0; i < s->n; i++)
		printf("  %2zu  %-7s %s\n", i + 1, s->lines[i].stage,
		       s->lines[i].detail);
	printf("  key: %s\n", s->keys);
}

static void print_evidence(FILE *f, unsigned evidence, bool json)
{
	bool first = true;
	for (unsigned bit = 1; bit && bit <= evidence; bit <<= 1) {
		if (!(evidence & bit))
			continue;
		if (json)
			fprintf(f, "%s\"%s\"", first ? "" : ",", nk_evidence_name(bit));
		else
			fprintf(f, "%s%s", first ? "" : ", ", nk_evidence_name(bit));
		first = false;
	}
	if (first && !json)
		fputs("none", f);
}

static void print_text(const side *a, const side *b, const nk_match *m,
		       long diff)
{
	print_side("A", a);
	putchar('\n');
	print_side("B", b);
	printf("\nmatch: %s (score %.2f; evidence: ",
	       nk_match_kind_name(m->kind), m->score);
	print_evidence(stdout, m->evidence, false);
	fputs(")\n", stdout);
	if (diff < 0) {
		puts("the traces are the same at every step");
		return;
	}
	const size_t i = (size_t)diff;
	printf("the traces part at step %ld:\n", diff + 1);
	printf("  A: %s\n", i < a->n ? a->lines[i].detail : "(no more steps)");
	printf("  B: %s\n", i < b->n ? b->lines[i].detail : "(no more steps)");
}

static void json_side(const side *s)
{
	fputs("{\"name\":", stdout);
	nk_cli_json_string(stdout, s->name, strlen(s->name));
	printf(",\"lang\":\"%s\",\"keys\":", nk_lang_name(s->info.lang));
	nk_cli_json_string(stdout, s->keys, strlen(s->keys));
	fputs(",\"trace\":[", stdout);
	for (size_t i = 0; i < s->n; i++) {
		printf("%s{\"stage\":\"%s\",\"detail\":", i ? "," : "",
		       s->lines[i].stage);
		nk_cli_json_string(stdout, s->lines[i].detail,
				   strlen(s->lines[i].detail));
		putchar('}');
	}
	fputs("]}", stdout);
}

static void print_json(const side *a, const side *b, const nk_match *m,
		       long diff)
{
	fputs("{\"a\":", stdout);
	json_side(a);
	fputs(",\"b\":", stdout);
	json_side(b);
	printf(",\"match\":{\"kind\":\"%s\",\"score\":%.3f,\"evidence\":[",
	       nk_match_kind_name(m->kind), m->score);
	print_evidence(stdout, m->evidence, true);
	printf("]},\"first_difference\":%ld}\n", diff < 0 ? -1 : diff + 1);
}

static int usage_error(const char *what, const char *arg)
{
	nk_cli_error("%s '%s'; see 'namekey explain --help'", what, arg);
	return NK_EXIT_USAGE;
}

static int report_failure(const side *s)
{
	if (s->rc == NK_EUTF8)
		nk_cli_error("'%s': invalid UTF-8 at byte %zu", s->name,
			     s->info.error_offset + 1);
	else
		nk_cli_error("'%s': %s", s->name, nk_strerror(s->rc));
	return NK_EXIT_USAGE;
}

/* Key both sides with traces, compare, print; the exit status. */
static int explain(side *s, const nk_ctx *ctx, const nk_key_options *ko,
		   bool json)
{
	nk_match m;

	for (int i = 0; i < 2; i++) {
		key_side(&s[i], ctx, ko);
		if (s[i].rc != NK_OK)
			return report_failure(&s[i]);
	}
	if (nk_compare(&m, ctx, s[0].name, strlen(s[0].name), s[1].name,
		       strlen(s[1].name), ko) != NK_OK) {
		nk_cli_error("comparing the names failed");
		return NK_EXIT_FAILURE;
	}
	const long diff = first_difference(&s[0], &s[1]);
	if (json)
		print_json(&s[0], &s[1], &m, diff);
	else
		print_text(&s[0], &s[1], &m, diff);
	return m.kind >= NK_MATCH_COMPATIBLE ? NK_EXIT_OK : NK_EXIT_INPUT;
}

static int run_explain(int argc, char **argv)
{
	nk_key_options ko = NK_KEY_OPTIONS_INIT;
	const char *names[2];
	size_t nnames = 0;
	bool json = false;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (nk_cli_is_help(a)) {
			fputs(nk_cmd_explain.usage, stdout);
			return NK_EXIT_OK;
		} else if (strcmp(a, "--json") == 0) {
			json = true;
		} else if (strcmp(a, "--fold-gender") == 0) {
			ko.flags |= NK_KEY_FOLD_GENDER;
		} else if (a[0] == '-' && a[1] != '\0') {
			return usage_error("unknown option", a);
		} else if (nnames == 2) {
			return usage_error("a third name", a);
		} else {
			names[nnames++] = a;
		}
	}
	if (nnames != 2) {
		nk_cli_error("explain takes two names; see 'namekey explain --help'");
		return NK_EXIT_USAGE;
	}
	nk_ctx *ctx;
	side *sides = calloc(2, sizeof *sides);
	if (!sides || nk_ctx_new(&ctx, NULL) != NK_OK) {
		nk_cli_error("cannot start: out of memory");
		free(sides);
		return NK_EXIT_FAILURE;
	}
	sides[0].name = names[0];
	sides[1].name = names[1];
	const int st = explain(sides, ctx, &ko, json);
	nk_ctx_unref(ctx);
	free(sides);
	return st;
}

const nk_cli_cmd nk_cmd_explain = {
	.name = "explain",
	.run = run_explain,
	.summary = "show why two names match or not",
	.usage =
		"Usage: namekey explain [--json] [--fold-gender] NAME NAME\n"
		"\n"
		"Say whether the two names match (equal keys, compatible, near,\n"
		"or different) and show, for each, the trace of the normalizer:\n"
		"the tokens, the language decision, every rule that fired and the\n"
		"final key; then the first step where the two traces part.\n"
		"--json gives the same as one JSON object.\n"
		"\n"
		"Exit status, as with cmp: 0 the names match (equal or\n"
		"compatible), 1 they do not (near or different), 2 usage error or\n"
		"a name that cannot be keyed, 3 failure.\n",
};
