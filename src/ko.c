/*
 * ko.c - Korean rules (placeholder until the Korean issue lands).
 */
#include "lang.h"

int nk_ko_key(nk_out *out, const nk_name *nm, unsigned flags,
	      const nk_tracer *tr)
{
	(void)flags;
	return nk_generic_key(out, nm, tr);
}

bool nk_ko_detect(const nk_name *nm)
{
	(void)nm;
	return false;
}
