"""Log-MMSE speech enhancement (Ephraim & Malah 1985) through the `logmmse` package."""

from pathlib import Path

import numpy as np

from audiolab.core.audio import load_audio, write_audio
from audiolab.core.errors import AudioLoadError
from audiolab.core.parallel import map_ordered


def _logmmse():
    # Importing logmmse calls np.seterr("raise") for the whole process; undo that.
    saved = np.geterr()
    import logmmse

    np.seterr(**saved)
    return logmmse.logmmse


def log_mmse(signal, sample_rate, initial_noise_frames=6, noise_threshold=0.15):
    """Log-MMSE-denoised copy of a mono float signal, the same length as the input.

    The noise spectrum is first estimated from the first ``initial_noise_frames`` 20 ms
    frames, then updated wherever the voice-activity statistic is below
    ``noise_threshold``. `logmmse` drops the tail that does not fill a whole frame (up
    to about 30 ms); that tail is returned as zeros so the output stays time-aligned.
    ValueError for a signal shorter than the initial noise frames.
    """
    signal = np.asarray(signal, dtype=np.float32)
    shortest = initial_noise_frames * int(0.02 * sample_rate)
    if signal.size < shortest:
        raise ValueError(f"shorter than the {shortest / sample_rate:g} s Log-MMSE estimates the noise from")
    with np.errstate(all="ignore"):
        enhanced = _logmmse()(signal, sample_rate, initial_noise=initial_noise_frames,
                              noise_threshold=noise_threshold)
    out = np.zeros_like(signal)
    out[:enhanced.size] = enhanced[:signal.size]
    return out


def _denoise_job(job):
    source, target, sample_rate, options = job
    try:
        signal = load_audio(source, sample_rate)
    except AudioLoadError as error:
        return error.reason
    try:
        denoised = log_mmse(signal, sample_rate, **options)
    except ValueError as error:
        return str(error)
    write_audio(target, denoised, sample_rate, subtype="FLOAT")
    return None


def denoise_files(paths, root, out_root, sample_rate, workers=None, **options):
    """Denoise ``root/path`` to ``out_root/path`` (mono float WAV at ``sample_rate``) for each path.

    Runs on all cores; ``options`` go to ``log_mmse``. Returns the files that could not
    be read as [{"path", "reason"}].
    """
    jobs = [(Path(root) / p, Path(out_root) / p, sample_rate, options) for p in paths]
    skipped = []
    for path, reason in zip(paths, map_ordered(_denoise_job, jobs, "log-mmse", workers)):
        if reason is not None:
            skipped.append({"path": path, "reason": reason})
    return skipped
