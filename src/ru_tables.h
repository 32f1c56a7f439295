/*
 * ru_tables.h - Russian spelling tables (see ru_tables.c).
 */
#ifndef NK_RU_TABLES_H
#define NK_RU_TABLES_H

#include "nk_internal.h"

/* Ways a Latin spelling of a Russian name may be read. */
enum nk_ru_reading {
	NK_RU_FR = 1u << 0, /* French: ch = ш */
	NK_RU_DE = 1u << 1, /* German, Polish, Czech: ch = х */
	NK_RU_XH = 1u << 2, /* GOST 7.79 B, scientific: x = х */
	NK_RU_JZ = 1u << 3  /* French, Telegram: j = ж */
};

/* Rule contexts. */
enum nk_ru_context {
	NK_RU_ANY = 0,
	NK_RU_BEFORE_FRONT = 1, /* the next letter is e, i or y */
	NK_RU_INITIAL = 2       /* at the start of the word */
};

/*
 * A Latin spelling rule: "from" read as the phonemes "to" when every
 * reading bit in "only" is set and none in "never".  Phonemes are
 * lowercase letters; 'i' also stands for every palatal glide and an
 * apostrophe for soft and hard signs.
 */
typedef struct nk_ru_rule {
	const char *from;
	const char *to;
	uint8_t only;
	uint8_t never;
	uint8_t context;
	const char *note; /* for the trace: which system, which letter */
} nk_ru_rule;

extern NK_HIDDEN const nk_ru_rule nk_ru_latin_rules[];
extern NK_HIDDEN const size_t nk_ru_latin_rule_count;

/*
 * Rules by their first two bytes, built once per context.  The bytes that
 * start a rule and the bytes that follow in a rule get small codes, so
 * that the table of candidates for each pair stays small; code 0 stands
 * for every other byte and for the end of the word.
 */
#define NK_RU_INDEX_BYTES 256 /* every byte value: no bounds check */
#define NK_RU_FIRST_MAX 24  /* codes of first bytes, 0 included */
#define NK_RU_SECOND_MAX 16 /* codes of second bytes, 0 included */
#define NK_RU_PAIR_RULES 6  /* most rules one pair of bytes may start */
#define NK_RU_RULES_MAX 64

/* The rules that may match where a pair of bytes starts, in table order. */
typedef struct nk_ru_pair {
	uint8_t count;
	uint8_t sense; /* the reading bits any of them looks at */
	uint8_t rule[NK_RU_PAIR_RULES];
} nk_ru_pair;

typedef struct nk_ru_index {
	uint8_t first[NK_RU_INDEX_BYTES];  /* 0: no rule starts with it */
	uint8_t second[NK_RU_INDEX_BYTES]; /* 0: second in no rule */
	nk_ru_pair pair[NK_RU_FIRST_MAX][NK_RU_SECOND_MAX];
	uint8_t len[NK_RU_RULES_MAX];    /* strlen of each rule's "from" */
	uint8_t to_len[NK_RU_RULES_MAX]; /* and of its "to" */
} nk_ru_index;

/* Build the index; NK_EINVAL when the table outgrows it. */
NK_HIDDEN int nk_ru_index_init(nk_ru_index *ix);

/* Latin letters with marks that some systems use for one Cyrillic letter. */
typedef struct nk_ru_marked {
	char base;
	uint8_t mark;     /* enum nk_mark */
	const char *to;   /* pre-pass spelling; capitals are placeholders */
} nk_ru_marked;

extern NK_HIDDEN const nk_ru_marked nk_ru_marked_letters[];
extern NK_HIDDEN const size_t nk_ru_marked_count;

/* Phonemes of the lowercase Cyrillic letters U+0430..U+045F. */
#define NK_RU_CYR_FIRST 0x0430u
#define NK_RU_CYR_LAST 0x045Fu
extern NK_HIDDEN const char *const nk_ru_cyrillic[];

/* Suffixes of patronymics, in phonemes after the fold. */
extern NK_HIDDEN const char *const nk_ru_patronymic_suffixes[];
extern NK_HIDDEN const size_t nk_ru_patronymic_count;

/* Surname suffixes that mark a name as Russian. */
extern NK_HIDDEN const char *const nk_ru_surname_suffixes[];
extern NK_HIDDEN const size_t nk_ru_surname_suffix_count;

/*
 * Feminine surname endings and their masculine form, in phonemes.  Each
 * masculine form starts its feminine one or is as long, and ends in no
 * feminine ending: fold_gender() in ru.c edits phonemes that later
 * readings read again, and relies on this to fold them to the same.
 */
typedef struct nk_ru_gender {
	const char *fem;
	const char *masc;
} nk_ru_gender;

extern NK_HIDDEN const nk_ru_gender nk_ru_gender_endings[];
extern NK_HIDDEN const size_t nk_ru_gender_count;

#endif /* NK_RU_TABLES_H */
