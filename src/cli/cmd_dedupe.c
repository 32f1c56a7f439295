/*
 * cmd_dedupe.c - `namekey dedupe`: cluster the names of an archive.
 *
 * Pass 1 reads the records, keys them in threaded batches and adds them
 * to an nk_cluster, spooling each record's node and name to a temporary
 * file; pass 2 reads the spool back and writes every record with its
 * cluster's final label, in input order.  Memory holds the distinct keys
 * and one batch, never the whole input.
 *
 * With a store, a record that resolves to one identity (an exact alias,
 * or a key only that identity has) is keyed by the identity alone, so
 * identities the store keeps apart stay apart; --save then writes every
 * other cluster as a new identity, all in one transaction.
 */
#define _GNU_SOURCE /* qsort_r */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "cli.h"
#include "progress.h"

/* Cluster sizes of the --stats histogram: upper bounds of the bins. */
static const unsigned long long size_bins[] = { 1, 2, 3, 5, 10, 100, 1000 };
#define NBINS (sizeof size_bins / sizeof size_bins[0] + 1)

/* Default --threshold: near keys (a typo in a long part) and better. */
#define NK_FUZZY_THRESHOLD 0.5

typedef enum out_mode { OUT_RECORDS, OUT_CLUSTERS, OUT_STATS } out_mode;

typedef struct spool_rec {
	nk_node node;
	uint32_t len;
} spool_rec;

typedef struct dedupe {
	nk_batch_options bo;
	nk_rec_format out_fmt;
	out_mode mode;
	nk_ctx *ctx;
	nk_cluster *cl;
	FILE *spool;
	nk_batch batch;
	nk_progress progress;
	unsigned long long seq, keyed, bad, bad_input;
	struct gather *gather;    /* --clusters, --save */
	unsigned long long *sizes; /* --stats: records per root node */
	nk_store *st;             /* --store */
	bool save;
	bool fuzzy;
	double threshold;
	long long *ident;         /* identity of a node's cluster, or 0 */
	size_t ident_cap;
	unsigned long long resolved;
} dedupe;

/* ---- identities of clusters (--store) ------------------------------- */

static bool set_identity(dedupe *d, nk_node node, long long id)
{
	if (node >= d->ident_cap) {
		size_t cap = d->ident_cap ? d->ident_cap : NK_BATCH_MAX;
		while (cap <= node)
			cap *= 2;
		long long *p = realloc(d->ident, cap * sizeof *p);
		if (!p)
			return false;
		memset(p + d->ident_cap, 0, (cap - d->ident_cap) * sizeof *p);
		d->ident = p;
		d->ident_cap = cap;
	}
	d->ident[node] = id;
	return true;
}

/* Identity of the cluster node belongs to, or 0. */
static long long identity_of(dedupe *d, nk_node node)
{
	const nk_node root = nk_cluster_root(d->cl, node);
	return root < d->ident_cap ? d->ident[root] : 0;
}

/* The label written for a record's cluster: "@ID" for an identity. */
static const char *label_of(dedupe *d, nk_node node, char *buf, size_t cap)
{
	const long long id = identity_of(d, node);
	if (id)
		snprintf(buf, cap, "@%lld", id);
	else
		snprintf(buf, cap, "%llu", nk_cluster_label(d->cl, node));
	return buf;
}

/*
 * Keys to cluster a record by: its own, or "@ID" when the store resolves
 * it to one identity.  Identity keys never meet name keys, so a cluster
 * holds one identity at most.
 */
static int store_keys(dedupe *d, const nk_batch_item *it, const char *name,
		      char *keys, size_t cap, long long *id)
{
	static const nk_resolve_options ro = { NK_RESOLVE_OPTIONS_VERSION,
					       NK_LANG_AUTO, NK_RESOLVE_NO_NEAR };
	nk_resolution r;

	*id = 0;
	snprintf(keys, cap, "%s", it->keys);
	if (!d->st)
		return NK_OK;
	const int rc = nk_store_resolve(&r, d->st, name, it->len, &ro);
	if (rc != NK_OK) {
		nk_cli_error("%s: store: %s", it->where, nk_store_errmsg(d->st));
		return rc;
	}
	if (r.resolved && r.n > 0) {
		*id = r.cand[0].identity;
		snprintf(keys, cap, "@%lld", *id);
		d->resolved++;
	}
	return NK_OK;
}

