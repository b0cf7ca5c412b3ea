"""The systems under test: what speaks a sentence, named by a one-line spec.

Why a spec: the benchmark must measure more than Loa's three voices. A colleague tuning
a compiled espeak-ng data folder measures it as `--system cand:vi:/tmp/x/espeak-ng-data`,
and once `loa say` has `--speech-data`, `--system "bac-stock=loa:bac --speech-data stock"`
measures a voice on stock data. Grammar (see README.md):

    SPEC     := [NAME=]KIND:VOICE[:DATA] [ARG ...]      (split like a shell line)
              | NAME:VOICE:DATA [ARG ...]                (espeak shorthand)
              | NAME                                     (a built-in system)
    KIND     := loa | espeak
    loa      -> loa say --voice VOICE --output OUT.wav [ARG ...] -     (text on stdin)
    espeak   -> espeak-ng -v VOICE -s 135 [ARG ...] -w OUT.wav --stdin
                with ESPEAK_DATA_PATH=DATA when DATA is given (checked to hold phondata,
                because espeak-ng silently falls back to the stock data otherwise)

NAME defaults to the voice for `loa` and to `espeak-VOICE` for `espeak`.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import wave
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

# The stock espeak-ng baseline reads at the default voice's rate (Voices/bac.yaml: 135 wpm).
ESPEAK_RATE = "135"
# Every system's sentence is heard between the same pauses. `loa say` trims a sentence's
# leading and trailing silence (on air, the profile's 450 ms sentence pause separates
# sentences), while the espeak-ng CLI puts 0-76 ms of silence before the speech and about
# 454 ms after it. The recognizers are sensitive to this edge: `bac` at the CLI's pitch
# and range speaks sample-identically to the CLI, yet scored 0.611 / 0.475 CER (viet-asr /
# Whisper, tune set, quiet) as Loa trims it against 0.597 / 0.423 for the CLI's file, and
# 0.609 / 0.437 with 450 ms of silence appended. So every synthesized file is trimmed of
# its leading and trailing silence (samples within 60 dB of full scale, |x| <= 32, Loa's
# own threshold) and set between two pauses of PAUSE_MS: systems differ only in speech.
PAUSE_MS = 450
SILENCE_THRESHOLD = 32
KINDS = ("loa", "espeak")


class SpecError(ValueError):
    """A system spec that cannot be understood or whose data folder is unusable."""


@dataclass(frozen=True)
class System:
    name: str
    kind: str                     # 'loa' or 'espeak'
    voice: str
    data: str | None = None       # espeak: ESPEAK_DATA_PATH
    args: tuple[str, ...] = field(default_factory=tuple)
    spec: str = ""

    def describe(self) -> str:
        """The spec in canonical form (what results.json records)."""
        head = f"{self.name}={self.kind}:{self.voice}" + (f":{self.data}" if self.data else "")
        return " ".join([head, *map(shlex.quote, self.args)])


BUILTIN_SPECS = ["bac=loa:bac", "trung=loa:trung", "nam=loa:nam", "espeak-vi=espeak:vi"]
# Defined too, run only when named in --systems: Loa's voices on the stock espeak-ng data
# (the state before Loa's own speech data: the "before" of every figure).
OPTIONAL_SPECS = ["bac-stock=loa:bac --speech-data stock",
                  "trung-stock=loa:trung --speech-data stock",
                  "nam-stock=loa:nam --speech-data stock"]


def parse_spec(spec: str, known: dict[str, System] | None = None) -> System:
    """Parse one spec (grammar in the module docstring). Raises SpecError."""
    words = shlex.split(spec)
    if not words:
        raise SpecError("empty system spec")
    head, args = words[0], tuple(words[1:])
    if "=" not in head and ":" not in head:
        if known and head in known and not args:
            return known[head]
        raise SpecError(f"unknown system '{head}' (known: {', '.join(sorted(known or {}))}); "
                        "define it with --system NAME=loa:VOICE or NAME=espeak:VOICE[:DATA]")
    name, sep, body = head.partition("=")
    if not sep or ":" in name:                  # no NAME= (an '=' inside a data path)
        name, body = "", head
    parts = body.split(":", 2)
    if parts[0] in KINDS:
        kind, rest = parts[0], parts[1:]
    elif len(parts) == 3 and not name:          # NAME:VOICE:DATA shorthand
        name, kind, rest = parts[0], "espeak", parts[1:]
    else:
        raise SpecError(f"bad system spec '{spec}': expected [NAME=]loa:VOICE, "
                        "[NAME=]espeak:VOICE[:DATA] or NAME:VOICE:DATA")
    if not rest or not rest[0]:
        raise SpecError(f"bad system spec '{spec}': no voice")
    voice, data = rest[0], (rest[1] if len(rest) > 1 and rest[1] else None)
    if kind == "loa" and data:
        raise SpecError(f"bad system spec '{spec}': a loa system takes no data folder; "
                        "pass Loa's own option as an argument (e.g. --speech-data stock)")
    if data:
        data = str(Path(data).expanduser().resolve())
        check_data_folder(data)
    if not name:
        name = voice if kind == "loa" else f"espeak-{voice}"
    if not all(ch.isalnum() or ch in "-_." for ch in name):
        raise SpecError(f"bad system name '{name}': use letters, digits, - _ .")
    return System(name, kind, voice, data, args, spec)


def check_data_folder(data: str) -> None:
    """espeak-ng takes ESPEAK_DATA_PATH as the data folder or as its parent; any other
    path makes it fall back, silently, to the stock data. So insist on phondata."""
    p = Path(data)
    if not p.is_dir():
        raise SpecError(f"espeak-ng data folder {data} does not exist")
    if not ((p / "phondata").is_file() or (p / "espeak-ng-data" / "phondata").is_file()):
        raise SpecError(f"{data} holds no phondata (nor espeak-ng-data/phondata): "
                        "not a compiled espeak-ng data folder")


def command(system: System, out_wav: Path, loa: Path) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that speak stdin's text into out_wav."""
    env = dict(os.environ)
    if system.kind == "loa":
        return [str(loa), "say", "--voice", system.voice, "--output", str(out_wav),
                *system.args, "-"], env
    if system.data:
        env["ESPEAK_DATA_PATH"] = system.data
    else:
        env.pop("ESPEAK_DATA_PATH", None)
    return ["espeak-ng", "-v", system.voice, "-s", ESPEAK_RATE, *system.args,
            "-w", str(out_wav), "--stdin"], env


