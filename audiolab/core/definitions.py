"""The one table that defines every key a metrics file may hold, and the check against it.

Kept apart from the metric functions, so that a change of wording re-runs only the stage
that writes metrics/DEFINITIONS.md.
"""

import re

from audiolab.core.metrics import flatten

# What a <placeholder> in a key stands for, as a regular expression.
PLACEHOLDERS = {
    "<class>": r"[a-z_]+",
    "<model>": r"zero_shot|finetuned|unfused|fused|teacher|plain|distilled",
    "<trained>": r"clean|white|urban|white_urban|aggregate",
    "<condition>": r"clean|white|urban|white_urban",
    "<seed>": r"\d+",
    "<stat>": r"mean|std",
    "<split>": r"train|val|test|finetune",
    "<run>": r"seed_\d+|gender|gender_fold_\d+|unfused_init_\d+|fused_init_\d+",
    "<logged>": r"loss|accuracy|lr",
}

# Key (with placeholders) -> definition. A key of a metrics file (nested keys joined with
# ".") is defined when it matches one of these.
DEFINITIONS = {
    # per run: classification
    "accuracy": "categorical accuracy: share of test items whose arg-max class is the true class",
    "precision_macro": "unweighted mean over classes of per-class precision",
    "recall_macro": "unweighted mean over classes of per-class recall (GTZAN: the average recall)",
    "f1_macro": "unweighted mean over classes of per-class F1",
    "recall_<class>": "share of the test items of <class> predicted as <class>",
    "n_test": "number of test items scored",
    "sns_accuracy": "speech / non-speech accuracy: accuracy after merging music and noise into one class",
    "loss": "mean cross-entropy of the predicted class probabilities (natural log)",
    "auc_macro": "unweighted mean over classes of the one-vs-rest ROC AUC (two classes: the ROC AUC)",
    # the study's own definitions
    "study_comparable.binary_accuracy": "Keras binary accuracy: share of (item, class) pairs of one-hot targets "
                                        "whose output is on the right side of 0.5 (an all-zero guess scores 0.875 "
                                        "with 8 classes); one sigmoid output: plain accuracy",
    "study_comparable.precision": "Keras Precision: micro-averaged over (item, class) pairs at threshold 0.5; "
                                  "one sigmoid output: precision of the positive class (male)",
    "study_comparable.recall": "Keras Recall: micro-averaged over (item, class) pairs at threshold 0.5; "
                               "one sigmoid output: recall of the positive class (male)",
    "study_comparable.f1": "harmonic mean of study_comparable.precision and study_comparable.recall",
    "study_comparable.auc": "ROC AUC over all (item, class) pairs (Keras AUC, without its 200-threshold interpolation)",
    # GTZAN transfer, distillation and fusion
    "<model>.<metric>": "<metric> of one model: zero_shot is the MUSAN model before fine-tuning, finetuned after; "
                        "teacher is the distillation teacher, plain the SwishNet of musan_train, distilled the "
                        "SwishNet trained on the teacher's soft targets; unfused and fused are the emotion models "
                        "without and with the gender input",
    "gain.<metric>": "fine-tuned minus zero-shot (GTZAN), distilled minus plain (distillation), or fused minus "
                     "unfused (fusion), of <metric>",
    "gender.<metric>": "<metric> of the gender model of a fusion split, on its test actors",
    "init_<seed>.<model>.<metric>": "<metric> of a fusion model trained with initialisation seed <seed>",
    "init_<seed>.gain.<metric>": "fused minus unfused <metric> for initialisation seed <seed>",
    # robustness
    "<trained>.<condition>.<metric>": "<metric> of the emotion model trained on <trained>, "
                                      "tested on the <condition> test recordings",
    # export
    "keras.accuracy": "accuracy of the Keras model on the MUSAN test clips",
    "float.accuracy": "accuracy of the float TFLite clip model on the MUSAN test clips",
    "float.bytes": "size of the float TFLite clip model file in bytes",
    "float.max_probability_difference": "largest absolute difference of a class probability, float TFLite vs Keras",
    "float.parity_ok": "1 when float.max_probability_difference is within export.float_tolerance, else 0",
    "int8.accuracy": "accuracy of the full-integer int8 TFLite clip model on the MUSAN test clips",
    "int8.bytes": "size of the int8 TFLite clip model file in bytes",
    "int8.accuracy_drop": "keras.accuracy minus int8.accuracy",
    "int8.parity_ok": "1 when int8.accuracy_drop is within export.max_accuracy_drop, else 0",
    "int8.size_ok": "1 when int8.bytes is within export.max_int8_bytes, else 0",
    "frames.bytes": "size of the frame-model TFLite file (the one the command line segments with) in bytes",
    "frames.max_probability_difference": "largest absolute difference of a frame's class probability, exported "
                                         "frame model (LiteRT) vs Keras, over 20 test clips end to end",
    "frames.parity_ok": "1 when frames.max_probability_difference is within export.float_tolerance, else 0",
    "n_representative": "number of training clips that calibrated the int8 model",
    # training logs (DVCLive, dvclive/<stage>/metrics.json): the last epoch of each run
    "<run>.train.<logged>": "<logged> on the training batches in the run's last epoch (lr: the learning rate "
                            "at its start)",
    "<run>.eval.<logged>": "<logged> on the validation split after the run's last epoch",
    "<run>.epochs": "number of epochs the run trained (early stopping may end it before the budget)",
    # segmentation
    "n_frames": "number of 10 ms frames scored: sound in the truth and not gated as silence",
    "gated_fraction": "share of the truth's sound frames that the energy gate called silence (not scored)",
    "unsmoothed_accuracy": "frame accuracy without the median filter",
    "unsmoothed_sns_accuracy": "frame speech / non-speech accuracy without the median filter",
    "accuracy_all_sound": "frame accuracy over every sound frame of the truth, frames gated as silence counted as errors",
    "sns_accuracy_all_sound": "frame speech / non-speech accuracy over every sound frame of the truth, frames gated "
                              "as silence counted as errors",
    # data counts (metrics/counts/: outputs, not metrics)
    "files": "number of usable files in the manifest",
    "files_skipped": "number of files found but not usable, listed with their reasons in the stage's skipped.csv",
    "files_<split>_<class>": "number of files of <class> in <split>",
    "hours_<split>_<class>": "hours of audio of <class> in <split>",
    # runs and summaries over seeds
    "seed_<seed>.<key>": "<key> of the model trained with training seed <seed> (metrics/runs/)",
    "n_runs": "number of runs summarised (training seeds, or fusion splits times initialisation seeds)",
    "n_splits": "number of fusion splits (fusion.seeds)",
    "<key>.<stat>": "mean or sample standard deviation (ddof 1) of <key> over the runs",
    "gain.<metric>.split_<seed>": "fused minus unfused <metric> on split <seed>, averaged over initialisation seeds",
}


