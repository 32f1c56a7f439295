/*
 * bench_key.c - throughput of nk_key() against an ICU transliterator
 * baseline, on names read from files.
 *
 * Owns: loading name files into memory, the timed loops, the heap-growth
 * check around nk_key(), and the report (a table, or one JSON object with
 * --json).  It measures whatever the library does; it judges nothing about
 * key quality.  See bench/README.md for how to read the numbers.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <float.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#ifdef NK_BENCH_HAVE_MALLINFO2
#include <malloc.h>
#endif

#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

#include "namekey.h"

enum {
	EXIT_USAGE = 2,
	DEFAULT_MIN_NAMES = 2000000,
	DEFAULT_RUNS = 3,
	/* 0-based column of the name in cluster<TAB>lang<TAB>source<TAB>name */
	TSV_NAME_COLUMN = 3,
	READ_CHUNK = 1 << 16,
	NAMES_INITIAL_CAP = 1024,
	/*
	 * Romanizing lengthens text: a Hangul syllable becomes up to six
	 * Latin letters, and Latin-ASCII expands some letters further.
	 */
	TRANSLIT_GROWTH = 8,
	TRANSLIT_CAP = NK_NAME_MAX * TRANSLIT_GROWTH,
	BASELINE_ID_CAP = 64,
};

static const char BASELINE_ID[] = "Any-Latin; Latin-ASCII; Lower";

#define NS_PER_S 1e9
#define KIB_PER_MIB 1024.0

typedef struct name {
	const char *s;
	size_t len;
} name;

typedef struct name_file {
	const char *path;
	char *text;   /* the file's bytes; names point into it */
	name *names;
	size_t n;
} name_file;

typedef struct options {
	size_t min_names;
	size_t runs;
	bool json;
	int first_file; /* argv index of the first file */
} options;

/* One row of the report: a file, or the total. */
typedef struct result {
	const char *label;
	size_t names;        /* names loaded */
	size_t timed;        /* names keyed per timed run */
	double nk_rate;      /* names/s, best run */
	double icu_rate;
	size_t nk_rejected;  /* names nk_key() returned an error for */
	size_t icu_failed;   /* names the baseline failed on */
	bool heap_known;     /* false without mallinfo2() */
	long long heap_delta;/* bytes in use after - before the nk_key runs */
	double rss_mib;      /* process peak so far */
} result;

/* The two contenders, behind one signature so they share the timing code. */
typedef size_t (*pass_fn)(const void *engine, const name_file *f);

__attribute__((noreturn, format(printf, 1, 2)))
static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("bench_key: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(EXIT_FAILURE);
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: bench_key [--min-names N] [--runs N] [--json] FILE...\n"
		"\n"
		"Time nk_key() and the ICU transliterator \"%s\"\n"
		"over the names in each FILE: one name per line, or the 4th\n"
		"column of cluster<TAB>lang<TAB>source<TAB>name rows.\n"
		"\n"
		"  --min-names N  repeat each file's names to at least N (default %d)\n"
		"  --runs N       timed runs per file and contender; best counts (default %d)\n"
		"  --json         print one JSON object instead of the table\n",
		BASELINE_ID, DEFAULT_MIN_NAMES, DEFAULT_RUNS);
}

/* ------------------------------------------------------------------ */
/* Options                                                              */
/* ------------------------------------------------------------------ */

static bool parse_count(size_t *out, const char *s)
{
	char *end;
	if (*s == '-')
		return false; /* strtoull would wrap it */
	errno = 0;
	const unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *end || v == 0 || (size_t)v != v)
		return false;
	*out = (size_t)v;
	return true;
}

/* Reads the value of option argv[*i] and advances past it. */
static size_t option_value(int argc, char **argv, int *i)
{
	size_t v;
	if (*i + 1 >= argc || !parse_count(&v, argv[*i + 1])) {
		fprintf(stderr, "bench_key: %s needs a positive integer\n",
			argv[*i]);
		exit(EXIT_USAGE);
	}
	++*i;
	return v;
}

