"""SwishNet clip data: preprocessing a file into MFCC clips, and the clip HDF5 files.

Per file: load at 16 kHz mono, remove silent windows, equalise
loudness, compute MFCC frames once, then cut clips of each length with 50 % overlap.
An HDF5 file per clip length holds ``features`` (clips, frames, coefficients) float32,
``labels`` int8, ``split`` int8 (into the ``splits`` attribute) and ``file_index`` int32
(into ``files``) for every clip. With noise mixing (``augment.NoiseMix``) the noisy copies of
training files follow the originals, and ``noise_copy`` int8 (0 for an original) and
``noise_file_index`` int32 (-1 for an original) say which copy a clip is and which noise file
it carries.
"""

from dataclasses import dataclass
from functools import partial
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

from audiolab.core.audio import load_audio
from audiolab.core.errors import AudiolabError, AudioLoadError
from audiolab.core.levels import equalise_loudness, remove_silence
from audiolab.core.parallel import map_ordered
from audiolab.swishnet.augment import mix_at_snr
from audiolab.swishnet.mfcc import clip_edge_frames, clip_frame_layout, clips_from_frames, mfcc, mfcc_clips

SPLITS = ("train", "val", "test")
# Room for a few partly written chunks per file: without it HDF5 reads back and rewrites a chunk for each
# file that ends inside it.
CHUNK_CACHE_BYTES = 64 * 2 ** 20


@dataclass(frozen=True)
class ClipConfig:
    """Preprocessing settings (params.yaml ``clips``)."""

    sample_rate: int = 16000
    silence_window_s: float = 0.25
    silence_threshold_db: float = 40.0
    loudness_window_s: float = 0.25
    loudness_target_dbfs: float = -20.0
    n_mfcc: int = 20
    n_mels: int = 32
    n_fft: int = 512
    window_s: float = 0.025
    step_s: float = 0.01

    @property
    def framing(self):
        return {"sample_rate": self.sample_rate, "window_s": self.window_s, "step_s": self.step_s}

    @property
    def mfcc_args(self):
        return {"sample_rate": self.sample_rate, "window_s": self.window_s, "step_s": self.step_s,
                "n_mfcc": self.n_mfcc, "n_mels": self.n_mels, "n_fft": self.n_fft}


def clip_config(params):
    """The ClipConfig of params.yaml's ``clips`` section."""
    return ClipConfig(**{k: v for k, v in params["clips"].items() if k != "clip_seconds"})


def clip_file_name(clip_s):
    """The clip HDF5 file name of one clip length in a feature folder: ``clips_{clip_s}s.h5``."""
    return f"clips_{clip_s:g}s.h5"


def preprocess(signal, config, mix=None):
    """Silence removal, then ``mix`` (a function of the voiced signal, such as noise mixing), then
    loudness equalisation."""
    voiced = remove_silence(signal, config.sample_rate, config.silence_window_s, config.silence_threshold_db)
    if mix is not None:
        voiced = mix(voiced)
    return equalise_loudness(voiced, config.sample_rate, config.loudness_window_s, config.loudness_target_dbfs,
                             out=voiced)  # a copy of the signal's voiced windows: no second copy needed


def signal_clips(signal, clip_seconds, config):
    """{clip length: (clips, frames, n_mfcc)} from an already preprocessed signal."""
    frames = mfcc(signal, **config.mfcc_args)
    return {clip_s: mfcc_clips(signal, clip_s, frames, **config.mfcc_args) for clip_s in clip_seconds}


def file_features(path, clip_seconds, config, noise=None):
    """(MFCC frames, {clip length: clip edge frames}) of one file, from which ``clips_from_frames``
    cuts its clips: a sixth of the clips' size to send from a worker. ``noise``: (noise file, start
    as a fraction of its voiced length, SNR dB) mixes the noise file's voiced part into the file's
    before loudness equalisation. AudioLoadError if a file is unreadable or all silent."""
    mix = None
    if noise is not None:
        noise_path, start_fraction, snr_db = noise
        voiced_noise = remove_silence(load_audio(noise_path, config.sample_rate), config.sample_rate,
                                      config.silence_window_s, config.silence_threshold_db)
        mix = partial(mix_at_snr, noise=voiced_noise, snr_db=snr_db, start=int(start_fraction * voiced_noise.size))
    signal = preprocess(load_audio(path, config.sample_rate), config, mix)
    if signal.size == 0:
        raise AudioLoadError(path, f"all silent (below {config.silence_threshold_db} dB)")
    edges = {clip_s: clip_edge_frames(signal, clip_s, **config.mfcc_args) for clip_s in clip_seconds}
    return mfcc(signal, **config.mfcc_args), edges


def _file_job(job):
    path, clip_seconds, config, noise = job
    try:
        return file_features(path, clip_seconds, config, noise), None
    except AudioLoadError as error:
        return None, error.reason


