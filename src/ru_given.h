/*
 * ru_given.h - the table of Russian given names that comparison uses to
 * tell Sasha = Aleksandr and Michael = Mikhail (ru_given.c).
 *
 * The source forms are generated at build time by gen_ru_given.py from
 * db/ru_given_names.tsv; each context keys them with the Russian rules
 * once, so that lookups compare folded forms, the way key parts are.
 */
#ifndef NK_RU_GIVEN_H
#define NK_RU_GIVEN_H

#include "nk_internal.h"

/* What a form is to its row; the order ranks them (full strongest). */
enum nk_given_kind {
	NK_GIVEN_FULL = 0,     /* the Russian full form: Александр */
	NK_GIVEN_DIMINUTIVE,   /* Саша, Шура */
	NK_GIVEN_EQUIVALENT    /* Alexander, Alessandro */
};

/* A form as written in the table.  Rows list their full form first. */
typedef struct nk_given_source {
	const char *name; /* UTF-8, one word */
	uint16_t row;
	uint8_t kind;     /* enum nk_given_kind */
} nk_given_source;

NK_HIDDEN extern const nk_given_source nk_given_sources[];
NK_HIDDEN extern const size_t nk_given_source_count;

/* Room for a folded form with its NUL; folding at most doubles the
 * generator's longest form of 20 characters. */
#define NK_GIVEN_FORM_MAX 48

/* A form folded by the Russian rules, as key parts are. */
typedef struct nk_given_form {
	char form[NK_GIVEN_FORM_MAX]; /* NUL-terminated */
	uint16_t row;
	uint8_t kind;   /* enum nk_given_kind */
	char initial;   /* first letter of the row's folded full form */
} nk_given_form;

/* Folded forms sorted by (form, row); immutable once built. */
typedef struct nk_given_table {
	nk_given_form *forms;
	size_t n;
} nk_given_table;

/*
 * Key every source form with the Russian rules of ctx (whose fold tables
 * must be ready) into t.  A form that is the full form of a row keeps
 * only its full-form entries: Jan is the name Ян, not a form of Иван.
 * NK_OK, NK_ENOMEM or an nk_key() error.
 */
NK_HIDDEN int nk_given_init(nk_given_table *t, const nk_ctx *ctx);

/* Release what nk_given_init() allocated; t becomes empty. */
NK_HIDDEN void nk_given_free(nk_given_table *t);

/*
 * The entries whose form is the n bytes s: sets *first and returns how
 * many follow it (0: s is no known given name).
 */
NK_HIDDEN size_t nk_given_find(const nk_given_form **first,
			       const nk_given_table *t, const char *s,
			       size_t n);

#endif /* NK_RU_GIVEN_H */
