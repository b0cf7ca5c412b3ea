"""Read and write espeak-ng formant sequence files (phsource vowel files, SPECTSEQ/SPECTSEK/SPECTSQ2),
the format of espeak-ng 1.51 src/libespeak-ng/spect.c (LoadSpectSeq); written for Loa, issue 10.

    python3 spectseq.py show FILE...              key frames: length, markers, formant peaks (Hz), heights
    python3 spectseq.py make-y@ PHSOURCE OUT      Loa's ươ: upstream vietnam/y@ with its first three key
                                                  frames' peaks taken from vietnam/y_2 (ư)
    python3 spectseq.py make-aa PHSOURCE OUT      Loa's long a: upstream vietnam/aa with F1 at 800 Hz (was 656)
    python3 spectseq.py make-ng PHSOURCE OUTDIR   Loa's initial ng: nn/nn{a,@,e,i,o,u} with a velar F2 in the
                                                  murmur (OUTDIR/nga, ng@, ...; was 2,552 Hz, a palatal locus)
    python3 spectseq.py make-back-vowels PHSOURCE OUTDIR
                                                  Loa's u, ô, o at three heights: vietnam/u F1 387 -> 320 Hz
                                                  (F2 818 -> 730), vietnam/o_2 (ô) 387 -> 430, vietnam/oo (o)
                                                  452 -> 560 in its steady part (OUTDIR/u, o_2, oo)
    python3 spectseq.py make-front-vowels PHSOURCE OUTDIR
                                                  Loa's e and ê apart: vietnam/e_e_2 (e) F1 538-618 ->
                                                  610-640 Hz, vietnam/e (ê) 464 -> 420 (OUTDIR/e_e_2, e)
    python3 spectseq.py make-unrounded PHSOURCE OUTDIR
                                                  Loa's â and ơ away from the rounded vowels: vietnam/V_2 (â)
                                                  F2 1,162 -> 1,320 Hz, vietnam/@_2 (ơ) 1,119 -> 1,280
                                                  (OUTDIR/V_2, @_2)
    python3 spectseq.py make-front-f2 PHSOURCE OUTDIR
                                                  Loa's front vowels further front: vietnam/i_2 (i) F2
                                                  2,000 -> 2,300 Hz, vietnam/ie (iê) its [i] part likewise,
                                                  vietnam/e_e_2 (e) 1,700-1,810 -> 1,850-1,950
                                                  (OUTDIR/i_2, ie, e_e_2)
    python3 spectseq.py make-short-a PHSOURCE OUT Loa's short ă: upstream vietnam/a_2 with its closing key
                                                  frame at the heights of the frame before (it was nearly
                                                  silent: a 30 dB dip before every coda)
"""
import struct, math, sys

def ext80_to_float(b):
    expon = ((b[0] & 0x7f) << 8) | b[1]
    hi = int.from_bytes(b[2:6], 'big'); lo = int.from_bytes(b[6:10], 'big')
    if expon == 0 and hi == 0 and lo == 0: return 0.0
    f = hi * 2.0**(expon - 16383 - 31) + lo * 2.0**(expon - 16383 - 63)
    return -f if b[0] & 0x80 else f

def float_to_ext80(x):
    if x == 0: return bytes(10)
    sign = 0x80 if x < 0 else 0; x = abs(x)
    m, e = math.frexp(x)  # x = m*2^e, 0.5<=m<1
    expon = e - 1 + 16383
    mant = int(round(m * 2**64))
    if mant >= 2**64: mant >>= 1; expon += 1
    return bytes([sign | (expon >> 8), expon & 0xff]) + mant.to_bytes(8, 'big')

N_PEAKS = 9; N_KLATTP2 = 14
class Frame: pass

def load(path):
    d = open(path, 'rb').read(); p = 0
    id1, id2 = d[0:4], d[4:8]; p = 8
    fmt = 2 if id2 == b'TSQ2' else (1 if id2 == b'TSEK' else 0)
    (nl,) = struct.unpack_from('<I', d, p); p += 4
    name = d[p:p+nl]; p += nl
    n, amp, maxy, tmp = struct.unpack_from('<hhhh', d, p); p += 8
    frames = []
    for i in range(n):
        f = Frame()
        f.time, f.pitch, f.length, f.dx = [ext80_to_float(d[p+10*k:p+10*k+10]) for k in range(4)]; p += 40
        f.nx, f.markers, f.amp_adjust = struct.unpack_from('<hHh', d, p); p += 6
        if fmt == 2: f.spare = struct.unpack_from('<hh', d, p); p += 4
        f.peaks = []
        for k in range(N_PEAKS):
            cnt = 9 if fmt == 2 else 6
            f.peaks.append(list(struct.unpack_from('<' + 'h'*cnt, d, p))); p += 2*cnt
        if fmt > 0:
            f.klatt = list(struct.unpack_from('<' + 'h'*N_KLATTP2, d, p)); p += 2*N_KLATTP2
        f.spect = list(struct.unpack_from('<' + 'H'*f.nx, d, p)); p += 2*f.nx
        f.keyframe = any(pk[3] > 0 for pk in f.peaks)
        frames.append(f)
    assert p == len(d), (p, len(d))
    return dict(id1=id1, id2=id2, fmt=fmt, name=name, amp=amp, maxy=maxy, tmp=tmp, frames=frames)

