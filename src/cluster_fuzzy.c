/*
 * cluster_fuzzy.c - joining clusters on evidence weaker than a shared key.
 *
 * Owns the two blocking schemes that find candidate pairs without
 * comparing every key with every other, and the rules that keep a join
 * from corrupting an archive:
 *
 *   near keys    keys one edit apart in one part (a typo the rules do not
 *                cover) meet in a deletion neighbourhood: every key is
 *                filed under itself and under each one-letter deletion
 *                of each of its parts;
 *   weak keys    a key with initials or a single part ("G. A. Zyuganov",
 *                "Zyuganov") is filed under each of its full parts and
 *                joins a fuller key only when exactly one cluster is
 *                compatible with it;
 *
 * and a join is refused unless nk_compare_keys() finds the two clusters'
 * root keys near or compatible too (a chain must not join what its ends
 * tell apart).
 * Keys that are not name keys ("<lang>:<part>..."), such as a caller's
 * identity keys, are never filed: their clusters join nothing here.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nk_internal.h"

/* Parts shorter than this are never near: a typo in "kim" is a name. */
#define NK_FZ_NEAR_MIN_PART 7
/* A block larger than this holds no useful evidence (a common surname). */
#define NK_FZ_BLOCK_MAX 64

typedef struct filed {
	uint64_t hash;
	nk_node node;
} filed;

typedef struct filing {
	filed *f;
	size_t n, cap;
} filing;

static int file_under(filing *fl, uint64_t h, nk_node node)
{
	if (fl->n == fl->cap) {
		const size_t cap = fl->cap ? 2 * fl->cap : 1024;
		filed *f = realloc(fl->f, cap * sizeof *f);
		if (!f)
			return NK_ENOMEM;
		fl->f = f;
		fl->cap = cap;
	}
	fl->f[fl->n++] = (filed){ h, node };
	return NK_OK;
}

/* Is the key a weak one: initials (a part ending in '.') or one part? */
static bool is_weak(const char *k, size_t n)
{
	size_t colons = 0;
	for (size_t i = 0; i < n; i++)
		colons += k[i] == ':';
	return colons < 2 || k[n - 1] == '.';
}

/* File a key under itself and each one-letter deletion of a long part. */
static int file_near(filing *fl, const char *k, size_t n, nk_node node)
{
	int rc = file_under(fl, nk_fnv_skip(k, n, n), node);
	size_t start = 0;
	for (size_t i = 0; rc == NK_OK && i <= n; i++) {
		if (i < n && k[i] != ':')
			continue;
		const bool lang = start == 0; /* "ru", "ko": not a part */
		if (!lang && i - start >= NK_FZ_NEAR_MIN_PART)
			for (size_t d = start; rc == NK_OK && d < i; d++)
				rc = file_under(fl, nk_fnv_skip(k, n, d), node);
		start = i + 1;
	}
	return rc;
}

/* File a key under each of its full parts, language included. */
static int file_parts(filing *fl, const char *k, size_t n, nk_node node)
{
	const char *colon = memchr(k, ':', n);
	const size_t lang = colon ? (size_t)(colon - k) : 0;
	size_t start = lang + 1;
	int rc = NK_OK;

	for (size_t i = start; rc == NK_OK && i <= n; i++) {
		if (i < n && k[i] != ':')
			continue;
		if (i > start && k[i - 1] != '.') {
			uint64_t h = nk_fnv_skip(k, lang + 1, lang + 1);
			for (size_t j = start; j < i; j++)
				h = nk_fnv_step(h, (unsigned char)k[j]);
			rc = file_under(fl, h, node);
		}
		start = i + 1;
	}
	return rc;
}

static int by_hash(const void *a, const void *b)
{
	const filed *x = a, *y = b;
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return (x->node > y->node) - (x->node < y->node);
}

/* The verdict on two nodes' keys. */
static nk_match judge(const nk_cluster *cl, const nk_ctx *ctx, nk_node a,
		      nk_node b)
{
	nk_match m = { NK_MATCH_DIFFERENT, 0.0, 0 };
	size_t la, lb;
	const char *ka = nk_cluster_key(cl, a, &la);
	const char *kb = nk_cluster_key(cl, b, &lb);
	if (nk_compare_keys(&m, ctx, ka, la, kb, lb, NULL) != NK_OK)
		m.kind = NK_MATCH_DIFFERENT;
	return m;
}

/* One fuzzy pass: the set, and each cluster's representative key. */
typedef struct fuzzy {
	nk_cluster *cl;
	const nk_ctx *ctx;
	double threshold;
	nk_node *rep; /* by root: the cluster's fullest key */
} fuzzy;

static bool weak_node(const fuzzy *fz, nk_node n)
{
	size_t len;
	const char *k = nk_cluster_key(fz->cl, n, &len);
	return is_weak(k, len);
}

