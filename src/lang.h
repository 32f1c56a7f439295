/*
 * lang.h - the language decision and the language rule modules.
 *
 * Each rule module writes one or more keys (space-separated, the most
 * likely first) for a tokenized name into an nk_out.
 */
#ifndef NK_LANG_H
#define NK_LANG_H

#include "ko.h"
#include "nk_internal.h"

/*
 * Decide which rules key the name; hint overrides unless AUTO.  What the
 * Korean detection found goes to ko for nk_ko_key.
 */
NK_HIDDEN nk_lang nk_lang_decide(const nk_name *nm, nk_lang hint,
				 nk_ko_scan *ko, const nk_tracer *tr);

/* Russian rules (ru.c). */
NK_HIDDEN int nk_ru_key(nk_out *out, const nk_name *nm, unsigned flags,
			const nk_tracer *tr);

/*
 * The patronymic the Russian key leaves out, folded as key parts are,
 * once per reading of its spelling (space-separated, the most likely
 * first), NUL-terminated in buf; readings that do not fit in cap are left
 * out.  Returns the length, 0 when the name has none.  For comparison
 * (compare.c), which tells people apart by it.
 */
NK_HIDDEN size_t nk_ru_patronymic(char *buf, size_t cap, const nk_name *nm);

/*
 * Korean rules (ko.c).  nk_ko_detect: a Latin name reads as Korean; it
 * fills ko, which nk_ko_key then reads (a scan with nothing in it will
 * do: the key looks up what is missing).
 */
NK_HIDDEN int nk_ko_key(nk_out *out, const nk_name *nm,
			const nk_ko_scan *ko, unsigned flags,
			const nk_tracer *tr);
NK_HIDDEN bool nk_ko_detect(nk_ko_scan *ko, const nk_name *nm);

/* Generic rules (generic.c): letters as written, order-independent. */
NK_HIDDEN int nk_generic_key(nk_out *out, const nk_name *nm,
			     const nk_tracer *tr);

#endif /* NK_LANG_H */
