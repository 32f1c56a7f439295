/*
 * cmd_store.c - the store commands (add, alias, unalias, merge, split,
 * rename, show, list, history, undo, resolve, import, export, reindex,
 * check): parse the command line, open the store, call one nk_store_*
 * function, print its answer.  Everything else is in the library.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

#define ARGS_MAX 64
#define TIME_TEXT_MAX 32

/* Options a command accepts (beyond --db, --help). */
enum opt {
	OPT_JSON = 1u << 0,
	OPT_LANG = 1u << 1,
	OPT_NOTE = 1u << 2,
	OPT_SOURCE = 1u << 3,
	OPT_ALIAS = 1u << 4,
	OPT_FORMAT = 1u << 5,
	OPT_SKIP_BAD = 1u << 6,
	OPT_NEAR = 1u << 7
};

typedef struct job job;

typedef struct spec {
	const nk_cli_cmd *cmd;
	unsigned opts;     /* enum opt */
	int min_args, max_args;
	int ids;           /* leading arguments that are identity ids */
	bool create;       /* writes: make the store if missing */
	int (*act)(job *j);
} spec;

struct job {
	const spec *sp;
	nk_store *st;
	const char *db;
	bool json, skip_bad, lang_set;
	nk_lang lang;
	const char *note, *source;
	nk_format format;
	unsigned resolve_flags;
	const char *aliases[ARGS_MAX];
	size_t naliases;
	char **args;
	int nargs;
	unsigned long printed; /* JSON array items so far */
};

/* ---------------------------------------------------------------- */
/* Command line                                                       */
/* ---------------------------------------------------------------- */

static int usage_error(const job *j, const char *what, const char *arg)
{
	nk_cli_error("%s '%s'", what, arg);
	fprintf(stderr, "Try 'namekey %s --help'.\n", j->sp->cmd->name);
	return NK_EXIT_USAGE;
}

static bool parse_format(const char *s, nk_format *out)
{
	static const struct {
		const char *name;
		nk_format f;
	} formats[] = { { "tsv", NK_FORMAT_TSV }, { "csv", NK_FORMAT_CSV },
			{ "jsonl", NK_FORMAT_JSONL } };
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
		if (strcmp(s, formats[i].name) == 0) {
			*out = formats[i].f;
			return true;
		}
	return false;
}

