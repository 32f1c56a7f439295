/*
 * cmd_annotate.c - `namekey annotate`: the streaming step before
 * indexing.  Every record goes out as it came in, with the fields
 * name_key, identity_id, identity_name, match and score added; one
 * record out per record in, in constant memory.
 */
#define _POSIX_C_SOURCE 200809L
#include <string.h>

#include "batch.h"
#include "cli.h"
#include "input.h"
#include "resolve_cache.h"

static const char *const added_fields[] = {
	"name_key", "identity_id", "identity_name", "match", "score",
};
#define NADDED (sizeof added_fields / sizeof added_fields[0])

typedef enum on_error { ON_ERROR_FAIL, ON_ERROR_SKIP, ON_ERROR_PASS } on_error;

typedef struct annotate {
	nk_batch_options bo;
	on_error on_error;
	bool line_buffered;
	bool near; /* also look for near keys (a typo): slower */
	nk_ctx *ctx;
	nk_store *st; /* --store */
	nk_resolve_cache cache; /* resolutions of names seen before */
	nk_input in;
	unsigned long long bad;
} annotate;

/* What annotate adds to one record. */
typedef struct annotation {
	const char *keys;
	long long identity; /* 0: none */
	const char *identity_name;
	const char *match;
	double score;
} annotation;

static nk_rec_format format_of(const annotate *a)
{
	return a->in.rr.fmt;
}

/* Bytes of a score as text, "0.000" to "1.000", with its NUL. */
#define SCORE_TEXT_MAX 8
#define SCORE_SCALE 1000

/* The score as text with three decimals, as "%.3f" writes it; built by
 * hand because formatting a double costs more than resolving a name
 * the cache holds. */
static const char *score_text(const annotation *an, char *buf)
{
	double s = an->score < 0 ? 0 : an->score > 1 ? 1 : an->score;
	const unsigned milli = (unsigned)(s * SCORE_SCALE + 0.5);
	buf[0] = (char)('0' + milli / SCORE_SCALE);
	buf[1] = '.';
	buf[2] = (char)('0' + milli / 100 % 10);
	buf[3] = (char)('0' + milli / 10 % 10);
	buf[4] = (char)('0' + milli % 10);
	buf[5] = '\0';
	return buf;
}

/* The record as read, then the added values in the record's format. */
static void put_delimited(const annotate *a, const annotation *an)
{
	const nk_rec_format f = format_of(a) == NK_REC_CSV ? NK_REC_CSV : NK_REC_TSV;
	const char sep = f == NK_REC_CSV ? ',' : '\t';
	char id[32] = "", score[SCORE_TEXT_MAX];

	if (an->identity)
		snprintf(id, sizeof id, "%lld", an->identity);
	const char *const values[NADDED] = { an->keys, id, an->identity_name,
					     an->match, score_text(an, score) };
	fwrite(a->in.rr.raw, 1, a->in.rr.raw_len, stdout);
	for (size_t i = 0; i < NADDED; i++) {
		putchar(sep);
		nk_rec_put_field(stdout, f, values[i], strlen(values[i]));
	}
	putchar('\n');
}

/* The JSON object with the added members before its closing brace. */
static void put_json(const annotate *a, const annotation *an)
{
	const char *raw = a->in.rr.raw;
	size_t end = a->in.rr.raw_len;
	char score[SCORE_TEXT_MAX];

	while (end > 0 && raw[end - 1] != '}')
		end--;
	size_t body = end - 1; /* the closing brace */
	size_t k = body;
	while (k > 0 && (raw[k - 1] == ' ' || raw[k - 1] == '\t'))
		k--;
	const bool empty = k > 0 && raw[k - 1] == '{';
	fwrite(raw, 1, body, stdout);
	fputs(empty ? "" : ",", stdout);
	fputs("\"name_key\":", stdout);
	nk_cli_json_string(stdout, an->keys, strlen(an->keys));
	if (an->identity)
		printf(",\"identity_id\":%lld,\"identity_name\":", an->identity);
	else
		fputs(",\"identity_id\":null,\"identity_name\":", stdout);
	nk_cli_json_string(stdout, an->identity_name, strlen(an->identity_name));
	printf(",\"match\":\"%s\",\"score\":%s}\n", an->match,
	       score_text(an, score));
}

static void put_annotated(const annotate *a, const annotation *an)
{
	if (format_of(a) == NK_REC_JSONL)
		put_json(a, an);
	else
		put_delimited(a, an);
}

static void put_header(const annotate *a)
{
	const char sep = format_of(a) == NK_REC_CSV ? ',' : '\t';
	fwrite(a->in.rr.raw, 1, a->in.rr.raw_len, stdout);
	for (size_t i = 0; i < NADDED; i++)
		printf("%c%s", sep, added_fields[i]);
	putchar('\n');
}

static void put_raw(const annotate *a)
{
	fwrite(a->in.rr.raw, 1, a->in.rr.raw_len, stdout);
	putchar('\n');
}

