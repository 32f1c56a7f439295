/*
 * namekey.h - the whole public API of libnamekey.
 *
 * libnamekey decides when two romanized spellings name the same person.
 * A name flows one way through named stages:
 *
 *   UTF-8 check -> Unicode fold (ICU) -> tokens -> language decision
 *   -> language rules (Russian, Korean) -> key
 *
 * Conventions (after libgit2 and SQLite):
 *   - every function is prefixed nk_<module>_<verb> (nk_key is the one
 *     exception: it is the library's reason to exist);
 *   - functions that can fail return int: NK_OK (0) or a negative NK_E*
 *     code; nk_strerror() turns a code into a static message;
 *   - out-parameters come first;
 *   - handles are opaque; whoever a returned pointer belongs to is stated
 *     at each function;
 *   - option structs carry a version field so they can grow without
 *     breaking callers: initialise them with the *_INIT macros;
 *   - there is no global state.  An nk_ctx is immutable after creation
 *     and may be shared by any number of threads; nk_key() does not
 *     allocate.
 */
#ifndef NAMEKEY_H
#define NAMEKEY_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define NK_EXPORT __attribute__((visibility("default")))
#else
#define NK_EXPORT
#endif

#define NK_VERSION_STRING "0.1.0"

/*
 * Key-format version.  Keys made by different key-format versions are
 * not comparable; stores record the version each key was made with.
 */
#define NK_KEY_FORMAT 1

/* Longest name nk_key() accepts, in bytes of UTF-8 (excluding a NUL). */
#define NK_NAME_MAX 4096

/* Smallest key buffer that can hold any result of nk_key(), with NUL. */
#define NK_KEY_MAX 512

/* Most keys one name can yield (one per plausible reading). */
#define NK_KEYS_MAX 4

/** Error codes.  Stable: values never change between versions. */
typedef enum nk_error {
	NK_OK = 0,
	NK_EINVAL = -1,    /**< invalid argument (NULL handle, bad option) */
	NK_EUTF8 = -2,     /**< input is not valid UTF-8 or contains NUL */
	NK_ETOOLONG = -3,  /**< input longer than NK_NAME_MAX */
	NK_ERANGE = -4,    /**< output buffer too small */
	NK_ENOMEM = -5,    /**< out of memory */
	NK_EICU = -6,      /**< ICU failed to initialise or normalise */
	NK_EEMPTY = -7,    /**< the name has no letters left to key */
	NK_EDB = -8,       /**< the store failed (see nk_store_errmsg) */
	NK_EBUSY = -9,     /**< the store is locked by another writer */
	NK_ENOTFOUND = -10,/**< no such identity or alias */
	NK_EREADONLY = -11,/**< the store is read-only */
	NK_ECORRUPT = -12, /**< the store is not a namekey store or is damaged */
	NK_EIO = -13,      /**< reading or writing a file failed */
	NK_EFORMAT = -14   /**< malformed record in an input file */
} nk_error;

/**
 * Static English message for an error code; never NULL, never to be freed.
 */
NK_EXPORT const char *nk_strerror(int code);

/** Library version as "MAJOR.MINOR.PATCH"; static storage. */
NK_EXPORT const char *nk_version(void);

/** Languages a name can be keyed as. */
typedef enum nk_lang {
	NK_LANG_AUTO = 0,  /**< as a hint: decide from the name itself */
	NK_LANG_OTHER = 1, /**< neither Russian nor Korean: generic key */
	NK_LANG_RU = 2,    /**< Russian (Cyrillic or any romanization) */
	NK_LANG_KO = 3     /**< Korean (Hangul or any romanization) */
} nk_lang;

/** Short lowercase name of a language ("auto", "other", "ru", "ko"). */
NK_EXPORT const char *nk_lang_name(nk_lang lang);

/* ------------------------------------------------------------------ */
/* Context                                                              */
/* ------------------------------------------------------------------ */

/** Opaque, immutable after creation, shareable across threads. */
typedef struct nk_ctx nk_ctx;

#define NK_CTX_OPTIONS_VERSION 1

/** Options for nk_ctx_new().  Reserved for growth. */
typedef struct nk_ctx_options {
	unsigned int version; /**< NK_CTX_OPTIONS_VERSION */
	unsigned int flags;   /**< must be 0 */
} nk_ctx_options;

#define NK_CTX_OPTIONS_INIT { NK_CTX_OPTIONS_VERSION, 0 }

/**
 * Create a context: loads ICU normalizers and builds the fold tables.
 *
 * @param out   receives the new context; the caller owns it and releases
 *              it with nk_ctx_unref().  Untouched on error.
 * @param opts  NULL for defaults.
 * @return NK_OK, NK_EINVAL, NK_ENOMEM or NK_EICU.
 */
NK_EXPORT int nk_ctx_new(nk_ctx **out, const nk_ctx_options *opts);

/** Take one more reference; returns ctx.  Thread-safe. */
NK_EXPORT nk_ctx *nk_ctx_ref(nk_ctx *ctx);