/* ---- pass 1 --------------------------------------------------------- */

static bool spool_write(dedupe *d, nk_node node, const char *name,
			size_t len)
{
	const spool_rec r = { node, (uint32_t)len };
	return fwrite(&r, sizeof r, 1, d->spool) == 1 &&
	       fwrite(name, 1, len, d->spool) == len;
}

static int flush_batch(dedupe *d)
{
	nk_batch *b = &d->batch;

	nk_batch_key(b, d->ctx, &d->bo.key, d->bo.threads);
	for (size_t i = 0; i < b->n; i++) {
		const nk_batch_item *it = &b->items[i];
		char keys[NK_KEY_MAX];
		long long id;
		nk_node node;
		if (it->rc != NK_OK) {
			nk_batch_report(b, i);
			d->bad++;
			continue;
		}
		if (store_keys(d, it, nk_batch_name(b, i), keys, sizeof keys,
			       &id) != NK_OK)
			return NK_EXIT_FAILURE;
		const int rc = nk_cluster_add(d->cl, &node, keys, it->seq);
		if (rc != NK_OK || (id && !set_identity(d, node, id))) {
			nk_cli_error("clustering: %s", nk_strerror(rc ? rc : NK_ENOMEM));
			return NK_EXIT_FAILURE;
		}
		if (!spool_write(d, node, nk_batch_name(b, i), it->len)) {
			nk_cli_error("writing the temporary spool file failed");
			return NK_EXIT_FAILURE;
		}
		d->keyed++;
	}
	nk_batch_clear(b);
	return NK_EXIT_OK;
}

static int pass1(dedupe *d, char *const *paths, int npaths)
{
	nk_input in;
	const char *name;
	size_t len;
	int rc, st = NK_EXIT_OK;

	nk_input_init(&in, &d->bo.in, paths, npaths);
	nk_progress_start(&d->progress, nk_progress_input_size(paths, npaths));
	while (st == NK_EXIT_OK && (rc = nk_input_next(&in, &name, &len)) != NK_IN_END) {
		char where[64];
		if (rc == NK_IN_FATAL) {
			nk_cli_error("%s", in.error);
			st = NK_EXIT_FAILURE;
			break;
		}
		if (rc == NK_IN_HEADER)
			continue;
		if (rc == NK_IN_BAD) {
			nk_cli_error("%s; skipped", in.error);
			d->bad++;
			d->bad_input++;
			continue;
		}
		if (!nk_batch_add(&d->batch, name, len, ++d->seq,
				  nk_input_where(&in, where, sizeof where))) {
			nk_cli_error("out of memory");
			st = NK_EXIT_FAILURE;
		} else if (nk_batch_full(&d->batch)) {
			st = flush_batch(d);
			nk_progress_update(&d->progress, d->seq, in.bytes_done);
		}
	}
	if (st == NK_EXIT_OK)
		st = flush_batch(d);
	nk_progress_done(&d->progress);
	nk_input_close(&in);
	return st;
}

/* ---- pass 2 --------------------------------------------------------- */

/* Calls fn for each spooled record in input order. */
typedef bool (*spool_fn)(dedupe *d, nk_node node, const char *name,
			 size_t len);

static bool spool_each(dedupe *d, spool_fn fn)
{
	char *name = NULL;
	size_t cap = 0;
	spool_rec r;
	bool ok = true;

	rewind(d->spool);
	while (ok && fread(&r, sizeof r, 1, d->spool) == 1) {
		if (r.len + 1 > cap) {
			char *p = realloc(name, r.len + 1);
			if (!p) {
				ok = false;
				break;
			}
			name = p;
			cap = r.len + 1;
		}
		ok = fread(name, 1, r.len, d->spool) == r.len &&
		     fn(d, r.node, name, r.len);
	}
	free(name);
	return ok && !ferror(d->spool);
}

/* The cluster field: a number, or a JSON string "@ID" for an identity. */
static void put_label(nk_rec_format f, const char *label)
{
	if (f == NK_REC_JSONL && label[0] == '@')
		nk_cli_json_string(stdout, label, strlen(label));
	else
		fputs(label, stdout);
}

