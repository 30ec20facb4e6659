"""Out-of-fold predictions: every item predicted by a model that never saw its group."""

import numpy as np


def out_of_fold(groups, fold_of_group, fit_predict):
    """Predictions for every item, each from a model fitted without the item's fold.

    ``groups`` gives each item's group (e.g. its actor), ``fold_of_group`` maps every group
    to a fold, and ``fit_predict(fit_mask, predict_mask)`` fits a model on the items of
    ``fit_mask`` and returns its predictions for the items of ``predict_mask``. Used to
    give a second-stage model first-stage inputs with the statistics they have at test
    time (stacking).
    """
    groups = np.asarray(groups)
    folds = np.array([fold_of_group[group] for group in groups])
    predictions = np.full(groups.size, np.nan)
    for fold in sorted(set(folds)):
        held_out = folds == fold
        predictions[held_out] = np.ravel(fit_predict(~held_out, held_out))
    return predictions
