"""Trains, validates and registers into a temporary directory: the pipeline's stages in small."""
import json

from training.register import register
from training.train import MODEL_FILE, train
from training.validate import validate


def test_train_validate_register(tmp_path):
    model_dir = tmp_path / "model"
    assert train(model_dir) == model_dir / MODEL_FILE

    metrics = validate(model_dir, tmp_path / "reports" / "metrics.json")
    assert 0.0 <= metrics["accuracy"] <= 1.0
    assert json.loads((tmp_path / "reports" / "metrics.json").read_text()) == metrics

    written = register(model_dir, f"file://{tmp_path}/registry/abc123")
    assert written == [f"file://{tmp_path}/registry/abc123/{MODEL_FILE}"]
    assert (tmp_path / "registry" / "abc123" / MODEL_FILE).exists()
