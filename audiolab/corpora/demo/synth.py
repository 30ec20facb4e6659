"""Signal synthesis for the demo corpora: eSpeak NG speech, music and noise.

Every generator is a pure function of its arguments and a ``numpy.random.Generator``,
so the same seed gives the same samples.
"""

import ctypes
import functools
import os

import numpy as np

ESPEAK_SAMPLE_RATE = 22050
_ESPEAK_PARAMS = {"rate_wpm": 1, "volume": 2, "pitch": 3, "pitch_range": 4, "word_gap": 7}


@functools.lru_cache(maxsize=1)
def _espeak():
    """Load and initialise libespeak-ng once per process (synchronous, retrieval mode)."""
    import espeakng_loader

    lib = ctypes.CDLL(espeakng_loader.get_library_path())
    lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
    lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
    lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
    lib.espeak_Synth.argtypes = [
        ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
        ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p,
    ]
    audio_output_synchronous = 2
    rate = lib.espeak_Initialize(
        audio_output_synchronous, 0, espeakng_loader.get_data_path().encode(), 0
    )
    if rate != ESPEAK_SAMPLE_RATE:
        raise RuntimeError(f"eSpeak NG failed to initialise (returned {rate})")
    chunks = []
    callback_type = ctypes.CFUNCTYPE(
        ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
    )

    def collect(wav, n_samples, _events):
        if n_samples > 0:
            chunks.append(np.ctypeslib.as_array(wav, shape=(n_samples,)).copy())
        return 0

    callback = callback_type(collect)
    lib.espeak_SetSynthCallback(callback)
    return lib, chunks, callback


def speak(text, voice="en+m3", rate_wpm=165, pitch=50, pitch_range=50, volume=100, word_gap=0):
    """Synthesise ``text`` with eSpeak NG; float32 samples at ESPEAK_SAMPLE_RATE.

    ``voice`` is a voice name with an optional variant (``en+f2``: female, ``en+m3``:
    male); pitch and pitch_range are eSpeak's 0-99 scales, volume its 0-200 amplitude.

    eSpeak NG keeps internal state from one utterance to the next (its pitch flutter
    runs on) and seeds its noise from the clock, so the same call can give different
    samples. Each utterance is therefore synthesised, with fixed random seeds, in a
    forked child of a process that has initialised eSpeak but never spoken: the same
    arguments give the same samples.
    """
    _espeak()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: synthesise, send the samples, leave without cleanup
        status = 1
        try:
            os.close(read_end)
            samples = _synthesise(text, voice, rate_wpm, pitch, pitch_range, volume, word_gap)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(samples.tobytes())
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0:
        raise ValueError(f"eSpeak NG could not speak with voice {voice!r}")
    return np.frombuffer(payload, dtype=np.int16).astype(np.float32) / 32768.0


def _synthesise(text, voice, rate_wpm, pitch, pitch_range, volume, word_gap):
    lib, chunks, _ = _espeak()
    if lib.espeak_SetVoiceByName(voice.encode()) != 0:
        raise ValueError(f"unknown eSpeak voice {voice!r}")
    settings = {"rate_wpm": rate_wpm, "volume": volume, "pitch": pitch,
                "pitch_range": pitch_range, "word_gap": word_gap}
    for name, value in settings.items():
        lib.espeak_SetParameter(_ESPEAK_PARAMS[name], int(round(value)), 0)
    # Breathy voice variants draw noise from rand(); eSpeak seeds it from the clock.
    ctypes.CDLL(None).srand(0)
    lib.espeak_ng_SetRandSeed(0)
    encoded = text.encode()
    position_character, chars_utf8 = 1, 1
    lib.espeak_Synth(encoded, len(encoded) + 1, 0, position_character, 0, chars_utf8, None, None)
    return np.concatenate(chunks) if chunks else np.zeros(0, np.int16)


# ---------------------------------------------------------------- music

