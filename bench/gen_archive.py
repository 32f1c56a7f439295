#!/usr/bin/env python3
"""bench/gen_archive.py - a synthetic news archive of N names for the
dedupe and annotate benchmarks, drawn from the distribution of the
development sets (spelling systems, name shapes, variants per person).

Each output name is a spelling from the development sets; with
probability 3/4 its last part is replaced by the last part of another
spelling made by the same system, so the archive holds many more
distinct people (and keys) than the development sets, spelled the way
those systems spell.  The same seed gives the same archive.

Usage: gen_archive.py N [SEED] > names.txt
"""
import os
import random
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL = os.path.join(HERE, "..", "tests", "data", "eval")
SETS = ("ru_dev.tsv", "ko_dev.tsv", "distractors_dev.tsv")
RECOMBINE = 0.75


def load():
    rows, by_source = [], defaultdict(list)
    for name in SETS:
        with open(os.path.join(EVAL, name), encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) == 4 and cols[3].strip():
                    rows.append((cols[2], cols[3]))
                    by_source[cols[2]].append(cols[3].split()[-1])
    return rows, by_source


def main():
    n = int(sys.argv[1])
    rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    rows, by_source = load()
    out = sys.stdout
    for _ in range(n):
        source, name = rows[rnd.randrange(len(rows))]
        parts = name.split()
        if len(parts) > 1 and rnd.random() < RECOMBINE:
            pool = by_source[source]
            parts[-1] = pool[rnd.randrange(len(pool))]
        out.write(" ".join(parts) + "\n")


if __name__ == "__main__":
    main()