/** Drop one reference; frees the context at zero.  NULL is a no-op. */
NK_EXPORT void nk_ctx_unref(nk_ctx *ctx);

/* ------------------------------------------------------------------ */
/* Keys                                                                 */
/* ------------------------------------------------------------------ */

/**
 * Trace sink: called by nk_key() at each stage and each rule that fired,
 * in order.  stage is a static string ("utf8", "fold", "tokens", "lang",
 * "ru", "ko", "key"); detail is valid only during the call.
 */
typedef void (*nk_trace_fn)(void *data, const char *stage,
			    const char *detail);

/** Key flags. */
enum nk_key_flags {
	/** Give gendered surname forms (Ivanov/Ivanova) one key. */
	NK_KEY_FOLD_GENDER = 1u << 0
};

#define NK_KEY_OPTIONS_VERSION 1

typedef struct nk_key_options {
	unsigned int version; /**< NK_KEY_OPTIONS_VERSION */
	nk_lang lang;         /**< NK_LANG_AUTO, or force a language */
	unsigned int flags;   /**< nk_key_flags */
	nk_trace_fn trace;    /**< NULL: no trace (the fast path) */
	void *trace_data;     /**< passed to trace */
} nk_key_options;

#define NK_KEY_OPTIONS_INIT { NK_KEY_OPTIONS_VERSION, NK_LANG_AUTO, 0, NULL, NULL }

/** What nk_key() found besides the key text. */
typedef struct nk_key_info {
	nk_lang lang;        /**< language the name was keyed as */
	unsigned int nkeys;  /**< number of keys written (1..NK_KEYS_MAX) */
	size_t len;          /**< bytes written to buf, excluding the NUL */
	size_t error_offset; /**< on NK_EUTF8: byte offset of the bad byte */
} nk_key_info;

/**
 * Compute the canonical key(s) of one name.
 *
 * Keys are short printable ASCII strings without spaces; when a name has
 * more than one plausible reading, several keys are written separated by
 * single spaces, the most likely first.  Two names denote the same person
 * (as far as spelling can tell) when they share a key.
 *
 * Key layout, format 1: "<lang>:<part>[:<part>...]" where lang is "ru",
 * "ko" or "xx".  The parts are documented in README.md; callers should
 * treat keys as opaque.
 *
 * Does not allocate; safe to call from many threads on one ctx.
 *
 * @param info     receives details (may be NULL).
 * @param buf      receives the NUL-terminated key(s); NK_KEY_MAX bytes
 *                 always suffice.  Contents unspecified on error.
 * @param bufsize  size of buf in bytes.
 * @param ctx      context from nk_ctx_new().
 * @param name     UTF-8 name; need not be NUL-terminated.
 * @param len      length of name in bytes.
 * @param opts     NULL for defaults.
 * @return NK_OK; NK_EINVAL (NULL pointer, bad options); NK_EUTF8 (invalid
 *         UTF-8 or a NUL byte, info->error_offset says where);
 *         NK_ETOOLONG (len > NK_NAME_MAX, or more parts or letters
 *         than a key of NK_KEY_MAX bytes holds); NK_EEMPTY (nothing
 *         to key, e.g. only punctuation or honorifics); NK_ERANGE (buf
 *         too small);
 *         NK_EICU.
 */
NK_EXPORT int nk_key(nk_key_info *info, char *buf, size_t bufsize,
		     const nk_ctx *ctx, const char *name, size_t len,
		     const nk_key_options *opts);

/* ------------------------------------------------------------------ */
/* Clustering (cluster.c)                                               */
/* ------------------------------------------------------------------ */

/*
 * Incremental clustering of names by key, for deduplicating archives:
 * names that share any key end in one cluster (union-find over keys).
 * Memory grows with the number of distinct keys, not with the number of
 * names: the caller keeps, per record, the small node number that
 * nk_cluster_add() returns, and asks for the cluster's label at the end.
 * A cluster is used by one thread at a time.
 */
typedef struct nk_cluster nk_cluster;

/** Node number of a record in a cluster set. */
typedef unsigned int nk_node;

/**
 * Create an empty cluster set.
 * @param out  receives the set; the caller frees it with nk_cluster_free().
 * @return NK_OK, NK_EINVAL or NK_ENOMEM.
 */
NK_EXPORT int nk_cluster_new(nk_cluster **out);

/** Free a cluster set; NULL is a no-op. */
NK_EXPORT void nk_cluster_free(nk_cluster *cl);

/**
 * Add one record by its keys, as nk_key() wrote them (space-separated).
 * All the keys of the record are joined into one cluster.
 *
 * @param node  receives the record's node, for nk_cluster_label().
 * @param keys  NUL-terminated key list; must not be empty.
 * @param seq   the caller's record number; a cluster's label is the
 *              smallest seq of its records.
 * @return NK_OK, NK_EINVAL or NK_ENOMEM (the set is unchanged then).
 */
NK_EXPORT int nk_cluster_add(nk_cluster *cl, nk_node *node,
			     const char *keys, unsigned long long seq);

