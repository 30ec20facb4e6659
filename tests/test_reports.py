"""Reports: the confusion rows `dvc plots` draws and the PNG matrix show classes in the same order."""

import numpy as np

from audiolab.core.reports import confusion_rows, normalised_confusion


def test_the_png_matrix_orders_classes_as_dvc_plots_does():
    classes = ["speech", "music", "noise"]  # label order: not alphabetical
    y_true = np.array([0, 0, 0, 0, 1, 2])
    y_pred = np.array([0, 0, 0, 1, 1, 1])
    matrix, names = normalised_confusion(y_true, y_pred, classes)
    assert names == sorted(confusion_rows(y_true, y_pred, classes)["actual"].unique()) == ["music", "noise", "speech"]
    np.testing.assert_allclose(matrix, [[1, 0, 0],       # music: always music
                                        [1, 0, 0],       # noise: taken for music
                                        [0.25, 0, 0.75]])  # speech: 3 of 4 right, 1 taken for music


def test_a_class_without_test_items_gives_a_zero_row_not_a_division_error():
    matrix, _ = normalised_confusion(np.array([0, 0]), np.array([0, 1]), ["b", "a"])
    np.testing.assert_allclose(matrix, [[0, 0], [0.5, 0.5]])