static options parse_options(int argc, char **argv)
{
	options o = { DEFAULT_MIN_NAMES, DEFAULT_RUNS, false, argc };
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--min-names") == 0) {
			o.min_names = option_value(argc, argv, &i);
		} else if (strcmp(argv[i], "--runs") == 0) {
			o.runs = option_value(argc, argv, &i);
		} else if (strcmp(argv[i], "--json") == 0) {
			o.json = true;
		} else if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			exit(EXIT_SUCCESS);
		} else {
			fprintf(stderr, "bench_key: unknown option %s\n", argv[i]);
			exit(EXIT_USAGE);
		}
	}
	if (i == argc) {
		usage(stderr);
		exit(EXIT_USAGE);
	}
	o.first_file = i;
	return o;
}

/* ------------------------------------------------------------------ */
/* Loading (not timed)                                                  */
/* ------------------------------------------------------------------ */

/* Reads the whole file; *len excludes the NUL added after it. */
static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die("cannot open %s: %s", path, strerror(errno));
	char *text = NULL;
	size_t cap = READ_CHUNK;
	*len = 0;
	for (;;) {
		text = realloc(text, cap + 1);
		if (!text)
			die("out of memory reading %s", path);
		*len += fread(text + *len, 1, cap - *len, f);
		if (*len < cap)
			break;
		cap *= 2;
	}
	if (ferror(f))
		die("cannot read %s", path);
	fclose(f);
	text[*len] = '\0';
	return text;
}

/* A file is TSV when its first non-empty line has the name column. */
static bool looks_tsv(const char *text)
{
	text += strspn(text, "\r\n");
	unsigned tabs = 0;
	for (; *text && *text != '\n'; text++)
		tabs += *text == '\t';
	return tabs >= TSV_NAME_COLUMN;
}

/* Narrows [*s, *end) to the name column; false when the row is short. */
static bool tsv_column(const char **s, const char **end)
{
	for (unsigned col = 0; col < TSV_NAME_COLUMN; col++) {
		const char *tab = memchr(*s, '\t', (size_t)(*end - *s));
		if (!tab)
			return false;
		*s = tab + 1;
	}
	const char *tab = memchr(*s, '\t', (size_t)(*end - *s));
	if (tab)
		*end = tab;
	return true;
}

static void push_name(name_file *f, size_t *cap, const char *s, size_t len)
{
	if (f->n == *cap) {
		*cap = *cap ? *cap * 2 : NAMES_INITIAL_CAP;
		f->names = realloc(f->names, *cap * sizeof *f->names);
		if (!f->names)
			die("out of memory loading %s", f->path);
	}
	f->names[f->n++] = (name){ s, len };
}

/* Empty names are skipped: a blank line is not a name. */
static name_file load(const char *path)
{
	size_t size;
	name_file f = { .path = path, .text = read_all(path, &size) };
	const char *const eof = f.text + size;
	const bool tsv = looks_tsv(f.text);
	size_t cap = 0;
	size_t lineno = 0;
	for (const char *line = f.text; line < eof; ) {
		const char *nl = memchr(line, '\n', (size_t)(eof - line));
		const char *end = nl ? nl : eof;
		const char *next = nl ? nl + 1 : eof;
		const char *s = line;
		lineno++;
		if (end > s && end[-1] == '\r')
			end--;
		if (tsv && s != end && !tsv_column(&s, &end))
			die("%s:%zu: fewer than %d columns", path, lineno,
			    TSV_NAME_COLUMN + 1);
		if (end > s)
			push_name(&f, &cap, s, (size_t)(end - s));
		line = next;
	}
	if (f.n == 0)
		die("%s: no names", path);
	return f;
}

/* ------------------------------------------------------------------ */
/* The contenders                                                       */
/* ------------------------------------------------------------------ */

static size_t nk_pass(const void *engine, const name_file *f)
{
	const nk_ctx *ctx = engine;
	char buf[NK_KEY_MAX];
	nk_key_info info;
	size_t rejected = 0;
	for (size_t i = 0; i < f->n; i++)
		rejected += nk_key(&info, buf, sizeof buf, ctx, f->names[i].s,
				   f->names[i].len, NULL) != NK_OK;
	return rejected;
}

/*
 * The UTF-8 -> UTF-16 conversion is inside the pass because nk_key()
 * starts from UTF-8 too; leaving it out would flatter the baseline.
 */