def _pattern(key, depth=0):
    """The regular expression of a defined key (placeholders expanded; <metric> and <key> stand
    for any defined key, down to two levels)."""
    parts = []
    for token in re.split(r"(<[a-z]+>)", re.escape(key).replace(r"\<", "<").replace(r"\>", ">")):
        if token in PLACEHOLDERS:
            parts.append(f"(?:{PLACEHOLDERS[token]})")
        elif token in ("<metric>", "<key>"):
            inner = [_pattern(k, depth + 1) for k in DEFINITIONS if depth < 2 and k != key
                     and (token == "<key>" or "." not in k or k.startswith("study_comparable."))]
            parts.append(f"(?:{'|'.join(inner)})" if inner else "(?!)")
        else:
            parts.append(token)
    return "".join(parts)


def undefined_keys(metrics):
    """The keys of a metrics dict (nested keys joined with ".") that DEFINITIONS does not define."""
    compiled = [re.compile(f"^{_pattern(key)}$") for key in DEFINITIONS]
    return [key for key in flatten(metrics) if not any(p.match(key) for p in compiled)]


def definitions_markdown():
    """DEFINITIONS as a Markdown document."""
    rows = "\n".join(f"| `{key}` | {text} |" for key, text in DEFINITIONS.items())
    places = "\n".join(f"| `{name}` | `{regex}` |" for name, regex in PLACEHOLDERS.items())
    return ("# Metric definitions\n\nGenerated from `audiolab/core/definitions.py` by the `metric_definitions` "
            "stage; do not edit. Every key of every metrics file (nested keys joined with `.`, as "
            "`dvc metrics show` writes them) matches one of these (a test checks it).\n\n"
            "| key | definition |\n| --- | --- |\n" + rows + "\n\n"
            "`<metric>` stands for any key above without a dot (or a `study_comparable` key), `<key>` for any key "
            "above. The other placeholders:\n\n| placeholder | matches |\n| --- | --- |\n" + places + "\n")