def save(seq, path):
    out = bytearray(seq['id1'] + seq['id2'])
    out += struct.pack('<I', len(seq['name'])) + seq['name']
    out += struct.pack('<hhhh', len(seq['frames']), seq['amp'], seq['maxy'], seq['tmp'])
    fmt = seq['fmt']
    for f in seq['frames']:
        for v in (f.time, f.pitch, f.length, f.dx): out += float_to_ext80(v)
        out += struct.pack('<hHh', len(f.spect), f.markers, f.amp_adjust)
        if fmt == 2: out += struct.pack('<hh', *f.spare)
        for pk in f.peaks: out += struct.pack('<' + 'h'*len(pk), *pk)
        if fmt > 0: out += struct.pack('<' + 'h'*N_KLATTP2, *f.klatt)
        out += struct.pack('<' + 'H'*len(f.spect), *f.spect)
    open(path, 'wb').write(bytes(out))

def show(path):
    s = load(path)
    print(path, 'fmt', s['fmt'], 'amp', s['amp'], 'n', len(s['frames']))
    for f in s['frames']:
        if not f.keyframe: continue
        print(' t=%.3f len=%5.1f mk=%x adj=%d  F: %s  H: %s' % (f.time, f.length, f.markers, f.amp_adjust,
              ' '.join('%4d' % pk[2] for pk in f.peaks[:6]), ' '.join('%3d' % pk[3] for pk in f.peaks[:6])))

def make_y_at(phsource, out):
    import copy, os
    seq = load(os.path.join(phsource, 'vietnam/y@'))
    u = load(os.path.join(phsource, 'vietnam/y_2'))
    assert seq['amp'] == u['amp']
    u_peaks = [f for f in u['frames'] if f.keyframe][1].peaks
    for f in [f for f in seq['frames'] if f.keyframe][:3]:
        f.peaks = copy.deepcopy(u_peaks)
    save(seq, out)

def make_aa(phsource, out):
    import os
    seq = load(os.path.join(phsource, 'vietnam/aa'))
    for f in seq['frames']:
        if f.keyframe:
            f.peaks[1][2] = 800   # peak 1 = F1 (peak 0 is the voice bar)
    save(seq, out)

# Loa's initial ng: base1's nn/nn* (the murmur, then the vowel) with the murmur's F2 moved
# from 2,552 Hz (a palatal locus: "ngày" was heard as "nhà", "nhạc") to a velar locus for
# the vowel that follows (Hz).
NG_LOCI = {'a': 1500, '@': 1400, 'e': 2100, 'i': 2400, 'o': 1100, 'u': 1000}

def make_ng(phsource, outdir):
    import os
    for vowel, f2 in NG_LOCI.items():
        seq = load(os.path.join(phsource, 'nn/nn' + vowel))
        for f in [f for f in seq['frames'] if f.keyframe][:-1]:   # the murmur; the last is the vowel
            f.peaks[2][2] = f2   # peak 2 = F2
        save(seq, os.path.join(outdir, 'ng' + vowel))

# Loa's vowel heights, by file: the F1 of each key frame in turn (the last value repeats;
# None leaves a frame as upstream has it) and an F2 for those frames, or None.
# Back rounded vowels: Hanoi u, ô, o are three heights (F1 near 310, 430, 580 Hz); upstream
# gave u and ô the same F1 (387) and o 452; o's last two frames are its glide towards a more
# open end, kept. Front vowels: Hanoi [ɛ] and [e] have F1 near 600 and 420 Hz; upstream's
# were 538 (rising to 618 over the vowel) and 464, and e was heard as ê; e's rise is kept.
BACK_VOWELS = {'u': ([320], 730), 'o_2': ([430], None), 'oo': ([560, 560, 560, None], None)}
FRONT_VOWELS = {'e_e_2': ([610, 620, 630, 640], None), 'e': ([420], None)}