static size_t icu_pass(const void *engine, const name_file *f)
{
	const UTransliterator *tr = engine;
	UChar buf[TRANSLIT_CAP];
	size_t failed = 0;
	for (size_t i = 0; i < f->n; i++) {
		/*
		 * nk_key() rejects names over NK_NAME_MAX; rejecting them here
		 * too keeps the contest even and the int32_t casts in range.
		 */
		if (f->names[i].len > NK_NAME_MAX) {
			failed++;
			continue;
		}
		UErrorCode st = U_ZERO_ERROR;
		int32_t len = 0;
		u_strFromUTF8(buf, TRANSLIT_CAP, &len, f->names[i].s,
			      (int32_t)f->names[i].len, &st);
		int32_t limit = len;
		utrans_transUChars(tr, buf, &len, TRANSLIT_CAP, 0, &limit, &st);
		failed += U_FAILURE(st) != 0;
	}
	return failed;
}

static UTransliterator *open_baseline(void)
{
	UChar id[BASELINE_ID_CAP];
	UErrorCode st = U_ZERO_ERROR;
	u_strFromUTF8(id, BASELINE_ID_CAP, NULL, BASELINE_ID, -1, &st);
	UParseError perr;
	UTransliterator *tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0,
					   &perr, &st);
	if (U_FAILURE(st))
		die("cannot open the ICU transliterator: %s", u_errorName(st));
	return tr;
}

/* ------------------------------------------------------------------ */
/* Measuring                                                            */
/* ------------------------------------------------------------------ */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / NS_PER_S;
}

/* Best wall time of `runs` runs, each `repeats` passes over the file. */
static double best_time(pass_fn pass, const void *engine, const name_file *f,
			size_t repeats, size_t runs)
{
	double best = DBL_MAX;
	for (size_t r = 0; r < runs; r++) {
		const double t0 = now();
		for (size_t k = 0; k < repeats; k++)
			pass(engine, f);
		const double t = now() - t0;
		if (t < best)
			best = t;
	}
	return best;
}

/*
 * Heap bytes in use, counting mmap'd blocks too: glibc serves large
 * requests with mmap and leaves them out of uordblks.
 */
static bool heap_in_use(long long *out)
{
#ifdef NK_BENCH_HAVE_MALLINFO2
	const struct mallinfo2 mi = mallinfo2();
	*out = (long long)(mi.uordblks + mi.hblkhd);
	return true;
#else
	*out = 0;
	return false;
#endif
}

static double peak_rss_mib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_maxrss / KIB_PER_MIB; /* Linux reports KiB */
}

/*
 * The untimed first pass of each contender counts its failures (every
 * pass fails on the same names) and lets ICU load its data lazily, so
 * neither the timing nor the heap check pays for one-time setup.
 */
static result measure(const name_file *f, const nk_ctx *ctx,
		      const UTransliterator *tr, const options *o)
{
	const size_t repeats = (o->min_names + f->n - 1) / f->n;
	result r = { .label = f->path, .names = f->n, .timed = f->n * repeats };

	r.nk_rejected = nk_pass(ctx, f);
	long long before, after;
	heap_in_use(&before);
	const double nk_secs = best_time(nk_pass, ctx, f, repeats, o->runs);
	r.heap_known = heap_in_use(&after);
	r.heap_delta = after - before;

	r.icu_failed = icu_pass(tr, f);
	const double icu_secs = best_time(icu_pass, tr, f, repeats, o->runs);

	r.nk_rate = (double)r.timed / nk_secs;
	r.icu_rate = (double)r.timed / icu_secs;
	r.rss_mib = peak_rss_mib();
	return r;
}

/*
 * The total is the rate over all files' names in their own proportions,
 * as if the files were concatenated: each file weighs by its names, not
 * by how many times it was repeated.
 */
static result total(const result *rows, size_t n)
{
	result t = { .label = "total", .heap_known = true };
	double nk_secs = 0, icu_secs = 0;
	for (size_t i = 0; i < n; i++) {
		t.names += rows[i].names;
		t.timed += rows[i].timed;
		t.nk_rejected += rows[i].nk_rejected;
		t.icu_failed += rows[i].icu_failed;
		t.heap_known &= rows[i].heap_known;
		t.heap_delta += rows[i].heap_delta;
		nk_secs += (double)rows[i].names / rows[i].nk_rate;
		icu_secs += (double)rows[i].names / rows[i].icu_rate;
	}
	t.nk_rate = (double)t.names / nk_secs;
	t.icu_rate = (double)t.names / icu_secs;
	t.rss_mib = peak_rss_mib();
	return t;
}

/* ------------------------------------------------------------------ */
/* Report                                                               */
/* ------------------------------------------------------------------ */

