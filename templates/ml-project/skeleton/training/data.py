"""Loads the data set. Replace ``load_data`` with your own data (a file, a table, a feature store)."""
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split


def load_data(seed: int = 42):
    """Returns ``(x_train, x_test, y_train, y_test)``; the example uses the iris data set."""
    features, labels = load_iris(return_X_y=True)
    return train_test_split(features, labels, test_size=0.25, random_state=seed, stratify=labels)