/*
 * Join a and b only if the clusters' representatives agree as well as
 * the pair must: a chain of near links must not drift from one name to
 * another.  A full name represents a cluster in preference to initials.
 */
static bool guarded_join(fuzzy *fz, nk_node a, nk_node b)
{
	nk_cluster *cl = fz->cl;
	const nk_node ra = nk_cluster_root(cl, a), rb = nk_cluster_root(cl, b);
	if (ra == rb)
		return false;
	const nk_node pa = fz->rep[ra], pb = fz->rep[rb];
	const nk_match m = judge(cl, fz->ctx, pa, pb);
	if (m.kind < NK_MATCH_NEAR || m.score < fz->threshold)
		return false;
	if (nk_cluster_join(cl, a, b) != NK_OK)
		return false;
	fz->rep[nk_cluster_root(cl, a)] =
		weak_node(fz, pa) && !weak_node(fz, pb) ? pb : pa;
	return true;
}

/* End of the block of entries filed under fl->f[i].hash. */
static size_t block_end(const filing *fl, size_t i)
{
	size_t j = i + 1;
	while (j < fl->n && fl->f[j].hash == fl->f[i].hash)
		j++;
	return j;
}

/* Near keys: join every pair in a block that is near enough. */
static size_t join_near(fuzzy *fz, const filing *fl)
{
	nk_cluster *cl = fz->cl;
	size_t joined = 0;
	for (size_t i = 0, j; i < fl->n; i = j) {
		j = block_end(fl, i);
		if (j - i > NK_FZ_BLOCK_MAX)
			continue;
		for (size_t x = i; x < j; x++)
			for (size_t y = x + 1; y < j; y++) {
				const nk_node a = fl->f[x].node, b = fl->f[y].node;
				if (a == b)
					continue;
				const nk_match m = judge(cl, fz->ctx, a, b);
				if (m.kind >= NK_MATCH_NEAR && m.score >= fz->threshold)
					joined += guarded_join(fz, a, b);
			}
	}
	return joined;
}

/* Weak keys: join a weak key to the one cluster compatible with it. */
static size_t join_weak(fuzzy *fz, const filing *fl)
{
	nk_cluster *cl = fz->cl;
	size_t joined = 0;
	for (size_t i = 0, j; i < fl->n; i = j) {
		j = block_end(fl, i);
		if (j - i > NK_FZ_BLOCK_MAX)
			continue;
		for (size_t x = i; x < j; x++) {
			size_t len;
			const nk_node w = fl->f[x].node;
			const char *k = nk_cluster_key(cl, w, &len);
			if (!is_weak(k, len))
				continue;
			nk_node only = w;
			size_t roots = 0;
			nk_node seen = (nk_node)-1;
			for (size_t y = i; y < j; y++) {
				size_t clen;
				const nk_node c = fl->f[y].node;
				const nk_node rc = nk_cluster_root(cl, c);
				const char *ck = nk_cluster_key(cl, c, &clen);
				/* only full names vouch for a weak one */
				if (rc == nk_cluster_root(cl, w) || rc == seen ||
				    is_weak(ck, clen))
					continue;
				const nk_match m = judge(cl, fz->ctx, w, c);
				if (m.kind < NK_MATCH_COMPATIBLE || m.score < fz->threshold)
					continue;
				only = c;
				seen = rc;
				roots++;
			}
			if (roots == 1)
				joined += guarded_join(fz, w, only);
		}
	}
	return joined;
}

int nk_cluster_fuzzy(nk_cluster *cl, size_t *joined, const nk_ctx *ctx,
		     double threshold)
{
	filing near = { 0 }, parts = { 0 };
	int rc = NK_OK;

	if (!cl || !joined || !ctx || threshold < 0 || threshold > 1)
		return NK_EINVAL;
	*joined = 0;
	const size_t nkeys = nk_cluster_keys(cl);
	fuzzy fz = { cl, ctx, threshold, malloc((nkeys ? nkeys : 1) * sizeof *fz.rep) };
	if (!fz.rep)
		return NK_ENOMEM;
	for (nk_node n = 0; n < nkeys; n++)
		fz.rep[n] = n;
	for (nk_node n = 0; rc == NK_OK && n < nkeys; n++) {
		size_t len;
		const char *k = nk_cluster_key(cl, n, &len);
		if (!memchr(k, ':', len))
			continue; /* not a name key */
		rc = file_near(&near, k, len, n);
		if (rc == NK_OK)
			rc = file_parts(&parts, k, len, n);
	}
	if (rc == NK_OK) {
		qsort(near.f, near.n, sizeof *near.f, by_hash);
		qsort(parts.f, parts.n, sizeof *parts.f, by_hash);
		*joined = join_near(&fz, &near) + join_weak(&fz, &parts);
	}
	free(fz.rep);
	free(near.f);
	free(parts.f);
	return rc;
}
