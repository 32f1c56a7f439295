/*
 * ru.c - Russian rules (placeholder).
 */
#include "lang.h"

int nk_ru_key(nk_out *out, const nk_name *nm, unsigned flags,
	      const nk_tracer *tr)
{
	(void)flags;
	return nk_generic_key(out, nm, tr);
}

int nk_ru_cues(const nk_name *nm)
{
	(void)nm;
	return 0;
}
