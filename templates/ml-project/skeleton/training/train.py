"""Fits the model and saves it. Run: python -m training.train --output model"""
import argparse
from pathlib import Path

import joblib
from sklearn.linear_model import LogisticRegression

from training.data import load_data

MODEL_FILE = "model.joblib"


def train(output: Path) -> Path:
    """Trains on the training split and writes ``<output>/model.joblib``. Replace the model here."""
    x_train, _, y_train, _ = load_data()
    model = LogisticRegression(max_iter=500)
    model.fit(x_train, y_train)
    output.mkdir(parents=True, exist_ok=True)
    path = output / MODEL_FILE
    joblib.dump(model, path)
    return path


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, required=True)
    print(f"Model written to {train(parser.parse_args().output)}")
