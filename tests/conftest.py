import os

import numpy as np
import pytest
import soundfile as sf


def write_tone(path, seconds=1.0, sample_rate=16000, subtype="PCM_16", channels=1,
               container="WAV", freq_hz=440.0, amplitude=0.5):
    """Write a sine tone, creating parent folders; returns the mono signal written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    t = np.arange(int(seconds * sample_rate)) / sample_rate
    mono = amplitude * np.sin(2 * np.pi * freq_hz * t)
    data = np.stack([mono] * channels, axis=1) if channels > 1 else mono
    sf.write(path, data, sample_rate, subtype=subtype, format=container)
    return mono


def pytest_collection_modifyitems(items):
    """The end-to-end test file first (a stable sort keeps the rest in order): it is the longest."""
    items.sort(key=lambda item: item.path.name != "test_pipeline.py")


def pytest_runtest_setup(item):
    """On a pytest-xdist worker, the tests beside the end-to-end file yield the cores to it: its
    `dvc repro` sets the suite's length, and the other worker finishes long before it."""
    if os.environ.get("PYTEST_XDIST_WORKER") and item.path.name != "test_pipeline.py":
        os.nice(max(0, 10 - os.nice(0)))  # once to 10; a worker's niceness only goes up


@pytest.fixture
def tone_writer():
    return write_tone


@pytest.fixture(scope="session")
def small_demo_sizes():
    return {
        "musan": {"music_files_per_source": 1, "speech_files_per_source": 2,
                  "noise_files_per_source": 2, "min_seconds": 2, "max_seconds": 3},
        "gtzan": {"files_per_class": 2, "seconds": 4},
        "ravdess": {"actors": 4, "repetitions": 1},  # eSpeak takes most of the fixture's time
        "urbansound8k": {"fold1_clips": 10, "other_fold_clips": 2},
    }


@pytest.fixture(scope="session")
def small_demo(tmp_path_factory, small_demo_sizes):
    from audiolab.corpora.demo.generator import write_demo

    root = tmp_path_factory.mktemp("demo")
    counts = write_demo(root, small_demo_sizes, seed=7, workers=2)
    return root, counts