/* An option with a value: returns the value, or NULL (usage error). */
static const char *value(job *j, int argc, char **argv, int *i, unsigned opt)
{
	if (!(j->sp->opts & opt) || *i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

static int parse_valued(job *j, int argc, char **argv, int *i)
{
	const char *a = argv[*i];
	const char *v = NULL;
	if (strcmp(a, "--db") == 0 && *i + 1 < argc) {
		j->db = argv[++*i];
		return NK_EXIT_OK;
	}
	if (strcmp(a, "--lang") == 0 && (v = value(j, argc, argv, i, OPT_LANG))) {
		j->lang_set = true;
		return nk_cli_parse_lang(v, &j->lang) ? NK_EXIT_OK
			: usage_error(j, "unknown language", v);
	}
	if (strcmp(a, "--note") == 0 && (v = value(j, argc, argv, i, OPT_NOTE))) {
		j->note = v;
		return NK_EXIT_OK;
	}
	if (strcmp(a, "--source") == 0 &&
	    (v = value(j, argc, argv, i, OPT_SOURCE))) {
		j->source = v;
		return NK_EXIT_OK;
	}
	if (strcmp(a, "--format") == 0 &&
	    (v = value(j, argc, argv, i, OPT_FORMAT)))
		return parse_format(v, &j->format) ? NK_EXIT_OK
			: usage_error(j, "unknown format", v);
	if (strcmp(a, "--alias") == 0 &&
	    (v = value(j, argc, argv, i, OPT_ALIAS))) {
		if (j->naliases == ARGS_MAX)
			return usage_error(j, "too many aliases", v);
		j->aliases[j->naliases++] = v;
		return NK_EXIT_OK;
	}
	return usage_error(j, "unknown option or missing value", a);
}

static int parse_flag(job *j, const char *a, bool *done)
{
	*done = true;
	if (strcmp(a, "--json") == 0 && (j->sp->opts & OPT_JSON))
		j->json = true;
	else if (strcmp(a, "--skip-bad") == 0 && (j->sp->opts & OPT_SKIP_BAD))
		j->skip_bad = true;
	else if (strcmp(a, "--near") == 0 && (j->sp->opts & OPT_NEAR))
		j->resolve_flags |= NK_RESOLVE_ALWAYS_NEAR;
	else if (strcmp(a, "--no-near") == 0 && (j->sp->opts & OPT_NEAR))
		j->resolve_flags |= NK_RESOLVE_NO_NEAR;
	else
		*done = false;
	return NK_EXIT_OK;
}

static bool parse_id(const char *s, long long *id)
{
	char *end;
	errno = 0;
	*id = strtoll(s, &end, 10);
	return errno == 0 && end != s && *end == '\0' && *id > 0;
}

/* Options may come before, between and after the arguments. */
static int parse(job *j, int argc, char **argv)
{
	bool only_args = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool done;
		if (only_args || a[0] != '-' || a[1] == '\0') {
			if (j->nargs == ARGS_MAX)
				return usage_error(j, "too many arguments", a);
			j->args[j->nargs++] = argv[i];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_args = true;
			continue;
		}
		parse_flag(j, a, &done);
		if (done)
			continue;
		const int rc = parse_valued(j, argc, argv, &i);
		if (rc != NK_EXIT_OK)
			return rc;
	}
	if (j->nargs < j->sp->min_args || j->nargs > j->sp->max_args) {
		nk_cli_error("%s: wrong number of arguments", j->sp->cmd->name);
		fprintf(stderr, "Try 'namekey %s --help'.\n", j->sp->cmd->name);
		return NK_EXIT_USAGE;
	}
	long long id;
	for (int i = 0; i < j->sp->ids && i < j->nargs; i++)
		if (!parse_id(j->args[i], &id))
			return usage_error(j, "not an identity id", j->args[i]);
	return NK_EXIT_OK;
}

/* ---------------------------------------------------------------- */
/* Running                                                            */
/* ---------------------------------------------------------------- */

/* Exit status for a library error: bad input 1, anything else 3. */
static int fail(const job *j, int rc)
{
	nk_cli_error("%s", j->st ? nk_store_errmsg(j->st) : nk_strerror(rc));
	return nk_cli_exit_of(rc);
}

static int open_store(job *j, nk_ctx *ctx)
{
	return nk_cli_open_store(&j->st, ctx, j->db, j->sp->create,
				 strcmp(j->sp->cmd->name, "reindex") != 0);
}

static int run_store(const spec *sp, int argc, char **argv)
{
	char *args[ARGS_MAX];
	job j = { .sp = sp, .args = args, .format = NK_FORMAT_AUTO };
	for (int i = 1; i < argc; i++)
		if (nk_cli_is_help(argv[i])) {
			fputs(sp->cmd->usage, stdout);
			return NK_EXIT_OK;
		}
	int rc = parse(&j, argc, argv);
	if (rc != NK_EXIT_OK)
		return rc;
	nk_ctx *ctx;
	const int nrc = nk_ctx_new(&ctx, NULL);
	if (nrc != NK_OK) {
		nk_cli_error("cannot start: %s", nk_strerror(nrc));
		return NK_EXIT_FAILURE;
	}
	rc = open_store(&j, ctx);
	if (rc == NK_EXIT_OK)
		rc = sp->act(&j);
	nk_store_close(j.st);
	nk_ctx_unref(ctx);
	if (fflush(stdout) != 0) {
		nk_cli_error("output error");
		return NK_EXIT_FAILURE;
	}
	return rc;
}

static const char *iso_time(long long t, char *buf)
{
	const time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm) ||
	    !strftime(buf, TIME_TEXT_MAX, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, TIME_TEXT_MAX, "%lld", t);
	return buf;
}

/* ---------------------------------------------------------------- */
/* Writing commands                                                   */
/* ---------------------------------------------------------------- */

static int print_id(const job *j, long long id)
{
	if (j->json)
		printf("{\"id\":%lld}\n", id);
	else
		printf("%lld\n", id);
	return NK_EXIT_OK;
}

static int act_add(job *j)
{
	nk_add_options o = NK_ADD_OPTIONS_INIT;
	o.lang = j->lang;
	o.note = j->note;
	o.source = j->source;
	long long id;
	const int rc = nk_store_add(&id, j->st, j->args[0], j->aliases,
				    j->naliases, &o);
	return rc == NK_OK ? print_id(j, id) : fail(j, rc);
}

