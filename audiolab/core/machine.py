"""The machine a figure was measured on."""

import contextlib
from pathlib import Path


def cpu_name():
    """This machine's CPU model and L1 data cache per core, as /proc and /sys give them: what a
    timing or a training byte depends on."""
    model = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with contextlib.suppress(OSError):
        for index in sorted(Path("/sys/devices/system/cpu/cpu0/cache").glob("index*")):
            if (index / "level").read_text().strip() == "1" and (index / "type").read_text().strip() == "Data":
                return f"{model}, {(index / 'size').read_text().strip()} L1d per core"
    return model
