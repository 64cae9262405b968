"""The Rust side of the package (used by ``planlift/__init__.py``)."""

from typing import List, Optional, Tuple

__version__: str

class PlanliftError(Exception): ...

def extract(
    paths: List[str],
    *,
    jobs: Optional[int] = None,
    isolation: bool = True,
    timeout: float = 60.0,
    max_memory: str = "2G",
    manifest: Optional[str] = None,
    vocabulary: Optional[str] = None,
    themes: Optional[str] = None,
    worker: Optional[List[str]] = None,
) -> List[Tuple[str, str]]: ...
def tables(path: str) -> str: ...
def schemas() -> List[Tuple[str, str]]: ...
def _serve_worker(args: List[str]) -> int: ...