/* A record that cannot be annotated: what --on-error says. */
static bool record_error(annotate *a, const char *msg)
{
	a->bad++;
	switch (a->on_error) {
	case ON_ERROR_SKIP:
		nk_cli_error("%s; skipped", msg);
		return true;
	case ON_ERROR_PASS:
		nk_cli_error("%s; passed through unannotated", msg);
		put_raw(a);
		return true;
	default:
		nk_cli_error("%s; stopping (see --on-error)", msg);
		return false;
	}
}

static bool key_error(annotate *a, int rc, const nk_key_info *info)
{
	char where[256], msg[512];
	nk_input_where(&a->in, where, sizeof where);
	if (rc == NK_EUTF8)
		snprintf(msg, sizeof msg, "%s: invalid UTF-8 or NUL byte at byte %zu",
			 where, info->error_offset + 1);
	else
		snprintf(msg, sizeof msg, "%s: %s", where, nk_strerror(rc));
	return record_error(a, msg);
}

/* Whether the name's keys are the ones the store resolves by: keyed
 * with nothing but a language. */
static bool keys_are_resolves(const nk_key_options *o)
{
	return o->flags == 0 && !o->trace;
}

/* Ask the store for the best candidate; identity 0 when it has none. */
static int ask_store(annotate *a, nk_rc_result *res, const char *name,
		     size_t len, const char *keys)
{
	nk_resolve_options ro = NK_RESOLVE_OPTIONS_INIT;
	nk_resolution r;

	*res = (nk_rc_result){ .match = "none" };
	ro.lang = a->bo.key.lang;
	/* Records flushed one by one may wait for the next: no snapshot is
	 * held across that wait. */
	ro.flags = NK_RESOLVE_BEST_ONLY | NK_RESOLVE_STREAM |
		   (a->line_buffered ? 0 : NK_RESOLVE_HOLD_READ) |
		   (a->near ? 0 : NK_RESOLVE_NO_NEAR);
	const int rc = keys_are_resolves(&a->bo.key)
		? nk_store_resolve_keyed(&r, a->st, name, len, keys, &ro)
		: nk_store_resolve(&r, a->st, name, len, &ro);
	if (rc != NK_OK || r.n == 0)
		return rc;
	res->identity = r.cand[0].identity;
	const size_t n = strnlen(r.cand[0].display, sizeof res->display - 1);
	memcpy(res->display, r.cand[0].display, n);
	res->display[n] = '\0';
	res->match = nk_store_evidence_name(r.cand[0].evidence);
	res->score = r.cand[0].score;
	return NK_OK;
}

/* The store failed on this record: what --on-error says, nothing written
 * for it yet, so skip leaves it out and pass writes it once. */
static bool store_error(annotate *a)
{
	char where[256], msg[512];
	snprintf(msg, sizeof msg, "%s: %s",
		 nk_input_where(&a->in, where, sizeof where),
		 nk_store_errmsg(a->st));
	return record_error(a, msg);
}

/*
 * The store's best candidate for the name.  Results are cached for the
 * run: a name the store learns meanwhile, from another process, is seen
 * from its first new spelling on.
 */
static int resolve(annotate *a, annotation *an, nk_rc_result *res,
		   const char *name, size_t len)
{
	const nk_rc_result *hit = nk_rc_get(&a->cache, name, len);
	if (hit) {
		*res = *hit;
	} else {
		const int rc = ask_store(a, res, name, len, an->keys);
		if (rc != NK_OK)
			return rc;
		nk_rc_put(&a->cache, name, len, res);
	}
	an->identity = res->identity;
	an->identity_name = res->display;
	an->match = res->match;
	an->score = res->score;
	return NK_OK;
}

static bool one_record(annotate *a, const char *name, size_t len)
{
	char keys[NK_KEY_MAX];
	nk_key_info info;

	const int rc = nk_key(&info, keys, sizeof keys, a->ctx, name, len,
			      &a->bo.key);
	if (rc != NK_OK)
		return key_error(a, rc, &info);
	annotation an = { keys, 0, "", "none", 0.0 };
	nk_rc_result res;
	if (a->st && resolve(a, &an, &res, name, len) != NK_OK)
		return store_error(a);
	put_annotated(a, &an);
	return true;
}

static int stream(annotate *a)
{
	const char *name;
	size_t len;
	int rc;
	bool go = true;

	while (go && (rc = nk_input_next(&a->in, &name, &len)) != NK_IN_END) {
		if (rc == NK_IN_FATAL) {
			nk_cli_error("%s", a->in.error);
			return NK_EXIT_FAILURE;
		}
		if (rc == NK_IN_HEADER)
			put_header(a);
		else if (rc == NK_IN_BAD)
			go = record_error(a, a->in.error);
		else
			go = one_record(a, name, len);
		if (a->line_buffered)
			fflush(stdout);
	}
	return go ? NK_EXIT_OK : NK_EXIT_INPUT;
}