static bool print_record(dedupe *d, nk_node node, const char *name,
			 size_t len)
{
	char label[32];
	const nk_rec_format f = d->out_fmt;

	label_of(d, node, label, sizeof label);
	if (f == NK_REC_JSONL) {
		fputs("{\"cluster\":", stdout);
		put_label(f, label);
		fputs(",\"name\":", stdout);
		nk_cli_json_string(stdout, name, len);
		fputs("}\n", stdout);
		return true;
	}
	printf("%s%c", label, f == NK_REC_CSV ? ',' : '\t');
	nk_rec_put_field(stdout, f, name, len);
	putchar('\n');
	return true;
}

/* ---- --clusters ------------------------------------------------------ */

typedef struct member {
	unsigned long long label, seq;
	nk_node node;
	size_t off, len;
	bool repeat; /* a spelling seen before in its cluster */
} member;

struct gather {
	member *m;
	size_t n, cap;
	char *names;
	size_t names_len, names_cap;
};
typedef struct gather gather;

static bool grow(void **p, size_t *cap, size_t need, size_t unit)
{
	if (need <= *cap)
		return true;
	size_t c = *cap ? *cap : NK_BATCH_MAX;
	while (c < need)
		c *= 2;
	void *q = realloc(*p, c * unit);
	if (!q)
		return false;
	*p = q;
	*cap = c;
	return true;
}

static bool gather_add(dedupe *d, nk_node node, const char *name, size_t len)
{
	gather *g = d->gather;
	if (!grow((void **)&g->m, &g->cap, g->n + 1, sizeof *g->m) ||
	    !grow((void **)&g->names, &g->names_cap, g->names_len + len, 1))
		return false;
	memcpy(g->names + g->names_len, name, len);
	g->m[g->n] = (member){ nk_cluster_label(d->cl, node), g->n, node,
			       g->names_len, len, false };
	g->n++;
	g->names_len += len;
	return true;
}