def write_clip_files(manifest, root, out_paths, config, classes, splits=SPLITS, workers=None, noise_mix=None):
    """Write one clip HDF5 per clip length from ``manifest`` (path, label, split).

    ``splits`` lists the values of the manifest's ``split`` column. Files are processed
    in parallel and written in manifest order, so the output is the same for any worker
    count; memory holds one file's clips per worker, whatever the corpus size. With
    ``noise_mix`` (``augment.NoiseMix``), noisy copies of the readable training files of its
    classes follow, each mixed with a readable training noise file: no validation or test
    audio enters them. Returns the skipped files as [{"path", "reason"}]: unreadable or
    all-silent files, and files too short for a clip length (listed per length, and per
    noisy copy).
    """
    clip_seconds = tuple(out_paths)
    handles, counts = {}, dict.fromkeys(clip_seconds, 0)
    for clip_s, out_path in out_paths.items():
        Path(out_path).parent.mkdir(parents=True, exist_ok=True)
        clip_frames, _ = clip_frame_layout(clip_s, **config.framing)
        h5 = h5py.File(out_path, "w", rdcc_nbytes=CHUNK_CACHE_BYTES)
        h5.create_dataset("features", (0, clip_frames, config.n_mfcc), np.float32,
                          maxshape=(None, clip_frames, config.n_mfcc),
                          chunks=(256, clip_frames, config.n_mfcc))
        for name, dtype in (("labels", np.int8), ("split", np.int8), ("file_index", np.int32)):
            h5.create_dataset(name, (0,), dtype, maxshape=(None,), chunks=(4096,))
        h5.create_dataset("files", data=manifest["path"].astype(str).to_numpy().astype(object),
                          dtype=h5py.string_dtype())
        h5.attrs.update(classes=list(classes), splits=list(splits), clip_seconds=clip_s)
        handles[clip_s] = h5

    label_ids = manifest["label"].map({name: i for i, name in enumerate(classes)}).to_numpy()
    split_ids = manifest["split"].map({name: i for i, name in enumerate(splits)}).to_numpy()
    paths = [str(Path(root) / p) for p in manifest["path"]]
    skipped, noise_rows, readable = [], {clip_s: [] for clip_s in clip_seconds}, []

    def append(index, result, reason, copy=0, noise_index=-1):
        prefix = f"noise copy {copy}: " if copy else ""
        if result is None:
            skipped.append({"path": manifest["path"].iloc[index], "reason": prefix + reason})
            return
        if not copy:
            readable.append(index)
        frames, edges = result
        for clip_s in clip_seconds:
            features = clips_from_frames(frames, edges[clip_s], clip_s, **config.framing)
            if len(features) == 0:
                skipped.append({"path": manifest["path"].iloc[index],
                                "reason": f"{prefix}shorter than a {clip_s:g} s clip after silence removal"})
                continue
            h5, start = handles[clip_s], counts[clip_s]
            counts[clip_s] = end = start + len(features)
            for name, values in (("features", features), ("labels", label_ids[index]),
                                 ("split", split_ids[index]), ("file_index", index)):
                h5[name].resize(end, axis=0)
                h5[name][start:end] = values
            noise_rows[clip_s].append((len(features), copy, noise_index))

    jobs = [(path, clip_seconds, config, None) for path in paths]
    for index, (result, reason) in enumerate(map_ordered(_file_job, jobs, "clip features", workers)):
        append(index, result, reason)
    if noise_mix is not None and noise_mix.copies:
        training = np.isin(np.arange(len(manifest)), readable) & (manifest["split"] == "train").to_numpy()
        pool = np.flatnonzero(training & (manifest["label"] == "noise").to_numpy())
        if len(pool) == 0:
            raise AudiolabError(f"noise mixing needs a readable training noise file in {root}; there is none")
        targets = np.flatnonzero(training & manifest["label"].isin(noise_mix.classes).to_numpy())
        draws = noise_mix.draws(targets, pool)
        jobs = [(paths[target], clip_seconds, config, (paths[noise], start, snr_db))
                for _, target, noise, start, snr_db in draws]
        for (copy, target, noise, _, _), (result, reason) in zip(
                draws, map_ordered(_file_job, jobs, "noisy copies", workers), strict=True):
            append(target, result, reason, copy, noise)
        for clip_s, rows in noise_rows.items():
            sizes, copies, noises = np.array(rows, np.int64).reshape(-1, 3).T
            handles[clip_s].create_dataset("noise_copy", data=np.repeat(copies, sizes).astype(np.int8))
            handles[clip_s].create_dataset("noise_file_index", data=np.repeat(noises, sizes).astype(np.int32))
    for h5 in handles.values():
        h5.close()
    return skipped


def write_clip_features(manifest, corpus_root, out_dir, config, clip_seconds, classes, splits, noise_mix=None):
    """A clip HDF5 per clip length (``clip_file_name``) under ``out_dir``, with ``noise_mix``'s noisy
    copies, and ``skipped.csv`` listing every file that gave no clips of some length, with the reason."""
    out_dir = Path(out_dir)
    out_paths = {clip_s: out_dir / clip_file_name(clip_s) for clip_s in clip_seconds}
    skipped = write_clip_files(manifest, corpus_root, out_paths, config, classes, splits, noise_mix=noise_mix)
    pd.DataFrame(skipped, columns=["path", "reason"]).to_csv(out_dir / "skipped.csv", index=False)
    print(f"clip features: {len(manifest)} files, {len(skipped)} skipped or short "
          f"(listed in {out_dir / 'skipped.csv'})")