/**
 * Join the clusters of two nodes (for evidence beyond keys: the store,
 * fuzzy matching).  NK_OK or NK_EINVAL for an unknown node.
 */
NK_EXPORT int nk_cluster_join(nk_cluster *cl, nk_node a, nk_node b);

/** Is node a node of this set? */
NK_EXPORT int nk_cluster_has(const nk_cluster *cl, nk_node node);

/**
 * Label of the node's cluster: the smallest seq added to it.  Compresses
 * paths as it goes, hence the non-const set.  node must be valid.
 */
NK_EXPORT unsigned long long nk_cluster_label(nk_cluster *cl, nk_node node);

/**
 * Root node of the node's cluster: a number below nk_cluster_keys(), the
 * same for every node of one cluster, for per-cluster arrays.
 */
NK_EXPORT nk_node nk_cluster_root(nk_cluster *cl, nk_node node);

/**
 * The key a node was made for (nodes are distinct keys): *len bytes, not
 * NUL-terminated, valid until the set changes.  node must be valid.
 */
NK_EXPORT const char *nk_cluster_key(const nk_cluster *cl, nk_node node,
				     size_t *len);

/**
 * Join clusters on evidence weaker than a shared key (`dedupe --fuzzy`):
 * keys one typo apart in one long part (nk_compare_keys() NEAR), and a
 * weak key -- initials or a single part -- to the one full name it is
 * compatible with (none when several are).  Only pairs whose score is at
 * least threshold join, and never two clusters whose root keys
 * nk_compare_keys() finds DIFFERENT, so no chain joins what its ends tell
 * apart.  Keys that are not name keys (no ':') take no part.
 *
 * @param joined     receives the number of joins made.
 * @param threshold  0..1; 0.5 joins near keys, 0.7 only compatible ones.
 * @return NK_OK, NK_EINVAL or NK_ENOMEM (some joins may have been made).
 */
NK_EXPORT int nk_cluster_fuzzy(nk_cluster *cl, size_t *joined,
			       const nk_ctx *ctx, double threshold);

/** Number of distinct keys held; number of clusters among them. */
NK_EXPORT size_t nk_cluster_keys(const nk_cluster *cl);
NK_EXPORT size_t nk_cluster_count(const nk_cluster *cl);

/** Bytes of memory the set holds (for progress and benchmarks). */
NK_EXPORT size_t nk_cluster_memory(const nk_cluster *cl);

/* ------------------------------------------------------------------ */
/* Comparison (compare.c)                                               */
/* ------------------------------------------------------------------ */

/**
 * How far two names agree.  The order ranks them: a better match has a
 * greater value.
 */
typedef enum nk_match_kind {
	NK_MATCH_DIFFERENT = 0, /**< different people, or nothing to tell */
	NK_MATCH_NEAR,          /**< keys a typo apart: worth a human look */
	NK_MATCH_COMPATIBLE,    /**< may well be one person (see evidence) */
	NK_MATCH_EQUAL          /**< same name as far as spelling can tell */
} nk_match_kind;

/** Evidence bits of an nk_match: what made two names agree or differ. */
enum nk_match_evidence {
	/** An initial stands for a full part: "G. A. Zyuganov" and
	 *  "Gennady Zyuganov". */
	NK_EV_INITIALS = 1u << 0,
	/** One side has a patronymic (or its initial) the other lacks; on a
	 *  DIFFERENT match, the patronymics differ. */
	NK_EV_PATRONYMIC = 1u << 1,
	/** One side is the surname alone: "Zyuganov" and "Gennady
	 *  Zyuganov". */
	NK_EV_SURNAME_ONLY = 1u << 2,
	/** A diminutive and its full name: Sasha and Aleksandr. */
	NK_EV_DIMINUTIVE = 1u << 3,
	/** One name in two languages: Michael and Mikhail. */
	NK_EV_EQUIVALENT = 1u << 4,
	/** The two genders of one surname: Ivanov and Ivanova.  COMPATIBLE
	 *  only with NK_KEY_FOLD_GENDER; on a DIFFERENT match, the reason. */
	NK_EV_GENDER = 1u << 5,
	/** Parts a few letters apart that no rule explains (a typo); only
	 *  in NEAR matches, never between short parts. */
	NK_EV_EDIT = 1u << 6
};

/** The verdict of nk_compare(). */
typedef struct nk_match {
	nk_match_kind kind;
	/** EQUAL 1.0; COMPATIBLE in (0.5, 0.95), higher for stronger
	 *  evidence; NEAR in (0, 0.6], falling with the edit distance;
	 *  DIFFERENT 0. */
	double score;
	/** nk_evidence bits; 0 for EQUAL.  For DIFFERENT, the bit that
	 *  decided it when one did (NK_EV_PATRONYMIC, NK_EV_GENDER). */
	unsigned int evidence;
} nk_match;

