/*
 * test_concurrency.c - many processes on one store (issue #8).  Eight
 * forked workers run a random stream of add, alias, unalias, merge and
 * resolve through the library for a few seconds, with a short busy
 * timeout, retrying only NK_EBUSY, and log every change that succeeded.
 * Afterwards: no other error happened, the store holds exactly what the
 * logs add up to (no lost update), `namekey check` passes, the history
 * is the logs' changes each exactly once in each worker's order, and
 * replaying the history onto an empty store gives the same store.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "nk_test.h"

#define WORKERS 8
#define SECONDS 5.0
/* Short, so that workers do meet a busy store and retry. */
#define BUSY_MS 20
/* Identities every worker adds aliases to (the others only change
 * their own identities, so that no change can fail for a good reason). */
#define SHARED 4
/* Name numbers: worker w uses w * STRIDE + 1 ..., the shared ones
 * SHARED_BASE + i; nkt_made_up_name() makes them distinct names. */
#define STRIDE (1ul << 24)
#define SHARED_BASE ((WORKERS + 1) * STRIDE)
#define OWN_MAX 4096
#define PATH_MAX_ 300
#define LINE_MAX_ 256
#define NS_PER_S 1e9

/* Percent of each operation: the rest are resolves. */
enum { P_ADD = 20, P_ALIAS = 30, P_UNALIAS = 10, P_MERGE = 10 };

static char dir[] = "/tmp/nkt_conc_XXXXXX";
static char db[PATH_MAX_];

static void setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(db, sizeof db, "%s/store.db", dir);
}

static void teardown(void)
{
	char cmd[PATH_MAX_ + 16];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	strcpy(dir, "/tmp/nkt_conc_XXXXXX");
}

static const char *log_path(int w)
{
	static char p[PATH_MAX_ + 16];
	snprintf(p, sizeof p, "%s/w%d.log", dir, w);
	return p;
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / NS_PER_S;
}

/* One logged change: op 'a'dd ID A B, a'l'ias ID A, 'u'nalias ID A,
 * 'm'erge ID OTHER.  A and B are name numbers; B 0 is no name. */
typedef struct change {
	char op;
	long long id, other;
	unsigned long a, b;
} change;

/* ---------------------------------------------------------------- */
/* Workers                                                            */
/* ---------------------------------------------------------------- */

typedef struct worker {
	int w;
	nk_store *st;
	FILE *log;
	unsigned seed;
	unsigned long next_name;
	unsigned long ops, retries, resolves;
	long long ids[OWN_MAX];     /* own live identities */
	size_t nids;
	unsigned long names[OWN_MAX]; /* aliases it added and may remove */
	long long name_id[OWN_MAX];   /* ... and their identities */
	size_t nnames;
	long long shared[SHARED];
} worker;

static _Noreturn void worker_fail(worker *k, const char *what, int rc)
{
	fprintf(k->log, "error %s: %s: %s\n", what, nk_strerror(rc),
		nk_store_errmsg(k->st));
	fclose(k->log);
	_exit(1);
}

/* Busy: the one error a worker expects; it must say so in one line. */
static bool busy(worker *k, int rc)
{
	if (rc != NK_EBUSY)
		return false;
	const char *msg = nk_store_errmsg(k->st);
	if (!strstr(msg, "locked") || strchr(msg, '\n'))
		worker_fail(k, "busy message", rc);
	k->retries++;
	return true;
}

static unsigned long new_name(worker *k)
{
	return (unsigned long)k->w * STRIDE + ++k->next_name;
}

static size_t pick(worker *k, size_t n)
{
	return (size_t)rand_r(&k->seed) % n;
}

static void do_add(worker *k)
{
	if (k->nids == OWN_MAX)
		return;
	const unsigned long a = new_name(k), b = new_name(k);
	char display[LINE_MAX_];
	snprintf(display, sizeof display, "%s", nkt_made_up_name(a));
	const char *more[] = { nkt_made_up_name(b) };
	long long id;
	int rc;
	while (busy(k, rc = nk_store_add(&id, k->st, display, more, 1, NULL)))
		;
	if (rc != NK_OK)
		worker_fail(k, "add", rc);
	k->ids[k->nids++] = id;
	fprintf(k->log, "a %lld 0 %lu %lu\n", id, a, b);
}

