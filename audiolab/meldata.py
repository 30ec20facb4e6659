"""Mel inputs of a corpus under four noise conditions, in one HDF5 file.

Every file gets its clean input and three noisy copies: white noise, one recorded noise
clip (chosen at random per file), and both. The noise of a file depends only on the
seed and the file's path, so the features are the same for any worker count.
"""

import multiprocessing
from dataclasses import asdict
from pathlib import Path

import h5py
import numpy as np
from tqdm import tqdm

from audiolab.audio import load_audio
from audiolab.augment import fit_length, item_rng, scaled_noise
from audiolab.errors import AudioLoadError
from audiolab.melspec import excerpt, mel_input

# condition: the noises added to the clean excerpt
CONDITIONS = {"clean": (), "white": ("white",), "urban": ("urban",), "white_urban": ("white", "urban")}


def noisy_inputs(signal, config, urban_noise, white_snr_db, urban_snr_db, rng):
    """{condition: mel input} of one signal; ``urban_noise`` is a mono clip at the same rate.

    Each noise is scaled against the clean excerpt, so in ``white_urban`` both are at
    their own SNR; the same noise samples serve every condition that uses them.
    """
    clip = excerpt(signal, config.sample_rate, config.offset_s, config.duration_s)
    noises = {"white": scaled_noise(clip, rng.standard_normal(clip.size), white_snr_db),
              "urban": scaled_noise(clip, fit_length(urban_noise, clip.size, rng), urban_snr_db)}
    inputs = {}
    for condition, added in CONDITIONS.items():
        augment = (lambda c, added=added: c + sum(noises[name] for name in added)) if added else None
        inputs[condition] = mel_input(signal, config, augment)
    return inputs


def _file_job(job):
    path, noise_path, config, snr, seed, key = job
    try:
        signal = load_audio(path, config.sample_rate)
    except AudioLoadError as error:
        return None, error.reason
    try:
        urban = load_audio(noise_path, config.sample_rate)
    except AudioLoadError as error:
        return None, f"noise clip {error}"
    return noisy_inputs(signal, config, urban, snr["white_snr_db"], snr["urban_snr_db"], item_rng(seed, key)), None


def write_mel_file(paths, root, noise_paths, out_path, config, snr, seed, workers=None):
    """Write the mel inputs of ``root/path`` for each of ``paths`` under every condition.

    ``noise_paths`` are the recorded-noise clips to draw from; ``snr`` is
    {"white_snr_db", "urban_snr_db"}. The HDF5 holds one (files, n_mels, frames) float32 dataset
    per condition, ``files`` and the ``noise_files`` drawn. Returns (kept paths, skipped
    [{"path", "reason"}]).
    """
    rngs = [item_rng(seed, f"{path}#noise") for path in paths]
    drawn = [str(noise_paths[rng.integers(len(noise_paths))]) for rng in rngs]
    jobs = [(Path(root) / p, d, config, snr, seed, p) for p, d in zip(paths, drawn)]
    inputs = {name: [] for name in CONDITIONS}
    kept, noise_used, skipped = [], [], []
    with multiprocessing.get_context("fork").Pool(workers or multiprocessing.cpu_count()) as pool:
        results = pool.imap(_file_job, jobs, chunksize=4)
        for path, noise, (mels, reason) in zip(paths, drawn, tqdm(results, total=len(jobs), desc="mel", unit="file")):
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


def load_mel(path, conditions, files=None):
    """(inputs, files) of ``conditions`` stacked one after another, optionally only ``files``.

    Rows come condition by condition: all files of the first condition, then the next.
    """
    with h5py.File(path, "r") as h5:
        names = h5["files"].asstr()[:]
        rows = np.arange(names.size) if files is None else np.flatnonzero(np.isin(names, list(files)))
        inputs = np.concatenate([h5[condition][:][rows] for condition in conditions])
    return inputs, np.tile(names[rows], len(conditions))
