/*
 * cluster.c - clustering of names by key for deduplication.
 *
 * Owns the key table (open addressing over an arena of key bytes) and the
 * union-find forest over distinct keys.  A record is not stored at all:
 * it becomes the node of its first key, so memory grows with distinct
 * keys only.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nk_internal.h"

#define NK_CL_INITIAL_SLOTS 1024u
#define NK_CL_INITIAL_BYTES 16384u
/* Grow the table at this load, in slots per 8: keeps probes short. */
#define NK_CL_MAX_LOAD_EIGHTHS 5u
#define NK_CL_EMPTY 0u

typedef struct cl_node {
	uint64_t key_off;        /* offset of the key in the arena */
	unsigned long long seq;  /* smallest seq, valid at roots */
	uint32_t parent;
	uint32_t hash;           /* low bits of the key's hash */
	uint32_t size;           /* nodes in the tree, valid at roots */
	uint16_t key_len;
} cl_node;

struct nk_cluster {
	uint32_t *slots; /* node + 1, or NK_CL_EMPTY */
	size_t nslots;   /* a power of two */
	cl_node *nodes;
	size_t nnodes, node_cap;
	char *bytes;
	size_t nbytes, byte_cap;
	size_t nclusters;
};

static uint64_t hash_key(const char *s, size_t n)
{
	return nk_fnv_skip(s, n, n);
}

int nk_cluster_new(nk_cluster **out)
{
	if (!out)
		return NK_EINVAL;
	nk_cluster *cl = calloc(1, sizeof *cl);
	if (!cl)
		return NK_ENOMEM;
	cl->slots = calloc(NK_CL_INITIAL_SLOTS, sizeof *cl->slots);
	cl->nslots = NK_CL_INITIAL_SLOTS;
	cl->bytes = malloc(NK_CL_INITIAL_BYTES);
	cl->byte_cap = NK_CL_INITIAL_BYTES;
	if (!cl->slots || !cl->bytes) {
		nk_cluster_free(cl);
		return NK_ENOMEM;
	}
	*out = cl;
	return NK_OK;
}

void nk_cluster_free(nk_cluster *cl)
{
	if (!cl)
		return;
	free(cl->slots);
	free(cl->nodes);
	free(cl->bytes);
	free(cl);
}

static bool same_key(const nk_cluster *cl, const cl_node *nd, const char *k,
		     size_t n)
{
	return nd->key_len == n && memcmp(cl->bytes + nd->key_off, k, n) == 0;
}

/* Slot of key k: its node's slot, or the empty slot where it belongs. */
static size_t probe(const nk_cluster *cl, const char *k, size_t n,
		    uint64_t h)
{
	const size_t mask = cl->nslots - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		const uint32_t s = cl->slots[i];
		if (s == NK_CL_EMPTY)
			return i;
		const cl_node *nd = &cl->nodes[s - 1];
		if (nd->hash == (uint32_t)h && same_key(cl, nd, k, n))
			return i;
	}
}

static int grow_slots(nk_cluster *cl)
{
	const size_t n = cl->nslots * 2;
	uint32_t *slots = calloc(n, sizeof *slots);
	if (!slots)
		return NK_ENOMEM;
	for (size_t i = 0; i < cl->nnodes; i++) {
		const cl_node *nd = &cl->nodes[i];
		size_t j = hash_key(cl->bytes + nd->key_off, nd->key_len) & (n - 1);
		while (slots[j] != NK_CL_EMPTY)
			j = (j + 1) & (n - 1);
		slots[j] = (uint32_t)(i + 1);
	}
	free(cl->slots);
	cl->slots = slots;
	cl->nslots = n;
	return NK_OK;
}

/* Make room for one more node of n key bytes. */
static int reserve(nk_cluster *cl, size_t n)
{
	if ((cl->nnodes + 1) * 8 > cl->nslots * NK_CL_MAX_LOAD_EIGHTHS &&
	    grow_slots(cl) != NK_OK)
		return NK_ENOMEM;
	if (cl->nnodes == cl->node_cap) {
		const size_t cap = cl->node_cap ? cl->node_cap * 2 : NK_CL_INITIAL_SLOTS;
		if (cap >= UINT32_MAX)
			return NK_ENOMEM;
		cl_node *nodes = realloc(cl->nodes, cap * sizeof *nodes);
		if (!nodes)
			return NK_ENOMEM;
		cl->nodes = nodes;
		cl->node_cap = cap;
	}
	if (cl->nbytes + n > cl->byte_cap) {
		size_t cap = cl->byte_cap * 2;
		while (cap < cl->nbytes + n)
			cap *= 2;
		char *bytes = realloc(cl->bytes, cap);
		if (!bytes)
			return NK_ENOMEM;
		cl->bytes = bytes;
		cl->byte_cap = cap;
	}
	return NK_OK;
}

