"""Evaluates the model on held-out data and writes the metrics as JSON.

Run: python -m training.validate --model model --metrics reports/metrics.json
The pipeline reads the promotion metric from that file, fails below the threshold, and publishes
the value as a task result, which Slipway's approval gate checks before production.
"""
import argparse
import json
from pathlib import Path

import joblib
from sklearn.metrics import accuracy_score, f1_score

from training.data import load_data
from training.train import MODEL_FILE


def validate(model_dir: Path, metrics_file: Path) -> dict:
    """Scores the model on the test split; add the metrics you promote on."""
    _, x_test, _, y_test = load_data()
    model = joblib.load(model_dir / MODEL_FILE)
    predictions = model.predict(x_test)
    metrics = {
        "accuracy": float(accuracy_score(y_test, predictions)),
        "f1_macro": float(f1_score(y_test, predictions, average="macro")),
    }
    metrics_file.parent.mkdir(parents=True, exist_ok=True)
    metrics_file.write_text(json.dumps(metrics, indent=2))
    return metrics


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--metrics", type=Path, required=True)
    args = parser.parse_args()
    print(json.dumps(validate(args.model, args.metrics)))
