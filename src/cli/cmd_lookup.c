/*
 * cmd_lookup.c - `namekey lookup`: for each name typed at the prompt
 * (prompt.c) or read from standard input, its keys, language and likely
 * romanization system (spelling.c), and the identities of the store it
 * may denote; and the in-prompt commands (:add :alias :merge :show :undo) that edit
 * the store one undoable change at a time.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "prompt.h"
#include "spelling.h"
#include "width.h"

#define CANDIDATES_SHOWN 20
#define MESSAGE_MAX 1024
#define IDS_MAX 2
#define EVIDENCE_COLUMNS 10 /* "compatible" */
#define RANK_COLUMNS 4      /* "rank" */

typedef struct strlist {
	char **s;
	size_t n, cap;
} strlist;

typedef struct hit {
	long long id;
	double score;
	nk_store_evidence evidence;
	char *display;
	strlist aliases;   /* the evidence alias, then others sharing a key */
} hit;

enum match { MATCH_RESOLVED, MATCH_AMBIGUOUS, MATCH_NEAREST, MATCH_NONE };

static const char *const match_names[] = {
	[MATCH_RESOLVED] = "resolved",
	[MATCH_AMBIGUOUS] = "ambiguous",
	[MATCH_NEAREST] = "nearest",
	[MATCH_NONE] = "none",
};

typedef struct answer {
	const char *name;
	char keys[NK_KEY_MAX];
	nk_key_info info;
	nk_spelling sp;
	enum match match;
	hit hits[CANDIDATES_SHOWN];
	size_t nhits;
	size_t more;       /* candidates beyond CANDIDATES_SHOWN */
} answer;

typedef struct session {
	nk_ctx *ctx;
	nk_store *st;
	bool json;
	bool interactive;
	bool quit;
	unsigned long lineno;
	size_t offset;     /* bytes trimmed off the start of the line */
	int status;        /* the worst exit status so far */
} session;

/* ---------------------------------------------------------------- */
/* Small helpers                                                      */
/* ---------------------------------------------------------------- */

static bool strlist_add(strlist *l, const char *s)
{
	if (l->n == l->cap) {
		const size_t cap = l->cap ? 2 * l->cap : 4;
		char **grown = realloc(l->s, cap * sizeof *grown);
		if (!grown)
			return false;
		l->s = grown;
		l->cap = cap;
	}
	char *copy = strdup(s);
	if (!copy)
		return false;
	l->s[l->n++] = copy;
	return true;
}

static bool strlist_has(const strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->s[i], s) == 0)
			return true;
	return false;
}

static void strlist_free(strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->s[i]);
	free(l->s);
}

