"""Checks of the scoring code on known examples (no synthesis, no recognizer).

Why: the figures are only as good as the text normalization, the tone stripping, the
syllable parser and the alignment behind them. Run: bench/intelligibility/run --selftest
"""

from __future__ import annotations

import sys

import numpy as np

import score
import significance
import vietnamese as vn

failures = 0
checks = 0


def check(what: str, got, want) -> None:
    global failures, checks
    checks += 1
    if got != want:
        failures += 1
        print(f"FAIL {what}: got {got!r}, want {want!r}")


# Normalization: case, punctuation, hyphens, NFC (a decomposed 'ờ' equals the composed one).
check("normalize", vn.normalize("  Hôm nay, trời NẮNG!  Cô-vít 19… "), "hôm nay trời nắng cô vít 19")
check("normalize NFC", vn.normalize("mu\u031bo\u031b\u0300i"), "mười")
# Tone marks go, vowel-quality marks and đ stay.
check("strip_tones", vn.strip_tones("người mẹ đã ở Hà Tĩnh, ệ ậ ặ ữ ỡ"), "ngươi me đa ơ Ha Tinh, ê â ă ư ơ")
# Syllable structure.
cases = {
    "người": ("ng", "", "ươ", "i", "huyền"), "quốc": ("c", "u", "ô", "c", "sắc"),
    "tay": ("t", "", "ă", "i", "ngang"), "giếng": ("gi", "", "iê", "ng", "sắc"),
    "gì": ("g", "", "i", "", "huyền"), "khuya": ("kh", "u", "iê", "", "ngang"),
    "mua": ("m", "", "uô", "", "ngang"), "ngoài": ("ng", "u", "a", "i", "huyền"),
    "chuyện": ("ch", "u", "iê", "n", "nặng"), "ở": ("", "", "ơ", "", "hỏi"),
    "nghìn": ("ng", "", "i", "n", "huyền"), "kẻ": ("c", "", "e", "", "hỏi"),
    "thuở": ("th", "u", "ơ", "", "hỏi"), "hươu": ("h", "", "ươ", "u", "ngang"),
}
for word, want in cases.items():
    s = vn.parse(word)
    check(f"parse {word}", s and (s.onset, s.medial, s.nucleus, s.coda, s.tone), want)
for word in ("covid", "15", "xyz", "qu", "bà́"):
    check(f"parse {word}", vn.parse(word), None)

# Scoring: one substituted syllable of four ('mươi' heard as 'mười': a tone only).
figures, conf = score.score(["hai mươi lăm độ"], ["hai mười lăm độ"])
check("wer", figures["wer"], 0.25)
check("cer", figures["cer"], round(1 / 15, 4))
check("cer no tones", figures["cer_no_tones"], 0.0)
check("tone confusion", conf.top("tones"), [{"ref": "ngang", "misheard": 1, "total": 3,
                                            "heard": [["huyền", 1]]}])
check("no vowel confusion", conf.top("vowels"), [])
check("syllable confusion", conf.top("syllables")[0]["heard"], [["mười", 1]])
# A deletion is a misheard syllable heard as nothing; an empty transcript is all deletions.
figures, conf = score.score(["xin chào"], [""])
check("empty hyp wer", figures["wer"], 1.0)
check("deletion", conf.top("syllables", 1)[0]["heard"], [["∅", 1]])

# Repetition loops: a run of one to three words four times or more, beyond the reference.
check("loop", score.loops("một hai ba", "một hai một hai một hai một hai"), True)
check("no loop", score.loops("một hai ba", "một hai một hai ba"), False)
check("a reference's own repeats", score.loops("một một một một một năm", "một một một một một năm"), False)
check("loops counted", score.score(["xin chào", "bà con"], ["xin xin xin xin", "bà con"])[0]["sentences_looping"], 1)

# Paired bootstrap: a system against itself differs by exactly nothing; one that gets every
# sentence right against one that gets some wrong is better with an interval below zero.
lengths = np.array([20.0, 30.0, 25.0, 40.0, 35.0, 22.0])
some_wrong = np.array([4.0, 9.0, 0.0, 12.0, 7.0, 5.0])
same = significance.paired(some_wrong, some_wrong, lengths)
check("bootstrap same", (same["diff"], same["diff_ci"], same["ratio"]), (0.0, [0.0, 0.0], 1.0))
better = significance.paired(np.zeros(6), some_wrong, lengths)
check("bootstrap better", better["diff_ci"][1] < 0 and better["cer"] == 0.0, True)
check("bootstrap deterministic", significance.paired(np.zeros(6), some_wrong, lengths), better)
# Without loops: a candidate whose only difference is one looping sentence is no worse there.
loop_rows = [{"system": sys, "recognizer": "whisper", "condition": "quiet", "set": "tune", "index": i,
              "ref": ref, "hyp": hyp}
             for sys, hyps in (("base", ["xin chào", "bà con ơi", "hai mươi"]),
                               ("cand", ["xin chào", "bà bà bà bà bà", "hai mươi"]))
             for i, (ref, hyp) in enumerate(zip(["xin chào", "bà con ơi", "hai mươi"], hyps))]
looped = significance.differences(loop_rows, "base")[0]
check("a loop counts in the cell", looped["diff"] > 0, True)
check("and not without loops", (looped["loop_free"]["diff"], looped["loop_free"]["looping_sentences"]), (0.0, 1))
edits, lens = significance.sentence_counts(["hai mươi lăm độ"], ["hai mười lăm độ"])
check("sentence counts", (edits.tolist(), lens.tolist()), ([1.0], [15.0]))

# Noise draws: a sentence heard through two noise segments counts both; one that loops in
# either draw is left out of the loop-free comparison with both its draws.
draw_rows = [{"system": sys, "recognizer": "whisper", "condition": "loudspeaker", "set": "tune",
              "index": i, "draw": k, "ref": ref, "hyp": hyp}
             for sys, hyps in (("base", [["xin chào", "xin chao"], ["bà con ơi", "bà con ơi"]]),
                               ("cand", [["xin chào", "xin chào"], ["bà con ơi", "bà bà bà bà bà"]]))
             for i, (ref, pair) in enumerate(zip(["xin chào", "bà con ơi"], hyps))
             for k, hyp in enumerate(pair)]
drawn = significance.differences(draw_rows, "base")[0]
check("draws pooled", (drawn["cer"], drawn["baseline_cer"]), (round(10 / 34, 4), round(1 / 34, 4)))
check("a loop in one draw leaves the sentence out", drawn["loop_free"]["looping_sentences"], 1)
print(f"{checks - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
