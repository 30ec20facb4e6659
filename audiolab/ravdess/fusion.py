"""Gender-informed emotion: unfused and gender-fused emotion models on one speaker-independent split.

Fusion is stacking: the gender model's output is an input of the fused emotion model.
Trained on in-sample gender predictions (near-perfect for actors the gender model
learned) the fused model would learn to trust an input that is weaker at test time, so
its training recordings get out-of-fold predictions instead.
"""

import itertools

import numpy as np

from audiolab.core.crossfit import out_of_fold
from audiolab.core.metrics import probability_metrics, summarise_runs
from audiolab.core.splits import split_groups
from audiolab.corpora.ravdess import EMOTIONS, GENDERS
from audiolab.ravdess.dataset import class_indices, split_items
from audiolab.ravdess.train import train_emotion, train_gender

CLEAN = ("clean",)
GAIN_KEYS = ("accuracy", "f1_macro")


def actor_folds(rows, folds, seed):
    """{actor: fold name}: the actors of ``rows`` in ``folds`` folds, stratified by gender."""
    actors = rows.drop_duplicates("actor")
    names = split_groups(actors["actor"], actors["gender"], {f"fold_{i}": 1 for i in range(folds)}, seed)
    return dict(zip(actors["actor"], names))


def male_probability(gender_model, mel):
    """The gender model's probability of a male speaker for each input, as a column."""
    return gender_model.predict(mel, batch_size=256, verbose=0).reshape(-1, 1)


def fused_inputs(inputs, gender_probability):
    """``inputs`` plus ``gender``: a predicted probability of a male speaker per item, never the label."""
    return {"mel": inputs["mel"], "gender": np.asarray(gender_probability, np.float32).reshape(-1, 1)}


def out_of_fold_gender(mel, rows, val, gender_params, seed, folds, live):
    """The probability of a male speaker for each training input, each from a gender model
    trained on the other ``folds`` - 1 folds of the training actors (never on the input's
    own actor). Each fold's training is logged to ``live`` as ``gender_fold_<n>``."""
    labels = class_indices(rows["gender"], GENDERS)
    fold_number = itertools.count()

    def fit_predict(fit, held_out):
        model = train_gender(({"mel": mel[fit]}, labels[fit]), val, gender_params, seed,
                             live, f"gender_fold_{next(fold_number)}")
        return male_probability(model, mel[held_out])

    return out_of_fold(rows["actor"], actor_folds(rows, folds, seed), fit_predict)


def fusion_experiment(mel_path, table, emotion_params, gender_params, seed, init_seeds, folds, live):
    """Unfused and gender-fused emotion models on one speaker-independent split (``table``).

    A gender model trained on the training actors gives the gender input of the
    validation and test recordings, whose actors it never heard; the training
    recordings get out-of-fold inputs (``out_of_fold_gender``). Both emotion models are
    trained once per seed of ``init_seeds`` and scored on the test actors; every training is
    logged to the DVCLive logger ``live`` (runs ``gender``, ``gender_fold_<n>``,
    ``unfused_init_<seed>``, ``fused_init_<seed>``). Returns
    {"gender": metrics, "init_<seed>": {"unfused", "fused", "gain"}, "gain": the mean
    gain over the initialisation seeds}; a gain is fused minus unfused.
    """
    items = {split: split_items(mel_path, table, split, CLEAN) for split in ("train", "val", "test")}

    def labelled(label, classes):
        return {split: ({"mel": mel}, class_indices(rows[label], classes)) for split, (mel, rows) in items.items()}

    gender, emotion = labelled("gender", GENDERS), labelled("emotion", EMOTIONS)
    gender_model = train_gender(gender["train"], gender["val"], gender_params, seed, live, "gender")
    mel, rows = items["train"]
    gender_input = {"train": out_of_fold_gender(mel, rows, gender["val"], gender_params, seed, folds, live),
                    **{split: male_probability(gender_model, emotion[split][0]["mel"]) for split in ("val", "test")}}
    fused = {split: (fused_inputs(x, gender_input[split]), y) for split, (x, y) in emotion.items()}

    results = {"gender": probability_metrics(gender["test"][1],
                                             male_probability(gender_model, gender["test"][0]["mel"])[:, 0], GENDERS)}
    for init in init_seeds:
        models = {"unfused": train_emotion(emotion["train"], emotion["val"], emotion_params, init,
                                           live, f"unfused_init_{init}"),
                  "fused": train_emotion(fused["train"], fused["val"], emotion_params, init,
                                         live, f"fused_init_{init}", fused=True)}
        run = {name: probability_metrics(emotion["test"][1],
                                         model.predict((fused if name == "fused" else emotion)["test"][0], verbose=0),
                                         EMOTIONS)
               for name, model in models.items()}
        run["gain"] = {key: run["fused"][key] - run["unfused"][key] for key in GAIN_KEYS}
        results[f"init_{init}"] = run
    results["gain"] = {key: float(np.mean([results[f"init_{i}"]["gain"][key] for i in init_seeds])) for key in GAIN_KEYS}
    return results


def summarise_fusion(per_split):
    """Mean and sample std over every (split seed, initialisation seed) run of ``per_split``
    ({split seed: ``fusion_experiment`` results}) of the unfused, fused and gain metrics
    (``summarise_runs``), ``n_splits``, and per split its mean gain
    (``gain.<metric>.split_<seed>``)."""
    runs = [run for results in per_split.values() for key, run in sorted(results.items()) if key.startswith("init_")]
    summary = {"n_splits": len(per_split), **summarise_runs(runs)}
    for key in GAIN_KEYS:
        summary[f"gain.{key}"].update({f"split_{seed}": results["gain"][key] for seed, results in per_split.items()})
    return summary