def make_vowel_heights(phsource, outdir, vowels):
    import os
    for name, (f1s, f2) in vowels.items():
        seq = load(os.path.join(phsource, 'vietnam', name))
        for k, f in enumerate(f for f in seq['frames'] if f.keyframe):
            f1 = f1s[min(k, len(f1s) - 1)]
            if f1 is None: continue
            f.peaks[1][2] = f1   # peak 1 = F1 (peak 0 is the voice bar)
            if f2: f.peaks[2][2] = f2
        save(seq, os.path.join(outdir, name))

# Loa's back unrounded vowels: Hanoi â and ơ have F2 near 1,300 Hz; upstream's 1,162 (â,
# vietnam/V_2) and 1,119 (ơ, vietnam/@_2) lay near the rounded o and ô, and both were heard
# as o, ô. F1 is kept.
UNROUNDED_F2 = {'V_2': 1320, '@_2': 1280}

# Loa's front vowels (change 33): Hanoi [i] has F2 near 2,300 Hz and [ɛ] near 1,900.
# Upstream's i (vietnam/i_2) sat at 2,000 Hz, level with ê (vietnam/e), and iê (vietnam/ie)
# started there, so i was heard as iê or ê; e (vietnam/e_e_2) sat at 1,700-1,810 and was
# heard as a. ê is kept (moving it to 2,150 gained nothing). The F2 of each key frame in
# turn; None keeps upstream's (iê's [ə] end keeps 2,000, so iê now falls towards it).
FRONT_F2 = {'i_2': [2300, 2300, 2300, 2300], 'ie': [2300, 2300, 2300, None, None],
            'e_e_2': [1950, 1950, 1900, 1850]}

def make_f2(phsource, outdir, table):
    """Set the F2 of key frames: a number for every key frame of a file, or one value per key
    frame in turn (None keeps upstream's). Makes UNROUNDED_F2 and FRONT_F2."""
    import os
    for name, f2s in table.items():
        seq = load(os.path.join(phsource, 'vietnam', name))
        keys = [f for f in seq['frames'] if f.keyframe]
        for f2, f in zip(f2s if isinstance(f2s, list) else [f2s] * len(keys), keys):
            if f2 is not None: f.peaks[2][2] = f2   # peak 2 = F2
        save(seq, os.path.join(outdir, name))

# Loa's short ă (change 34): upstream's vietnam/a_2 ends on a key frame whose peaks are
# nearly silent (F1 at 1,024 against 7,424 in the frame before; a fade for a closure), so
# espeak-ng faded ă out before any coda: "tăm", "nay", "năm" had a 30 dB dip, 20-30 ms
# long, between the vowel and its m, n, ng or off-glide, which sounds like a stop. The
# closing frame now has the heights (and widths) of the frame before it; its formant
# frequencies, the transition towards the coda, are kept.
def make_short_a(phsource, out):
    import os
    seq = load(os.path.join(phsource, 'vietnam/a_2'))
    keys = [f for f in seq['frames'] if f.keyframe]
    for closing, steady in zip(keys[-1].peaks, keys[-2].peaks):
        closing[3:] = steady[3:]   # a peak: formant freq, bandwidth, peak freq, then height, widths, Klatt
    save(seq, out)

if __name__ == '__main__':
    if sys.argv[1:2] == ['make-y@']:
        make_y_at(sys.argv[2], sys.argv[3])
    elif sys.argv[1:2] == ['make-aa']:
        make_aa(sys.argv[2], sys.argv[3])
    elif sys.argv[1:2] == ['make-ng']:
        make_ng(sys.argv[2], sys.argv[3])
    elif sys.argv[1:2] == ['make-back-vowels']:
        make_vowel_heights(sys.argv[2], sys.argv[3], BACK_VOWELS)
    elif sys.argv[1:2] == ['make-front-vowels']:
        make_vowel_heights(sys.argv[2], sys.argv[3], FRONT_VOWELS)
    elif sys.argv[1:2] == ['make-unrounded']:
        make_f2(sys.argv[2], sys.argv[3], UNROUNDED_F2)
    elif sys.argv[1:2] == ['make-short-a']:
        make_short_a(sys.argv[2], sys.argv[3])
    elif sys.argv[1:2] == ['make-front-f2']:
        make_f2(sys.argv[2], sys.argv[3], FRONT_F2)
    else:
        for a in sys.argv[2 if sys.argv[1:2] == ['show'] else 1:]: show(a)