/**
 * Compare two names: are they one person's, as far as spelling can tell?
 *
 * Both names are keyed as by nk_key() and their keys compared part by
 * part; when a name has several keys the best-matching pair decides.
 * Names that share a key are EQUAL unless their patronymics (which keys
 * leave out) differ.  Otherwise parts may meet through a diminutive or a
 * cross-language equivalent, an initial, a gendered surname form, or a
 * typo; a name may lack a patronymic or be its surname alone.  Anything
 * the keys tell apart (two full given names that are not forms of one
 * name, two patronymics, two initials) makes the names DIFFERENT:
 * precision comes before recall.  Korean names are EQUAL or DIFFERENT
 * only: one letter of a Korean given name is another name (Jong-il,
 * Jong-un).  Names keyed in different languages are DIFFERENT.
 *
 * The result is symmetric: swapping a and b changes nothing.  Does not
 * allocate; safe to call from many threads on one ctx.
 *
 * @param out   receives the verdict; DIFFERENT on error.
 * @param ctx   context from nk_ctx_new().
 * @param a     first UTF-8 name, alen bytes (need not be NUL-terminated).
 * @param b     second UTF-8 name, blen bytes.
 * @param opts  NULL for defaults.  lang forces both names' language;
 *              NK_KEY_FOLD_GENDER lets Ivanov and Ivanova be COMPATIBLE
 *              (never EQUAL); trace receives both names' key traces.
 * @return NK_OK or any error of nk_key() for either name.
 */
NK_EXPORT int nk_compare(nk_match *out, const nk_ctx *ctx, const char *a,
			 size_t alen, const char *b, size_t blen,
			 const nk_key_options *opts);

/**
 * Compare two key lists as nk_key() wrote them (keys separated by single
 * spaces), so that a store can compare candidates without keying their
 * names again.
 *
 * Same verdicts as nk_compare() except that keys hold no patronymic:
 * "Ivan Ivanovich Petrov" and "Ivan Sergeyevich Petrov" are EQUAL here
 * and DIFFERENT by name.  The keys must have been made without
 * NK_KEY_FOLD_GENDER (gendered forms would already share a key) and with
 * the same key format (NK_KEY_FORMAT).
 *
 * @param out   receives the verdict; DIFFERENT on error.
 * @param ctx   context from nk_ctx_new().
 * @param a     first key list, alen bytes (need not be NUL-terminated).
 * @param b     second key list, blen bytes.
 * @param opts  NULL for defaults; only flags is used (NK_KEY_FOLD_GENDER).
 * @return NK_OK; NK_EINVAL for a NULL pointer, bad options or a list
 *         that is not keys (empty, more than NK_KEYS_MAX keys, longer
 *         than NK_KEY_MAX - 1 bytes, or a key not shaped
 *         "<lang>:<part>[:<part>...]").
 */
NK_EXPORT int nk_compare_keys(nk_match *out, const nk_ctx *ctx,
			      const char *a, size_t alen, const char *b,
			      size_t blen, const nk_key_options *opts);

/** Lowercase name of a match kind ("equal", "compatible", "near",
 *  "different"); "?" for a value out of range.  Static storage. */
NK_EXPORT const char *nk_match_kind_name(nk_match_kind kind);

/** Lowercase name of one evidence bit ("initials", "patronymic",
 *  "surname-only", "diminutive", "equivalent", "gender", "edit"); NULL
 *  when bit is not exactly one known bit.  Static storage. */
NK_EXPORT const char *nk_evidence_name(unsigned int bit);

/* ------------------------------------------------------------------ */
/* Store (store.c)                                                      */
/* ------------------------------------------------------------------ */

/*
 * The alias store: a SQLite file of identities (people) and the names
 * (aliases) they are known by, with the keys of every alias, a near-key
 * index for typos, and a history of every change that `undo` can walk
 * back.  Keys catch systematic variants; the store holds what people
 * know: that "Syngman Rhee" and "Yi Seung-man" are one identity, that two
 * Kim Su-gils are different people.
 *
 * Threads: an nk_store handle is used by one thread at a time; several
 * handles (in one process or many) may use one file at once.  The ctx
 * given to nk_store_open() may be shared with other handles and threads.
 *
 * Transactions: every write function is atomic - on failure the store is
 * exactly as it was.  Between nk_store_begin() and nk_store_commit() all
 * writes form one transaction; a write that fails inside it is undone on
 * its own and the transaction stays open.
 *
 * Errors: functions return NK_OK or a negative NK_E* code, and set a
 * one-line message ("store PATH: ...") that nk_store_errmsg() returns.
 * Identity ids are positive and never reused.
 */

/** Opaque store handle; see nk_store_open(). */
typedef struct nk_store nk_store;

/** Flags for nk_store_options.flags. */
enum nk_store_flags {
	NK_STORE_READONLY = 1u << 0, /**< never write (writes: NK_EREADONLY) */
	NK_STORE_CREATE = 1u << 1    /**< create the file and its directory */
};

#define NK_STORE_OPTIONS_VERSION 1

/** Default wait for another writer, in milliseconds. */
#define NK_STORE_BUSY_TIMEOUT_MS 5000

