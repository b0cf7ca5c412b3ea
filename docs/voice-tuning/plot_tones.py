"""Make tones-vi.png: F0 of the six Northern tones on isolated syllables (ta, tà, tá, tả, tã, tạ),
voice bac, as stock espeak-ng 1.51 speaks them, as Loa's speech data speaks them, and the
published contour (schematic). Each curve is in semitones re the mean F0 of ngang "ta" of the same
data, over the voiced part of the syllable in normalized time.

Run from the repository root, after `swift build -c release`:

    /path/to/venv/bin/python docs/voice-tuning/plot_tones.py [OUT.png]

OUT.png defaults to docs/voice-tuning/tones-vi.png. Needs praat-parselmouth and matplotlib (tools
for this figure only, not part of the product).
"""
import os, subprocess, sys, tempfile
import numpy as np
import parselmouth
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

TONES = [("ngang", "ta"), ("huyền", "tà"), ("sắc", "tá"), ("hỏi", "tả"), ("ngã", "tã"), ("nặng", "tạ")]
PUBLISHED = {"ngang": [(0, 0.3), (1, -0.5)], "huyền": [(0, -1), (1, -5)],
             "sắc": [(0, -0.5), (0.4, -0.5), (1, 4.7)], "hỏi": [(0, -0.3), (0.7, -5.5), (1, -3.5)],
             "ngã": [(0, 0), (0.4, -1.3), (1, 5.3)], "nặng": [(0, -1), (0.75, -6)]}
DATA = [("stock 1.51", ["--speech-data", "stock"], "tab:orange"), ("Loa (now)", [], "tab:blue")]
GRID = np.linspace(0, 1, 50)


def f0(wav):
    """Voiced F0 (Hz) of a WAV, median-smoothed over 5 frames, on GRID in normalized time."""
    pitch = parselmouth.Sound(wav).to_pitch(time_step=0.005, pitch_floor=50, pitch_ceiling=300)
    hz = pitch.selected_array["frequency"]
    hz = hz[hz > 0]
    padded = np.pad(hz, 2, mode="edge")
    hz = np.median(np.lib.stride_tricks.sliding_window_view(padded, 5), axis=1)
    return np.interp(GRID, np.linspace(0, 1, len(hz)), hz)


def curves(flags, tmp):
    """Semitone curves per tone for one speech data, re the mean F0 of its ngang."""
    hz = {}
    for i, (tone, syllable) in enumerate(TONES):
        wav = os.path.join(tmp, f"{i}.wav")
        run = subprocess.run([".build/release/loa", "say", *flags, "--unlevelled", "-o", wav, syllable],
                             capture_output=True, text=True)
        if run.returncode:
            sys.exit(f"loa say {syllable} failed:\n{run.stderr}")
        hz[tone] = f0(wav)
    ref = hz["ngang"].mean()
    return {tone: 12 * np.log2(h / ref) for tone, h in hz.items()}


def main(out):
    with tempfile.TemporaryDirectory() as tmp:
        data = [(label, curves(flags, tmp), color) for label, flags, color in DATA]
    fig, axes = plt.subplots(1, 6, figsize=(11, 2.6), dpi=100, sharey=True)
    for ax, (tone, syllable) in zip(axes, TONES):
        for label, st, color in data:
            ax.plot(GRID, st[tone], color=color, label=label)
            print(f"{tone:6} {label:11} start {st[tone][0]:+5.1f}  end {st[tone][-1]:+5.1f}")
        t, s = zip(*PUBLISHED[tone])
        ax.plot(t, s, "k--", lw=1, label="published (schematic)")
        ax.set_title(f"{tone} ({syllable})", fontsize=9)
        ax.set_ylim(-8, 8)
        ax.set_xlabel("normalized time", fontsize=7)
        ax.tick_params(labelsize=6)
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("semitones re ngang", fontsize=7)
    axes[0].legend(fontsize=5, loc="lower left")
    fig.suptitle("Northern (vi, voice bac): F0 of isolated syllables, "
                 "stock espeak-ng 1.51 vs Loa's data vs published contour", fontsize=9)
    fig.tight_layout()
    fig.savefig(out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/voice-tuning/tones-vi.png")
