/*
 * bench_store.c - speed and size of the alias store at scale.
 *
 * Owns: generating a synthetic store (identities with made-up names
 * built from syllables - no real or eval names), timing the import of
 * all of it into an empty store, exact and near-key resolution on the
 * full store, and the store's bytes per alias.  See bench/README.md.
 *
 * usage: bench_store [--aliases N] [--lookups N] [--json] [DIR]
 */
#define _POSIX_C_SOURCE 200809L

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "namekey.h"

enum {
	EXIT_USAGE = 2,
	DEFAULT_ALIASES = 1000000,
	DEFAULT_LOOKUPS = 200000,
	ALIASES_PER_IDENTITY = 4,
	PART_MAX_BYTES = 28,
	NAME_MAX_BYTES = 2 * PART_MAX_BYTES + 8,
	ROW_MAX_BYTES = 160,
	PATH_MAX_BYTES = 4096,
};

#define NS_PER_S 1e9

/* Made-up syllables: the names are plausible-looking, belong to no one,
 * and repeat parts as real names do. */
static const char *const syllables[] = {
	"ba", "ko", "ri", "ma", "to", "su", "ne", "la", "vi", "do", "ga", "pe",
	"shi", "ro", "nu", "ka", "zo", "mi", "te", "bo", "ya", "le", "dra",
	"sto", "gri", "mo", "ze", "fa", "tu", "chi", "ve", "po",
};
#define NSYL (sizeof syllables / sizeof syllables[0])

static const char *const endings[] = { "ov", "in", "sky", "enko", "ova", "" };
#define NEND (sizeof endings / sizeof endings[0])

typedef struct name_parts {
	char given[PART_MAX_BYTES];
	char surname[PART_MAX_BYTES];
} name_parts;

/* A 64-bit mix (splitmix64): spreads identities over the name space as
 * real names spread, instead of one surname after another. */
static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

/* Identity i's name: two or three syllables for the given name, two or
 * three and an ending for the surname. */
static void make_parts(size_t i, name_parts *p)
{
	uint64_t r = mix(i);
	const size_t g1 = r % NSYL, g2 = (r /= NSYL) % NSYL;
	const size_t g3 = (r /= NSYL) % (2 * NSYL);
	const size_t s1 = (r /= 2 * NSYL) % NSYL, s2 = (r /= NSYL) % NSYL;
	const size_t s3 = (r /= NSYL) % (NSYL + 1);
	const size_t e = (r /= NSYL + 1) % NEND;
	snprintf(p->given, sizeof p->given, "%s%s%s", syllables[g1],
		 syllables[g2], g3 < NSYL ? syllables[g3] : "");
	p->given[0] = (char)(p->given[0] - 'a' + 'A');
	snprintf(p->surname, sizeof p->surname, "%s%s%s%s", syllables[s1],
		 syllables[s2], s3 < NSYL ? syllables[s3] : "", endings[e]);
	p->surname[0] = (char)(p->surname[0] - 'a' + 'A');
}

/* Alias v of identity i: the ways one person's name gets written. */
static void make_alias(size_t i, size_t v, char *out)
{
	name_parts p;
	make_parts(i, &p);
	switch (v % ALIASES_PER_IDENTITY) {
	case 0:
		snprintf(out, NAME_MAX_BYTES, "%s %s", p.given, p.surname);
		break;
	case 1:
		snprintf(out, NAME_MAX_BYTES, "%s, %s", p.surname, p.given);
		break;
	case 2:
		snprintf(out, NAME_MAX_BYTES, "%c. %s", p.given[0], p.surname);
		break;
	default:
		for (char *c = p.surname; *c; c++)
			*c = (char)(*c >= 'a' && *c <= 'z' ? *c - 'a' + 'A' : *c);
		snprintf(out, NAME_MAX_BYTES, "%s %s", p.surname, p.given);
		break;
	}
}

/* The same with one letter of the surname changed: a typo. */
static void make_typo(size_t i, char *out)
{
	name_parts p;
	make_parts(i, &p);
	const size_t n = strlen(p.surname);
	const size_t at = 1 + i % (n - 1);
	p.surname[at] = p.surname[at] == 'x' ? 'y' : 'x';
	snprintf(out, NAME_MAX_BYTES, "%s %s", p.given, p.surname);
}

typedef struct buffer {
	char *s;
	size_t len, pos;
} buffer;

static long read_buffer(void *data, char *buf, size_t cap)
{
	buffer *b = data;
	const size_t n = b->len - b->pos < cap ? b->len - b->pos : cap;
	memcpy(buf, b->s + b->pos, n);
	b->pos += n;
	return (long)n;
}

static buffer make_tsv(size_t aliases)
{
	buffer b = { .s = malloc(aliases * ROW_MAX_BYTES) };
	if (!b.s) {
		perror("bench_store");
		exit(EXIT_FAILURE);
	}
	for (size_t a = 0; a < aliases; a++) {
		char name[NAME_MAX_BYTES];
		const size_t id = a / ALIASES_PER_IDENTITY;
		make_alias(id, a, name);
		b.len += (size_t)snprintf(b.s + b.len, ROW_MAX_BYTES, "%zu\t%s\n",
					  id, name);
	}
	return b;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / NS_PER_S;
}