def _midi_to_hz(note):
    return 440.0 * 2.0 ** ((np.asarray(note, dtype=float) - 69) / 12)


def _envelope(n_samples, sample_rate, attack_s, release_s):
    t = np.arange(n_samples) / sample_rate
    attack = np.clip(t / max(attack_s, 1e-4), 0, 1)
    release = np.exp(-t / max(release_s, 1e-4))
    return attack * release


def _tone(freq_hz, duration_s, sample_rate, timbre, rng):
    """One note of ``timbre``: sine, organ, square, saw, pluck (Karplus-Strong) or bell (FM)."""
    n = max(int(duration_s * sample_rate), 1)
    t = np.arange(n) / sample_rate
    if timbre == "pluck":
        period = max(int(sample_rate / freq_hz), 2)
        buffer = rng.uniform(-1, 1, period)
        repeats = int(np.ceil(n / period))
        out = np.empty(repeats * period)
        for i in range(repeats):
            out[i * period:(i + 1) * period] = buffer
            buffer = 0.996 * 0.5 * (buffer + np.roll(buffer, 1))
        return out[:n]
    if timbre == "bell":
        modulator = 2.0 * np.exp(-3 * t) * np.sin(2 * np.pi * 3.5 * freq_hz * t)
        return np.sin(2 * np.pi * freq_hz * t + modulator) * np.exp(-2.5 * t)
    harmonics = {
        "sine": [1.0],
        "organ": [1.0, 0.5, 0.0, 0.25, 0.0, 0.12],
        "square": [1.0, 0.0, 1 / 3, 0.0, 1 / 5, 0.0, 1 / 7],
        "saw": [1.0, 1 / 2, 1 / 3, 1 / 4, 1 / 5, 1 / 6, 1 / 7, 1 / 8],
    }[timbre]
    nyquist = sample_rate / 2
    wave = sum(a * np.sin(2 * np.pi * k * freq_hz * t)
               for k, a in enumerate(harmonics, start=1) if a and k * freq_hz < nyquist)
    vibrato = 1 + 0.003 * np.sin(2 * np.pi * 5.5 * t)
    return wave * vibrato * _envelope(n, sample_rate, 0.01, duration_s * 0.8)


def _drum(kind, sample_rate, rng):
    n = int(0.25 * sample_rate)
    t = np.arange(n) / sample_rate
    if kind == "kick":
        phase = 2 * np.pi * np.cumsum(50 + 100 * np.exp(-t * 30)) / sample_rate
        return np.sin(phase) * np.exp(-t * 12)
    noise = rng.standard_normal(n)
    if kind == "snare":
        return 0.5 * (noise + np.sin(2 * np.pi * 190 * t)) * np.exp(-t * 25)
    return 0.3 * np.diff(noise, prepend=0) * np.exp(-t * 70)  # hi-hat: high-passed burst


MAJOR = [0, 2, 4, 5, 7, 9, 11]
MINOR = [0, 2, 3, 5, 7, 8, 10]