def synthesize(system: System, text: str, out_wav: Path, loa: Path, cwd: Path) -> None:
    """Speak text (already in spoken form) into out_wav. Loa runs from the repository
    root, so its default Voices/ and Bulletins/lexicon.tsv are the project's own."""
    cmd, env = command(system, out_wav, loa)
    out_wav.unlink(missing_ok=True)
    proc = subprocess.run(cmd, input=text.encode("utf-8"), cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0 or not out_wav.is_file() or out_wav.stat().st_size <= 44:
        err = proc.stderr.decode("utf-8", "replace").strip()
        raise RuntimeError(f"system {system.name}: `{shlex.join(cmd)}` failed "
                           f"(exit {proc.returncode}): {err or 'no audio written'}")
    set_between_pauses(out_wav, PAUSE_MS)


def set_between_pauses(path: Path, ms: int) -> None:
    """Trim a 16-bit WAV's leading and trailing silence (|x| <= SILENCE_THRESHOLD) and put
    ms of digital silence before and after it (same format; deterministic)."""
    with wave.open(str(path), "rb") as w:
        params = w.getparams()
        frames = w.readframes(w.getnframes())
    if params.sampwidth != 2:
        raise RuntimeError(f"{path}: expected 16-bit samples")
    x = np.frombuffer(frames, dtype="<i2").reshape(-1, params.nchannels)
    loud = np.nonzero(np.abs(x.astype(np.int32)).max(axis=1) > SILENCE_THRESHOLD)[0]
    if loud.size:
        x = x[loud[0]:loud[-1] + 1]
    pad = np.zeros((params.framerate * ms // 1000, params.nchannels), dtype="<i2")
    with wave.open(str(path), "wb") as w:
        w.setparams(params)
        w.writeframes(np.concatenate([pad, x, pad]).astype("<i2").tobytes())