typedef struct nk_store_options {
	unsigned int version;         /**< NK_STORE_OPTIONS_VERSION */
	unsigned int flags;           /**< nk_store_flags */
	unsigned int busy_timeout_ms; /**< wait for a lock; 0: default */
} nk_store_options;

#define NK_STORE_OPTIONS_INIT { NK_STORE_OPTIONS_VERSION, NK_STORE_CREATE, 0 }

/** Bits of nk_store_status(). */
enum nk_store_status_bits {
	NK_STORE_CREATED = 1u << 0,    /**< the file was created by this open */
	NK_STORE_MIGRATED = 1u << 1,   /**< an older schema was upgraded */
	NK_STORE_STALE_KEYS = 1u << 2  /**< keys made by another key format:
					    run nk_store_reindex() */
};

/**
 * Path of the default store: $NAMEKEY_DB if set and non-empty, else
 * $XDG_DATA_HOME/namekey/namekey.db, else ~/.local/share/namekey/namekey.db.
 *
 * @return NK_OK; NK_ERANGE (buf too small); NK_ENOTFOUND (no HOME).
 */
NK_EXPORT int nk_store_default_path(char *buf, size_t bufsize);

/**
 * Open (and with NK_STORE_CREATE create, with parent directories) a
 * store.  A store made by an earlier schema version is upgraded in one
 * transaction.  Opening a store whose keys were made by another key
 * format succeeds with NK_STORE_STALE_KEYS in nk_store_status(); writes
 * that make keys then fail with NK_EFORMAT until nk_store_reindex().
 *
 * @param out   receives the handle, owned by the caller, released with
 *              nk_store_close().  On error *out is still set (unless out
 *              or ctx is NULL or memory ran out) so that nk_store_errmsg()
 *              can explain; close it too.
 * @param ctx   context for keys; the store takes its own reference.
 * @param path  file path; NULL for nk_store_default_path().
 * @param opts  NULL for NK_STORE_OPTIONS_INIT.
 * @return NK_OK; NK_EINVAL; NK_ENOMEM; NK_ENOTFOUND (missing and no
 *         NK_STORE_CREATE); NK_EBUSY; NK_EREADONLY (needs an upgrade or
 *         creation but opened read-only or not writable); NK_ECORRUPT
 *         (not a namekey store, damaged, or a newer schema); NK_EIO; NK_EDB.
 */
NK_EXPORT int nk_store_open(nk_store **out, nk_ctx *ctx, const char *path,
			    const nk_store_options *opts);

/** Close the handle (rolling back an open transaction).  NULL: no-op. */
NK_EXPORT void nk_store_close(nk_store *st);

/**
 * Message of the last failure on st ("" if none); owned by st, valid
 * until the next call on st.  Never NULL, even for a NULL st.
 */
NK_EXPORT const char *nk_store_errmsg(const nk_store *st);

/** nk_store_status_bits of the open store. */
NK_EXPORT unsigned int nk_store_status(const nk_store *st);

/** Key format the store's keys were made with (NK_KEY_FORMAT if current). */
NK_EXPORT int nk_store_key_format(const nk_store *st);

/** The file path of st; owned by st. */
NK_EXPORT const char *nk_store_path(const nk_store *st);

/**
 * Start a transaction that groups many writes (a batch); waits for other
 * writers up to the busy timeout.  Transactions do not nest.
 * @return NK_OK; NK_EINVAL (one is open already); NK_EBUSY; NK_EREADONLY;
 *         NK_EDB.
 */
NK_EXPORT int nk_store_begin(nk_store *st);

/** Make the writes since nk_store_begin() durable.  NK_EINVAL if none. */
NK_EXPORT int nk_store_commit(nk_store *st);

/** Discard the writes since nk_store_begin().  NK_EINVAL if none. */
NK_EXPORT int nk_store_rollback(nk_store *st);

/* --- Writing --------------------------------------------------------- */

#define NK_ADD_OPTIONS_VERSION 1

typedef struct nk_add_options {
	unsigned int version; /**< NK_ADD_OPTIONS_VERSION */
	nk_lang lang;         /**< language of the identity: a hint for keys */
	const char *note;     /**< free text, NULL or "" for none */
	const char *source;   /**< where the names come from, NULL for none */
} nk_add_options;

#define NK_ADD_OPTIONS_INIT { NK_ADD_OPTIONS_VERSION, NK_LANG_AUTO, NULL, NULL }

/**
 * Add an identity called display, with display and each of aliases as
 * its aliases (duplicates ignored).  Names are NUL-terminated UTF-8, at
 * most NK_NAME_MAX bytes, and must have something to key.
 *
 * @param out_id  receives the new identity's id (may be NULL).
 * @return NK_OK; NK_EINVAL; NK_EUTF8; NK_ETOOLONG; NK_EEMPTY; NK_EFORMAT
 *         (stale keys); NK_EBUSY; NK_EREADONLY; NK_EDB.
 */
NK_EXPORT int nk_store_add(long long *out_id, nk_store *st,
			   const char *display, const char *const *aliases,
			   size_t naliases, const nk_add_options *opts);

