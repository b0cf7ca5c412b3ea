"""Listening conditions: what the recognizer hears of a synthesized sentence.

Why: commune listeners hear bulletins through horn loudspeakers outdoors, so the issue
asks for intelligibility both in quiet and in a loudspeaker condition. Both produce
16 kHz mono 16-bit WAV, the input both recognizers expect. Every step is deterministic
(sox in repeatable mode without dither, noise from a fixed numpy seed), so the same
synthesized audio always gives the same bytes and the transcription cache stays valid.

quiet        sox: mix to mono, -3 dB headroom, resample to 16 kHz (sox `rate -v`),
             peak-normalize to -1 dBFS.
loudspeaker  1. sox: mono, -10 dB headroom, 0.8 s of silence appended for the tail;
             2. the horn: `sinc 300-4000`, a steep linear-phase band-pass 300-4,000 Hz;
             3. outdoors: `reverb 20 50 50 0 10 -6` (a light, short diffuse tail with
                10 ms pre-delay, wet -6 dB: nothing like a room) and
                `echos 0.8 0.9 110 0.12 240 0.06`: two echoes off buildings, 110 and 240 ms
                late, -16 and -22 dB re the direct sound, the level of a horn's side and
                back lobes, which is what reaches the walls. (Echoes at -8/-14 dB put
                every system at CER 0.85-0.89 with both recognizers: no measurement.)
             4. resample to 16 kHz, peak-normalize to -3 dBFS;
             5. noise: pink (1/f) noise, 20 Hz-8 kHz, from one 60 s buffer generated with
                numpy's default_rng(NOISE_SEED); each sentence takes a segment starting
                at an offset derived from its id, so every system gets the same noise for
                the same sentence. Scaled to 10 dB below the active speech level (mean
                power of the 20 ms frames within 40 dB of the loudest frame);
             6. the mix is peak-normalized to -1 dBFS (speech and noise alike, SNR kept).
"""

from __future__ import annotations

import hashlib
import subprocess
import wave
from pathlib import Path

import numpy as np

RATE = 16000
SNR_DB = 10.0
NOISE_SEED = 20210924
NOISE_SECONDS = 60
ACTIVE_RANGE_DB = 40.0
FRAME = RATE // 50   # 20 ms

QUIET_CHAIN = ["channels", "1", "gain", "-3", "rate", "-v", str(RATE), "gain", "-n", "-1"]
LOUDSPEAKER_CHAIN = ["channels", "1", "gain", "-10", "pad", "0", "0.8",
                     "sinc", "300-4000",
                     "reverb", "20", "50", "50", "0", "10", "-6",
                     "echos", "0.8", "0.9", "110", "0.12", "240", "0.06",
                     "channels", "1", "rate", "-v", str(RATE), "gain", "-n", "-3"]
CONDITIONS = ("quiet", "loudspeaker")


def describe() -> dict:
    """The chains as recorded in results.json, so a changed chain shows in a diff."""
    return {
        "quiet": "sox " + " ".join(QUIET_CHAIN),
        "loudspeaker": "sox " + " ".join(LOUDSPEAKER_CHAIN)
                       + f"; + pink noise (seed {NOISE_SEED}) at {SNR_DB:g} dB SNR re active"
                       f" speech level (20 ms frames within {ACTIVE_RANGE_DB:g} dB of the"
                       " loudest); peak -1 dBFS",
    }


def sox(src: Path, dst: Path, chain: list[str]) -> None:
    """Run sox repeatably (-R), without dither (-D), writing 16-bit PCM."""
    cmd = ["sox", "-R", "-D", "-V1", str(src), "-b", "16", "-e", "signed-integer", str(dst), *chain]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        raise RuntimeError(f"sox failed on {src}: {proc.stderr.decode('utf-8', 'replace').strip()}")


def read_wav(path: Path) -> np.ndarray:
    """16-bit mono WAV -> float64 in [-1, 1)."""
    with wave.open(str(path), "rb") as w:
        if w.getsampwidth() != 2 or w.getnchannels() != 1:
            raise RuntimeError(f"{path}: expected 16-bit mono")
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64) / 32768.0


def write_wav(path: Path, x: np.ndarray) -> None:
    """float -> 16-bit mono WAV at RATE (rounded, so deterministic)."""
    pcm = np.clip(np.rint(x * 32768.0), -32768, 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm.tobytes())


def pink_noise() -> np.ndarray:
    """NOISE_SECONDS of unit-RMS pink noise at RATE, the same on every run."""
    n = RATE * NOISE_SECONDS
    spectrum = np.fft.rfft(np.random.default_rng(NOISE_SEED).standard_normal(n))
    freqs = np.fft.rfftfreq(n, 1.0 / RATE)
    shape = np.zeros_like(freqs)
    band = freqs >= 20.0
    shape[band] = 1.0 / np.sqrt(freqs[band])
    noise = np.fft.irfft(spectrum * shape, n)
    return noise / np.sqrt(np.mean(noise ** 2))


def active_power(x: np.ndarray) -> float:
    """Mean power of the 20 ms frames within ACTIVE_RANGE_DB of the loudest frame."""
    frames = x[: len(x) // FRAME * FRAME].reshape(-1, FRAME)
    power = np.mean(frames ** 2, axis=1)
    if power.size == 0 or power.max() <= 0:
        raise RuntimeError("silent audio: nothing to add noise to")
    return float(power[power >= power.max() * 10 ** (-ACTIVE_RANGE_DB / 10)].mean())


def noise_segment(noise: np.ndarray, key: str, length: int) -> np.ndarray:
    """length samples of the noise buffer from an offset fixed by key (wrapping around)."""
    offset = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big") % len(noise)
    return np.take(noise, np.arange(offset, offset + length), mode="wrap")


def apply(condition: str, src: Path, dst: Path, noise_key: str, noise: np.ndarray | None) -> None:
    """Write dst: src as heard in condition. noise_key picks the noise segment (use the
    sentence id, not the system, so systems are compared on the same noise)."""
    if condition == "quiet":
        sox(src, dst, QUIET_CHAIN)
    elif condition == "loudspeaker":
        tmp = dst.with_suffix(".horn.wav")
        sox(src, tmp, LOUDSPEAKER_CHAIN)
        speech = read_wav(tmp)
        tmp.unlink()
        if noise is None:
            noise = pink_noise()
        n = noise_segment(noise, noise_key, len(speech))
        n *= np.sqrt(active_power(speech) / 10 ** (SNR_DB / 10))
        mix = speech + n
        write_wav(dst, mix * (10 ** (-1 / 20) / np.max(np.abs(mix))))
    else:
        raise ValueError(f"unknown condition '{condition}' (known: {', '.join(CONDITIONS)})")