def music(duration_s, sample_rate, rng, drums=True):
    """A piece with a melody, chords over a progression and (optionally) a drum pattern."""
    n_total = int(duration_s * sample_rate)
    out = np.zeros(n_total + sample_rate)
    scale = MAJOR if rng.random() < 0.6 else MINOR
    tonic = int(rng.integers(48, 60))
    beat_s = 60.0 / rng.uniform(70, 150)
    melody_timbre, chord_timbre = rng.choice(["sine", "square", "saw", "pluck", "bell", "organ"], 2)
    progression = rng.choice([[0, 4, 5, 3], [0, 5, 3, 4], [0, 3, 4, 4], [5, 3, 0, 4]])
    bar_s = 4 * beat_s
    for bar, start_s in enumerate(np.arange(0, duration_s, bar_s)):
        degree = progression[bar % 4]
        chord = [tonic + scale[(degree + k) % 7] + 12 * ((degree + k) // 7) for k in (0, 2, 4)]
        start = int(start_s * sample_rate)
        for note in chord:
            tone = 0.15 * _tone(_midi_to_hz(note), bar_s, sample_rate, chord_timbre, rng)
            out[start:start + tone.size] += tone[: out.size - start]
    position_s, step = 0.0, int(rng.integers(0, 7))
    while position_s < duration_s:
        length_s = beat_s * rng.choice([0.5, 1, 1, 2])
        step = int(np.clip(step + rng.integers(-2, 3), 0, 13))
        note = tonic + 12 + scale[step % 7] + 12 * (step // 7)
        tone = 0.3 * _tone(_midi_to_hz(note), length_s, sample_rate, melody_timbre, rng)
        start = int(position_s * sample_rate)
        out[start:start + tone.size] += tone[: out.size - start]
        position_s += length_s
    if drums:
        pattern = {"kick": [0, 2], "snare": [1, 3], "hat": [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5]}
        for bar_start_s in np.arange(0, duration_s, bar_s):
            for kind, beats in pattern.items():
                for beat in beats:
                    hit = 0.5 * _drum(kind, sample_rate, rng)
                    start = int((bar_start_s + beat * beat_s) * sample_rate)
                    out[start:start + hit.size] += hit[: max(out.size - start, 0)]
    return _normalise_peak(out[:n_total], rng.uniform(0.3, 0.9))


# ---------------------------------------------------------------- noise

def coloured_noise(n_samples, rng, exponent):
    """Noise with power spectral density proportional to 1/f**exponent (0 white, 1 pink, 2 brown)."""
    spectrum = np.fft.rfft(rng.standard_normal(n_samples))
    freqs = np.fft.rfftfreq(n_samples)
    freqs[0] = freqs[1] if n_samples > 1 else 1.0
    shaped = np.fft.irfft(spectrum / freqs ** (exponent / 2), n_samples)
    return shaped / (np.std(shaped) + 1e-12)


def _impulses(n_samples, rng, rate_per_s, sample_rate, decay_s, brightness):
    """Randomly timed decaying noise bursts: rain drops, clicks, crackle."""
    out = np.zeros(n_samples)
    count = rng.poisson(rate_per_s * n_samples / sample_rate)
    burst_len = max(int(decay_s * 6 * sample_rate), 2)
    envelope = np.exp(-np.arange(burst_len) / (decay_s * sample_rate))
    for start in rng.integers(0, n_samples, count):
        burst = rng.standard_normal(burst_len) * envelope * rng.uniform(0.2, 1.0)
        if brightness:
            burst = np.diff(burst, prepend=0)
        end = min(start + burst_len, n_samples)
        out[start:end] += burst[: end - start]
    return out


def _hum(n_samples, sample_rate, rng, mains_hz=None):
    t = np.arange(n_samples) / sample_rate
    mains_hz = mains_hz or rng.choice([50.0, 60.0])
    return sum(np.sin(2 * np.pi * k * mains_hz * t + rng.uniform(0, 6.3)) / k for k in range(1, 8))


def _machinery(n_samples, sample_rate, rng):
    t = np.arange(n_samples) / sample_rate
    cycle_hz = rng.uniform(3, 25)
    thump = (0.5 + 0.5 * np.sin(2 * np.pi * cycle_hz * t)) ** 8
    return coloured_noise(n_samples, rng, 1.0) * (0.3 + thump) + 0.3 * _hum(n_samples, sample_rate, rng, cycle_hz * 4)


def _siren(n_samples, sample_rate, rng):
    t = np.arange(n_samples) / sample_rate
    sweep_hz = rng.uniform(0.2, 2.0)
    freq = 900 + 400 * np.sin(2 * np.pi * sweep_hz * t)
    return np.sin(2 * np.pi * np.cumsum(freq) / sample_rate)


def _horn(n_samples, sample_rate, rng):
    t = np.arange(n_samples) / sample_rate
    on = (rng.random(int(np.ceil(t[-1] * 4)) + 1) < 0.5)[(t * 4).astype(int)]
    tone = sum(np.sign(np.sin(2 * np.pi * f * t)) for f in (rng.uniform(350, 450), rng.uniform(440, 560)))
    return 0.5 * tone * on


def _bark(n_samples, sample_rate, rng):
    out = np.zeros(n_samples)
    bark_len = int(0.15 * sample_rate)
    t = np.arange(bark_len) / sample_rate
    for start in rng.integers(0, max(n_samples - bark_len, 1), rng.integers(2, 6)):
        f0 = rng.uniform(300, 700) * (1 - 0.5 * t / t[-1])
        bark = np.sign(np.sin(2 * np.pi * np.cumsum(f0) / sample_rate)) * np.sin(np.pi * t / t[-1])
        out[start:start + bark_len] += bark[: n_samples - start]
    return out


def _drill(n_samples, sample_rate, rng):
    t = np.arange(n_samples) / sample_rate
    whine = np.sin(2 * np.pi * rng.uniform(1500, 3000) * t) * (1 + 0.3 * np.sin(2 * np.pi * 40 * t))
    return whine + 0.5 * coloured_noise(n_samples, rng, 0.5)


NOISE_KINDS = ("white", "pink", "brown", "hum", "machinery", "rain", "clicks", "wind")
URBAN_KINDS = {
    "air_conditioner": lambda n, sr, rng: coloured_noise(n, rng, 1.5) + 0.2 * _hum(n, sr, rng),
    "car_horn": _horn,
    "children_playing": lambda n, sr, rng: _impulses(n, rng, 30, sr, 0.03, False) + 0.3 * coloured_noise(n, rng, 1),
    "dog_bark": _bark,
    "drilling": _drill,
    "engine_idling": _machinery,
    "gun_shot": lambda n, sr, rng: _impulses(n, rng, 1.5, sr, 0.08, False),
    "jackhammer": lambda n, sr, rng: _machinery(n, sr, rng) + _impulses(n, rng, 15, sr, 0.01, True),
    "siren": _siren,
    "street_music": lambda n, sr, rng: music(n / sr, sr, rng),
}


def noise(kind, duration_s, sample_rate, rng):
    """A noise recording of ``kind`` (one of NOISE_KINDS or URBAN_KINDS)."""
    n = int(duration_s * sample_rate)
    if kind in URBAN_KINDS:
        signal = URBAN_KINDS[kind](n, sample_rate, rng)
    elif kind in ("white", "pink", "brown"):
        signal = coloured_noise(n, rng, {"white": 0.0, "pink": 1.0, "brown": 2.0}[kind])
    elif kind == "hum":
        signal = _hum(n, sample_rate, rng) + 0.05 * coloured_noise(n, rng, 1.0)
    elif kind == "machinery":
        signal = _machinery(n, sample_rate, rng)
    elif kind == "rain":
        signal = _impulses(n, rng, 400, sample_rate, 0.002, True) + 0.3 * coloured_noise(n, rng, 1.0)
    elif kind == "clicks":
        signal = _impulses(n, rng, 8, sample_rate, 0.001, True)
    elif kind == "wind":
        gust = np.repeat(rng.uniform(0.2, 1.0, n // sample_rate + 2), sample_rate)[:n]
        signal = coloured_noise(n, rng, 2.0) * np.convolve(gust, np.ones(sample_rate) / sample_rate, "same")
    else:
        raise ValueError(f"unknown noise kind {kind!r}")
    return _normalise_peak(signal, rng.uniform(0.1, 0.8))


def _normalise_peak(signal, peak):
    top = np.max(np.abs(signal)) if signal.size else 0.0
    return (signal * (peak / top) if top > 0 else signal).astype(np.float32)