static int digits(long long v)
{
	int n = 1;
	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

/* Do two space-separated key lists share a key? */
static bool keys_meet(const char *a, const char *b)
{
	for (const char *p = a; *p;) {
		const size_t n = strcspn(p, " ");
		for (const char *q = b; *q;) {
			const size_t m = strcspn(q, " ");
			if (n == m && memcmp(p, q, n) == 0)
				return true;
			q += m + (q[m] == ' ');
		}
		p += n + (p[n] == ' ');
	}
	return false;
}

/* ---------------------------------------------------------------- */
/* Messages and exit status                                           */
/* ---------------------------------------------------------------- */

static void worsen(session *s, int status)
{
	if (status > s->status)
		s->status = status;
}

/* One line on stderr; in batch mode naming the input line. */
static void report(const session *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void report(const session *s, const char *fmt, ...)
{
	char msg[MESSAGE_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (s->interactive)
		nk_cli_error("%s", msg);
	else
		nk_cli_error("line %lu: %s", s->lineno, msg);
}

/* A library error: bad input 1 (the session goes on), else 3.  Memory
 * can run out here as well as in the store, whose message is then not
 * about it. */
static void report_store(session *s, const char *what, int rc)
{
	report(s, "%s: %s", what, rc == NK_ENOMEM ? nk_strerror(rc)
						  : nk_store_errmsg(s->st));
	worsen(s, nk_cli_exit_of(rc));
}

static void report_key(session *s, int rc, const answer *a)
{
	worsen(s, NK_EXIT_INPUT);
	if (rc == NK_EUTF8)
		report(s, "invalid UTF-8 or NUL byte at byte %zu; skipped",
		       s->offset + a->info.error_offset + 1);
	else if (rc == NK_ETOOLONG)
		report(s, "name too long (%zu bytes, at most %d); skipped",
		       strlen(a->name), NK_NAME_MAX);
	else if (rc == NK_EEMPTY)
		report(s, "no name to key");
	else
		report(s, "%s", nk_strerror(rc));
}

/* ---------------------------------------------------------------- */
/* Looking a name up                                                  */
/* ---------------------------------------------------------------- */

static int key_name(const session *s, answer *a)
{
	nk_key_options o = NK_KEY_OPTIONS_INIT;
	o.trace = nk_spelling_trace;
	o.trace_data = &a->sp;
	const int rc = nk_key(&a->info, a->keys, sizeof a->keys, s->ctx,
			      a->name, strlen(a->name), &o);
	if (rc == NK_OK)
		nk_spelling_finish(&a->sp, a->info.lang);
	return rc;
}

static enum match classify(const nk_resolution *r)
{
	if (r->resolved)
		return MATCH_RESOLVED;
	if (r->n == 0)
		return MATCH_NONE;
	return r->cand[0].evidence <= NK_STORE_KEY ? MATCH_AMBIGUOUS
						    : MATCH_NEAREST;
}

/* The resolution's strings live until the next call on the store. */
static int copy_hits(answer *a, const nk_resolution *r)
{
	a->nhits = r->n < CANDIDATES_SHOWN ? r->n : CANDIDATES_SHOWN;
	a->more = r->n - a->nhits;
	for (size_t i = 0; i < a->nhits; i++) {
		hit *h = &a->hits[i];
		const nk_candidate *c = &r->cand[i];
		h->id = c->identity;
		h->score = c->score;
		h->evidence = c->evidence;
		h->display = strdup(c->display);
		if (!h->display || !strlist_add(&h->aliases, c->alias))
			return NK_ENOMEM;
	}
	return NK_OK;
}

/* The ranked identities; when none is the one meant, the near ones
 * too. */
static int resolve(session *s, answer *a)
{
	const size_t len = strlen(a->name);
	nk_resolution r;
	int rc = nk_store_resolve(&r, s->st, a->name, len, NULL);
	if (rc == NK_OK && !r.resolved) {
		nk_resolve_options o = NK_RESOLVE_OPTIONS_INIT;
		o.flags = NK_RESOLVE_ALWAYS_NEAR;
		rc = nk_store_resolve(&r, s->st, a->name, len, &o);
	}
	if (rc != NK_OK)
		return rc;
	a->match = classify(&r);
	return copy_hits(a, &r);
}

typedef struct alias_scan {
	const answer *a;
	hit *h;
} alias_scan;

static int matched_alias(void *data, const nk_alias *alias)
{
	alias_scan *scan = data;
	const bool matches = strcmp(alias->name, scan->a->name) == 0 ||
			     keys_meet(alias->keys, scan->a->keys);
	if (!matches || strlist_has(&scan->h->aliases, alias->name))
		return 0;
	return strlist_add(&scan->h->aliases, alias->name) ? 0 : NK_ENOMEM;
}

/* Besides the alias that gave the evidence, those sharing a key. */
static int collect_aliases(session *s, answer *a)
{
	for (size_t i = 0; i < a->nhits; i++) {
		alias_scan scan = { a, &a->hits[i] };
		const int rc = nk_store_show(s->st, a->hits[i].id, NULL,
					     matched_alias, &scan);
		if (rc != NK_OK)
			return rc;
	}
	return NK_OK;
}

static void answer_free(answer *a)
{
	for (size_t i = 0; i < a->nhits; i++) {
		free(a->hits[i].display);
		strlist_free(&a->hits[i].aliases);
	}
}

/* ---------------------------------------------------------------- */
/* Showing the answer                                                 */
/* ---------------------------------------------------------------- */

static void print_match(const answer *a)
{
	fputs("  match     ", stdout);
	switch (a->match) {
	case MATCH_RESOLVED:
		printf("resolved to identity %lld\n", a->hits[0].id);
		return;
	case MATCH_AMBIGUOUS:
		puts("ambiguous");
		return;
	case MATCH_NEAREST:
		puts("none; the nearest below");
		return;
	case MATCH_NONE:
		puts("none, nothing near");
		return;
	}
}

static void print_hits(const answer *a)
{
	int idw = (int)strlen("id");
	size_t namew = strlen("identity");
	for (size_t i = 0; i < a->nhits; i++) {
		const int d = digits(a->hits[i].id);
		const size_t w = nk_cli_width(a->hits[i].display,
					      strlen(a->hits[i].display));
		idw = d > idw ? d : idw;
		namew = w > namew ? w : namew;
	}
	printf("  rank  %*s  score  %-*s  ", idw, "id", EVIDENCE_COLUMNS,
	       "evidence");
	nk_cli_pad(stdout, "identity", namew);
	puts("  aliases matched");
	for (size_t i = 0; i < a->nhits; i++) {
		const hit *h = &a->hits[i];
		printf("  %*zu  %*lld  %5.2f  %-*s  ", RANK_COLUMNS, i + 1, idw,
		       h->id, h->score, EVIDENCE_COLUMNS,
		       nk_store_evidence_name(h->evidence));
		nk_cli_pad(stdout, h->display, namew);
		fputs("  ", stdout);
		for (size_t k = 0; k < h->aliases.n; k++)
			printf("%s%s", k ? "; " : "", h->aliases.s[k]);
		putchar('\n');
	}
}

static void print_text(const answer *a)
{
	printf("%s\n  keys      %s\n  language  %s\n  system    ", a->name,
	       a->keys, nk_lang_name(a->info.lang));
	nk_spelling_describe(&a->sp, stdout);
	putchar('\n');
	print_match(a);
	if (a->nhits)
		print_hits(a);
	if (a->more)
		printf("  (%zu more)\n", a->more);
	putchar('\n');
}

static void print_json(const session *s, const answer *a)
{
	printf("{\"line\":%lu,\"name\":", s->lineno);
	nk_cli_json_cstr(stdout, a->name);
	fputs(",\"keys\":", stdout);
	nk_cli_json_words(stdout, a->keys);
	printf(",\"lang\":\"%s\",\"script\":\"%s\",\"systems\":[",
	       nk_lang_name(a->info.lang), nk_spelling_script(&a->sp));
	for (size_t i = 0; i < a->sp.nsystems; i++) {
		fputs(i ? "," : "", stdout);
		nk_cli_json_cstr(stdout, a->sp.systems[i]);
	}
	printf("],\"match\":\"%s\",\"candidates\":[", match_names[a->match]);
	for (size_t i = 0; i < a->nhits; i++) {
		const hit *h = &a->hits[i];
		printf("%s{\"rank\":%zu,\"id\":%lld,\"display\":", i ? "," : "",
		       i + 1, h->id);
		nk_cli_json_cstr(stdout, h->display);
		printf(",\"score\":%.2f,\"evidence\":\"%s\",\"aliases\":[",
		       h->score, nk_store_evidence_name(h->evidence));
		for (size_t k = 0; k < h->aliases.n; k++) {
			fputs(k ? "," : "", stdout);
			nk_cli_json_cstr(stdout, h->aliases.s[k]);
		}
		fputs("]}", stdout);
	}
	printf("],\"more\":%zu}\n", a->more);
}

static void lookup(session *s, const char *name)
{
	answer *a = calloc(1, sizeof *a);
	if (!a) {
		report(s, "out of memory");
		worsen(s, NK_EXIT_FAILURE);
		return;
	}
	a->name = name;
	int rc = key_name(s, a);
	if (rc != NK_OK) {
		report_key(s, rc, a);
		free(a);
		return;
	}
	rc = resolve(s, a);
	if (rc == NK_OK)
		rc = collect_aliases(s, a);
	if (rc != NK_OK)
		report_store(s, "looking up", rc);
	else if (s->json)
		print_json(s, a);
	else
		print_text(a);
	answer_free(a);
	free(a);
}

/* ---------------------------------------------------------------- */
/* In-prompt commands                                                 */
/* ---------------------------------------------------------------- */

typedef struct command {
	const char *name;
	const char *args;    /* for :help */
	const char *summary;
	int nids;            /* leading identity ids */
	bool takes_name;     /* the rest of the line is a name */
	/* NK_OK, or an error whose message nk_store_errmsg() has */
	int (*run)(session *s, const long long *ids, const char *name);
} command;

static void json_begin(const session *s, const char *what)
{
	printf("{\"line\":%lu,\"command\":\"%s\"", s->lineno, what);
}

static int run_add(session *s, const long long *ids, const char *name)
{
	long long id;
	const int rc = nk_store_add(&id, s->st, name, NULL, 0, NULL);
	if (rc != NK_OK)
		return rc;
	if (!s->json) {
		printf("added identity %lld: %s\n", id, name);
		return NK_OK;
	}
	json_begin(s, "add");
	printf(",\"id\":%lld,\"name\":", id);
	nk_cli_json_cstr(stdout, name);
	puts("}");
	return NK_OK;
}

static int run_alias(session *s, const long long *ids, const char *name)
{
	const int rc = nk_store_alias(s->st, ids[0], name, NULL);
	if (rc != NK_OK)
		return rc;
	if (!s->json) {
		printf("identity %lld: added alias %s\n", ids[0], name);
		return NK_OK;
	}
	json_begin(s, "alias");
	printf(",\"id\":%lld,\"name\":", ids[0]);
	nk_cli_json_cstr(stdout, name);
	puts("}");
	return NK_OK;
}

static int run_merge(session *s, const long long *ids, const char *name)
{
	const int rc = nk_store_merge(s->st, ids[0], ids[1]);
	if (rc != NK_OK)
		return rc;
	if (s->json) {
		json_begin(s, "merge");
		printf(",\"into\":%lld,\"from\":%lld}\n", ids[0], ids[1]);
	} else {
		printf("merged identity %lld into identity %lld\n", ids[1],
		       ids[0]);
	}
	return NK_OK;
}

static int run_undo(session *s, const long long *ids, const char *name)
{
	nk_change c;
	const int rc = nk_store_undo(&c, s->st);
	if (rc != NK_OK)
		return rc;
	if (s->json) {
		json_begin(s, "undo");
		printf(",\"change\":%lld,\"op\":\"%s\",\"identity\":%lld,"
		       "\"other\":%lld}\n", c.id, c.op, c.identity, c.other);
		return NK_OK;
	}
	printf("undone change %lld: %s of identity %lld", c.id, c.op,
	       c.identity);
	if (c.other)
		printf(" (other identity %lld)", c.other);
	putchar('\n');
	return NK_OK;
}

/* :show prints the aliases as a table: one pass measures, one prints. */
typedef struct show {
	const session *s;
	int idw;
	size_t namew;
	unsigned long printed;
} show;

static int measure_alias(void *data, const nk_alias *alias)
{
	show *sh = data;
	const int d = digits(alias->id);
	const size_t w = nk_cli_width(alias->name, strlen(alias->name));
	sh->idw = d > sh->idw ? d : sh->idw;
	sh->namew = w > sh->namew ? w : sh->namew;
	return 0;
}

static int show_identity(void *data, const nk_identity *identity)
{
	show *sh = data;
	if (sh->s->json) {
		json_begin(sh->s, "show");
		printf(",\"id\":%lld,\"display\":", identity->id);
		nk_cli_json_cstr(stdout, identity->display);
		printf(",\"lang\":\"%s\",\"note\":", nk_lang_name(identity->lang));
		nk_cli_json_cstr(stdout, identity->note);
		fputs(",\"aliases\":[", stdout);
		return 0;
	}
	printf("identity %lld: %s\n  language  %s\n", identity->id,
	       identity->display, nk_lang_name(identity->lang));
	if (identity->note)
		printf("  note      %s\n", identity->note);
	printf("  %*s  ", sh->idw, "id");
	nk_cli_pad(stdout, "alias", sh->namew);
	puts("  keys");
	return 0;
}

static int show_alias(void *data, const nk_alias *alias)
{
	show *sh = data;
	if (sh->s->json) {
		printf("%s{\"id\":%lld,\"name\":", sh->printed++ ? "," : "",
		       alias->id);
		nk_cli_json_cstr(stdout, alias->name);
		fputs(",\"keys\":", stdout);
		nk_cli_json_words(stdout, alias->keys);
		putchar('}');
		return 0;
	}
	printf("  %*lld  ", sh->idw, alias->id);
	nk_cli_pad(stdout, alias->name, sh->namew);
	printf("  %s\n", alias->keys);
	return 0;
}

static int run_show(session *s, const long long *ids, const char *name)
{
	show sh = { .s = s, .idw = (int)strlen("id"),
		    .namew = strlen("alias") };
	int rc = nk_store_show(s->st, ids[0], NULL, measure_alias, &sh);
	if (rc == NK_OK)
		rc = nk_store_show(s->st, ids[0], show_identity, show_alias, &sh);
	if (rc == NK_OK && s->json)
		puts("]}");
	return rc;
}

static int run_help(session *s, const long long *ids, const char *name);

static int run_quit(session *s, const long long *ids, const char *name)
{
	s->quit = true;
	return NK_OK;
}

static const command commands[] = {
	{ "add", "NAME", "add an identity called NAME", 0, true, run_add },
	{ "alias", "ID NAME", "add NAME to identity ID", 1, true, run_alias },
	{ "merge", "ID OTHER", "merge identity OTHER into ID", 2, false,
	  run_merge },
	{ "show", "ID", "show identity ID and its aliases", 1, false, run_show },
	{ "undo", "", "undo the last change to the store", 0, false, run_undo },
	{ "help", "", "show these commands", 0, false, run_help },
	{ "quit", "", "leave (so does Ctrl-D)", 0, false, run_quit },
};

#define NCOMMANDS (sizeof commands / sizeof *commands)

static int run_help(session *s, const long long *ids, const char *name)
{
	if (s->json) {
		json_begin(s, "help");
		fputs(",\"commands\":[", stdout);
	} else {
		puts("Type a name to look it up, or a command:");
	}
	for (size_t i = 0; i < NCOMMANDS; i++) {
		char usage[64];
		snprintf(usage, sizeof usage, ":%s%s%s", commands[i].name,
			 commands[i].args[0] ? " " : "", commands[i].args);
		if (s->json) {
			fputs(i ? "," : "", stdout);
			nk_cli_json_cstr(stdout, usage);
		} else {
			printf("  %-16s %s\n", usage, commands[i].summary);
		}
	}
	puts(s->json ? "]}" : "Each change is one transaction; :undo takes it back.");
	return NK_OK;
}

static const command *find_command(const char *name, size_t n)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strlen(commands[i].name) == n &&
		    memcmp(commands[i].name, name, n) == 0)
			return &commands[i];
	return NULL;
}

static bool parse_id(const char **p, long long *id)
{
	char *end;
	errno = 0;
	*id = strtoll(*p, &end, 10);
	if (errno || end == *p || *id <= 0 || (*end && *end != ' ' && *end != '\t'))
		return false;
	*p = end + strspn(end, " \t");
	return true;
}

/* The ids and name of a command's arguments; false if they do not fit. */
static bool parse_args(const command *c, const char *args, long long *ids,
		       const char **name)
{
	const char *p = args + strspn(args, " \t");
	for (int i = 0; i < c->nids; i++)
		if (!parse_id(&p, &ids[i]))
			return false;
	*name = p;
	return c->takes_name == (*p != '\0');
}

static void run_command(session *s, const char *line)
{
	const size_t n = strcspn(line, " \t");
	const command *c = find_command(line, n);
	if (!c) {
		report(s, "unknown command ':%.*s'; :help lists them", (int)n,
		       line);
		worsen(s, NK_EXIT_INPUT);
		return;
	}
	long long ids[IDS_MAX];
	const char *name;
	if (!parse_args(c, line + n, ids, &name)) {
		report(s, "usage: :%s %s", c->name, c->args);
		worsen(s, NK_EXIT_INPUT);
		return;
	}
	const int rc = c->run(s, ids, name);
	if (rc != NK_OK)
		report_store(s, c->name, rc);
}

/* ---------------------------------------------------------------- */
/* Lines                                                              */
/* ---------------------------------------------------------------- */

static bool is_blank_char(char c)
{
	return c == ' ' || c == '\t';
}

static bool handle_line(void *data, const char *line, size_t len,
			unsigned long lineno)
{
	session *s = data;
	s->lineno = lineno;
	const char *nul = memchr(line, '\0', len);
	if (nul) {
		report(s, "invalid UTF-8 or NUL byte at byte %zu; skipped",
		       (size_t)(nul - line) + 1);
		worsen(s, NK_EXIT_INPUT);
		return true;
	}
	size_t start = 0;
	while (start < len && is_blank_char(line[start]))
		start++;
	while (len > start && is_blank_char(line[len - 1]))
		len--;
	if (start == len)
		return true;
	char *text = strndup(line + start, len - start);
	if (!text) {
		report(s, "out of memory");
		worsen(s, NK_EXIT_FAILURE);
		return false;
	}
	s->offset = start;
	if (text[0] == ':')
		run_command(s, text + 1);
	else
		lookup(s, text);
	free(text);
	/* Whoever drives the batch through a pipe sees each answer at once. */
	fflush(stdout);
	return !s->quit && (s->interactive || s->status < NK_EXIT_FAILURE);
}

/* ---------------------------------------------------------------- */
/* The command                                                        */
/* ---------------------------------------------------------------- */

static int usage_error(const char *what, const char *arg)
{
	nk_cli_error("%s '%s'", what, arg);
	fputs("Try 'namekey lookup --help'.\n", stderr);
	return NK_EXIT_USAGE;
}

static int parse(int argc, char **argv, const char **db, bool *json)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--json") == 0)
			*json = true;
		else if (strcmp(a, "--db") == 0 && i + 1 < argc)
			*db = argv[++i];
		else if (a[0] == '-')
			return usage_error("unknown option or missing value", a);
		else
			return usage_error("unexpected argument", a);
	}
	return NK_EXIT_OK;
}

