#!/usr/bin/env python3
"""Turn the shape of a romanized Korean syllable into a state table.

A Latin word reads as Korean when every piece of it (between hyphens,
apostrophes left out) is a run of syllables in some romanization: an
optional initial, a vowel, an optional final.  Between two vowels there
is therefore at most a final and an initial; a piece starts with an
initial and ends with a final.  That is what keeps Russian names
(Ivanov, Petrova, Sergei: v, tr, rg) out of the Korean rules.

The consonant spellings below are the whole of that knowledge.  The
check is a regular language, so this script reads a word letter by
letter as the rules do, collects the states it can be in, merges the
states no continuation tells apart, and writes the transition table
ko.c runs: one table look-up a character, in the pass that reads every
part of every Latin name.

usage: gen_ko_syllables.py ko_syllables.c
"""
import sys

# Initial consonants as any system spells them.
INITIALS = {
    "", "g", "k", "kk", "gg", "kh", "gh", "c", "ch", "chh", "tch", "j", "jj",
    "cc", "d", "t", "tt", "th", "dd", "b", "p", "pp", "ph", "bb", "s", "ss",
    "sh", "h", "m", "n", "r", "l", "rh",
}
# Finals inside a word; the customary silent h of Ahn and Sohn too.
FINALS = {
    "", "k", "g", "kk", "ck", "n", "nn", "t", "d", "l", "ll", "m", "mm",
    "p", "b", "ng", "h",
}
# Finals at the end of a word add the customary Park, Hur, Hahn, Uhm.
WORD_FINALS = FINALS | {"r", "rk", "hn", "hm", "s"}
# ㄹ starts a syllable after a vowel or a sonorant final only.
SONORANT_FINALS = "nglm"
# Most vowel letters in a row: "eo" + "eu" across a syllable joint.
VOWEL_RUN_MAX = 4
VOWELS = "aeiou"
# w and y glide into a following vowel; y also ends Yale ay, ey, oy.
GLIDES = "wy"
LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Where a cue to the spelling system may start (ko.c): every cue of
# ko.c starts at an e or an o.
CUE_LETTERS = "eo"
HYPHEN = "-"
APOSTROPHE = "'"


def joint_ok(final, initial):
    if not initial.startswith(("r", "l")):
        return True
    return final == "" or final[-1] in SONORANT_FINALS


# Consonants between two vowels: a final, then an initial.
JOINTS = {f + i for f in FINALS for i in INITIALS if joint_ok(f, i)}
# What a run of consonants may be, by where it stands in the piece.
RUNS = {
    "first": INITIALS,             # before the first vowel
    "inner": JOINTS | WORD_FINALS,  # after a vowel: a joint or the end
}


def may_grow(run, where):
    """Can the run still become one of the spellings allowed there?"""
    return any(s.startswith(run) for s in RUNS[where])


# A state of the reading of one piece:
#   phase    "start" (no letter yet), "cons" or "vowels"
#   run      the consonants of the current run ("cons")
#   where    "first" or "inner": where that run stands
#   vowels   vowel letters in a row ("vowels")
#   glide    a w or y whose part the next letter decides, or ""
# None is the dead state: the piece can no longer be read.
START = ("start", "", "first", 0, "")


def add_vowelish(state, plain):
    phase, run, where, vowels, _ = state
    if phase == "cons":
        if not (run in INITIALS if where == "first" else run in JOINTS):
            return None
    vowels = vowels + 1 if phase == "vowels" and plain else (1 if plain else 0)
    if vowels > VOWEL_RUN_MAX:
        return None
    return ("vowels", "", "inner", vowels, "")


def add_consonant(state, letter):
    phase, run, where, _, _ = state
    if phase != "cons":
        run, where = "", "first" if phase == "start" else "inner"
    run += letter
    if not may_grow(run, where):
        return None
    return ("cons", run, where, 0, "")


def settle_glide(state, before_vowel):
    """The pending glide joins the vowels before a vowel, else the run."""
    glide = state[4]
    if not glide:
        return state
    state = state[:4] + ("",)
    if before_vowel:
        return add_vowelish(state, plain=False)
    return add_consonant(state, glide)


