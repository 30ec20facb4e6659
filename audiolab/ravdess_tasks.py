"""RAVDESS emotion and gender tasks on the shared mel features: splits, datasets, training.

The split tables have one row per recording (``path``, ``emotion``, ``gender``,
``actor``, ``recording``, ``split``); every noisy copy of a recording is looked up by
its path, so it always lands in its original's split.
"""

import numpy as np

from audiolab.corpora.ravdess import EMOTIONS
from audiolab.meldata import CONDITIONS, load_mel
from audiolab.splits import split_groups

GENDERS = ("female", "male")
VARIANTS = {**{condition: (condition,) for condition in CONDITIONS}, "aggregate": tuple(CONDITIONS)}


def emotion_split(manifest, fractions, split_by, seed):
    """Split names per row: grouped by ``recording`` (stratified by emotion) or by ``actor``
    (speaker-independent, stratified by gender)."""
    if split_by == "recording":
        return split_groups(manifest["recording"], manifest["emotion"], fractions, seed)
    if split_by == "actor":
        return split_groups(manifest["actor"], manifest["gender"], fractions, seed)
    raise ValueError(f"split_by must be 'recording' or 'actor', not {split_by!r}")


def actor_split(manifest, actors_per_split, seed):
    """Split names per row by actor, e.g. {train: 12, val: 6, test: 6}, each split half male, half female."""
    return split_groups(manifest["actor"], manifest["gender"], actors_per_split, seed)


def dataset(mel_path, table, split, conditions, label, classes):
    """(inputs, labels) of one split's recordings under ``conditions``: inputs is {"mel": array}."""
    part = table[table["split"] == split].set_index("path")
    mel, files = load_mel(mel_path, conditions, part.index)
    labels = part.loc[files, label].map({name: i for i, name in enumerate(classes)}).to_numpy()
    return {"mel": mel}, labels


def train_emotion(train, val, p, seed, history_csv, fused=False):
    """The emotion CNN trained with Adam and early stopping on validation loss (params ``emotion``)."""
    from audiolab.nets.ravdess import build_emotion_cnn
    from audiolab.training import set_seed, train_classifier

    set_seed(seed)
    mel = train[0]["mel"]
    model = build_emotion_cnn(mel.shape[1:], len(EMOTIONS), p["dropout"], float(mel.mean()), float(mel.var()),
                              fused=fused)
    train_classifier(model, train, val, learning_rate=p["lr"], epochs=p["epochs"], batch_size=p["batch_size"],
                     monitor="val_loss", mode="min", patience=p["patience"], min_delta=p["min_delta"],
                     history_csv=history_csv)
    return model


def train_gender(train, val, p, seed, history_csv):
    """The gender CNN: Adam, binary cross-entropy, ``epochs`` of ``steps_per_epoch`` batches (params ``gender``)."""
    from audiolab.nets.ravdess import build_gender_cnn
    from audiolab.training import set_seed, train_classifier

    set_seed(seed)
    mel = train[0]["mel"]
    model = build_gender_cnn(mel.shape[1:], p["dense_units"], p["dropout"], p["filters"],
                             float(mel.mean()), float(mel.var()))
    train_classifier(model, (mel, train[1].astype(np.float32)), (val[0]["mel"], val[1].astype(np.float32)),
                     learning_rate=p["lr"], epochs=p["epochs"], batch_size=p["batch_size"], patience=None,
                     loss="binary_crossentropy", steps_per_epoch=p["steps_per_epoch"], seed=seed,
                     history_csv=history_csv)
    return model


def fused_inputs(inputs, gender_model):
    """``inputs`` plus ``gender``: the gender model's predicted probability of a male speaker.

    Never the label: at test time the fused emotion model sees only what the gender
    model heard.
    """
    gender = gender_model.predict(inputs["mel"], batch_size=256, verbose=0).reshape(-1, 1)
    return {"mel": inputs["mel"], "gender": gender}


def fusion_experiment(mel_path, table, emotion_params, gender_params, seed, history_dir):
    """Unfused and gender-fused emotion models on one speaker-independent split (``table``).

    The gender model and both emotion models train on the same training actors and are
    scored on the same test actors, whom none of them heard. Returns {"gender",
    "unfused", "fused", "gain"}; gain is fused minus unfused accuracy and F1.
    """
    from audiolab.evaluation import probability_metrics

    def data(split, label, classes):
        return dataset(mel_path, table, split, ("clean",), label, classes)

    gender_model = train_gender(data("train", "gender", GENDERS), data("val", "gender", GENDERS), gender_params,
                                seed, f"{history_dir}/gender.csv")
    emotion = {split: data(split, "emotion", EMOTIONS) for split in ("train", "val", "test")}
    fused = {split: (fused_inputs(x, gender_model), y) for split, (x, y) in emotion.items()}
    unfused_model = train_emotion(emotion["train"], emotion["val"], emotion_params, seed,
                                  f"{history_dir}/unfused.csv")
    fused_model = train_emotion(fused["train"], fused["val"], emotion_params, seed, f"{history_dir}/fused.csv",
                                fused=True)
    test_gender = data("test", "gender", GENDERS)
    results = {
        "gender": probability_metrics(test_gender[1], gender_model.predict(test_gender[0]["mel"], verbose=0)[:, 0],
                                      GENDERS),
        "unfused": probability_metrics(emotion["test"][1], unfused_model.predict(emotion["test"][0], verbose=0),
                                       EMOTIONS),
        "fused": probability_metrics(fused["test"][1], fused_model.predict(fused["test"][0], verbose=0), EMOTIONS),
    }
    results["gain"] = {key: results["fused"][key] - results["unfused"][key] for key in ("accuracy", "f1")}
    return results


def summarise_gains(per_seed):
    """Mean, sample standard deviation, min and max of each gain over seeds ({seed: results})."""
    summary = {"n_seeds": len(per_seed)}
    for key in ("accuracy", "f1"):
        gains = np.array([results["gain"][key] for results in per_seed.values()])
        summary[f"gain_{key}"] = {"mean": float(gains.mean()), "std": float(gains.std(ddof=1)) if gains.size > 1 else 0.0,
                                  "min": float(gains.min()), "max": float(gains.max())}
        for model in ("unfused", "fused"):
            summary[f"{model}_{key}_mean"] = float(np.mean([r[model][key] for r in per_seed.values()]))
    return summary