static void do_alias(worker *k)
{
	if (k->nnames == OWN_MAX)
		return;
	const size_t i = pick(k, k->nids + SHARED);
	const long long id = i < k->nids ? k->ids[i] : k->shared[i - k->nids];
	const unsigned long a = new_name(k);
	int rc;
	while (busy(k, rc = nk_store_alias(k->st, id, nkt_made_up_name(a),
					   NULL)))
		;
	if (rc != NK_OK)
		worker_fail(k, "alias", rc);
	k->names[k->nnames] = a;
	k->name_id[k->nnames++] = id;
	fprintf(k->log, "l %lld 0 %lu 0\n", id, a);
}

/* Only aliases added by alias: every identity keeps its display name,
 * so the one removed is never the last. */
static void do_unalias(worker *k)
{
	if (k->nnames == 0)
		return;
	const size_t i = pick(k, k->nnames);
	const long long id = k->name_id[i];
	const unsigned long a = k->names[i];
	int rc;
	while (busy(k, rc = nk_store_unalias(k->st, id, nkt_made_up_name(a))))
		;
	if (rc != NK_OK)
		worker_fail(k, "unalias", rc);
	k->names[i] = k->names[--k->nnames];
	k->name_id[i] = k->name_id[k->nnames];
	fprintf(k->log, "u %lld 0 %lu 0\n", id, a);
}

static void do_merge(worker *k)
{
	if (k->nids < 2)
		return;
	const size_t i = pick(k, k->nids);
	const size_t j = (i + 1 + pick(k, k->nids - 1)) % k->nids;
	const long long into = k->ids[i], from = k->ids[j];
	int rc;
	while (busy(k, rc = nk_store_merge(k->st, into, from)))
		;
	if (rc != NK_OK)
		worker_fail(k, "merge", rc);
	k->ids[j] = k->ids[--k->nids];
	for (size_t n = 0; n < k->nnames; n++)
		if (k->name_id[n] == from)
			k->name_id[n] = into;
	fprintf(k->log, "m %lld %lld 0 0\n", into, from);
}

/* Read your writes: an alias this worker added resolves exactly to the
 * identity it is on now, whatever the others do meanwhile. */
static void do_resolve(worker *k)
{
	if (k->nnames == 0)
		return;
	const size_t i = pick(k, k->nnames);
	const char *name = nkt_made_up_name(k->names[i]);
	nk_resolution r;
	int rc;
	while (busy(k, rc = nk_store_resolve(&r, k->st, name, strlen(name),
					     NULL)))
		;
	if (rc != NK_OK)
		worker_fail(k, "resolve", rc);
	if (r.n == 0 || r.cand[0].identity != k->name_id[i] ||
	    r.cand[0].evidence != NK_STORE_EXACT)
		worker_fail(k, "resolve found another identity", NK_EINVAL);
	k->resolves++;
}

static void one_op(worker *k)
{
	const int p = (int)pick(k, 100);
	if (p < P_ADD || k->nids < 2)
		do_add(k);
	else if (p < P_ADD + P_ALIAS)
		do_alias(k);
	else if (p < P_ADD + P_ALIAS + P_UNALIAS)
		do_unalias(k);
	else if (p < P_ADD + P_ALIAS + P_UNALIAS + P_MERGE)
		do_merge(k);
	else
		do_resolve(k);
	k->ops++;
}

