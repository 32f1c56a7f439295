/*
 * ko_tables.h - the Korean surname tables, generated at build time by
 * gen_ko_surnames.py from db/ko_surnames.tsv.
 *
 * Surnames are numbered by their row in the table, most common first;
 * every Latin spelling and every Hangul form points at one number.  The
 * Latin spellings are found through a hash table, since every Latin
 * name is looked up there before the Russian rules see it.
 */
#ifndef NK_KO_TABLES_H
#define NK_KO_TABLES_H

#include "nk_internal.h"

/* Syllables in the longest surname (남궁, 선우, 황보, ...). */
#define NK_KO_SURNAME_SYL_MAX 2

typedef struct nk_ko_surname {
	const char *rr;     /* Revised Romanization: the key is made from it */
	uint8_t rr_len;
	const char *hangul; /* UTF-8, for traces */
	uint8_t nsyl;       /* syllables in Hangul */
} nk_ko_surname;

/* Most surnames one Latin spelling may stand for (MR So: 서 or 소). */
#define NK_KO_SPELLING_IDS_MAX 3

/*
 * A Latin spelling: lowercase ASCII letters.  A vowel marked in MR (ŏ ŭ)
 * or Indonesian-style (ö è é) is a capital, as the Korean fold sees it
 * (ko.h): "sOn" is 선 only.
 */
typedef struct nk_ko_spelling {
	const char *latin;
	uint8_t len;  /* of latin */
	uint16_t ids[NK_KO_SPELLING_IDS_MAX]; /* most common first */
	uint8_t nids;
	bool popular;  /* no romanization system makes it: Lee, Park, Oh */
	uint8_t lossy; /* bit k: ids[k] only as MR without breves writes it */
} nk_ko_spelling;

/* A Hangul form, zero-padded, sorted by code points. */
typedef struct nk_ko_hangul_surname {
	uint32_t syl[NK_KO_SURNAME_SYL_MAX];
	uint16_t id;
} nk_ko_hangul_surname;

NK_HIDDEN extern const nk_ko_surname nk_ko_surnames[];
NK_HIDDEN extern const size_t nk_ko_surnames_len;
NK_HIDDEN extern const nk_ko_spelling nk_ko_spellings[];
NK_HIDDEN extern const size_t nk_ko_spellings_len;
/* Letters in the longest spelling: a longer word is no known surname. */
NK_HIDDEN extern const size_t nk_ko_spelling_letters_max;

/*
 * The spellings by hash, open addressing with linear probing: a slot
 * holds a row of nk_ko_spellings plus one, or 0 where a probe ends.
 * The table has a power-of-two size; a hash picks slot hash & mask.
 */
NK_HIDDEN extern const uint16_t nk_ko_spelling_slots[];
NK_HIDDEN extern const uint32_t nk_ko_spelling_slot_mask;

/* FNV-1a, 32 bits, as gen_ko_surnames.py hashes a spelling. */
#define NK_KO_FNV_BASIS 0x811C9DC5u
#define NK_KO_FNV_PRIME 0x01000193u

static inline uint32_t nk_ko_fnv_step(uint32_t h, char c)
{
	return (h ^ (uint8_t)c) * NK_KO_FNV_PRIME;
}
NK_HIDDEN extern const nk_ko_hangul_surname nk_ko_hangul_surnames[];
NK_HIDDEN extern const size_t nk_ko_hangul_surnames_len;

#endif /* NK_KO_TABLES_H */
