"""Printing: the figures table, the ratios to the baseline, the confusions, a comparison.

Why compact: a tuning loop reruns this many times; one screen should say whether a
change helped (on both recognizers, in both conditions, on the held-out set).
"""

from __future__ import annotations

from score import CATEGORIES, Confusions

TARGET_RATIO = 0.65      # issue 10: default voice CER at least 35% lower than stock
GOAL_RATIO = 0.50


def _cell_key(c: dict) -> tuple:
    return (c["system"], c["recognizer"], c["condition"], c["set"])


def table(cells: list[dict], systems: list[str], recognizers: list[str],
          conditions: list[str], sets: list[str], sizes: dict[str, int]) -> str:
    """CER, WER and CER without tones for each system x recognizer x condition, one
    column group per set."""
    by = {_cell_key(c): c for c in cells}
    w = max([len(s) for s in systems] + [6])
    head1 = f"{'system':<{w}}  {'recognizer':<10}  {'condition':<11}"
    head2 = " " * len(head1)
    for s in sets:
        title = f"{s} ({sizes.get(s, 0)})"
        head1 += f" | {title:<24}"
        head2 += f" | {'CER':>5} {'WER':>5} {'CER-nt':>6} {'loops':>5}"
    lines = [head1, head2, "-" * len(head2)]
    for sys in systems:
        for rec in recognizers:
            for cond in conditions:
                row = f"{sys:<{w}}  {rec:<10}  {cond:<11}"
                if not any((sys, rec, cond, s) in by for s in sets):
                    continue
                for s in sets:
                    c = by.get((sys, rec, cond, s))
                    row += (f" | {c['cer']:5.3f} {c['wer']:5.3f} {c['cer_no_tones']:6.3f} "
                            f"{c.get('sentences_looping', 0):5d}" if c
                            else f" | {'-':>5} {'-':>5} {'-':>6} {'-':>5}")
                lines.append(row)
    return "\n".join(lines)


def ratios(cells: list[dict], baseline: str, set_name: str) -> list[dict]:
    """CER of each system / CER of the baseline, per recognizer x condition, on one set."""
    by = {_cell_key(c): c for c in cells}
    out = []
    for c in cells:
        if c["set"] != set_name or c["system"] == baseline:
            continue
        b = by.get((baseline, c["recognizer"], c["condition"], set_name))
        if b and b["cer"] > 0:
            out.append({"system": c["system"], "recognizer": c["recognizer"],
                        "condition": c["condition"], "set": set_name,
                        "cer": c["cer"], "baseline_cer": b["cer"],
                        "ratio": round(c["cer"] / b["cer"], 3)})
    return out


def ratio_table(rows: list[dict], baseline: str, default_voice: str,
                recognizers: list[str], conditions: list[str]) -> str:
    """The ratio table, with the issue's target judged for the default voice."""
    if not rows:
        return f"(no ratio: the baseline '{baseline}' or the held-out set was not run)"
    cols = [(r, c) for r in recognizers for c in conditions]
    by = {(x["system"], x["recognizer"], x["condition"]): x["ratio"] for x in rows}
    systems = sorted({x["system"] for x in rows}, key=lambda s: (s != default_voice, s))
    w = max([len(s) for s in systems] + [6])
    lines = [f"held-out CER / CER of {baseline} (≤ {TARGET_RATIO} meets the target, "
             f"≤ {GOAL_RATIO} the goal; * = meets the target)",
             f"{'system':<{w}}" + "".join(f"  {r + '/' + c:>20}" for r, c in cols)]
    for s in systems:
        vals = [by.get((s, r, c)) for r, c in cols]
        lines.append(f"{s:<{w}}" + "".join(
            f"  {'-':>20}" if v is None else
            f"  {f'{v:.2f}' + ('*' if v <= TARGET_RATIO else ' '):>20}" for v in vals))
    dv = [by.get((default_voice, r, c)) for r, c in cols]
    if all(v is not None for v in dv):
        met = all(v <= TARGET_RATIO for v in dv)
        lines.append(f"default voice {default_voice}: target "
                     f"{'MET' if met else 'NOT met'} (worst ratio {max(dv):.2f})")
    return "\n".join(lines)


def confusions_text(conf: Confusions, title: str, n: int = 10) -> str:
    """'ref misheard/total (heard k, ...)' lists, most misheard first."""
    lines = [title]
    for cat in CATEGORIES:
        items = conf.top(cat, n)
        body = "; ".join(f"{x['ref']} {x['misheard']}/{x['total']} ("
                         + ", ".join(f"{h} {k}" for h, k in x["heard"]) + ")" for x in items)
        lines.append(f"  {cat:<9} {body or '-'}")
    return "\n".join(lines)


def compare(old: dict, cells: list[dict], refs: dict[str, list[str]]) -> str:
    """CER of each cell against an earlier results.json (only cells in both). A set whose
    spoken references differ (other sentences, or the normalizer changed) is flagged."""
    before = {_cell_key(c): c for c in old.get("cells", [])}
    same = {s: old.get("sets", {}).get(s, {}).get("spoken") == v for s, v in refs.items()}
    lines = [f"compared with the run of {old.get('date', '?')}: CER before -> now (change)"]
    for c in cells:
        b = before.get(_cell_key(c))
        if b:
            d = c["cer"] - b["cer"]
            lines.append(f"  {c['system']:<12} {c['recognizer']:<8} {c['condition']:<11} "
                         f"{c['set']:<8} {b['cer']:.3f} -> {c['cer']:.3f} ({d:+.3f})"
                         + ("" if same[c["set"]] else "  other references!"))
    if len(lines) == 1:
        lines.append("  (no cell in common)")
    return "\n".join(lines)