/**
 * Add name as an alias of identity id; source may be NULL.
 * @return as nk_store_add(), and NK_ENOTFOUND (no identity id); NK_EINVAL
 *         also when id already has that alias.
 */
NK_EXPORT int nk_store_alias(nk_store *st, long long id, const char *name,
			     const char *source);

/**
 * Remove alias name from identity id.  The last alias of an identity
 * cannot be removed (NK_EINVAL).
 * @return NK_OK; NK_ENOTFOUND; NK_EINVAL; NK_EBUSY; NK_EREADONLY; NK_EDB.
 */
NK_EXPORT int nk_store_unalias(nk_store *st, long long id, const char *name);

/**
 * Merge identity from into identity into: from's aliases move to into
 * (re-keyed if the languages differ) and from is deleted.
 * @return NK_OK; NK_ENOTFOUND; NK_EINVAL (into == from, or both have an
 *         alias of the same name); NK_EFORMAT (stale keys); NK_EBUSY;
 *         NK_EREADONLY; NK_EDB.
 */
NK_EXPORT int nk_store_merge(nk_store *st, long long into, long long from);

/**
 * Move the aliases names[0..n) of identity id to a new identity called
 * names[0] (same language, no note).  At least one alias must stay.
 * @param out_id  receives the new identity's id (may be NULL).
 * @return NK_OK; NK_ENOTFOUND (no such identity or alias); NK_EINVAL;
 *         NK_EBUSY; NK_EREADONLY; NK_EDB.
 */
NK_EXPORT int nk_store_split(long long *out_id, nk_store *st, long long id,
			     const char *const *names, size_t n);

/**
 * Change the display name of identity id; name also becomes an alias
 * when it is not one already.
 * @return as nk_store_alias(), but an existing alias is no error.
 */
NK_EXPORT int nk_store_rename(nk_store *st, long long id, const char *name);

/** One entry of the history: a change to the store. */
typedef struct nk_change {
	long long id;        /**< history entry id, increasing */
	long long at;        /**< when, Unix seconds */
	const char *op;      /**< "add", "alias", "unalias", "merge", "split",
				  "rename" or "import" */
	long long identity;  /**< identity changed; 0 if none (import) */
	long long other;     /**< merged-from / split-into identity, or 0 */
	const char *detail;  /**< JSON object: what it takes to undo it */
	long long undone;    /**< when undone, Unix seconds; 0 if not */
} nk_change;

/**
 * Undo the latest change that is not undone yet, restoring the store as
 * it was before it (the change stays in the history, marked undone).
 *
 * @param out  receives the change undone (may be NULL); its strings are
 *             owned by st and valid until the next call on st.
 * @return NK_OK; NK_ENOTFOUND (nothing to undo); NK_EFORMAT (stale
 *         keys); NK_ECORRUPT (history inconsistent with the data);
 *         NK_EBUSY; NK_EREADONLY; NK_EDB.
 */
NK_EXPORT int nk_store_undo(nk_change *out, nk_store *st);

/**
 * Recompute every key with the current key format in one transaction,
 * and rebuild the near-key index.  Clears NK_STORE_STALE_KEYS.
 * @return NK_OK; NK_EBUSY; NK_EREADONLY; NK_EDB.
 */
NK_EXPORT int nk_store_reindex(nk_store *st);

/* --- Reading --------------------------------------------------------- */

/** An identity, as passed to callbacks: valid only during the call. */
typedef struct nk_identity {
	long long id;
	const char *display;
	nk_lang lang;
	const char *note;      /**< NULL if none */
	long long created;     /**< Unix seconds */
	long long updated;
	long long naliases;
} nk_identity;

/** An alias, as passed to callbacks: valid only during the call. */
typedef struct nk_alias {
	long long id;
	long long identity;
	const char *name;
	const char *keys;      /**< its keys, space-separated */
	const char *source;    /**< NULL if none */
	long long added;       /**< Unix seconds */
	int key_format;        /**< NK_KEY_FORMAT its keys were made with */
} nk_alias;

/* Callbacks return 0 to go on; any other value stops the walk, and the
 * walking function returns that value. */
typedef int (*nk_identity_fn)(void *data, const nk_identity *identity);
typedef int (*nk_alias_fn)(void *data, const nk_alias *alias);
typedef int (*nk_change_fn)(void *data, const nk_change *change);

/**
 * Call identity_fn once for identity id, then alias_fn for each of its
 * aliases in the order added.  Either callback may be NULL.
 * @return NK_OK; NK_ENOTFOUND; NK_EBUSY; NK_EDB; or a callback's value.
 */
NK_EXPORT int nk_store_show(nk_store *st, long long id,
			    nk_identity_fn identity_fn,
			    nk_alias_fn alias_fn, void *data);

/** Call fn for every identity in id order.  Returns as nk_store_show(). */
NK_EXPORT int nk_store_list(nk_store *st, nk_identity_fn fn, void *data);

