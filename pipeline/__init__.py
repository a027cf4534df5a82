"""Chinese policy and technology-investment articles in, structured English facts out."""

import gc
from contextlib import contextmanager
from typing import Iterator

__version__ = "0.1.0"


def package_version(package: str) -> str:
    """Installed version of `package`, for provenance ("not installed" when absent)."""
    from importlib import metadata

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside. Importing and loading the pipeline builds millions of
    long-lived objects (jieba's dictionary, lexicons, model weights) and every full collection
    on the way walks all of them: about a third of the start-up time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
