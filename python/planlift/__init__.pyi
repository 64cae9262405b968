"""Type stubs of planlift's Python package."""

import os
from typing import Any, Dict, List, Literal, Optional, Sequence, Tuple, Union

import pandas
import polars

__version__: str
TABLES: Tuple[str, ...]

PathLike = Union[str, os.PathLike[str]]

class PlanliftError(Exception):
    """An error of planlift: its message names the file and the reason."""

class ExtractError(PlanliftError):
    """Some files could not be read; ``result`` holds everything extracted."""

    failures: List[Tuple[str, str]]
    result: Result
    def __init__(self, failures: List[Tuple[str, str]], result: Result) -> None: ...

class Result:
    """The five tables of an extraction as typed pandas DataFrames."""

    notices: List[str]

    @property
    def activities(self) -> pandas.DataFrame: ...
    @property
    def documents(self) -> pandas.DataFrame: ...
    @property
    def goals(self) -> pandas.DataFrame: ...
    @property
    def plans(self) -> pandas.DataFrame: ...
    @property
    def tracking(self) -> pandas.DataFrame: ...
    @property
    def failures(self) -> List[Tuple[str, str]]: ...
    def records(self, table: str = "activities") -> List[Dict[str, Any]]: ...
    def to_polars(self) -> Dict[str, polars.DataFrame]: ...

def extract(
    paths: Union[PathLike, Sequence[PathLike]],
    *,
    jobs: Optional[int] = None,
    isolation: bool = True,
    timeout: float = 60.0,
    max_memory: Union[str, int] = "2G",
    manifest: Optional[PathLike] = None,
    vocabulary: Optional[PathLike] = None,
    themes: Optional[PathLike] = None,
    errors: Literal["raise", "ignore"] = "raise",
) -> Result:
    """Extracts the activity tables of files and folders, like ``planlift extract``."""

def tables(path: PathLike) -> List[pandas.DataFrame]:
    """Every table of one document as its raw cell grid, like ``planlift tables``."""