static _Noreturn void run_worker(int w, unsigned seed,
				 const long long *shared)
{
	static worker k;
	k = (worker){ .w = w, .seed = seed };
	memcpy(k.shared, shared, sizeof k.shared);
	k.log = fopen(log_path(w), "w");
	nk_ctx *ctx;
	if (!k.log || nk_ctx_new(&ctx, NULL) != NK_OK)
		_exit(2);
	nk_store_options o = NK_STORE_OPTIONS_INIT;
	o.busy_timeout_ms = BUSY_MS;
	int rc;
	do {
		nk_store_close(k.st);
		rc = nk_store_open(&k.st, ctx, db, &o);
	} while (busy(&k, rc));
	if (rc != NK_OK)
		worker_fail(&k, "open", rc);
	const double end = now_s() + SECONDS;
	while (now_s() < end)
		one_op(&k);
	fprintf(k.log, "stats %lu %lu %lu\n", k.ops, k.retries, k.resolves);
	nk_store_close(k.st);
	nk_ctx_unref(ctx);
	_exit(fclose(k.log) == 0 ? 0 : 2);
}

/* ---------------------------------------------------------------- */
/* The logs, and the state they add up to                             */
/* ---------------------------------------------------------------- */

typedef struct queue {
	change *c;
	size_t n, head;
} queue;

typedef struct totals {
	unsigned long ops, retries, resolves;
} totals;

static void push(queue *q, change c)
{
	change *p = realloc(q->c, (q->n + 1) * sizeof *p);
	ck_assert_ptr_nonnull(p);
	q->c = p;
	q->c[q->n++] = c;
}

static void read_log(queue *q, int w, totals *t)
{
	FILE *f = fopen(log_path(w), "r");
	ck_assert_ptr_nonnull(f);
	char line[LINE_MAX_];
	bool done = false;
	while (fgets(line, sizeof line, f)) {
		unsigned long ops, retries, resolves;
		change c;
		ck_assert_msg(strncmp(line, "error", 5) != 0, "worker %d: %s",
			      w, line);
		if (sscanf(line, "stats %lu %lu %lu", &ops, &retries,
			   &resolves) == 3) {
			t->ops += ops;
			t->retries += retries;
			t->resolves += resolves;
			done = true;
			continue;
		}
		ck_assert_int_eq(sscanf(line, "%c %lld %lld %lu %lu", &c.op,
					&c.id, &c.other, &c.a, &c.b), 5);
		push(q, c);
	}
	fclose(f);
	ck_assert_msg(done, "worker %d did not finish its log", w);
}

/* "ID<TAB>NAME" lines, sorted: a store's contents, ids included. */
typedef struct lines {
	char **s;
	size_t n;
} lines;

static void add_line(lines *l, long long id, const char *name)
{
	char buf[LINE_MAX_];
	snprintf(buf, sizeof buf, "%lld\t%s", id, name);
	char **p = realloc(l->s, (l->n + 1) * sizeof *p);
	ck_assert_ptr_nonnull(p);
	l->s = p;
	l->s[l->n] = strdup(buf);
	ck_assert_ptr_nonnull(l->s[l->n++]);
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_lines(lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->s[i]);
	free(l->s);
	*l = (lines){ 0 };
}

static void assert_same(lines *a, lines *b, const char *what)
{
	qsort(a->s, a->n, sizeof *a->s, by_text);
	qsort(b->s, b->n, sizeof *b->s, by_text);
	for (size_t i = 0; i < a->n && i < b->n; i++)
		ck_assert_msg(strcmp(a->s[i], b->s[i]) == 0, "%s: '%s' vs "
			      "'%s'", what, a->s[i], b->s[i]);
	ck_assert_msg(a->n == b->n, "%s: %zu aliases vs %zu", what, a->n,
		      b->n);
}

/* The model: one entry per alias ever added; merges move them, unalias
 * kills them. */
typedef struct model_alias {
	long long id;
	unsigned long name;
	bool alive;
} model_alias;

typedef struct model {
	model_alias *a;
	size_t n;
} model;

static void model_add(model *m, long long id, unsigned long name)
{
	model_alias *p = realloc(m->a, (m->n + 1) * sizeof *p);
	ck_assert_ptr_nonnull(p);
	m->a = p;
	m->a[m->n++] = (model_alias){ id, name, true };
}