static void run_session(session *s)
{
	if (s->interactive) {
		worsen(s, nk_prompt_run(s->st, handle_line, s));
		return;
	}
	if (!nk_cli_each_line(stdin, handle_line, s)) {
		nk_cli_error("input error");
		worsen(s, NK_EXIT_FAILURE);
	}
}

static int run_lookup(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (nk_cli_is_help(argv[i])) {
			fputs(nk_cmd_lookup.usage, stdout);
			return NK_EXIT_OK;
		}
	const char *db = NULL;
	session s = { .interactive = isatty(STDIN_FILENO) };
	int rc = parse(argc, argv, &db, &s.json);
	if (rc != NK_EXIT_OK)
		return rc;
	rc = nk_ctx_new(&s.ctx, NULL);
	if (rc != NK_OK) {
		nk_cli_error("cannot start: %s", nk_strerror(rc));
		return NK_EXIT_FAILURE;
	}
	s.status = nk_cli_open_store(&s.st, s.ctx, db, true, true);
	if (s.status == NK_EXIT_OK)
		run_session(&s);
	nk_store_close(s.st);
	nk_ctx_unref(s.ctx);
	if (fflush(stdout) != 0) {
		nk_cli_error("output error");
		return NK_EXIT_FAILURE;
	}
	return s.status;
}