/* The first n arguments as ids. */
static int ids(const job *j, long long *out, int n)
{
	for (int i = 0; i < n; i++)
		if (!parse_id(j->args[i], &out[i]))
			return usage_error(j, "not an identity id", j->args[i]);
	return NK_EXIT_OK;
}

static int act_alias(job *j)
{
	long long id;
	int rc = ids(j, &id, 1);
	if (rc != NK_EXIT_OK)
		return rc;
	rc = nk_store_alias(j->st, id, j->args[1], j->source);
	return rc == NK_OK ? NK_EXIT_OK : fail(j, rc);
}

static int act_unalias(job *j)
{
	long long id;
	int rc = ids(j, &id, 1);
	if (rc != NK_EXIT_OK)
		return rc;
	rc = nk_store_unalias(j->st, id, j->args[1]);
	return rc == NK_OK ? NK_EXIT_OK : fail(j, rc);
}

static int act_merge(job *j)
{
	long long id[2];
	int rc = ids(j, id, 2);
	if (rc != NK_EXIT_OK)
		return rc;
	rc = nk_store_merge(j->st, id[0], id[1]);
	return rc == NK_OK ? NK_EXIT_OK : fail(j, rc);
}

static int act_split(job *j)
{
	long long id, new_id;
	int rc = ids(j, &id, 1);
	if (rc != NK_EXIT_OK)
		return rc;
	rc = nk_store_split(&new_id, j->st, id, (const char *const *)j->args + 1,
			    (size_t)j->nargs - 1);
	return rc == NK_OK ? print_id(j, new_id) : fail(j, rc);
}

static int act_rename(job *j)
{
	long long id;
	int rc = ids(j, &id, 1);
	if (rc != NK_EXIT_OK)
		return rc;
	rc = nk_store_rename(j->st, id, j->args[1]);
	return rc == NK_OK ? NK_EXIT_OK : fail(j, rc);
}

static void print_change(const job *j, const nk_change *c)
{
	char t[TIME_TEXT_MAX];
	if (j->json) {
		printf("{\"change\":%lld,\"at\":%lld,\"op\":\"%s\","
		       "\"identity\":%lld,\"other\":%lld,\"detail\":%s,"
		       "\"undone\":%lld}\n", c->id, c->at, c->op, c->identity,
		       c->other, c->detail, c->undone);
		return;
	}
	printf("%lld\t%s\t%s\t%lld\t%lld\t%s", c->id, iso_time(c->at, t),
	       c->op, c->identity, c->other, c->detail);
	if (c->undone)
		printf("\tundone %s", iso_time(c->undone, t));
	putchar('\n');
}

static int act_undo(job *j)
{
	nk_change c;
	const int rc = nk_store_undo(&c, j->st);
	if (rc != NK_OK)
		return fail(j, rc);
	print_change(j, &c);
	return NK_EXIT_OK;
}

static int act_reindex(job *j)
{
	const int rc = nk_store_reindex(j->st);
	return rc == NK_OK ? NK_EXIT_OK : fail(j, rc);
}

/* ---------------------------------------------------------------- */
/* Reading commands                                                   */
/* ---------------------------------------------------------------- */

static int print_identity(void *data, const nk_identity *r)
{
	const job *j = data;
	char c[TIME_TEXT_MAX], u[TIME_TEXT_MAX];
	if (j->json) {
		printf("{\"id\":%lld,\"display\":", r->id);
		nk_cli_json_cstr(stdout, r->display);
		printf(",\"lang\":\"%s\",\"note\":", nk_lang_name(r->lang));
		nk_cli_json_cstr(stdout, r->note);
		printf(",\"created\":%lld,\"updated\":%lld,\"aliases\":%lld",
		       r->created, r->updated, r->naliases);
		/* show goes on with the aliases; see act_show */
		fputs(strcmp(j->sp->cmd->name, "show") == 0 ? ",\"names\":["
							   : "}\n", stdout);
		return 0;
	}
	if (strcmp(j->sp->cmd->name, "list") == 0) {
		printf("%lld\t%s\t%lld\n", r->id, r->display, r->naliases);
		return 0;
	}
	printf("id\t%lld\ndisplay\t%s\nlang\t%s\n", r->id, r->display,
	       nk_lang_name(r->lang));
	if (r->note)
		printf("note\t%s\n", r->note);
	printf("created\t%s\nupdated\t%s\n", iso_time(r->created, c),
	       iso_time(r->updated, u));
	return 0;
}