/**
 * Call fn for each change, oldest first: all of them when id is 0, else
 * those about identity id (including the one that created it).
 * @return NK_OK; NK_EBUSY; NK_EDB; or a callback's value.
 */
NK_EXPORT int nk_store_history(nk_store *st, long long id, nk_change_fn fn,
			       void *data);

/** Kinds of evidence that a name denotes an identity, strongest first. */
typedef enum nk_store_evidence {
	NK_STORE_EXACT = 1,      /**< an alias written exactly so: 1.0 */
	NK_STORE_KEY = 2,        /**< an alias with the same key: 0.9 */
	NK_STORE_COMPATIBLE = 3, /**< a near alias nk_compare_keys() finds
				      COMPATIBLE (or EQUAL): 0.8 */
	NK_STORE_NEAR = 4        /**< a key one typo away in one part: 0.7 */
} nk_store_evidence;

/** Short name of an evidence kind ("exact", "key", "compatible",
 *  "near"); "?" if out of range.  Static storage. */
NK_EXPORT const char *nk_store_evidence_name(nk_store_evidence e);

/** One identity a name may denote. */
typedef struct nk_candidate {
	long long identity;
	double score;          /**< 0..1, by evidence */
	nk_store_evidence evidence; /**< the strongest evidence found */
	const char *display;   /**< the identity's display name */
	const char *alias;     /**< the alias that gave the evidence */
} nk_candidate;

/** The answer of nk_store_resolve(). */
typedef struct nk_resolution {
	const nk_candidate *cand; /**< ranked: score, then id; owned by st */
	size_t n;                 /**< number of candidates */
	int resolved;             /**< 1: cand[0] is the one identity meant
				       (one identity has the strongest
				       evidence, and it is exact or key) */
	char keys[NK_KEY_MAX];    /**< the name's keys, as nk_key() wrote them */
} nk_resolution;

/** Flags for nk_resolve_options.flags. */
enum nk_resolve_flags {
	/** Look for near keys even when exact or key evidence was found. */
	NK_RESOLVE_ALWAYS_NEAR = 1u << 0,
	/** Never look for near keys. */
	NK_RESOLVE_NO_NEAR = 1u << 1,
	/** Only the best candidate is wanted: out->n is at most 1, cand[0]
	 *  and out->resolved are as without the flag, and the names of the
	 *  other candidates are not read. */
	NK_RESOLVE_BEST_ONLY = 1u << 2,
	/** One of many resolves in a row (a stream of records): the handle
	 *  keeps a filter of the names and keys the store holds (4 MiB),
	 *  so that a name it holds neither exactly nor by key costs no index
	 *  lookup.  The filter is made after about aliases / 32 such
	 *  resolves, which cost about as much as making it, and made again
	 *  after as many more once the store has changed; answers are the
	 *  same with or without it. */
	NK_RESOLVE_STREAM = 1u << 3,
	/** Keep the read transaction open for the next resolves with this
	 *  flag, 64 at most: they read one snapshot of the store and need
	 *  no transaction of their own, so a change another process makes
	 *  is seen up to 64 resolves late.  Any write through the handle,
	 *  nk_store_begin(), a read without the flag and nk_store_close()
	 *  end it; so should a caller about to wait (for input, say), by
	 *  a resolve without the flag. */
	NK_RESOLVE_HOLD_READ = 1u << 4
};

#define NK_RESOLVE_OPTIONS_VERSION 1

typedef struct nk_resolve_options {
	unsigned int version; /**< NK_RESOLVE_OPTIONS_VERSION */
	nk_lang lang;         /**< language hint for the name's keys */
	unsigned int flags;   /**< nk_resolve_flags */
} nk_resolve_options;

#define NK_RESOLVE_OPTIONS_INIT { NK_RESOLVE_OPTIONS_VERSION, NK_LANG_AUTO, 0 }

/**
 * The identities a name may denote, ranked.  Looks up, using indexes
 * only: aliases written exactly so, aliases sharing a key, and (when
 * nothing stronger was found, unless the flags say otherwise) aliases
 * whose key is one edit away in one part; those nk_compare_keys() finds
 * compatible count as NK_STORE_COMPATIBLE.  A name with nothing to key
 * is still looked up exactly.
 *
 * @param out   receives the answer; out->cand and its strings are owned
 *              by st and valid until the next call on st.
 * @param name  UTF-8, need not be NUL-terminated; len bytes.
 * @return NK_OK (also when nothing was found: out->n == 0); NK_EINVAL;
 *         NK_EUTF8; NK_ETOOLONG; NK_ENOMEM; NK_EBUSY; NK_EDB.
 */
NK_EXPORT int nk_store_resolve(nk_resolution *out, nk_store *st,
			       const char *name, size_t len,
			       const nk_resolve_options *opts);

/**
 * nk_store_resolve() for a name the caller has keyed already, so that it
 * is not keyed twice.
 *
 * @param keys  what nk_key() wrote for name with NK_KEY_OPTIONS_INIT and
 *              opts->lang (NUL-terminated), or "" when it returned
 *              NK_EEMPTY; other keys give the answer for those keys.
 * @return as nk_store_resolve(); NK_EINVAL also when keys is NULL or
 *         longer than NK_KEY_MAX - 1.
 */
