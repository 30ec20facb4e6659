"""Segment lists as text: tab-separated CSV, Praat TextGrid and Audacity labels, and back."""

import re


FORMATS = ("csv", "textgrid", "audacity")


def format_segments(segments, fmt):
    """Segments as text: csv (label, start, stop, probabilities; tab-separated), Praat TextGrid or Audacity labels."""
    if fmt == "csv":
        return "".join(f"{s['label']}\t{s['start']:.3f}\t{s['stop']:.3f}\t"
                       + ";".join(f"{k}={v:.4f}" for k, v in s["probabilities"].items()) + "\n" for s in segments)
    if fmt == "audacity":
        return "".join(f"{s['start']:.6f}\t{s['stop']:.6f}\t{s['label']}\n" for s in segments)
    if fmt == "textgrid":
        end = segments[-1]["stop"] if segments else 0.0
        lines = ['File type = "ooTextFile"', 'Object class = "TextGrid"', "", "xmin = 0", f"xmax = {end}",
                 "tiers? <exists>", "size = 1", "item []:", "    item [1]:", '        class = "IntervalTier"',
                 '        name = "swishnet"', "        xmin = 0", f"        xmax = {end}",
                 f"        intervals: size = {len(segments)}"]
        for i, s in enumerate(segments, 1):
            lines += [f"        intervals [{i}]:", f"            xmin = {s['start']}", f"            xmax = {s['stop']}",
                      f'            text = "{s["label"]}"']
        return "\n".join(lines) + "\n"
    raise ValueError(f"format must be one of {', '.join(FORMATS)}")


def parse_segments(text, fmt):
    """[(label, start, stop)] back from ``format_segments`` output."""
    if fmt == "csv":
        return [(f[0], float(f[1]), float(f[2])) for f in (line.split("\t") for line in text.splitlines() if line)]
    if fmt == "audacity":
        return [(f[2], float(f[0]), float(f[1])) for f in (line.split("\t") for line in text.splitlines() if line)]
    if fmt == "textgrid":
        found = re.findall(r'xmin = ([\d.]+)\s+xmax = ([\d.]+)\s+text = "([^"]*)"', text)
        return [(label, float(start), float(stop)) for start, stop, label in found]
    raise ValueError(f"format must be one of {', '.join(FORMATS)}")


def format_frames(frames, step_s):
    """Per-frame output of ``segment --frames``: a CSV header, then each 10 ms frame's start in
    seconds, label and class probabilities (0 where the frame is gated as silence)."""
    classes = frames["classes"]
    rows = [",".join(["start_s", "label", *classes])]
    rows += [f"{i * step_s:.2f},{label}," + ",".join(f"{p:.4f}" for p in probabilities)
             for i, (label, probabilities) in enumerate(zip(frames["labels"], frames["probabilities"]))]
    return "\n".join(rows) + "\n"