static void die(const char *what, int rc, const nk_store *st)
{
	fprintf(stderr, "bench_store: %s: %s (%s)\n", what, nk_strerror(rc),
		nk_store_errmsg(st));
	exit(EXIT_FAILURE);
}

typedef struct result {
	size_t aliases, lookups;
	double import_s, exact_s, near_s;
	size_t exact_found, near_found;
	long long bytes;
} result;

/* Resolve `lookups` names made by fn; count those with a candidate that
 * is the identity they were made from. */
static double time_resolve(nk_store *st, size_t identities, size_t lookups,
			   bool typo, size_t *found)
{
	nk_resolve_options o = NK_RESOLVE_OPTIONS_INIT;
	const double t0 = now();
	for (size_t k = 0; k < lookups; k++) {
		char name[NAME_MAX_BYTES];
		const size_t id = (k * 7919) % identities;
		if (typo)
			make_typo(id, name);
		else
			make_alias(id, k, name);
		nk_resolution r;
		const int rc = nk_store_resolve(&r, st, name, strlen(name), &o);
		if (rc != NK_OK)
			die("resolve", rc, st);
		for (size_t c = 0; c < r.n; c++)
			if (r.cand[c].identity == (long long)id + 1) {
				++*found;
				break;
			}
	}
	return now() - t0;
}

static long long file_size(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? (long long)sb.st_size : -1;
}

static void run(const char *path, size_t aliases, size_t lookups, result *res)
{
	nk_ctx *ctx;
	nk_store *st;
	int rc = nk_ctx_new(&ctx, NULL);
	if (rc != NK_OK)
		die("ctx", rc, NULL);
	rc = nk_store_open(&st, ctx, path, NULL);
	if (rc != NK_OK)
		die("open", rc, st);
	buffer tsv = make_tsv(aliases);
	nk_import_options io = NK_IMPORT_OPTIONS_INIT;
	const double t0 = now();
	rc = nk_store_import(NULL, st, read_buffer, &tsv, &io);
	res->import_s = now() - t0;
	free(tsv.s);
	if (rc != NK_OK)
		die("import", rc, st);
	const size_t identities = aliases / ALIASES_PER_IDENTITY;
	res->exact_s = time_resolve(st, identities, lookups, false,
				    &res->exact_found);
	res->near_s = time_resolve(st, identities, lookups, true,
				   &res->near_found);
	nk_store_close(st);
	nk_ctx_unref(ctx);
	res->bytes = file_size(path);
}

static void report(const result *r, bool json)
{
	const double imp = (double)r->aliases / r->import_s;
	const double ex = (double)r->lookups / r->exact_s;
	const double ne = (double)r->lookups / r->near_s;
	const double bpa = (double)r->bytes / (double)r->aliases;
	if (json) {
		printf("{\"aliases\":%zu,\"import_aliases_per_s\":%.0f,"
		       "\"exact_resolve_per_s\":%.0f,\"exact_found\":%zu,"
		       "\"near_resolve_per_s\":%.0f,\"near_found\":%zu,"
		       "\"lookups\":%zu,\"store_bytes\":%lld,"
		       "\"bytes_per_alias\":%.1f}\n", r->aliases, imp, ex,
		       r->exact_found, ne, r->near_found, r->lookups, r->bytes,
		       bpa);
		return;
	}
	printf("aliases          %zu\n", r->aliases);
	printf("import           %.0f aliases/s (target >= 200000)\n", imp);
	printf("exact resolve    %.0f names/s (target >= 100000), %zu/%zu "
	       "found\n", ex, r->exact_found, r->lookups);
	printf("near resolve     %.0f names/s (target >= 10000), %zu/%zu "
	       "found\n", ne, r->near_found, r->lookups);
	printf("store size       %lld bytes, %.1f per alias (target <= 150)\n",
	       r->bytes, bpa);
}

int main(int argc, char **argv)
{
	size_t aliases = DEFAULT_ALIASES, lookups = DEFAULT_LOOKUPS;
	bool json = false;
	const char *dir = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--aliases") == 0 && i + 1 < argc)
			aliases = strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--lookups") == 0 && i + 1 < argc)
			lookups = strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (argv[i][0] != '-' && !dir)
			dir = argv[i];
		else {
			fprintf(stderr, "usage: bench_store [--aliases N] "
				"[--lookups N] [--json] [DIR]\n");
			return EXIT_USAGE;
		}
	}
	if (aliases < ALIASES_PER_IDENTITY || lookups == 0) {
		fprintf(stderr, "bench_store: too few aliases or lookups\n");
		return EXIT_USAGE;
	}
	char path[PATH_MAX_BYTES];
	snprintf(path, sizeof path, "%s/bench_store_%ld.db",
		 dir ? dir : "/tmp", (long)getpid());
	result r = { .aliases = aliases, .lookups = lookups };
	run(path, aliases, lookups, &r);
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char p[PATH_MAX_BYTES + 8];
		snprintf(p, sizeof p, "%s%s", path, suffixes[i]);
		remove(p);
	}
	report(&r, json);
	return EXIT_SUCCESS;
}