static const char *basename_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static const char *heap_verdict(const result *r)
{
	if (!r->heap_known)
		return "n/a";
	return r->heap_delta > 0 ? "GREW" : "ok";
}

static void print_table_row(const result *r)
{
	printf("%-24s %8zu %10zu %12.0f %10.0f %7.2f %9.1f %+10lld %-4s %8zu %8zu\n",
	       basename_of(r->label), r->names, r->timed, r->nk_rate,
	       r->icu_rate, r->nk_rate / r->icu_rate, r->rss_mib,
	       r->heap_delta, heap_verdict(r), r->nk_rejected, r->icu_failed);
}

static void print_table(const result *rows, size_t n, const result *t,
			const options *o)
{
	printf("namekey %s (key format %d), ICU %s; baseline \"%s\"\n"
	       "best of %zu runs, each file repeated to >= %zu names\n\n",
	       nk_version(), NK_KEY_FORMAT, U_ICU_VERSION, BASELINE_ID,
	       o->runs, o->min_names);
	printf("%-24s %8s %10s %12s %10s %7s %9s %10s %-4s %8s %8s\n",
	       "file", "names", "timed/run", "namekey/s", "ICU/s", "ratio",
	       "RSS MiB", "heap B", "heap", "nk rej", "ICU fail");
	for (size_t i = 0; i < n; i++)
		print_table_row(&rows[i]);
	print_table_row(t);
}

static void print_json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		const unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < ' ')
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void print_json_row(const result *r)
{
	printf("{\"file\":");
	print_json_string(r->label);
	printf(",\"names\":%zu,\"timed_names\":%zu,"
	       "\"namekey_names_per_s\":%.0f,\"baseline_names_per_s\":%.0f,"
	       "\"ratio\":%.3f,\"peak_rss_mib\":%.1f,",
	       r->names, r->timed, r->nk_rate, r->icu_rate,
	       r->nk_rate / r->icu_rate, r->rss_mib);
	if (r->heap_known)
		printf("\"heap_delta_bytes\":%lld,\"heap_grew\":%s,",
		       r->heap_delta, r->heap_delta > 0 ? "true" : "false");
	else
		printf("\"heap_delta_bytes\":null,\"heap_grew\":null,");
	printf("\"namekey_rejected\":%zu,\"baseline_failed\":%zu}",
	       r->nk_rejected, r->icu_failed);
}

static void print_json(const result *rows, size_t n, const result *t,
		       const options *o)
{
	printf("{\"namekey_version\":\"%s\",\"key_format\":%d,"
	       "\"icu_version\":\"%s\",\"baseline\":\"%s\","
	       "\"min_names\":%zu,\"runs\":%zu,\"files\":[",
	       nk_version(), NK_KEY_FORMAT, U_ICU_VERSION, BASELINE_ID,
	       o->min_names, o->runs);
	for (size_t i = 0; i < n; i++) {
		if (i)
			putchar(',');
		print_json_row(&rows[i]);
	}
	printf("],\"total\":");
	print_json_row(t);
	printf("}\n");
}

int main(int argc, char **argv)
{
	const options o = parse_options(argc, argv);
	const size_t nfiles = (size_t)(argc - o.first_file);

	name_file *files = calloc(nfiles, sizeof *files);
	result *rows = calloc(nfiles, sizeof *rows);
	if (!files || !rows)
		die("out of memory");
	for (size_t i = 0; i < nfiles; i++)
		files[i] = load(argv[o.first_file + (int)i]);

	nk_ctx *ctx;
	const int rc = nk_ctx_new(&ctx, NULL);
	if (rc != NK_OK)
		die("nk_ctx_new: %s", nk_strerror(rc));
	UTransliterator *tr = open_baseline();

	for (size_t i = 0; i < nfiles; i++) {
		rows[i] = measure(&files[i], ctx, tr, &o);
		if (!o.json)
			fprintf(stderr, "bench_key: %s done\n", files[i].path);
	}
	const result t = total(rows, nfiles);
	if (o.json)
		print_json(rows, nfiles, &t, &o);
	else
		print_table(rows, nfiles, &t, &o);

	utrans_close(tr);
	nk_ctx_unref(ctx);
	for (size_t i = 0; i < nfiles; i++) {
		free(files[i].names);
		free(files[i].text);
	}
	free(rows);
	free(files);
	return EXIT_SUCCESS;
}