static void model_apply(model *m, const change *c)
{
	switch (c->op) {
	case 'a':
		model_add(m, c->id, c->a);
		if (c->b)
			model_add(m, c->id, c->b);
		return;
	case 'l':
		model_add(m, c->id, c->a);
		return;
	case 'm':
		for (size_t i = 0; i < m->n; i++)
			if (m->a[i].alive && m->a[i].id == c->other)
				m->a[i].id = c->id;
		return;
	default:
		for (size_t i = 0; i < m->n; i++)
			if (m->a[i].alive && m->a[i].name == c->a) {
				ck_assert_int_eq(m->a[i].id, c->id);
				m->a[i].alive = false;
				return;
			}
		ck_abort_msg("unalias of an alias never added");
	}
}

static void model_lines(const model *m, lines *out)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->a[i].alive)
			add_line(out, m->a[i].id, nkt_made_up_name(m->a[i].name));
}

/* ---------------------------------------------------------------- */
/* The store, as lines, and its history                               */
/* ---------------------------------------------------------------- */

typedef struct walk {
	nk_store *st;
	lines *out;
	char **alias_names; /* by alias id */
	size_t cap;
} walk;

static void name_alias(walk *k, long long alias, const char *name)
{
	if ((size_t)alias >= k->cap) {
		const size_t cap = 2 * (size_t)alias + 1;
		char **p = realloc(k->alias_names, cap * sizeof *p);
		ck_assert_ptr_nonnull(p);
		memset(p + k->cap, 0, (cap - k->cap) * sizeof *p);
		k->alias_names = p;
		k->cap = cap;
	}
	free(k->alias_names[alias]);
	k->alias_names[alias] = strdup(name);
}

static void free_names(walk *k)
{
	for (size_t i = 0; i < k->cap; i++)
		free(k->alias_names[i]);
	free(k->alias_names);
}

static int on_alias(void *data, const nk_alias *a)
{
	walk *k = data;
	add_line(k->out, a->identity, a->name);
	name_alias(k, a->id, a->name);
	return 0;
}

typedef struct ids {
	long long *id;
	size_t n;
} ids;

static int on_identity(void *data, const nk_identity *identity)
{
	ids *l = data;
	long long *p = realloc(l->id, (l->n + 1) * sizeof *p);
	ck_assert_ptr_nonnull(p);
	l->id = p;
	l->id[l->n++] = identity->id;
	return 0;
}

/* Every alias of the store as a line; alias ids named in k. */
static void store_lines(walk *k)
{
	ids l = { NULL, 0 };
	ck_assert_int_eq(nk_store_list(k->st, on_identity, &l), NK_OK);
	for (size_t i = 0; i < l.n; i++)
		ck_assert_int_eq(nk_store_show(k->st, l.id[i], NULL, on_alias,
					       k), NK_OK);
	free(l.id);
}

/* The value of "key":"..." or "key":N in a flat JSON object. */
static const char *json_text(const char *json, const char *key, char *buf,
			     size_t size)
{
	char pat[LINE_MAX_];
	snprintf(pat, sizeof pat, "\"%s\":", key);
	const char *p = strstr(json, pat);
	ck_assert_msg(p != NULL, "no %s in %s", key, json);
	p += strlen(pat);
	const bool quoted = *p == '"';
	p += quoted;
	const size_t n = strcspn(p, quoted ? "\"" : ",}");
	snprintf(buf, size, "%.*s", (int)n, p);
	return buf;
}

/* One history entry, with the name of the alias it adds or removes. */
typedef struct entry {
	nk_change h;
	char op[16];
	long long alias;
	char name[LINE_MAX_];
} entry;

typedef struct history {
	entry *e;
	size_t n;
} history;

static int on_change(void *data, const nk_change *h)
{
	history *l = data;
	entry *p = realloc(l->e, (l->n + 1) * sizeof *p);
	ck_assert_ptr_nonnull(p);
	l->e = p;
	entry *e = &l->e[l->n++];
	*e = (entry){ .h = *h };
	snprintf(e->op, sizeof e->op, "%s", h->op);
	e->h.op = e->op;
	e->h.detail = NULL;
	ck_assert_msg(h->undone == 0, "change %lld undone", h->id);
	const bool alias = strcmp(h->op, "alias") == 0;
	const bool unalias = strcmp(h->op, "unalias") == 0;
	char id[LINE_MAX_];
	if (alias || unalias)
		e->alias = strtoll(json_text(h->detail, "alias", id, sizeof id),
				   NULL, 10);
	if (unalias)
		json_text(h->detail, "name", e->name, sizeof e->name);
	return 0;
}

