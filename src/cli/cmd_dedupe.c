/*
 * cmd_dedupe.c - `namekey dedupe`: cluster the names of an archive.
 *
 * Pass 1 reads the records, keys them in threaded batches and adds them
 * to an nk_cluster, spooling each record's node and name to a temporary
 * file; pass 2 reads the spool back and writes every record with its
 * cluster's final label, in input order.  Memory holds the distinct keys
 * and one batch, never the whole input.
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
	struct gather *gather;    /* --clusters */
	unsigned long long *sizes; /* --stats: records per root node */
} dedupe;

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
		nk_node node;
		if (it->rc != NK_OK) {
			nk_batch_report(b, i);
			d->bad++;
			continue;
		}
		const int rc = nk_cluster_add(d->cl, &node, it->keys, it->seq);
		if (rc != NK_OK) {
			nk_cli_error("clustering: %s", nk_strerror(rc));
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

static bool print_record(dedupe *d, nk_node node, const char *name,
			 size_t len)
{
	const unsigned long long label = nk_cluster_label(d->cl, node);
	switch (d->out_fmt) {
	case NK_REC_JSONL:
		printf("{\"cluster\":%llu,\"name\":", label);
		nk_cli_json_string(stdout, name, len);
		fputs("}\n", stdout);
		break;
	case NK_REC_CSV:
		printf("%llu,", label);
		nk_rec_put_field(stdout, NK_REC_CSV, name, len);
		putchar('\n');
		break;
	default:
		printf("%llu\t", label);
		nk_rec_put_field(stdout, NK_REC_TSV, name, len);
		putchar('\n');
		break;
	}
	return true;
}

/* ---- --clusters ------------------------------------------------------ */

typedef struct member {
	unsigned long long label, seq;
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
	g->m[g->n] = (member){ nk_cluster_label(d->cl, node), g->n,
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
static void print_cluster(nk_rec_format f, const member *m, size_t n,
			  const char *names)
{
	if (f == NK_REC_JSONL) {
		printf("{\"cluster\":%llu,\"size\":%zu,\"name\":", m->label, n);
		nk_cli_json_string(stdout, names + m->off, m->len);
		fputs(",\"members\":[", stdout);
		print_members(f, m, n, names);
		fputs("]}\n", stdout);
		return;
	}
	const char *sep = f == NK_REC_CSV ? "," : "\t";
	printf("%llu%s%zu%s", m->label, sep, n, sep);
	nk_rec_put_field(stdout, f, names + m->off, m->len);
	fputs(sep, stdout);
	if (f == NK_REC_CSV)
		putchar('"');
	print_members(f, m, n, names);
	if (f == NK_REC_CSV)
		putchar('"');
	putchar('\n');
}

static int print_clusters(dedupe *d)
{
	gather g = { 0 };
	d->gather = &g;
	int st = NK_EXIT_OK;

	if (!spool_each(d, gather_add)) {
		nk_cli_error("reading the temporary spool file failed");
		st = NK_EXIT_FAILURE;
	} else {
		qsort_r(g.m, g.n, sizeof *g.m, by_spelling, g.names);
		for (size_t i = 1; i < g.n; i++)
			g.m[i].repeat = g.m[i].label == g.m[i - 1].label &&
					cmp_spelling(&g.m[i], &g.m[i - 1], g.names) == 0;
		qsort_r(g.m, g.n, sizeof *g.m, by_seq, NULL);
		for (size_t i = 0, j; i < g.n; i = j) {
			for (j = i + 1; j < g.n && g.m[j].label == g.m[i].label; j++)
				;
			print_cluster(d->out_fmt, g.m + i, j - i, g.names);
		}
	}
	free(g.m);
	free(g.names);
	d->gather = NULL;
	return st;
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
		      "\"keys\":%zu,\"clusters\":%zu,\"largest\":%llu,\"sizes\":{"
		    : "records\t%llu\nkeyed\t%llu\nskipped\t%llu\nkeys\t%zu\n"
		      "clusters\t%zu\nlargest\t%llu\n",
	       d->seq + d->bad_input, d->keyed, d->bad, nkeys,
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
		if (strcmp(a, "--clusters") == 0) {
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
	dedupe d = { .out_fmt = NK_REC_TSV };
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
		"CLUSTER is the record number of the cluster's first record.\n"
		"\n"
		"Output:\n"
		"  --format FMT    tsv (default), csv or jsonl\n"
		"  --clusters      one line per cluster: id, size, display name\n"
		"                  (its first record), distinct spellings\n"
		"  --stats         counts and a histogram of cluster sizes\n"
		"\n" NK_BATCH_OPTIONS_HELP
		"\n"
		"Records that cannot be read or keyed are reported on stderr with\n"
		"their file and line and left out.  Memory grows with the number\n"
		"of distinct keys; a progress line is shown when stderr is a\n"
		"terminal.  Exit status: 0 all records clustered, 1 some records\n"
		"reported, 2 usage error, 3 I/O or memory failure.\n",
};