static int print_alias(void *data, const nk_alias *a)
{
	job *j = data;
	if (j->json) {
		printf("%s{\"id\":%lld,\"name\":", j->printed++ ? "," : "",
		       a->id);
		nk_cli_json_cstr(stdout, a->name);
		fputs(",\"keys\":", stdout);
		nk_cli_json_words(stdout, a->keys);
		fputs(",\"source\":", stdout);
		nk_cli_json_cstr(stdout, a->source);
		printf(",\"added\":%lld,\"key_format\":%d}", a->added,
		       a->key_format);
		return 0;
	}
	printf("alias\t%lld\t%s\t%s", a->id, a->name, a->keys);
	if (a->source)
		printf("\t%s", a->source);
	putchar('\n');
	return 0;
}

static int act_show(job *j)
{
	long long id;
	int rc = ids(j, &id, 1);
	if (rc != NK_EXIT_OK)
		return rc;
	rc = nk_store_show(j->st, id, print_identity, print_alias, j);
	if (rc != NK_OK)
		return fail(j, rc);
	if (j->json)
		fputs("]}\n", stdout);
	return NK_EXIT_OK;
}

static int act_list(job *j)
{
	const int rc = nk_store_list(j->st, print_identity, j);
	return rc == NK_OK ? NK_EXIT_OK : fail(j, rc);
}

static int history_row(void *data, const nk_change *c)
{
	print_change(data, c);
	return 0;
}

static int act_history(job *j)
{
	long long id = 0;
	if (j->nargs == 1 && !parse_id(j->args[0], &id))
		return usage_error(j, "not an identity id", j->args[0]);
	const int rc = nk_store_history(j->st, id, history_row, j);
	return rc == NK_OK ? NK_EXIT_OK : fail(j, rc);
}

static void print_resolution_json(const char *name, const nk_resolution *r)
{
	fputs("{\"name\":", stdout);
	nk_cli_json_cstr(stdout, name);
	fputs(",\"keys\":", stdout);
	nk_cli_json_words(stdout, r->keys);
	printf(",\"resolved\":%s,\"candidates\":[",
	       r->resolved ? "true" : "false");
	for (size_t i = 0; i < r->n; i++) {
		const nk_candidate *c = &r->cand[i];
		printf("%s{\"id\":%lld,\"display\":", i ? "," : "",
		       c->identity);
		nk_cli_json_cstr(stdout, c->display);
		printf(",\"score\":%.2f,\"evidence\":\"%s\",\"alias\":",
		       c->score, nk_store_evidence_name(c->evidence));
		nk_cli_json_cstr(stdout, c->alias);
		putchar('}');
	}
	fputs("]}\n", stdout);
}

static int act_resolve(job *j)
{
	nk_resolve_options o = NK_RESOLVE_OPTIONS_INIT;
	o.lang = j->lang;
	o.flags = j->resolve_flags;
	int status = NK_EXIT_OK;
	for (int i = 0; i < j->nargs; i++) {
		nk_resolution r;
		const char *name = j->args[i];
		const int rc = nk_store_resolve(&r, j->st, name, strlen(name),
						&o);
		if (rc != NK_OK)
			return fail(j, rc);
		if (!r.resolved)
			status = NK_EXIT_INPUT;
		if (j->json) {
			print_resolution_json(name, &r);
			continue;
		}
		for (size_t k = 0; k < r.n; k++)
			printf("%s\t%.2f\t%s\t%lld\t%s\t%s\n", name,
			       r.cand[k].score,
			       nk_store_evidence_name(r.cand[k].evidence),
			       r.cand[k].identity, r.cand[k].display,
			       r.cand[k].alias);
	}
	return status;
}

static void print_problem(void *data, const char *problem)
{
	job *j = data;
	if (j->json) {
		fputs(j->printed++ ? "," : "", stdout);
		nk_cli_json_cstr(stdout, problem);
	} else {
		puts(problem);
	}
}

static int act_check(job *j)
{
	if (j->json)
		fputs("{\"problems\":[", stdout);
	const int rc = nk_store_check(j->st, print_problem, j);
	if (j->json)
		printf("],\"ok\":%s}\n", rc == NK_OK ? "true" : "false");
	if (rc == NK_ECORRUPT) {
		nk_cli_error("%s", nk_store_errmsg(j->st));
		return NK_EXIT_INPUT;
	}
	return rc == NK_OK ? NK_EXIT_OK : fail(j, rc);
}