/*
 * Alias entries give only the alias id, and SQLite reuses the id of a
 * removed alias: walk back from the store's final names, an unalias
 * giving its id back its name, an alias taking it away.
 */
static void name_entries(history *l, walk *final)
{
	for (size_t i = l->n; i-- > 0;) {
		entry *e = &l->e[i];
		if (e->alias <= 0)
			continue;
		if (strcmp(e->op, "unalias") == 0) {
			name_alias(final, e->alias, e->name);
			continue;
		}
		ck_assert_msg((size_t)e->alias < final->cap &&
			      final->alias_names[e->alias], "alias %lld of "
			      "change %lld has no name", e->alias, e->h.id);
		snprintf(e->name, sizeof e->name, "%s",
			 final->alias_names[e->alias]);
		free(final->alias_names[e->alias]);
		final->alias_names[e->alias] = NULL;
	}
}

/* Does logged change c describe history entry e? */
static bool same_change(const change *c, const entry *e)
{
	if (c->id != e->h.identity)
		return false;
	switch (c->op) {
	case 'a':
		return strcmp(e->op, "add") == 0;
	case 'm':
		return strcmp(e->op, "merge") == 0 && c->other == e->h.other;
	case 'l':
		return strcmp(e->op, "alias") == 0 &&
		       strcmp(nkt_made_up_name(c->a), e->name) == 0;
	default:
		return strcmp(e->op, "unalias") == 0 &&
		       strcmp(nkt_made_up_name(c->a), e->name) == 0;
	}
}

/* Each entry must be the next change of one log: no change twice, none
 * out of its worker's order, none that no one made; order receives the
 * logged changes in history order. */
static void match_history(const history *l, queue *q, const change **order)
{
	for (size_t i = 0; i < l->n; i++) {
		const entry *e = &l->e[i];
		int w = 0;
		while (w <= WORKERS && (q[w].head == q[w].n ||
					!same_change(&q[w].c[q[w].head], e)))
			w++;
		ck_assert_msg(w <= WORKERS, "history entry %lld (%s %lld %lld "
			      "%s) is no logged change next in its log",
			      e->h.id, e->op, e->h.identity, e->h.other,
			      e->name);
		order[i] = &q[w].c[q[w].head++];
	}
}

/* Replay the matched changes onto a new store through the API. */
static void replay(const change *const *order, size_t n, lines *out)
{
	char path[PATH_MAX_ + 16];
	snprintf(path, sizeof path, "%s/replay.db", dir);
	nk_store *st;
	ck_assert_int_eq(nk_store_open(&st, nkt_ctx(), path, NULL), NK_OK);
	for (size_t i = 0; i < n; i++) {
		const change *c = order[i];
		char a[LINE_MAX_];
		snprintf(a, sizeof a, "%s", nkt_made_up_name(c->a));
		const char *more[] = { nkt_made_up_name(c->b) };
		long long id = c->id;
		int rc;
		switch (c->op) {
		case 'a':
			rc = nk_store_add(&id, st, a, more, c->b ? 1 : 0, NULL);
			break;
		case 'l':
			rc = nk_store_alias(st, c->id, a, NULL);
			break;
		case 'u':
			rc = nk_store_unalias(st, c->id, a);
			break;
		default:
			rc = nk_store_merge(st, c->id, c->other);
			break;
		}
		ck_assert_msg(rc == NK_OK, "replay %zu: %s", i,
			      nk_store_errmsg(st));
		ck_assert_int_eq(id, c->id);
	}
	walk k = { st, out, NULL, 0 };
	store_lines(&k);
	free_names(&k);
	nk_store_close(st);
}

/* ---------------------------------------------------------------- */

