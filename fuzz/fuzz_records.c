/*
 * fuzz_records.c - libFuzzer target for the record readers of the batch
 * commands: the input is read as lines, TSV, CSV and JSON Lines, and
 * every record's name field is asked for.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>

#include "records.h"

static void read_all(const uint8_t *data, size_t size, nk_rec_format fmt)
{
	FILE *f = fmemopen((void *)data, size, "r");
	nk_rec_reader rr;
	const nk_rec_select by_column = { .column = 2 };
	const nk_rec_select by_name = { .name = "name" };

	if (!f)
		return;
	nk_rec_init(&rr, f, fmt);
	int rc;
	while ((rc = nk_rec_read(&rr)) != NK_REC_EOF && rc != NK_REC_IO) {
		const char *s;
		size_t n;
		char err[128];
		if (rc != NK_REC_OK)
			continue;
		if (nk_rec_get(&rr, &by_column, 0, &s, &n, err, sizeof err) &&
		    n > rr.raw_len + rr.value_len)
			__builtin_trap(); /* a field lies inside its record */
		nk_rec_get(&rr, &by_name, nk_rec_find_column(&rr, "name"), &s,
			   &n, err, sizeof err);
	}
	nk_rec_free(&rr);
	fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	read_all(data, size, NK_REC_LINES);
	read_all(data, size, NK_REC_TSV);
	read_all(data, size, NK_REC_CSV);
	read_all(data, size, NK_REC_JSONL);
	return 0;
}
