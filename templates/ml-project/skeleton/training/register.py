"""Registers the model: copies the model directory to the registry location (any fsspec URI).

Run: python -m training.register --model model --uri s3://models/name/<commit>
KServe's storage initializer downloads from the same URI when the model is deployed.
Replace this with your model registry (MLflow, a database of versions, ...) if you have one.
"""
import argparse
from pathlib import Path

import fsspec


def register(model_dir: Path, uri: str) -> list:
    """Copies every file of ``model_dir`` under ``uri``; returns the URIs written."""
    written = []
    for path in sorted(p for p in model_dir.rglob("*") if p.is_file()):
        target = f"{uri.rstrip('/')}/{path.relative_to(model_dir).as_posix()}"
        with fsspec.open(target, "wb", auto_mkdir=True) as out:
            out.write(path.read_bytes())
        written.append(target)
    if not written:
        raise SystemExit(f"No model files in {model_dir}")
    return written


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--uri", required=True)
    args = parser.parse_args()
    for target in register(args.model, args.uri):
        print(f"Registered {target}")
