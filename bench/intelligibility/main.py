"""bench/intelligibility: how intelligible Loa's speech is, judged by two offline recognizers.

Issue 10, deliverable 1. For every sentence of the tune and held-out sets: Loa's
normalizer gives the spoken form (the reference); each system speaks it; each condition
(quiet, loudspeaker) turns the audio into what a listener hears at 16 kHz; each
recognizer transcribes it; the transcripts are scored against the reference. Prints the
figures, the held-out CER ratio of each system to stock espeak-ng `vi`, and the
confusions; writes WORK/results.json (all figures, for diffing runs) and
WORK/utterances.tsv (every transcript). Entry point: ./run (sets up the venv first).
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from importlib import util
from pathlib import Path

import jiwer

import conditions
import report
import score
import significance
import systems as systems_mod
import transcribe
import vietnamese

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SETS = ("tune", "heldout")
SYLLABLE_RANGE = (8, 30)


class Failure(Exception):
    """An error the user must fix; printed without a traceback, exit status 2."""


def log(msg: str) -> None:
    print(f"intelligibility: {msg}", file=sys.stderr, flush=True)


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="bench/intelligibility/run",
        description="Round-trip intelligibility of Loa's voices against stock espeak-ng vi, "
                    "judged by two offline Vietnamese recognizers. See README.md.")
    p.add_argument("--sets", default="all", help="tune | heldout | all (default all)")
    p.add_argument("--systems", default="",
                   help="comma-separated system names to run (default: bac, trung, nam, "
                        "espeak-vi and every one defined with --system; also defined: "
                        "bac-stock, trung-stock, nam-stock)")
    p.add_argument("--system", action="append", default=[], metavar="SPEC",
                   help="define (and run) a system: NAME=loa:VOICE [ARGS], "
                        "[NAME=]espeak:VOICE[:DATA] [ARGS], or NAME:VOICE:DATA; repeatable")
    p.add_argument("--conditions", default="all", help="quiet,loudspeaker | all (default all)")
    p.add_argument("--recognizers", default="all", help="vietasr,whisper | all (default all)")
    p.add_argument("--baseline", default="espeak-vi", help="system the ratios are taken to")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="worker processes (default: one per core)")
    p.add_argument("--work", default=str(HERE / "work"), help="work folder (default work/)")
    p.add_argument("--loa", default=str(ROOT / ".build" / "release" / "loa"),
                   help="the loa binary (default .build/release/loa)")
    p.add_argument("--sentences", default=str(HERE / "sentences"),
                   help="folder with tune.txt and heldout.txt")
    p.add_argument("--noise-draws", type=int, default=3, metavar="N",
                   help="noise segments each sentence is heard through in the loudspeaker "
                        "condition (default 3; 1 is the faster single-draw measurement of "
                        "rounds 1-18); the cells pool them, the intervals resample sentences "
                        "with all their draws. Whisper's repetition loops start or stop with "
                        "the noise: more draws, less of that lottery")
    p.add_argument("--limit", type=int, default=0, metavar="N",
                   help="only the first N sentences of each set (a quick check)")
    p.add_argument("--compare", metavar="RESULTS_JSON",
                   help="print each cell's CER against an earlier results.json")
    p.add_argument("--list-systems", action="store_true", help="print the systems and exit")
    return p.parse_args(argv)


def choose(value: str, allowed: tuple[str, ...], what: str) -> list[str]:
    if value == "all":
        return list(allowed)
    chosen = [v.strip() for v in value.split(",") if v.strip()]
    bad = [v for v in chosen if v not in allowed]
    if bad or not chosen:
        raise Failure(f"unknown {what} '{','.join(bad) or value}' (known: {', '.join(allowed)}, all)")
    return chosen


def define_systems(args) -> tuple[dict[str, systems_mod.System], list[str]]:
    """Built-ins plus --system definitions; the names to run."""
    known: dict[str, systems_mod.System] = {}
    for spec in systems_mod.BUILTIN_SPECS + systems_mod.OPTIONAL_SPECS:
        s = systems_mod.parse_spec(spec)
        known[s.name] = s
    added = []
    for spec in args.system:
        try:
            s = systems_mod.parse_spec(spec, known)
        except systems_mod.SpecError as e:
            raise Failure(str(e)) from None
        known[s.name] = s
        added.append(s.name)
    if args.systems:
        names = [n.strip() for n in args.systems.split(",") if n.strip()]
        unknown = [n for n in names if n not in known]
        if unknown:
            raise Failure(f"unknown system(s) {', '.join(unknown)} (known: {', '.join(known)}; "
                          "define one with --system SPEC)")
    else:
        builtin = [systems_mod.parse_spec(b).name for b in systems_mod.BUILTIN_SPECS]
        names = list(dict.fromkeys(builtin + added))
    return known, names


def read_sentences(folder: Path, sets: list[str]) -> dict[str, list[str]]:
    """The written sentences of each set; blank lines and '#' comments skipped. The sets
    must be disjoint: the held-out set is never tuned on."""
    out, everything = {}, {}
    for s in SETS:
        path = folder / f"{s}.txt"
        if not path.is_file():
            raise Failure(f"sentence file {path} missing")
        lines = [unicodedata.normalize("NFC", l.strip())
                 for l in path.read_text(encoding="utf-8").splitlines()]
        lines = [l for l in lines if l and not l.startswith("#")]
        for l in lines:
            key = vietnamese.normalize(l)
            if key in everything:
                raise Failure(f"sentence in {s}.txt also in {everything[key]}.txt: {l}")
            everything[key] = s
        out[s] = lines
    return {s: out[s] for s in sets}


def loa_normalize(loa: Path, lines: list[str]) -> list[str]:
    """Spoken form of each line by `loa normalize --lines` (one output line per line)."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as f:
        f.write("\n".join(lines) + "\n")
        name = f.name
    try:
        proc = subprocess.run([str(loa), "normalize", "--lines", name], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    finally:
        os.unlink(name)
    if proc.returncode != 0:
        raise Failure(f"loa normalize failed (exit {proc.returncode}): "
                      f"{proc.stderr.decode('utf-8', 'replace').strip()}")
    out = proc.stdout.decode("utf-8").split("\n")
    if out and out[-1] == "":
        out.pop()
    if len(out) != len(lines):
        raise Failure(f"loa normalize --lines gave {len(out)} lines for {len(lines)}")
    return out


def references(loa: Path, sentences: dict[str, list[str]], work: Path,
               check_loa: bool) -> dict[str, list[str]]:
    """Spoken references, stored in WORK/references; warns on sentences outside 8-30
    syllables and, when a Loa voice is measured, on spoken forms the normalizer would
    change again (`loa say` normalizes its input, so it would not say the reference)."""
    refs = {}
    (work / "references").mkdir(parents=True, exist_ok=True)
    for s, lines in sentences.items():
        spoken = loa_normalize(loa, lines)
        (work / "references" / f"{s}.spoken.txt").write_text("\n".join(spoken) + "\n", encoding="utf-8")
        for i, sp in enumerate(spoken):
            n = len(vietnamese.normalize(sp).split())
            if not SYLLABLE_RANGE[0] <= n <= SYLLABLE_RANGE[1]:
                log(f"warning: {s}.txt:{i + 1}: {n} syllables spoken, outside "
                    f"{SYLLABLE_RANGE[0]}-{SYLLABLE_RANGE[1]}")
        if check_loa:
            again = loa_normalize(loa, spoken)
            for i, (a, b) in enumerate(zip(spoken, again)):
                if a != b:
                    log(f"warning: {s}.txt:{i + 1}: normalizing the spoken form again changes it "
                        f"('{a}' -> '{b}'); Loa voices say the latter")
        refs[s] = spoken
    return refs


def noise_draws(condition: str, draws: int) -> range:
    """The draws of a condition: the loudspeaker's noise has `draws` segments, quiet one."""
    return range(draws if condition == "loudspeaker" else 1)


def synthesize_all(chosen: list[systems_mod.System], refs: dict[str, list[str]],
                   conds: list[str], work: Path, loa: Path, jobs: int, draws: int = 1) -> list[dict]:
    """Speak every reference with every system, then apply every condition. Returns one
    item per (system, set, sentence, condition, draw) with the 16 kHz file. Draw 0 is the
    file and noise segment a single-draw run uses (so its transcripts stay cached); draw k
    takes the noise segment keyed by the sentence and k."""
    noise = conditions.pink_noise() if "loudspeaker" in conds else None
    tasks = [(sys, s, i, text) for sys in chosen for s, lines in refs.items()
             for i, text in enumerate(lines)]

    def one(task):
        sys, s, i, text = task
        folder = work / "audio" / sys.name / s
        folder.mkdir(parents=True, exist_ok=True)
        raw = folder / f"{i + 1:03d}.wav"
        systems_mod.synthesize(sys, text, raw, loa, ROOT)
        out = []
        for c in conds:
            for k in noise_draws(c, draws):
                suffix, key = ("", "") if k == 0 else (f"-{k + 1}", f"/{k + 1}")
                dst = folder / f"{i + 1:03d}.{c}{suffix}.wav"
                conditions.apply(c, raw, dst, f"{s}-{i + 1:03d}{key}", noise)
                out.append({"system": sys.name, "set": s, "index": i, "condition": c, "draw": k,
                            "path": dst})
        return out

    items = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for result in pool.map(one, tasks):
            items.extend(result)
    return items


def recognizers_ready(names: list[str], work: Path) -> tuple[list[str], dict[str, str], Path | None]:
    """Recognizers that are installed (the others reported), and Whisper's model folder."""
    ready, errors, whisper_dir = [], {}, None
    for name in names:
        module = {"vietasr": "vietasr", "whisper": "faster_whisper"}[name]
        if util.find_spec(module) is None:
            errors[name] = (f"python package '{module}' is not installed in the venv "
                            f"(see {HERE}/.venv/install-{name}.log)")
            log(f"recognizer {name} unavailable: {errors[name]}")
            continue
        if name == "whisper":
            try:
                whisper_dir = transcribe.prepare_whisper_model(work / "models")
            except Exception as e:  # noqa: BLE001
                errors[name] = f"{type(e).__name__}: {e}"
                log(f"recognizer whisper unavailable: {errors[name]}")
                continue
        ready.append(name)
    return ready, errors, whisper_dir


def spoken_hypotheses(loa: Path, texts: list[str]) -> dict[str, str]:
    """Whisper writes numbers as digits ('25'); the reference says 'hai mươi lăm'. Any
    transcript with a digit is read by the same normalizer, so both sides are spoken form.
    Others are left alone (the normalizer would take a misheard 'Ni' for an acronym)."""
    with_digits = sorted({t for t in texts if any(ch.isdigit() for ch in t)})
    if not with_digits:
        return {}
    try:
        return dict(zip(with_digits, loa_normalize(loa, with_digits)))
    except Failure as e:
        log(f"warning: transcripts with digits left as they are: {e}")
        return {}


def tool_version(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              check=False).stdout.decode("utf-8", "replace").strip().splitlines()[0]
    except (OSError, IndexError):
        return "unknown"


def default_voice() -> str:
    m = re.search(r"^voice:\s*([A-Za-z0-9_-]+)", (ROOT / "loa.yaml").read_text(encoding="utf-8"), re.M) \
        if (ROOT / "loa.yaml").is_file() else None
    return m.group(1) if m else "bac"


def write_outputs(work: Path, results: dict, rows: list[dict]) -> None:
    """WORK/results.json (every figure, for diffs and --compare) and WORK/utterances.tsv
    (every transcript with its sentence CER)."""
    (work / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n",
                                       encoding="utf-8")
    with open(work / "utterances.tsv", "w", encoding="utf-8") as f:
        f.write("set\tnumber\tsystem\tcondition\tdraw\trecognizer\tcer\treference\theard\traw\n")
        for row in rows:
            cer = jiwer.cer(row["ref"], row["hyp"]) if row["hyp"] else 1.0
            f.write(f"{row['set']}\t{row['index'] + 1}\t{row['system']}\t{row['condition']}\t"
                    f"{row['draw'] + 1}\t{row['recognizer']}\t{cer:.3f}\t{row['ref']}\t{row['hyp']}\t{row['raw']}\n")


def main(argv: list[str]) -> int:
    start = time.monotonic()
    args = parse_args(argv)
    known, names = define_systems(args)
    if args.list_systems:
        for n in known:
            print(f"{'*' if n in names else ' '} {known[n].describe()}")
        return 0
    sets = choose(args.sets, SETS, "set")
    if args.noise_draws < 1:
        raise Failure(f"--noise-draws {args.noise_draws}: expected 1 or more")
    conds = choose(args.conditions, conditions.CONDITIONS, "condition")
    recs = choose(args.recognizers, transcribe.RECOGNIZERS, "recognizer")
    chosen = [known[n] for n in names]
    loa = Path(args.loa)
    if not os.access(loa, os.X_OK):
        raise Failure(f"{loa} missing: build it with `swift build -c release` "
                      "(or pass --loa PATH)")
    if not shutil.which("sox"):
        raise Failure("sox missing (apt-get install sox)")
    if any(s.kind == "espeak" for s in chosen) and not shutil.which("espeak-ng"):
        raise Failure("espeak-ng missing (scripts/setup installs it)")

    old_results = None
    if args.compare:                    # read now: it may be the results.json this run replaces
        try:
            old_results = json.loads(Path(args.compare).read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise Failure(f"--compare {args.compare}: {e}") from None
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    lock = open(work / ".lock", "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        log(f"another run is using {work}; waiting (or pass --work DIR)")
        fcntl.flock(lock, fcntl.LOCK_EX)

    timing = {}
    t = time.monotonic()
    sentences = read_sentences(Path(args.sentences), sets)
    if args.limit > 0:
        sentences = {s: v[: args.limit] for s, v in sentences.items()}
    refs = references(loa, sentences, work, any(s.kind == "loa" for s in chosen))
    timing["references_s"] = round(time.monotonic() - t, 1)
    log(f"{', '.join(f'{s}: {len(v)}' for s, v in refs.items())} sentences; systems "
        f"{', '.join(names)}; conditions {', '.join(conds)}; recognizers {', '.join(recs)}")

    t = time.monotonic()
    loa_sha = transcribe.sha256_file(loa)
    items = synthesize_all(chosen, refs, conds, work, loa, max(1, args.jobs), args.noise_draws)
    timing["synthesis_and_conditions_s"] = round(time.monotonic() - t, 1)
    loa_changed = transcribe.sha256_file(loa) != loa_sha
    if loa_changed:
        log(f"warning: {loa} changed while the sentences were being spoken (a build ran?); "
            "the audio may come from two binaries: run again")
    log(f"synthesized and conditioned {len(items)} files in {timing['synthesis_and_conditions_s']} s")

    t = time.monotonic()
    ready, errors, whisper_dir = recognizers_ready(recs, work)
    keys = {r: transcribe.recognizer_key(r) for r in ready}
    cache = transcribe.Cache(work / "cache" / "transcripts.jsonl")
    jobs = [(r, keys[r], str(it["path"])) for it in items for r in ready]
    errors.update(transcribe.run(jobs, cache, max(1, args.jobs), whisper_dir, log))
    timing["transcription_s"] = round(time.monotonic() - t, 1)

    # Gather transcripts and score every cell.
    t = time.monotonic()
    rows = []
    for it in items:
        sha = transcribe.sha256_file(it["path"])
        for r in ready:
            if r in errors:
                continue
            text = cache.get(keys[r], sha)
            if text is not None:
                rows.append({**it, "recognizer": r, "raw": text})
    spoken = spoken_hypotheses(loa, [row["raw"] for row in rows])
    for row in rows:
        row["hyp"] = vietnamese.normalize(spoken.get(row["raw"], row["raw"]))
        row["ref"] = vietnamese.normalize(refs[row["set"]][row["index"]])

    cells, conf_by_system = [], {}
    confusion_set = "tune" if "tune" in sets else sets[0]
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        groups.setdefault((row["system"], row["recognizer"], row["condition"], row["set"]), []).append(row)
    order = {n: i for i, n in enumerate(names)}
    for (sys, rec, cond, s) in sorted(groups, key=lambda k: (order[k[0]], recs.index(k[1]),
                                                             conds.index(k[2]), sets.index(k[3]))):
        g = sorted(groups[(sys, rec, cond, s)], key=lambda r: (r["index"], r["draw"]))
        figures, conf = score.score([r["ref"] for r in g], [r["hyp"] for r in g])
        cells.append({"system": sys, "recognizer": rec, "condition": cond, "set": s, **figures,
                      "confusions": {c: conf.top(c, 20) for c in score.CATEGORIES}})
        if s == confusion_set:
            conf_by_system.setdefault(sys, score.Confusions()).merge(conf)
    ratio_rows = report.ratios(cells, args.baseline, "heldout")
    diffs = significance.differences(rows, args.baseline)
    timing["scoring_s"] = round(time.monotonic() - t, 1)
    timing["total_s"] = round(time.monotonic() - start, 1)

    # Write first (a closed pipe on stdout must not lose the figures), then print.
    write_outputs(work, {
        "schema": 1,
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cores": os.cpu_count(), "platform": platform.platform()},
        "timing": timing,
        "loa": {"path": str(loa), "sha256": loa_sha, "changed_during_run": loa_changed},
        "espeak_ng": tool_version(["espeak-ng", "--version"]),
        "recognizers": keys,
        "errors": errors,
        "systems": {n: known[n].describe() for n in names},
        "baseline": args.baseline,
        "conditions": {c: conditions.describe()[c] for c in conds},
        "noise_draws": args.noise_draws,
        "sets": {s: {"sentences": len(v), "spoken": v} for s, v in refs.items()},
        "cells": cells,
        "ratios_heldout": ratio_rows,
        "differences": diffs,
        "confusions_pooled": {sys: {"set": confusion_set,
                                    **{c: conf.top(c, 20) for c in score.CATEGORIES}}
                              for sys, conf in conf_by_system.items()},
    }, sorted(rows, key=lambda r: (r["set"], r["index"], order[r["system"]],
                                   r["condition"], r["draw"], r["recognizer"])))
    # Print.
    sizes = {s: len(v) for s, v in refs.items()}
    print(f"\nRound-trip intelligibility, {datetime.now(timezone.utc):%Y-%m-%d}: corpus-level "
          "CER, WER and CER without tone marks (CER-nt); lower is better\n")
    print(report.table(cells, names, [r for r in recs if r in ready and r not in errors],
                       conds, sets, sizes))
    print()
    print(report.ratio_table(ratio_rows, args.baseline, default_voice(),
                             [r for r in recs if r in ready and r not in errors], conds))
    print()
    print(significance.table(diffs, args.baseline))
    for sys in names:
        if sys in conf_by_system:
            print()
            print(report.confusions_text(
                conf_by_system[sys],
                f"{sys}: most misheard on the {confusion_set} set "
                f"({'+'.join(r for r in recs if r in ready and r not in errors)}, "
                f"{'+'.join(conds)}): ref misheard/total (heard as n, ...)"))
    if old_results is not None:
        print()
        print(report.compare(old_results, cells, refs))
    for r, e in errors.items():
        print(f"\nrecognizer {r} did not run: {e}")
    print(f"\ntimes: " + ", ".join(f"{k[:-2]} {v} s" for k, v in timing.items())
          + f"; {os.cpu_count()} cores, {args.jobs} jobs")
    print(f"wrote {work / 'results.json'} and {work / 'utterances.tsv'}")
    return 1 if errors and len(errors) == len(recs) else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Failure as e:
        log(f"error: {e}")
        sys.exit(2)
    except RuntimeError as e:
        log(f"error: {e}")
        sys.exit(1)
    except KeyboardInterrupt:
        log("interrupted; transcripts so far are cached")
        sys.exit(130)
    except BrokenPipeError:             # e.g. `run | head`: the figures are already written
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
