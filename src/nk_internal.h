/*
 * nk_internal.h - the data that flows between the stages of a key.
 *
 * Owns the in-memory shape of a name between stages: the folded text
 * (one code point per slot with the diacritics stripped from it), the
 * tokens over that text, and the small output builder the language rules
 * write keys into.  Nothing here is public API.
 */
#ifndef NK_INTERNAL_H
#define NK_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "namekey.h"

#if defined(__GNUC__)
#define NK_HIDDEN __attribute__((visibility("hidden")))
#else
#define NK_HIDDEN
#endif

#define NK_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* FNV-1a, 64 bits: the hash of keys and names in the clustering's tables
 * and the store's indexes (whose stored hashes depend on it). */
#define NK_FNV_OFFSET UINT64_C(0xcbf29ce484222325)
#define NK_FNV_PRIME UINT64_C(0x100000001b3)

static inline uint64_t nk_fnv_step(uint64_t h, unsigned char c)
{
	return (h ^ c) * NK_FNV_PRIME;
}

/* The hash of s[0, n) with the byte at skip left out (skip >= n: none). */
static inline uint64_t nk_fnv_skip(const char *s, size_t n, size_t skip)
{
	uint64_t h = NK_FNV_OFFSET;
	for (size_t i = 0; i < n; i++)
		if (i != skip)
			h = nk_fnv_step(h, (unsigned char)s[i]);
	return h;
}

/* Most tokens a name may have; more is refused as NK_ETOOLONG. */
#define NK_TOKENS_MAX 32

/* Diacritics stripped from a letter, kept as bits beside it. */
enum nk_mark {
	NK_MARK_GRAVE = 1u << 0,      /* è: ALA-LC/ISO э, Indonesian ㅐ */
	NK_MARK_ACUTE = 1u << 1,      /* é */
	NK_MARK_CIRCUMFLEX = 1u << 2, /* ISO 9 â û ŝ */
	NK_MARK_BREVE = 1u << 3,      /* MR ŏ ŭ, ALA-LC ĭ */
	NK_MARK_DIAERESIS = 1u << 4,  /* ë ö ü ï */
	NK_MARK_CARON = 1u << 5,      /* š č ž */
	NK_MARK_OTHER = 1u << 6       /* macron, dot, tie bar, ... */
};

enum nk_script {
	NK_SCRIPT_NONE = 0,
	NK_SCRIPT_LATIN,
	NK_SCRIPT_CYRILLIC,
	NK_SCRIPT_HANGUL,
	NK_SCRIPT_OTHER
};

/* Characters the tokenizer treats specially, after folding. */
#define NK_CH_APOSTROPHE 0x27u
#define NK_CH_HYPHEN 0x2Du

enum nk_token_flags {
	NK_TOK_INITIAL = 1u << 0,  /* written as an initial: "G." */
	NK_TOK_HYPHENED = 1u << 1, /* has an inner hyphen: "Su-gil" */
	NK_TOK_UPPER = 1u << 2,    /* written in capitals: "KIM" */
	NK_TOK_COMMA = 1u << 3,    /* a comma followed it: "Kim, Su-gil" */
	NK_TOK_DOT = 1u << 4       /* a dot followed it */
};

typedef struct nk_token {
	uint16_t start;  /* first slot in nk_name.text */
	uint16_t len;    /* slots */
	uint8_t script;  /* enum nk_script */
	uint8_t flags;   /* enum nk_token_flags */
} nk_token;

/* What the fold stage says each slot is; the tokenizer reads it. */
enum nk_kind {
	NK_KIND_DROP = 0, /* digits, symbols, ignorables */
	NK_KIND_LETTER,
	NK_KIND_UPPER,    /* a letter that was a capital */
	NK_KIND_SPACE,
	NK_KIND_HYPHEN,
	NK_KIND_APOS,     /* apostrophes, primes, modifier letters */
	NK_KIND_QUOTE,    /* a double quote: a hard sign inside a word */
	NK_KIND_DOT,
	NK_KIND_COMMA,
	NK_KIND_OPEN,     /* ( [ { */
	NK_KIND_CLOSE,    /* ) ] } */
	NK_KIND_MARK      /* a combining mark: merged into the slot before */
};

/* A folded, tokenized name.  Lives on the caller's stack. */
typedef struct nk_name {
	uint32_t text[NK_NAME_MAX]; /* lowercase letters, ' and - only */
	uint8_t marks[NK_NAME_MAX]; /* enum nk_mark bits per slot */
	uint8_t kind[NK_NAME_MAX];  /* enum nk_kind, fold -> tokens only */
	size_t ntext;
	nk_token tok[NK_TOKENS_MAX];
	size_t ntok;
	const nk_ctx *ctx;          /* the tables the name is keyed with */
} nk_name;

/* Trace helper: a no-op unless the caller asked for a trace. */
typedef struct nk_tracer {
	nk_trace_fn fn;
	void *data;
} nk_tracer;

/* A tracer that reports nothing, for internal calls that should not. */
extern NK_HIDDEN const nk_tracer nk_tracer_none;

/* Report one formatted line to the tracer t, which listens (t->fn). */
NK_HIDDEN void nk_trace_line(const nk_tracer *t, const char *stage,
			     const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Trace a line when the caller asked for a trace.  A macro so that the
 * check is made in place: every name passes trace points, and a call with
 * variable arguments costs even when nothing listens.  The arguments are
 * not evaluated then.
 */
#define nk_trace(t, ...)                                              \
	do {                                                          \
		const nk_tracer *const nk_trace_t_ = (t);             \
		if (nk_trace_t_ && nk_trace_t_->fn)                   \
			nk_trace_line(nk_trace_t_, __VA_ARGS__);      \
	} while (0)

/* Bounded string builder for keys; overflow is sticky, checked at end. */
typedef struct nk_out {
	char *buf;
	size_t cap;
	size_t len;
	bool overflow;
} nk_out;

/*
 * Room for the next n bytes, which the caller writes, or NULL on
 * overflow: a key assembled from pieces is then checked once.
 */
static inline char *nk_out_grow(nk_out *o, size_t n)
{
	if (o->overflow || n >= o->cap - o->len) {
		o->overflow = true;
		return NULL;
	}
	char *const at = o->buf + o->len;
	o->len += n;
	o->buf[o->len] = '\0';
	return at;
}

/* Inline: the rules write a key a few bytes at a time. */
static inline void nk_out_mem(nk_out *o, const char *s, size_t n)
{
	char *const at = nk_out_grow(o, n);
	if (at)
		memcpy(at, s, n);
}

static inline void nk_out_char(nk_out *o, char c)
{
	nk_out_mem(o, &c, 1);
}

/* Inline also so that the length of a literal is known when compiled. */
static inline void nk_out_str(nk_out *o, const char *s)
{
	nk_out_mem(o, s, strlen(s));
}

/* Is a slot of this kind (enum nk_kind) a letter? */
static inline bool nk_kind_is_letter(uint8_t kind)
{
	return kind == NK_KIND_LETTER || kind == NK_KIND_UPPER;
}

/* Is the slot an ASCII lowercase letter? */
static inline bool nk_is_alpha(uint32_t c)
{
	return c >= 'a' && c <= 'z';
}

#endif /* NK_INTERNAL_H */