/* The shared identities, made before the workers start; logged as the
 * setup's changes. */
static void add_shared(queue *setup_q, long long *shared)
{
	nk_store *st;
	ck_assert_int_eq(nk_store_open(&st, nkt_ctx(), db, NULL), NK_OK);
	for (int i = 0; i < SHARED; i++) {
		const unsigned long name = SHARED_BASE + (unsigned long)i;
		ck_assert_int_eq(nk_store_add(&shared[i], st,
					      nkt_made_up_name(name), NULL, 0,
					      NULL), NK_OK);
		push(setup_q, (change){ 'a', shared[i], 0, name, 0 });
	}
	nk_store_close(st);
}

static void run_workers(const long long *shared, unsigned long seed)
{
	pid_t pid[WORKERS];
	for (int w = 0; w < WORKERS; w++) {
		pid[w] = fork();
		ck_assert_int_ge(pid[w], 0);
		if (pid[w] == 0)
			run_worker(w, (unsigned)(seed + (unsigned long)w),
				   shared);
	}
	for (int w = 0; w < WORKERS; w++) {
		int status;
		ck_assert_int_eq(waitpid(pid[w], &status, 0), pid[w]);
		ck_assert_msg(WIFEXITED(status), "worker %d killed", w);
	}
}

/* The history, matched to the logs, replayed: the store it gives must
 * be have, the store the workers left. */
static void history_replays(nk_store *st, walk *final, queue *q,
			    size_t changes, lines *have)
{
	history l = { NULL, 0 };
	ck_assert_int_eq(nk_store_history(st, 0, on_change, &l), NK_OK);
	ck_assert_uint_eq(l.n, changes);
	name_entries(&l, final);
	const change **order = calloc(changes, sizeof *order);
	ck_assert_ptr_nonnull(order);
	match_history(&l, q, order);
	lines replayed = { 0 };
	replay(order, changes, &replayed);
	assert_same(&replayed, have, "replayed history vs store");
	free_lines(&replayed);
	free(order);
	free(l.e);
}

START_TEST(workers_lose_nothing_and_history_replays)
{
	queue q[WORKERS + 1] = { 0 }; /* the workers' logs, the setup's */
	long long shared[SHARED];
	add_shared(&q[WORKERS], shared);
	const char *env = getenv("NK_CONCURRENCY_SEED");
	const unsigned long seed = env && *env ? strtoul(env, NULL, 10)
		: (unsigned long)time(NULL);
	run_workers(shared, seed);

	totals t = { 0 };
	for (int w = 0; w < WORKERS; w++)
		read_log(&q[w], w, &t);
	char args[PATH_MAX_ + 16];
	snprintf(args, sizeof args, "check --db '%s'", db);
	const nkt_result *r = nkt_cli(NULL, args);
	ck_assert_msg(r->status == 0, "namekey check: %s%s", r->out, r->err);

	model expect = { NULL, 0 };
	size_t changes = 0;
	for (int w = 0; w <= WORKERS; w++) {
		changes += q[w].n;
		for (size_t i = 0; i < q[w].n; i++)
			model_apply(&expect, &q[w].c[i]);
	}
	lines want = { 0 }, have = { 0 };
	model_lines(&expect, &want);
	nk_store *st;
	ck_assert_int_eq(nk_store_open(&st, nkt_ctx(), db, NULL), NK_OK);
	walk final = { st, &have, NULL, 0 };
	store_lines(&final);
	assert_same(&want, &have, "logs vs store");
	history_replays(st, &final, q, changes, &have);
	nk_store_close(st);
	printf("concurrency: seed %lu (NK_CONCURRENCY_SEED replays it), %d "
	       "workers, %lu operations (%zu changes, %lu resolves), %lu busy "
	       "retries\n", seed, WORKERS, t.ops, changes, t.resolves,
	       t.retries);

	free_names(&final);
	for (int w = 0; w <= WORKERS; w++)
		free(q[w].c);
	free(expect.a);
	free_lines(&want);
	free_lines(&have);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("concurrency");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, workers_lose_nothing_and_history_replays);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