static int usage_error(const char *what, const char *arg)
{
	nk_cli_error("%s '%s'; see 'namekey annotate --help'", what, arg);
	return NK_EXIT_USAGE;
}

static bool parse_on_error(const char *s, on_error *out)
{
	static const char *const names[] = { "fail", "skip", "pass" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (on_error)i;
			return true;
		}
	return false;
}

/* NK_EXIT_OK with *first set, -1 after --help, or a usage error. */
static int parse(annotate *a, int argc, char **argv, int *first)
{
	*first = argc;
	for (int i = 1; i < argc; i++) {
		const char *s = argv[i];
		const int taken = nk_batch_parse_option(&a->bo, argc, argv, &i);
		if (taken < 0)
			return NK_EXIT_USAGE;
		/* A stream keeps its order and answers each record before the
		 * next is read, so there is nothing to share out; one thread
		 * is what it does anyway. */
		if (taken && strcmp(s, "--threads") == 0 && a->bo.threads > 1) {
			nk_cli_error("annotate keys on one thread, in record order; "
				     "to use more cores, run one annotate per part "
				     "of the input");
			return NK_EXIT_USAGE;
		}
		if (taken)
			continue;
		if (nk_cli_is_help(s)) {
			fputs(nk_cmd_annotate.usage, stdout);
			return -1;
		}
		if (strcmp(s, "--line-buffered") == 0) {
			a->line_buffered = true;
		} else if (strcmp(s, "--near") == 0) {
			a->near = true;
		} else if (strcmp(s, "--on-error") == 0 && i + 1 < argc) {
			if (!parse_on_error(argv[++i], &a->on_error))
				return usage_error("unknown --on-error policy", argv[i]);
		} else if (strcmp(s, "--") == 0) {
			*first = i + 1;
			return NK_EXIT_OK;
		} else if (s[0] == '-' && s[1] != '\0') {
			return usage_error("unknown option", s);
		} else {
			*first = i;
			return NK_EXIT_OK;
		}
	}
	return NK_EXIT_OK;
}

static int run_annotate(int argc, char **argv)
{
	annotate a = { .on_error = ON_ERROR_FAIL };
	int first;

	nk_batch_options_init(&a.bo);
	const int pst = parse(&a, argc, argv, &first);
	if (pst != NK_EXIT_OK)
		return pst < 0 ? NK_EXIT_OK : pst;
	if (nk_ctx_new(&a.ctx, NULL) != NK_OK) {
		nk_cli_error("cannot start: out of memory");
		return NK_EXIT_FAILURE;
	}
	int st = a.bo.store ? nk_cli_open_store(&a.st, a.ctx, a.bo.db, false, true)
			    : NK_EXIT_OK;
	if (st == NK_EXIT_OK && a.st && !nk_rc_init(&a.cache)) {
		nk_cli_error("cannot start: out of memory");
		st = NK_EXIT_FAILURE;
	}
	nk_input_init(&a.in, &a.bo.in, argv + first, argc - first);
	if (st == NK_EXIT_OK)
		st = stream(&a);
	nk_input_close(&a.in);
	nk_rc_free(&a.cache);
	nk_store_close(a.st);
	nk_ctx_unref(a.ctx);
	if (fflush(stdout) != 0) {
		nk_cli_error("writing the output failed");
		st = NK_EXIT_FAILURE;
	}
	if (st == NK_EXIT_OK && a.bad)
		st = NK_EXIT_INPUT;
	return st;
}

const nk_cli_cmd nk_cmd_annotate = {
	.name = "annotate",
	.run = run_annotate,
	.summary = "add key and identity fields to a stream of records",
	.usage =
		"Usage: namekey annotate [OPTIONS] [FILE...]\n"
		"\n"
		"Streaming filter for indexing pipelines: reads records (TSV, CSV,\n"
		"JSON Lines, or one name per line) from the FILEs or standard\n"
		"input and writes each one back unchanged with the fields\n"
		"name_key, identity_id, identity_name, match and score added\n"
		"(with --store, the store's best identity for the name and its\n"
		"evidence: exact, key, compatible or near; else match none):\n"
		"appended columns for TSV and CSV (and to the header, if any),\n"
		"members for JSON Lines.  One record out per record in.\n"
		"\n"
		"  --on-error P    a malformed record, a name that cannot be\n"
		"                  keyed, or a failed store lookup: fail (default;\n"
		"                  stop), skip (leave it out), pass (write it\n"
		"                  unannotated)\n"
		"  --line-buffered flush after every record\n"
		"  --near          with a store, also look for near keys (one\n"
		"                  typo away) when nothing better matches; slower:\n"
		"                  a name the store lacks is looked for by grams\n"
		"\n" NK_BATCH_OPTIONS_HELP
		"\n"
		"Errors name the file and line.  Exit status: 0 every record\n"
		"annotated, 1 a record was skipped, passed or stopped the run,\n"
		"2 usage error, 3 I/O failure.\n",
};
