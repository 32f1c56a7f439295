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
 *         NK_ETOOLONG (len > NK_NAME_MAX); NK_EEMPTY (nothing to key, e.g.
 *         only punctuation or honorifics); NK_ERANGE (buf too small);
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

#ifdef __cplusplus
}
#endif

#endif /* NAMEKEY_H */
