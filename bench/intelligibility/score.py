"""Scores of one cell (system x recognizer x condition x set) and what was misheard.

Why these figures: WER and CER say how much of the sentence got through; CER with the
five tone marks removed from both sides separates tone errors from segment errors
(vowels, consonants). The confusion lists say where to work: which syllables, vowel
nuclei, tones, initials and finals the recognizers hear as something else.

All rates are corpus-level (total edits / total reference length over the cell's
sentences), computed by jiwer (Levenshtein) on normalized text (vietnamese.normalize);
CER counts the spaces between words as characters, as jiwer does.

Confusions come from jiwer's word alignment (a Vietnamese word here is one syllable):
- syllables: every reference syllable counts; it is misheard when substituted (heard
  as the aligned hypothesis syllable) or deleted (heard as '∅'). Insertions are ignored.
- vowels, tones, initials, finals: over aligned pairs (hits and substitutions) where
  both syllables parse as Vietnamese (vietnamese.parse); a pair counts as a confusion
  of that part when the part differs (e.g. 'mươi' heard as 'mười': a tone confusion
  ngang->huyền and no vowel confusion). Deleted syllables do not count here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import jiwer

import vietnamese

CATEGORIES = ("syllables", "vowels", "tones", "initials", "finals")
NOTHING = "∅"
EMPTY_PART = "-"      # an empty initial or final (e.g. the initial of 'ăn')


@dataclass
class Confusions:
    """Per category: how often each reference unit occurred and what it was heard as."""
    totals: dict = field(default_factory=lambda: {c: Counter() for c in CATEGORIES})
    heard: dict = field(default_factory=lambda: {c: defaultdict(Counter) for c in CATEGORIES})

    def count(self, category: str, ref: str, hyp: str) -> None:
        self.totals[category][ref] += 1
        if hyp != ref:
            self.heard[category][ref][hyp] += 1

    def merge(self, other: "Confusions") -> None:
        for c in CATEGORIES:
            self.totals[c].update(other.totals[c])
            for ref, heard in other.heard[c].items():
                self.heard[c][ref].update(heard)

    def top(self, category: str, n: int = 10, heard_n: int = 4) -> list[dict]:
        """The n reference units most often misheard (count, then name), each with the
        share misheard and its heard_n most frequent wrong forms."""
        rows = [(sum(h.values()), ref, h) for ref, h in self.heard[category].items() if h]
        rows.sort(key=lambda r: (-r[0], r[1]))
        return [{"ref": ref, "misheard": m, "total": self.totals[category][ref],
                 "heard": [[hyp, k] for hyp, k in sorted(h.items(), key=lambda x: (-x[1], x[0]))[:heard_n]]}
                for m, ref, h in rows[:n]]


def _parts(s: vietnamese.Syllable) -> dict[str, str]:
    return {"vowels": s.nucleus, "tones": s.tone,
            "initials": s.onset or EMPTY_PART, "finals": s.coda or EMPTY_PART}


def confusions(words: jiwer.WordOutput) -> Confusions:
    """Confusions from jiwer's word alignment (see the module docstring)."""
    conf = Confusions()
    for ref, hyp, chunks in zip(words.references, words.hypotheses, words.alignments):
        for ch in chunks:
            if ch.type == "insert":
                continue
            for k in range(ch.ref_end_idx - ch.ref_start_idx):
                r = ref[ch.ref_start_idx + k]
                if ch.type == "delete":
                    conf.count("syllables", r, NOTHING)
                    continue
                h = hyp[ch.hyp_start_idx + k]          # equal / substitute: one to one
                conf.count("syllables", r, h)
                pr, ph = vietnamese.parse(r), vietnamese.parse(h)
                if pr and ph:
                    a, b = _parts(pr), _parts(ph)
                    for c in a:
                        conf.count(c, a[c], b[c])
    return conf


def longest_repeat(text: str, max_unit: int = 3) -> int:
    """How many times in a row the most repeated run of 1 to `max_unit` words occurs."""
    words = text.split()
    best = 1 if words else 0
    for n in range(1, max_unit + 1):
        for i in range(len(words) - n):
            k = 1
            while words[i + k * n:i + (k + 1) * n] == words[i:i + n]:
                k += 1
            best = max(best, k)
    return best


def loops(ref: str, hyp: str) -> bool:
    """A decoder repetition loop: the transcript repeats a run of one to three words four or
    more times in a row, more often than the reference does ("một hai một hai một hai một
    hai ..."). Whisper falls into these on synthetic speech, and a tiny change of input can
    start or stop one, so a cell's CER that moves with its loop count is not evidence."""
    repeats = longest_repeat(hyp)
    return repeats >= 4 and repeats > longest_repeat(ref)


def score(refs: list[str], hyps: list[str]) -> tuple[dict, Confusions]:
    """Figures of one cell from normalized reference and hypothesis texts."""
    words = jiwer.process_words(refs, hyps)
    chars = jiwer.process_characters(refs, hyps)
    no_tones = jiwer.process_characters([vietnamese.strip_tones(r) for r in refs],
                                        [vietnamese.strip_tones(h) for h in hyps])
    ref_words = words.hits + words.substitutions + words.deletions
    ref_chars = chars.hits + chars.substitutions + chars.deletions
    figures = {
        "sentences": len(refs),
        "ref_words": ref_words,
        "ref_chars": ref_chars,
        "wer": round(words.wer, 4),
        "cer": round(chars.cer, 4),
        "cer_no_tones": round(no_tones.cer, 4),
        "word_edits": {"sub": words.substitutions, "del": words.deletions, "ins": words.insertions},
        "char_edits": {"sub": chars.substitutions, "del": chars.deletions, "ins": chars.insertions},
        "sentences_exact": sum(1 for r, h in zip(refs, hyps) if r == h),
        "sentences_looping": sum(1 for r, h in zip(refs, hyps) if loops(r, h)),
    }
    return figures, confusions(words)
