/*
 * fold_tables.h - look-alike punctuation and letters that Unicode
 * decomposition does not reduce (see fold_tables.c).
 */
#ifndef NK_FOLD_TABLES_H
#define NK_FOLD_TABLES_H

#include "nk_internal.h"

typedef struct nk_punct {
	uint32_t cp;
	uint8_t kind; /* enum nk_kind */
} nk_punct;

typedef struct nk_letter_fold {
	uint32_t cp;     /* lowercase letter */
	const char *out; /* ASCII it folds to */
} nk_letter_fold;

typedef struct nk_mark_bit {
	uint32_t cp;  /* combining mark */
	uint8_t mark; /* enum nk_mark */
} nk_mark_bit;

extern NK_HIDDEN const nk_punct nk_punct_table[];
extern NK_HIDDEN const size_t nk_punct_count;
extern NK_HIDDEN const nk_letter_fold nk_letter_fold_table[];
extern NK_HIDDEN const size_t nk_letter_fold_count;
extern NK_HIDDEN const nk_mark_bit nk_mark_table[];
extern NK_HIDDEN const size_t nk_mark_count;

#endif /* NK_FOLD_TABLES_H */
