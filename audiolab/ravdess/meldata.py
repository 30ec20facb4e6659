"""Mel inputs of a corpus under four noise conditions, in one HDF5 file.

Every file gets its clean input and three noisy copies: white noise, one recorded noise
clip (chosen at random per file), and both. The noise of a file depends only on the
seed and the file's path, so the features are the same for any worker count.
"""

from dataclasses import asdict
from pathlib import Path

import h5py
import numpy as np

from audiolab.core.audio import load_audio
from audiolab.core.errors import AudioLoadError
from audiolab.core.levels import is_silent
from audiolab.core.parallel import map_ordered
from audiolab.core.rng import item_rng
from audiolab.ravdess.augment import noisy_inputs
from audiolab.ravdess.dataset import CONDITIONS
from audiolab.ravdess.mel import excerpt_is_silent


def _file_job(job):
    path, noise_root, noise_name, config, snr, seed, key = job
    try:
        signal = load_audio(path, config.sample_rate)
    except AudioLoadError as error:
        return None, error.reason
    if excerpt_is_silent(signal, config):
        return None, (f"silent: no sound in the {config.offset_s:g}-{config.offset_s + config.duration_s:g} s "
                      "excerpt the model hears")
    try:
        urban = load_audio(Path(noise_root) / noise_name, config.sample_rate)
    except AudioLoadError as error:
        return None, f"noise clip {noise_name}: {error.reason}"
    return noisy_inputs(signal, config, urban, snr["white_snr_db"], snr["urban_snr_db"], item_rng(seed, key)), None


def _noise_job(job):
    path, sample_rate, threshold_db = job
    try:
        noise = load_audio(path, sample_rate)
    except AudioLoadError as error:
        return error.reason
    return "silent: no 0.25 s window is audible" if is_silent(noise, sample_rate, 0.25, threshold_db) else None


def usable_noise(manifest, root, config, workers=None):
    """(the rows of a noise manifest whose clips decode and are audible, skipped rows).

    A noise clip that cannot be decoded or is silent would give noisy copies equal to the
    clean one or lose the speech file it was drawn for, so it never enters a pool.
    """
    jobs = [(Path(root) / path, config.sample_rate, config.silence_threshold_db) for path in manifest["path"]]
    reasons = list(map_ordered(_noise_job, jobs, "noise check", workers, chunksize=8))
    skipped = [{"path": path, "reason": reason} for path, reason in zip(manifest["path"], reasons) if reason]
    return manifest[[reason is None for reason in reasons]].reset_index(drop=True), skipped


def write_mel_file(paths, root, noise_pools, noise_root, out_path, config, snr, seed, workers=None):
    """Write the mel inputs of ``root/path`` for each of ``paths`` under every condition.

    ``noise_pools`` holds, for each path, the recorded-noise clips (paths relative to
    ``noise_root``) to draw its noise from (its split's own clips, so that no noise is
    heard in two splits); ``snr`` is
    {"white_snr_db", "urban_snr_db"}. The HDF5 holds one (files, n_mels, frames) float32 dataset
    per condition, ``files`` and the ``noise_files`` drawn. Returns (kept paths, skipped
    [{"path", "reason"}]).
    """
    rngs = [item_rng(seed, f"{path}#noise") for path in paths]
    drawn = [str(pool[rng.integers(len(pool))]) for pool, rng in zip(noise_pools, rngs)]
    jobs = [(Path(root) / p, noise_root, d, config, snr, seed, p) for p, d in zip(paths, drawn)]
    inputs = {name: [] for name in CONDITIONS}
    kept, noise_used, skipped = [], [], []
    for path, noise, (mels, reason) in zip(paths, drawn, map_ordered(_file_job, jobs, "mel", workers, chunksize=4)):
        if mels is None:
            skipped.append({"path": path, "reason": reason})
            continue
        kept.append(path)
        noise_used.append(noise)
        for name in CONDITIONS:
            inputs[name].append(mels[name])
    Path(out_path).parent.mkdir(parents=True, exist_ok=True)
    with h5py.File(out_path, "w") as h5:
        for name in CONDITIONS:
            h5.create_dataset(name, data=np.asarray(inputs[name], np.float32).reshape((-1,) + config.shape))
        h5.create_dataset("files", data=np.asarray(kept, dtype=object), dtype=h5py.string_dtype())
        h5.create_dataset("noise_files", data=np.asarray(noise_used, dtype=object), dtype=h5py.string_dtype())
        h5.attrs.update(asdict(config))
    return kept, skipped
