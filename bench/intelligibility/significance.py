"""How sure a difference between two systems is: paired bootstrap over sentences.

Why: a tuning step compares a candidate with the current voice on the same sentences,
and the recognizers move a cell by a few hundredths on speech that hardly changed (three
loudspeaker gains on the 62-sentence tune set were not confirmed on the held-out set in
rounds 7 and 8). Whether a difference is more than that is a statistical question, so it
gets a statistical answer instead of a rule of thumb.

Method: for each cell (recognizer x condition x set) the two systems' per-sentence
character edits and reference lengths are paired by sentence; sentences are resampled
with replacement (the same draw for both systems) and the corpus-level CER difference
and ratio computed for each resample. The 2.5th and 97.5th percentiles give a 95%
interval. Sentences, not characters, are resampled because errors within a sentence are
not independent (a misheard syllable drags its neighbours). The generator is seeded, so
the same transcripts always give the same intervals.

Each comparison is also made without the sentences on which either system's transcript
falls into a repetition loop (score.loops): Whisper loops on synthetic speech, and a tiny
change of input starts or stops a loop that adds or removes a whole sentence's worth of
errors, so a cell that moves with its loops says more about the decoder than the voice.
"""

from __future__ import annotations

import warnings

import jiwer
import numpy as np

import score

RESAMPLES = 4000
SEED = 20261130


def sentence_counts(refs: list[str], hyps: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Per sentence: character edits (substitutions + deletions + insertions) and the
    reference length in characters, as jiwer counts them for the corpus CER."""
    edits, lengths = [], []
    for r, h in zip(refs, hyps):
        c = jiwer.process_characters([r], [h])
        edits.append(c.substitutions + c.deletions + c.insertions)
        lengths.append(c.hits + c.substitutions + c.deletions)
    return np.array(edits, dtype=float), np.array(lengths, dtype=float)


def paired(edits_a: np.ndarray, edits_b: np.ndarray, lengths: np.ndarray) -> dict:
    """CER of a and b on the same sentences (same references), their difference a - b and
    ratio a / b, each with a 95% paired-bootstrap interval."""
    n = len(lengths)
    rng = np.random.default_rng(SEED)
    idx = rng.integers(0, n, size=(RESAMPLES, n))
    ref = lengths[idx].sum(axis=1)
    cer_a = edits_a[idx].sum(axis=1) / ref
    cer_b = edits_b[idx].sum(axis=1) / ref
    diff = cer_a - cer_b
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(cer_b > 0, cer_a / cer_b, np.nan)
    a, b = edits_a.sum() / lengths.sum(), edits_b.sum() / lengths.sum()
    lo, hi = np.percentile(diff, [2.5, 97.5])
    with warnings.catch_warnings():        # a baseline with no error in any resample: no ratio
        warnings.simplefilter("ignore", RuntimeWarning)
        rlo, rhi = np.nanpercentile(ratio, [2.5, 97.5])
    return {"cer": round(float(a), 4), "baseline_cer": round(float(b), 4),
            "diff": round(float(a - b), 4), "diff_ci": [round(float(lo), 4), round(float(hi), 4)],
            "ratio": round(float(a / b), 3) if b > 0 else None,
            "ratio_ci": [round(float(rlo), 3), round(float(rhi), 3)],
            "sentences": n}


def _counts_by_sentence(by_index: dict[int, list[dict]]) -> dict[int, tuple[float, float]]:
    """Sentence index -> (character edits, reference length) for one cell's rows, summed
    over the sentence's noise draws (one row each)."""
    out = {}
    for i in sorted(by_index):
        edits, lengths = sentence_counts([r["ref"] for r in by_index[i]], [r["hyp"] for r in by_index[i]])
        out[i] = (float(edits.sum()), float(lengths.sum()))
    return out


def differences(rows: list[dict], baseline: str) -> list[dict]:
    """Every system against the baseline, per recognizer x condition x set, from the
    scored utterance rows (each with system, recognizer, condition, set, index, ref, hyp,
    and optionally draw: a sentence heard through several noise segments). A sentence is
    resampled with all its draws; it counts as looping when any of them loops. Only
    sentences both systems have a transcript for are compared."""
    cells: dict[tuple, dict[int, list[dict]]] = {}
    for r in rows:
        cells.setdefault((r["system"], r["recognizer"], r["condition"], r["set"]), {}) \
             .setdefault(r["index"], []).append(r)
    counts = {key: _counts_by_sentence(by_index) for key, by_index in cells.items()}
    looping = {key: {i for i, rs in by_index.items() if any(score.loops(r["ref"], r["hyp"]) for r in rs)}
               for key, by_index in cells.items()}
    out = []
    for (sys, rec, cond, s), mine in sorted(counts.items()):
        base = counts.get((baseline, rec, cond, s))
        # a sentence is compared over the same number of noise draws in both systems
        common = sorted(i for i in set(mine) & set(base or {})
                        if len(cells[(sys, rec, cond, s)][i]) == len(cells[(baseline, rec, cond, s)][i]))
        if sys == baseline or not common:
            continue
        loops = looping[(sys, rec, cond, s)] | looping[(baseline, rec, cond, s)]
        loop_free = [i for i in common if i not in loops]

        def compare(indices: list[int]) -> dict:
            return paired(np.array([mine[i][0] for i in indices]),
                          np.array([base[i][0] for i in indices]),
                          np.array([mine[i][1] for i in indices]))

        entry = {"system": sys, "recognizer": rec, "condition": cond, "set": s, **compare(common)}
        if loop_free:
            entry["loop_free"] = {**compare(loop_free), "looping_sentences": len(common) - len(loop_free)}
        out.append(entry)
    return out


def table(diffs: list[dict], baseline: str) -> str:
    """One line per cell: CER, difference to the baseline with its interval, the ratio
    with its interval, and the difference again without the sentences on which either
    system loops (with how many those were); '*' marks a difference whose interval
    excludes zero."""
    if not diffs:
        return f"(no paired comparison: the baseline '{baseline}' was not run)"
    lines = [f"against {baseline}, paired bootstrap over sentences ({RESAMPLES} resamples, "
             f"95% intervals; * = the interval excludes 0; without loops = without the "
             f"sentences either system's transcript loops on)",
             f"{'system':<12} {'recognizer':<8} {'condition':<11} {'set':<8} "
             f"{'CER':>6} {'change':>7} {'interval':>17}  {'ratio':>5} {'interval':>13}  "
             f"{'without loops':>27}"]
    for d in diffs:
        rlo, rhi = d["ratio_ci"]
        ratio = f"{d['ratio']:.2f}" if d["ratio"] is not None else "-"
        free = d.get("loop_free")
        without = (f"{_change(free)} ({free['looping_sentences']} out)" if free else "(all loop)")
        lines.append(f"{d['system']:<12} {d['recognizer']:<8} {d['condition']:<11} {d['set']:<8} "
                     f"{d['cer']:6.3f} {_change(d)} "
                     f"{ratio:>5} [{rlo:.2f}, {rhi:.2f}]  {without}")
    return "\n".join(lines)


def _change(d: dict) -> str:
    """A difference with its interval, '*' when the interval excludes zero."""
    lo, hi = d["diff_ci"]
    sig = "*" if lo > 0 or hi < 0 else " "
    return f"{d['diff']:+7.3f} [{lo:+.3f}, {hi:+.3f}]{sig}"