/* ---------------------------------------------------------------- */
/* Import and export                                                  */
/* ---------------------------------------------------------------- */

static long read_file(void *data, char *buf, size_t cap)
{
	FILE *f = data;
	const size_t n = fread(buf, 1, cap, f);
	return n == 0 && ferror(f) ? -1 : (long)n;
}

static int write_file(void *data, const char *buf, size_t len)
{
	return fwrite(buf, 1, len, data) != len;
}

static void report_skip(void *data, unsigned long row, const char *why)
{
	const job *j = data;
	nk_cli_error("%s: row %lu: %s; skipped", j->args[0], row, why);
}

static int act_import(job *j)
{
	const char *path = j->args[0];
	nk_import_options o = NK_IMPORT_OPTIONS_INIT;
	o.format = j->format ? j->format : nk_format_from_path(path);
	if (o.format == NK_FORMAT_AUTO)
		return usage_error(j, "cannot tell the format of (use "
				   "--format)", path);
	o.flags = j->skip_bad ? NK_IMPORT_SKIP_BAD : 0;
	o.skip = report_skip;
	o.skip_data = j;
	o.label = path;
	const bool std = strcmp(path, "-") == 0;
	FILE *f = std ? stdin : fopen(path, "rb");
	if (!f) {
		nk_cli_error("%s: %s", path, strerror(errno));
		return NK_EXIT_FAILURE;
	}
	nk_import_report rep;
	const int rc = nk_store_import(&rep, j->st, read_file, f, &o);
	if (!std)
		fclose(f);
	if (rc != NK_OK)
		return fail(j, rc);
	if (j->json)
		printf("{\"rows\":%lu,\"aliases\":%lu,\"identities\":%lu,"
		       "\"skipped\":%lu}\n", rep.rows, rep.aliases,
		       rep.identities, rep.skipped);
	else
		fprintf(stderr, NK_PROG ": imported %lu aliases of %lu new "
			"identities from %lu rows (%lu skipped)\n", rep.aliases,
			rep.identities, rep.rows, rep.skipped);
	return rep.skipped ? NK_EXIT_INPUT : NK_EXIT_OK;
}

static int act_export(job *j)
{
	const char *path = j->nargs ? j->args[0] : "-";
	const bool std = strcmp(path, "-") == 0;
	nk_format format = j->format;
	if (!format && !std)
		format = nk_format_from_path(path);
	if (!format)
		format = NK_FORMAT_TSV;
	FILE *f = std ? stdout : fopen(path, "wb");
	if (!f) {
		nk_cli_error("%s: %s", path, strerror(errno));
		return NK_EXIT_FAILURE;
	}
	int rc = nk_store_export(j->st, write_file, f, format);
	if (!std && fclose(f) != 0 && rc == NK_OK) {
		nk_cli_error("%s: %s", path, strerror(errno));
		return NK_EXIT_FAILURE;
	}
	return rc == NK_OK ? NK_EXIT_OK : fail(j, rc);
}

/* ---------------------------------------------------------------- */
/* The command table                                                  */
/* ---------------------------------------------------------------- */

#define DB_HELP \
	"  --db PATH       the store (default $NAMEKEY_DB, else\n" \
	"                  $XDG_DATA_HOME/namekey/namekey.db)\n"
#define HELP_HELP "  -h, --help      show this help\n"
#define EXIT_HELP \
	"Exit status: 0 done, 1 bad input or not found, 2 usage error,\n" \
	"3 store or I/O failure.\n"