/* Node of key k, created (as its own cluster) when new. */
static int node_of(nk_cluster *cl, uint32_t *node, const char *k, size_t n,
		   unsigned long long seq)
{
	if (n == 0 || n > UINT16_MAX)
		return NK_EINVAL;
	const uint64_t h = hash_key(k, n);
	size_t slot = probe(cl, k, n, h);
	if (cl->slots[slot] != NK_CL_EMPTY) {
		*node = cl->slots[slot] - 1;
		return NK_OK;
	}
	const int rc = reserve(cl, n);
	if (rc != NK_OK)
		return rc;
	slot = probe(cl, k, n, h); /* the table may have grown */
	const uint32_t id = (uint32_t)cl->nnodes++;
	memcpy(cl->bytes + cl->nbytes, k, n);
	cl->nodes[id] = (cl_node){ .key_off = cl->nbytes, .seq = seq,
				   .parent = id, .hash = (uint32_t)h,
				   .size = 1, .key_len = (uint16_t)n };
	cl->nbytes += n;
	cl->slots[slot] = id + 1;
	cl->nclusters++;
	*node = id;
	return NK_OK;
}

static uint32_t find(nk_cluster *cl, uint32_t x)
{
	while (cl->nodes[x].parent != x) {
		const uint32_t p = cl->nodes[x].parent;
		cl->nodes[x].parent = cl->nodes[p].parent; /* path halving */
		x = p;
	}
	return x;
}

static void unite(nk_cluster *cl, uint32_t a, uint32_t b)
{
	a = find(cl, a);
	b = find(cl, b);
	if (a == b)
		return;
	if (cl->nodes[a].size < cl->nodes[b].size) {
		const uint32_t t = a;
		a = b;
		b = t;
	}
	cl_node *ra = &cl->nodes[a];
	const cl_node *rb = &cl->nodes[b];
	cl->nodes[b].parent = a;
	ra->size += rb->size;
	if (rb->seq < ra->seq)
		ra->seq = rb->seq;
	cl->nclusters--;
}

int nk_cluster_add(nk_cluster *cl, nk_node *node, const char *keys,
		   unsigned long long seq)
{
	if (!cl || !node || !keys || !*keys)
		return NK_EINVAL;
	uint32_t first = 0;
	bool have_first = false;
	for (const char *k = keys; *k;) {
		const size_t n = strcspn(k, " ");
		uint32_t id;
		if (n > 0) {
			const int rc = node_of(cl, &id, k, n, seq);
			if (rc != NK_OK)
				return rc;
			if (have_first)
				unite(cl, first, id);
			else
				first = id;
			have_first = true;
			const uint32_t root = find(cl, id);
			if (seq < cl->nodes[root].seq)
				cl->nodes[root].seq = seq;
		}
		k += n + (k[n] == ' ');
	}
	if (!have_first)
		return NK_EINVAL;
	*node = first;
	return NK_OK;
}

int nk_cluster_has(const nk_cluster *cl, nk_node node)
{
	return cl && node < cl->nnodes;
}

int nk_cluster_join(nk_cluster *cl, nk_node a, nk_node b)
{
	if (!nk_cluster_has(cl, a) || !nk_cluster_has(cl, b))
		return NK_EINVAL;
	unite(cl, a, b);
	return NK_OK;
}

unsigned long long nk_cluster_label(nk_cluster *cl, nk_node node)
{
	return cl->nodes[find(cl, node)].seq;
}

const char *nk_cluster_key(const nk_cluster *cl, nk_node node, size_t *len)
{
	*len = cl->nodes[node].key_len;
	return cl->bytes + cl->nodes[node].key_off;
}

nk_node nk_cluster_root(nk_cluster *cl, nk_node node)
{
	return find(cl, node);
}

size_t nk_cluster_keys(const nk_cluster *cl)
{
	return cl->nnodes;
}

size_t nk_cluster_count(const nk_cluster *cl)
{
	return cl->nclusters;
}

size_t nk_cluster_memory(const nk_cluster *cl)
{
	return sizeof *cl + cl->nslots * sizeof *cl->slots +
	       cl->node_cap * sizeof *cl->nodes + cl->byte_cap;
}