static int cmp_spelling(const member *x, const member *y, const char *names)
{
	const size_t n = x->len < y->len ? x->len : y->len;
	const int c = memcmp(names + x->off, names + y->off, n);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Cluster, spelling, input order: repeated spellings end up adjacent. */
static int by_spelling(const void *a, const void *b, void *names)
{
	const member *x = a, *y = b;
	if (x->label != y->label)
		return x->label < y->label ? -1 : 1;
	const int c = cmp_spelling(x, y, names);
	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* Cluster, input order. */
static int by_seq(const void *a, const void *b, void *unused)
{
	const member *x = a, *y = b;
	(void)unused;
	if (x->label != y->label)
		return x->label < y->label ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static void print_members(nk_rec_format f, const member *m, size_t n,
			  const char *names)
{
	bool first = true;
	for (size_t i = 0; i < n; i++) {
		if (m[i].repeat)
			continue;
		if (f == NK_REC_JSONL) {
			fputs(first ? "" : ",", stdout);
			nk_cli_json_string(stdout, names + m[i].off, m[i].len);
		} else {
			fputs(first ? "" : " | ", stdout);
			fwrite(names + m[i].off, 1, m[i].len, stdout);
		}
		first = false;
	}
}

/* One cluster: label, size, display name (its first record), members. */
/* One cluster: label, size, display name (its first record), members. */
static void print_cluster(dedupe *d, const member *m, size_t n,
			  const char *names)
{
	const nk_rec_format f = d->out_fmt;
	char label[32];

	label_of(d, m->node, label, sizeof label);
	if (f == NK_REC_JSONL) {
		fputs("{\"cluster\":", stdout);
		put_label(f, label);
		printf(",\"size\":%zu,\"name\":", n);
		nk_cli_json_string(stdout, names + m->off, m->len);
		fputs(",\"members\":[", stdout);
		print_members(f, m, n, names);
		fputs("]}\n", stdout);
		return;
	}
	const char *sep = f == NK_REC_CSV ? "," : "\t";
	printf("%s%s%zu%s", label, sep, n, sep);
	nk_rec_put_field(stdout, f, names + m->off, m->len);
	fputs(sep, stdout);
	if (f == NK_REC_CSV)
		putchar('"');
	print_members(f, m, n, names);
	if (f == NK_REC_CSV)
		putchar('"');
	putchar('\n');
}

/*
 * Read the spool into g, grouped by cluster in input order, repeated
 * spellings marked.  Memory grows with the records here: only --clusters
 * and --save, which list every cluster's spellings, come this way.
 */
static bool gather_groups(dedupe *d, gather *g)
{
	d->gather = g;
	const bool ok = spool_each(d, gather_add);
	d->gather = NULL;
	if (!ok)
		return false;
	qsort_r(g->m, g->n, sizeof *g->m, by_spelling, g->names);
	for (size_t i = 1; i < g->n; i++)
		g->m[i].repeat = g->m[i].label == g->m[i - 1].label &&
				 cmp_spelling(&g->m[i], &g->m[i - 1], g->names) == 0;
	qsort_r(g->m, g->n, sizeof *g->m, by_seq, NULL);
	return true;
}

/* Length of the group starting at g->m[i]. */
static size_t group_len(const gather *g, size_t i)
{
	size_t j = i + 1;
	while (j < g->n && g->m[j].label == g->m[i].label)
		j++;
	return j - i;
}

static void free_gather(gather *g)
{
	free(g->m);
	free(g->names);
}

static int print_clusters(dedupe *d)
{
	gather g = { 0 };
	if (!gather_groups(d, &g)) {
		nk_cli_error("reading the temporary spool file failed");
		free_gather(&g);
		return NK_EXIT_FAILURE;
	}
	for (size_t i = 0, n; i < g.n; i += n) {
		n = group_len(&g, i);
		print_cluster(d, g.m + i, n, g.names);
	}
	free_gather(&g);
	return NK_EXIT_OK;
}

/* ---- --save ---------------------------------------------------------- */

/* A new identity for a cluster the store did not know: its distinct
 * spellings become its aliases, the first its display name. */
static int save_group(dedupe *d, const member *m, size_t n, const char *names)
{
	const char **aliases = malloc(n * sizeof *aliases);
	char *copy = NULL;
	size_t total = 0, na = 0;
	long long id = 0;
	int rc = NK_ENOMEM;

	for (size_t i = 0; i < n; i++)
		total += m[i].repeat ? 0 : m[i].len + 1;
	copy = malloc(total);
	if (aliases && copy) {
		char *p = copy;
		for (size_t i = 0; i < n; i++) {
			if (m[i].repeat)
				continue;
			memcpy(p, names + m[i].off, m[i].len);
			p[m[i].len] = '\0';
			aliases[na++] = p;
			p += m[i].len + 1;
		}
		nk_add_options ao = NK_ADD_OPTIONS_INIT;
		ao.source = "dedupe";
		rc = nk_store_add(&id, d->st, aliases[0], aliases + 1, na - 1, &ao);
	}
	if (rc == NK_OK && !set_identity(d, nk_cluster_root(d->cl, m->node), id))
		rc = NK_ENOMEM;
	free(copy);
	free(aliases);
	return rc;
}

static int save_clusters(dedupe *d)
{
	gather g = { 0 };
	int rc = gather_groups(d, &g) ? nk_store_begin(d->st) : NK_EIO;

	for (size_t i = 0, n; rc == NK_OK && i < g.n; i += n) {
		n = group_len(&g, i);
		if (!identity_of(d, g.m[i].node))
			rc = save_group(d, g.m + i, n, g.names);
	}
	rc = rc == NK_OK ? nk_store_commit(d->st) : rc;
	free_gather(&g);
	if (rc == NK_OK)
		return NK_EXIT_OK;
	nk_store_rollback(d->st);
	nk_cli_error("saving the clusters failed, the store is unchanged: %s",
		     rc == NK_EIO ? "cannot read the spool" : nk_store_errmsg(d->st));
	return NK_EXIT_FAILURE;
}

/* ---- --stats --------------------------------------------------------- */

static bool count_record(dedupe *d, nk_node node, const char *name, size_t len)
{
	(void)name;
	(void)len;
	d->sizes[nk_cluster_root(d->cl, node)]++;
	return true;
}

static int print_stats(dedupe *d)
{
	unsigned long long bins[NBINS] = { 0 }, largest = 0;
	const size_t nkeys = nk_cluster_keys(d->cl);

	d->sizes = calloc(nkeys ? nkeys : 1, sizeof *d->sizes);
	if (!d->sizes || !spool_each(d, count_record)) {
		nk_cli_error("counting cluster sizes failed");
		return NK_EXIT_FAILURE;
	}
	for (size_t i = 0; i < nkeys; i++) {
		const unsigned long long n = d->sizes[i];
		size_t b = 0;
		if (n == 0)
			continue;
		while (b < NBINS - 1 && n > size_bins[b])
			b++;
		bins[b]++;
		if (n > largest)
			largest = n;
	}
	const bool json = d->out_fmt == NK_REC_JSONL;
	printf(json ? "{\"records\":%llu,\"keyed\":%llu,\"skipped\":%llu,"
		      "\"resolved\":%llu,\"keys\":%zu,\"clusters\":%zu,"
		      "\"largest\":%llu,\"sizes\":{"
		    : "records\t%llu\nkeyed\t%llu\nskipped\t%llu\nresolved\t%llu\n"
		      "keys\t%zu\nclusters\t%zu\nlargest\t%llu\n",
	       d->seq + d->bad_input, d->keyed, d->bad, d->resolved, nkeys,
	       nk_cluster_count(d->cl), largest);
	for (size_t b = 0; b < NBINS; b++) {
		char label[32];
		if (b == 0)
			snprintf(label, sizeof label, "%llu", size_bins[0]);
		else if (b == NBINS - 1)
			snprintf(label, sizeof label, ">%llu", size_bins[b - 1]);
		else
			snprintf(label, sizeof label, "%llu-%llu",
				 size_bins[b - 1] + 1, size_bins[b]);
		if (json)
			printf("%s\"%s\":%llu", b ? "," : "", label, bins[b]);
		else
			printf("size %s\t%llu\n", label, bins[b]);
	}
	if (json)
		fputs("}}\n", stdout);
	return NK_EXIT_OK;
}

/* ---- the command ----------------------------------------------------- */

static int usage_error(const char *what, const char *arg)
{
	nk_cli_error("%s '%s'; see 'namekey dedupe --help'", what, arg);
	return NK_EXIT_USAGE;
}

static int parse(dedupe *d, int argc, char **argv, int *first)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const int taken = nk_batch_parse_option(&d->bo, argc, argv, &i);
		if (taken < 0)
			return NK_EXIT_USAGE;
		if (taken)
			continue;
		if (nk_cli_is_help(a)) {
			fputs(nk_cmd_dedupe.usage, stdout);
			return -1;
		}
		if (strcmp(a, "--save") == 0) {
			d->save = true;
		} else if (strcmp(a, "--fuzzy") == 0) {
			d->fuzzy = true;
		} else if (strcmp(a, "--threshold") == 0 && i + 1 < argc) {
			char *end;
			d->threshold = strtod(argv[++i], &end);
			if (*end || end == argv[i] || d->threshold < 0 ||
			    d->threshold > 1)
				return usage_error("bad --threshold", argv[i]);
			d->fuzzy = true;
		} else if (strcmp(a, "--clusters") == 0) {
			d->mode = OUT_CLUSTERS;
		} else if (strcmp(a, "--stats") == 0) {
			d->mode = OUT_STATS;
		} else if (strcmp(a, "--format") == 0 && i + 1 < argc) {
			if (!nk_rec_parse_format(argv[++i], &d->out_fmt) ||
			    d->out_fmt == NK_REC_LINES)
				return usage_error("unknown output format", argv[i]);
		} else if (strcmp(a, "--") == 0) {
			*first = i + 1;
			return NK_EXIT_OK;
		} else if (a[0] == '-' && a[1] != '\0') {
			return usage_error("unknown option", a);
		} else {
			*first = i;
			return NK_EXIT_OK;
		}
	}
	*first = argc;
	return NK_EXIT_OK;
}

static int finish(dedupe *d)
{
	size_t joined = 0;
	if (d->fuzzy &&
	    nk_cluster_fuzzy(d->cl, &joined, d->ctx, d->threshold) != NK_OK) {
		nk_cli_error("fuzzy matching ran out of memory");
		return NK_EXIT_FAILURE;
	}
	if (d->save) {
		const int st = save_clusters(d);
		if (st != NK_EXIT_OK)
			return st;
	}
	switch (d->mode) {
	case OUT_CLUSTERS:
		return print_clusters(d);
	case OUT_STATS:
		return print_stats(d);
	default:
		if (!spool_each(d, print_record)) {
			nk_cli_error("reading the temporary spool file failed");
			return NK_EXIT_FAILURE;
		}
		return NK_EXIT_OK;
	}
}

static int run_dedupe(int argc, char **argv)
{
	dedupe d = { .out_fmt = NK_REC_TSV, .threshold = NK_FUZZY_THRESHOLD };
	int first;

	nk_batch_options_init(&d.bo);
	int st = parse(&d, argc, argv, &first);
	if (st != NK_EXIT_OK)
		return st < 0 ? NK_EXIT_OK : st;
	if (nk_ctx_new(&d.ctx, NULL) != NK_OK || nk_cluster_new(&d.cl) != NK_OK ||
	    !(d.spool = tmpfile())) {
		nk_cli_error("cannot start: out of memory or no temporary file");
		st = NK_EXIT_FAILURE;
	}
	if (st == NK_EXIT_OK && d.save && !d.bo.store) {
		nk_cli_error("--save needs a store (--store or --db PATH)");
		st = NK_EXIT_USAGE;
	}
	if (st == NK_EXIT_OK && d.bo.store)
		st = nk_cli_open_store(&d.st, d.ctx, d.bo.db, true, true);
	if (st == NK_EXIT_OK)
		st = pass1(&d, argv + first, argc - first);
	if (st == NK_EXIT_OK)
		st = finish(&d);
	if (fflush(stdout) != 0) {
		nk_cli_error("writing the output failed");
		st = NK_EXIT_FAILURE;
	}
	if (d.spool)
		fclose(d.spool);
	free(d.sizes);
	free(d.ident);
	nk_store_close(d.st);
	nk_batch_free(&d.batch);
	nk_cluster_free(d.cl);
	nk_ctx_unref(d.ctx);
	if (st == NK_EXIT_OK && d.bad)
		st = NK_EXIT_INPUT;
	return st;
}

const nk_cli_cmd nk_cmd_dedupe = {
	.name = "dedupe",
	.run = run_dedupe,
	.summary = "cluster the names of an archive into identities",
	.usage =
		"Usage: namekey dedupe [OPTIONS] [FILE...]\n"
		"\n"
		"Cluster the names of the FILEs (standard input when none) so\n"
		"that names sharing a key are one cluster.  By default prints one\n"
		"line per input record, in input order: CLUSTER<TAB>NAME, where\n"
		"CLUSTER is the record number of the cluster's first record, or\n"
		"@ID for an identity of the alias store.  With --store, a name\n"
		"the store resolves to one identity joins that identity's\n"
		"cluster and nothing else.\n"
		"\n"
		"Output:\n"
		"  --format FMT    tsv (default), csv or jsonl\n"
		"  --clusters      one line per cluster: id, size, display name\n"
		"                  (its first record), distinct spellings\n"
		"  --stats         counts and a histogram of cluster sizes\n"
		"  --fuzzy         also join names one typo apart in a long part,\n"
		"                  and initials or a lone surname to the one full\n"
		"                  name they fit; never names whose keys differ\n"
		"  --threshold X   fuzzy joins need a score of at least X (0..1,\n"
		"                  default 0.5; 0.7 keeps compatible ones only)\n"
		"  --save          write each new cluster to the store as an\n"
		"                  identity (one transaction; needs --store)\n"
		"  --threads N     key on N threads (default: all cores)\n"
		"\n" NK_BATCH_OPTIONS_HELP
		"\n"
		"Records that cannot be read or keyed are reported on stderr with\n"
		"their file and line and left out.  Memory grows with the number\n"
		"of distinct keys; a progress line is shown when stderr is a\n"
		"terminal.  Exit status: 0 all records clustered, 1 some records\n"
		"reported, 2 usage error, 3 I/O or memory failure.\n",
};