NK_EXPORT int nk_store_resolve_keyed(nk_resolution *out, nk_store *st,
				     const char *name, size_t len,
				     const char *keys,
				     const nk_resolve_options *opts);

/** Called by nk_store_check() for each problem found. */
typedef void (*nk_problem_fn)(void *data, const char *problem);

/**
 * Check the store: SQLite's integrity check and foreign keys, then our
 * invariants - every alias has keys, the keys are what the current key
 * function makes, the hashes the aliases are indexed by match their
 * text, no identity has one alias twice, the near-key index lists
 * exactly the parts of the stored keys with their use counts, no
 * identity without aliases, every identity created by a live history
 * entry.
 * @return NK_OK (no problems); NK_ECORRUPT (fn was told each problem);
 *         NK_EBUSY; NK_EDB.
 */
NK_EXPORT int nk_store_check(nk_store *st, nk_problem_fn fn, void *data);

/* --- Import and export ----------------------------------------------- */

/** File formats for import and export. */
typedef enum nk_format {
	NK_FORMAT_AUTO = 0, /**< import: from the file name's extension */
	NK_FORMAT_TSV = 1,  /**< tab-separated; \t \n \r \\ escaped */
	NK_FORMAT_CSV = 2,  /**< RFC 4180 */
	NK_FORMAT_JSONL = 3 /**< one JSON object per line */
} nk_format;

/**
 * Input for nk_store_import(): read up to cap bytes into buf; return the
 * number read, 0 at the end, or a negative value on a read error.
 */
typedef long (*nk_read_fn)(void *data, char *buf, size_t cap);

/** Output for nk_store_export(): write len bytes; return 0, or non-zero
 *  on a write error (which stops the export with NK_EIO). */
typedef int (*nk_write_fn)(void *data, const char *buf, size_t len);

/** The format named by a file name's extension (.tsv .csv .jsonl .json),
 *  or NK_FORMAT_AUTO if none. */
NK_EXPORT nk_format nk_format_from_path(const char *path);

/** Flags for nk_import_options.flags. */
enum nk_import_flags {
	/** Skip bad rows (reporting each) instead of failing. */
	NK_IMPORT_SKIP_BAD = 1u << 0
};

/** Called for each row skipped under NK_IMPORT_SKIP_BAD; row counts
 *  records from 1, the header included. */
typedef void (*nk_skip_fn)(void *data, unsigned long row, const char *why);

#define NK_IMPORT_OPTIONS_VERSION 1

typedef struct nk_import_options {
	unsigned int version; /**< NK_IMPORT_OPTIONS_VERSION */
	nk_format format;     /**< not NK_FORMAT_AUTO */
	unsigned int flags;   /**< nk_import_flags */
	nk_skip_fn skip;      /**< may be NULL */
	void *skip_data;
	const char *label;    /**< file name for the history, may be NULL */
} nk_import_options;

#define NK_IMPORT_OPTIONS_INIT \
	{ NK_IMPORT_OPTIONS_VERSION, NK_FORMAT_TSV, 0, NULL, NULL, NULL }

/** What an import did. */
typedef struct nk_import_report {
	unsigned long rows;       /**< data rows read */
	unsigned long aliases;    /**< aliases added */
	unsigned long identities; /**< identities created */
	unsigned long skipped;    /**< bad rows skipped */
} nk_import_report;

/**
 * Import rows of (ref, name[, display, lang, note, source, added, created,
 * updated]) in one transaction: the rows with the same ref make one new
 * identity, whose fields come from its first row (display defaults to
 * the name, lang to auto, times to now).  TSV and CSV may start with a
 * header row naming the columns (first column "ref"), else the columns
 * are in that order; JSONL objects use those names as keys.  Recorded in
 * the history as one change.
 *
 * @param out  receives counts (may be NULL).
 * @return NK_OK; NK_EFORMAT (a bad row: the message names it, and
 *         nothing was imported); NK_EIO; NK_EINVAL; NK_ENOMEM; NK_EBUSY;
 *         NK_EREADONLY; NK_EDB.
 */
NK_EXPORT int nk_store_import(nk_import_report *out, nk_store *st,
			      nk_read_fn read, void *read_data,
			      const nk_import_options *opts);

/**
 * Write every alias with its identity's fields, in the columns and order
 * nk_store_import() reads, with a header (TSV, CSV); ref is the identity
 * id.  Importing the output into an empty store gives the same store up
 * to identity ids, which are renumbered 1, 2, ... in order.
 * @return NK_OK; NK_EINVAL; NK_EIO; NK_EBUSY; NK_EDB.
 */
NK_EXPORT int nk_store_export(nk_store *st, nk_write_fn write,
			      void *write_data, nk_format format);

#ifdef __cplusplus
}
#endif

#endif /* NAMEKEY_H */
