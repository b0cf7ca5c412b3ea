"""Make benchmark-heldout.png: held-out CER of each voice, per recognizer and condition, for
several states of Loa's speech data, from bench/intelligibility results.json files.

    python3 plot_benchmark.py OUT.png LABEL=RESULTS.json[:SYSTEM_SUFFIX] ...

Each LABEL is one bar per voice: the cells of systems `espeak-vi`, `bac`, `trung`, `nam`
(or `bac-stock`, ... with `:-stock`) on the held-out set. A voice missing from a file gets
no bar. Needs matplotlib (not in the benchmark's venv: `pip install matplotlib`).
Round 7 (29 November 2026), from bench/intelligibility:

    python3 docs/voice-tuning/plot_benchmark.py docs/voice-tuning/benchmark-heldout.png \\
        "stock data=work/results-heldout-final.json:-stock" \\
        "round 3=work/results-heldout-round3.json" "round 4=work/results-heldout-round4.json" \\
        "round 7=work/results-heldout-round7.json"
"""
import json, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

VOICES = [("espeak-vi", "stock espeak-ng vi"), ("bac", "bac (Northern)"),
          ("trung", "trung (Central)"), ("nam", "nam (Southern)")]
PANELS = [("vietasr", "quiet"), ("whisper", "quiet"), ("vietasr", "loudspeaker"), ("whisper", "loudspeaker")]


def cells(path):
    return {(c["system"], c["recognizer"], c["condition"]): c["cer"]
            for c in json.load(open(path))["cells"] if c["set"] == "heldout"}


def main(out, specs):
    states = []
    for spec in specs:
        label, rest = spec.split("=", 1)
        path, _, suffix = rest.partition(":")
        states.append((label, cells(path), suffix))
    fig, axes = plt.subplots(1, 4, figsize=(13, 3.6), sharey=True)
    w = 0.8 / len(states)
    for ax, (rec, cond) in zip(axes, PANELS):
        for j, (label, d, suffix) in enumerate(states):
            xs, ys = [], []
            for i, (v, _) in enumerate(VOICES):
                val = d.get((v if v == "espeak-vi" else v + suffix, rec, cond))
                if val is not None and not (v == "espeak-vi" and j > 0):
                    xs.append(i + (j - (len(states) - 1) / 2) * w if v != "espeak-vi" else i)
                    ys.append(val)
            ax.bar([x for x in xs if x != 0], [y for x, y in zip(xs, ys) if x != 0], w, color=f"C{j}", label=label)
            ax.bar([x for x in xs if x == 0], [y for x, y in zip(xs, ys) if x == 0], w, color="0.6")
            for x, y in zip(xs, ys):
                ax.text(x, y + 0.01, f"{y:.2f}", ha="center", fontsize=5.5, rotation=90)
        ax.set_xticks(range(len(VOICES)))
        ax.set_xticklabels([v[1].replace(" (", "\n(").replace(" vi", "\nvi") for v in VOICES], fontsize=7)
        ax.set_title(f"{rec} / {cond}", fontsize=9)
        ax.grid(axis="y", alpha=.3)
        ax.set_ylim(0, 1.05)
    axes[0].set_ylabel("held-out CER (lower is better)")
    axes[0].legend(fontsize=7, loc="upper left")
    fig.suptitle("bench/intelligibility, held-out set (32 sentences), Loa's voices as they air (loa say); "
                 "stock = espeak-ng -v vi -s 135", fontsize=9)
    fig.tight_layout()
    fig.savefig(out, dpi=80)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