def step(state, ch):
    if state is None:
        return None
    if ch == APOSTROPHE:
        return state
    if ch == HYPHEN:
        return START if piece_ends_ok(state) else None
    if ch not in LETTERS:
        return None
    state = settle_glide(state, ch in VOWELS)
    if state is None:
        return None
    if ch in VOWELS:
        return add_vowelish(state, plain=True)
    if ch in GLIDES:
        if ch == "y" and state[0] == "vowels" and state[3] > 0:
            return add_vowelish(state, plain=False)
        return state[:4] + (ch,)
    return add_consonant(state, ch)


def piece_ends_ok(state):
    if state is None:
        return False
    state = settle_glide(state, before_vowel=False)
    if state is None or state[0] == "start":
        return False
    phase, run, where, _, _ = state
    if phase == "cons":
        return where == "inner" and run in WORD_FINALS
    return True


def explore(alphabet):
    states, todo, moves = {START: 0}, [START], {}
    while todo:
        state = todo.pop()
        for ch in alphabet:
            nxt = step(state, ch)
            if nxt is not None and nxt not in states:
                states[nxt] = len(states)
                todo.append(nxt)
            moves[state, ch] = nxt
    return states, moves


def minimize(states, moves, alphabet):
    """Moore's partition refinement; the dead state stays apart as -1."""
    order = sorted(states, key=states.get)
    block = {s: int(piece_ends_ok(s)) for s in order}
    while True:
        sig = {s: (block[s],) + tuple(
            block[moves[s, ch]] if moves[s, ch] is not None else -1
            for ch in alphabet) for s in order}
        ids = {}
        for s in order:  # START first, so it stays block 0
            ids.setdefault(sig[s], len(ids))
        new = {s: ids[sig[s]] for s in order}
        if len(set(new.values())) == len(set(block.values())):
            return new, len(ids)
        block = new


def main():
    alphabet = LETTERS + HYPHEN + APOSTROPHE
    states, moves = explore(alphabet)
    block, nblocks = minimize(states, moves, alphabet)
    dead = nblocks
    rows = [[dead] * len(alphabet) for _ in range(nblocks + 1)]
    accepts = [False] * (nblocks + 1)
    for s in states:
        accepts[block[s]] = piece_ends_ok(s)
        for k, ch in enumerate(alphabet):
            nxt = moves[s, ch]
            rows[block[s]][k] = block[nxt] if nxt is not None else dead
    # Characters that move every state alike are one kind; kind 0 is
    # anything else, which no state reads.  The letters a cue may start
    # at (CUE_LETTERS) come last, in a kind of their own, so ko.c tells
    # them with one comparison in the look-up it makes anyway.
    keys = {ch: (ch in CUE_LETTERS, tuple(row[k] for row in rows))
            for k, ch in enumerate(alphabet)}
    order = sorted(set(keys.values()), key=lambda key: (
        key[0], min(alphabet.index(ch) for ch in alphabet
                    if keys[ch] == key)))
    kind_of = {ch: order.index(keys[ch]) + 1 for ch in alphabet}
    first_cue = min(kind_of[ch] for ch in CUE_LETTERS)
    if first_cue != len(order):
        sys.exit("the cue letters move states apart: one kind each")
    stride = len(order) + 1
    cols = [None] + [key[1] for key in order]
    next_rows = [[dead * stride] + [col[b] * stride for col in cols[1:]]
                 for b in range(nblocks + 1)]
    if stride * (nblocks + 1) > 0xFFFF:
        sys.exit("too many states for uint16_t")
    out = [
        "/* Generated by gen_ko_syllables.py. */",
        '#include "ko_tables.h"',
        "",
        f"_Static_assert(NK_KO_KIND_CUE == {first_cue}, "
        '"gen_ko_syllables.py: the kind of a cue letter");',
        "",
        "const uint8_t nk_ko_syllable_kinds[NK_KO_SYLLABLE_ASCII] = {",
    ]
    for ch in alphabet:
        out.append(f"\t[{ord(ch)}] = {kind_of[ch]}, /* {ch} */")
    out += ["};", "", "const uint16_t nk_ko_syllable_next[] = {"]
    for b, row in enumerate(next_rows):
        out.append("\t" + ", ".join(map(str, row)) + ","
                   + (" /* dead */" if b == dead else ""))
    out += ["};", "", f"const uint16_t nk_ko_syllable_dead = {dead * stride};",
            "", "const bool nk_ko_syllable_accepts[] = {"]
    for b in range(nblocks + 1):
        out.append(f"\t[{b * stride}] = {'true' if accepts[b] else 'false'},")
    out += ["};", ""]
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