const nk_cli_cmd nk_cmd_lookup = {
	.name = "lookup",
	.run = run_lookup,
	.summary = "look names up at a prompt (or in a batch)",
	.usage =
		"Usage: namekey lookup [--db PATH] [--json]\n"
		"\n"
		"For each name typed, show its keys, its language, the\n"
		"romanization systems its spelling points to (\"unknown\" when\n"
		"nothing does) and the identities of the store it may denote,\n"
		"ranked, with score, evidence and the aliases that matched; when\n"
		"none is the one meant, the nearest ones too.  Lines starting\n"
		"with ':' are commands; each change is one transaction that\n"
		":undo takes back:\n"
		"  :add NAME         add an identity called NAME\n"
		"  :alias ID NAME    add NAME to identity ID\n"
		"  :merge ID OTHER   merge identity OTHER into ID\n"
		"  :show ID          show identity ID and its aliases\n"
		"  :undo             undo the last change to the store\n"
		"  :help, :quit      (Ctrl-D quits too)\n"
		"\n"
		"On a terminal the prompt has line editing, Tab completion of\n"
		"identity names and a history kept in\n"
		"$XDG_STATE_HOME/namekey/history (~/.local/state/namekey/history).\n"
		"'namekey' alone on a terminal starts it.  Otherwise each line of\n"
		"standard input is read as if typed, without a prompt.\n"
		"\n"
		"Options:\n"
		"  --db PATH       the store (default $NAMEKEY_DB, else\n"
		"                  $XDG_DATA_HOME/namekey/namekey.db); created\n"
		"                  if missing\n"
		"  --json          one JSON object per name or command\n"
		"  -h, --help      show this help\n"
		"\n"
		"Exit status: 0 done, 1 some lines were reported (a name that\n"
		"cannot be keyed, a failed command), 2 usage error, 3 store or\n"
		"I/O failure (input stops there unless on a terminal).\n",
};