#define STORE_CMD(id, nm, opt, lo, hi, nid, mk, summ, use)               \
	static int act_##id(job *j);                                     \
	static int run_##id(int argc, char **argv);                      \
	const nk_cli_cmd nk_cmd_##id = { .name = nm, .run = run_##id,    \
					 .summary = summ, .usage = use }; \
	static const spec spec_##id = { &nk_cmd_##id, opt, lo, hi, nid,  \
					mk,                              \
					act_##id };                      \
	static int run_##id(int argc, char **argv)                       \
	{                                                                \
		return run_store(&spec_##id, argc, argv);                \
	}

STORE_CMD(add, "add", OPT_JSON | OPT_LANG | OPT_NOTE | OPT_SOURCE | OPT_ALIAS,
	  1, 1, 0, true, "add an identity to the store",
	  "Usage: namekey add NAME [--alias NAME]... [OPTIONS]\n"
	  "\n"
	  "Add an identity called NAME with NAME and each --alias as its\n"
	  "aliases; print its id.\n"
	  "\n"
	  "Options:\n"
	  "  --alias NAME    another name it is known by (repeatable)\n"
	  "  --lang LANG     auto (default), ru, ko, other: keys the aliases\n"
	  "  --note TEXT     a note on the identity\n"
	  "  --source TEXT   where the names come from\n"
	  "  --json          print {\"id\":N}\n"
	  DB_HELP HELP_HELP "\n" EXIT_HELP)

STORE_CMD(alias, "alias", OPT_SOURCE, 2, 2, 1, true,
	  "add a name to an identity",
	  "Usage: namekey alias ID NAME [--source TEXT] [--db PATH]\n"
	  "\n"
	  "Add NAME as an alias of identity ID.\n"
	  "\n"
	  "Options:\n"
	  "  --source TEXT   where the name comes from\n"
	  DB_HELP HELP_HELP "\n" EXIT_HELP)

STORE_CMD(unalias, "unalias", 0, 2, 2, 1, true,
	  "remove a name from an identity",
	  "Usage: namekey unalias ID NAME [--db PATH]\n"
	  "\n"
	  "Remove the alias NAME from identity ID (not its last one).\n"
	  "\n"
	  "Options:\n"
	  DB_HELP HELP_HELP "\n" EXIT_HELP)

STORE_CMD(merge, "merge", 0, 2, 2, 2, true, "merge two identities into one",
	  "Usage: namekey merge ID OTHER [--db PATH]\n"
	  "\n"
	  "Move every alias of identity OTHER to identity ID and delete\n"
	  "OTHER.  An alias both have is kept once.\n"
	  "\n"
	  "Options:\n"
	  DB_HELP HELP_HELP "\n" EXIT_HELP)

STORE_CMD(split, "split", OPT_JSON, 2, ARGS_MAX, 1, true,
	  "move aliases to a new identity",
	  "Usage: namekey split ID NAME... [--db PATH]\n"
	  "\n"
	  "Move the aliases NAME... of identity ID to a new identity called\n"
	  "the first NAME; print its id.  ID keeps at least one alias.\n"
	  "\n"
	  "Options:\n"
	  "  --json          print {\"id\":N}\n"
	  DB_HELP HELP_HELP "\n" EXIT_HELP)

STORE_CMD(rename, "rename", 0, 2, 2, 1, true, "change an identity's name",
	  "Usage: namekey rename ID NAME [--db PATH]\n"
	  "\n"
	  "Make NAME the display name of identity ID (and an alias, if it\n"
	  "is not one yet).\n"
	  "\n"
	  "Options:\n"
	  DB_HELP HELP_HELP "\n" EXIT_HELP)

STORE_CMD(show, "show", OPT_JSON, 1, 1, 1, false,
	  "show an identity and its aliases",
	  "Usage: namekey show ID [--json] [--db PATH]\n"
	  "\n"
	  "Print identity ID as FIELD<TAB>VALUE lines, then one line per\n"
	  "alias: alias<TAB>ALIAS-ID<TAB>NAME<TAB>KEYS[<TAB>SOURCE].\n"
	  "\n"
	  "Options:\n"
	  "  --json          one JSON object\n"
	  DB_HELP HELP_HELP "\n" EXIT_HELP)

STORE_CMD(list, "list", OPT_JSON, 0, 0, 0, false, "list the identities",
	  "Usage: namekey list [--json] [--db PATH]\n"
	  "\n"
	  "Print every identity: ID<TAB>DISPLAY<TAB>NUMBER-OF-ALIASES.\n"
	  "\n"
	  "Options:\n"
	  "  --json          one JSON object per line\n"
	  DB_HELP HELP_HELP "\n" EXIT_HELP)

STORE_CMD(history, "history", OPT_JSON, 0, 1, 1, false,
	  "show the changes made to the store",
	  "Usage: namekey history [ID] [--json] [--db PATH]\n"
	  "\n"
	  "Print every change (or those about identity ID), oldest first:\n"
	  "CHANGE<TAB>TIME<TAB>OP<TAB>ID<TAB>OTHER<TAB>DETAIL[<TAB>undone TIME]\n"
	  "\n"
	  "Options:\n"
	  "  --json          one JSON object per line\n"
	  DB_HELP HELP_HELP "\n" EXIT_HELP)

STORE_CMD(undo, "undo", OPT_JSON, 0, 0, 0, true, "undo the last change",
	  "Usage: namekey undo [--json] [--db PATH]\n"
	  "\n"
	  "Undo the latest change not undone yet, and print it as history\n"
	  "does.  Repeat to go further back.\n"
	  "\n"
	  "Options:\n"
	  "  --json          print the change as a JSON object\n"
	  DB_HELP HELP_HELP "\n" EXIT_HELP)

STORE_CMD(resolve, "resolve", OPT_JSON | OPT_LANG | OPT_NEAR, 1, ARGS_MAX, 0,
	  false, "find the identities a name may denote",
	  "Usage: namekey resolve NAME... [OPTIONS]\n"
	  "\n"
	  "Print the identities each NAME may denote, best first:\n"
	  "NAME<TAB>SCORE<TAB>EVIDENCE<TAB>ID<TAB>DISPLAY<TAB>ALIAS\n"
	  "Evidence: exact (an alias written so, 1.00), key (same key,\n"
	  "0.90), compatible (0.80), near (a key one typo away, 0.70).\n"
	  "\n"
	  "Options:\n"
	  "  --lang LANG     key the name as LANG\n"
	  "  --near          look for near keys even after a match\n"
	  "  --no-near       never look for near keys\n"
	  "  --json          one JSON object per name\n"
	  DB_HELP HELP_HELP
	  "\n"
	  "Exit status: 0 every NAME resolved to one identity, 1 some did\n"
	  "not (no candidate, or several), 2 usage error, 3 store failure.\n")

STORE_CMD(import, "import", OPT_JSON | OPT_FORMAT | OPT_SKIP_BAD, 1, 1, 0, true,
	  "import identities and aliases from a file",
	  "Usage: namekey import FILE [--format tsv|csv|jsonl] [--skip-bad]\n"
	  "\n"
	  "Import rows of ref, name[, display, lang, note, source, added,\n"
	  "created, updated] from FILE (- for standard input) in one\n"
	  "transaction.  Rows with the same ref become one new identity.\n"
	  "TSV and CSV may start with a header naming the columns (first\n"
	  "column \"ref\"); JSONL objects use the names as keys.  TSV\n"
	  "escapes \\t \\n \\r \\\\; CSV quotes as RFC 4180.\n"
	  "\n"
	  "Options:\n"
	  "  --format F      tsv, csv or jsonl (default: from the extension)\n"
	  "  --skip-bad      skip bad rows, reporting each, instead of\n"
	  "                  importing nothing\n"
	  "  --json          print the counts as JSON\n"
	  DB_HELP HELP_HELP "\n" EXIT_HELP)

STORE_CMD(export, "export", OPT_FORMAT, 0, 1, 0, false,
	  "write the store as TSV, CSV or JSONL",
	  "Usage: namekey export [FILE] [--format tsv|csv|jsonl] [--db PATH]\n"
	  "\n"
	  "Write every alias with its identity, in the columns import\n"
	  "reads, to FILE or standard output (default format TSV, or from\n"
	  "FILE's extension).  Importing it into an empty store gives the\n"
	  "same store.\n"
	  "\n"
	  "Options:\n"
	  "  --format F      tsv, csv or jsonl\n"
	  DB_HELP HELP_HELP "\n" EXIT_HELP)

STORE_CMD(reindex, "reindex", 0, 0, 0, 0, true,
	  "recompute every key with this key format",
	  "Usage: namekey reindex [--db PATH]\n"
	  "\n"
	  "Recompute the keys of every alias, and the near-key index, in\n"
	  "one transaction: needed after the key format changes.\n"
	  "\n"
	  "Options:\n"
	  DB_HELP HELP_HELP "\n" EXIT_HELP)

STORE_CMD(check, "check", OPT_JSON, 0, 0, 0, false, "check the store",
	  "Usage: namekey check [--json] [--db PATH]\n"
	  "\n"
	  "Run SQLite's integrity check and check the store's own rules:\n"
	  "every alias has keys, the keys are the current key function's,\n"
	  "the near index covers them, nothing is orphaned, the history\n"
	  "explains every identity.  Prints one problem per line.\n"
	  "\n"
	  "Options:\n"
	  "  --json          {\"problems\":[...],\"ok\":BOOL}\n"
	  DB_HELP HELP_HELP
	  "\n"
	  "Exit status: 0 no problems, 1 problems, 3 store failure.\n")
