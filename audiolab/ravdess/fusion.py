"""Gender-informed emotion: unfused and gender-fused emotion models on one speaker-independent split."""

import numpy as np

from audiolab.core.metrics import probability_metrics
from audiolab.corpora.ravdess import EMOTIONS, GENDERS
from audiolab.ravdess.dataset import dataset
from audiolab.ravdess.train import train_emotion, train_gender


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
