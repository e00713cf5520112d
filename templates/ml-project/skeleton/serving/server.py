"""The KServe predictor: loads the registered model from MODEL_DIR and answers v1 predict calls."""
import os
from pathlib import Path

import joblib
import kserve

from training.train import MODEL_FILE


class Model(kserve.Model):
    """Turns ``{"instances": [[...features...]]}`` into ``{"predictions": [...]}``."""

    def __init__(self, name: str, model_dir: Path):
        super().__init__(name)
        self.model_dir = model_dir
        self.model = None
        self.load()

    def load(self) -> bool:
        self.model = joblib.load(self.model_dir / MODEL_FILE)
        self.ready = True
        return self.ready

    def predict(self, payload, headers=None):
        return {"predictions": self.model.predict(payload["instances"]).tolist()}


if __name__ == "__main__":
    name = os.environ.get("MODEL_NAME", "model")
    model_dir = Path(os.environ.get("MODEL_DIR", "/mnt/models"))
    kserve.ModelServer(http_port=8080).start([Model(name, model_dir)])
