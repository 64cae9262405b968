"""planlift: the activity tables of municipal action plans as pandas DataFrames.

>>> import planlift
>>> result = planlift.extract("fixtures")            # files and folders
>>> result.activities[["municipality", "activity", "status"]].head()
>>> grids = planlift.tables("plan.docx")             # every table as its cell grid

The work is done in Rust (the same library as the ``planlift`` command line), with the
GIL released; by default every file is read in a worker process under a deadline and a
memory cap, so that a damaged file fails alone instead of taking the interpreter down.
"""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Tuple, Union

from . import _native
from ._native import PlanliftError

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import polars

__all__ = [
    "extract",
    "tables",
    "Result",
    "PlanliftError",
    "ExtractError",
    "TABLES",
    "__version__",
]

__version__: str = _native.__version__

#: The tables of a result, in the order ``planlift extract`` writes them.
TABLES: Tuple[str, ...] = ("activities", "documents", "goals", "plans", "tracking")

PathLike = Union[str, "os.PathLike[str]"]


class ExtractError(PlanliftError):
    """Some files could not be read (``errors="raise"``, the default).

    The message names every failed file and its reason; :attr:`failures` lists them as
    ``(source_file, reason)`` and :attr:`result` holds everything that was extracted, the
    failed documents included (``outcome == "failed"``).
    """

    def __init__(self, failures: List[Tuple[str, str]], result: "Result") -> None:
        self.failures = failures
        self.result = result
        lines = [f"{f}: {why}" for f, why in failures[:20]]
        if len(failures) > 20:
            lines.append(f"… and {len(failures) - 20} more")
        super().__init__(
            f"{len(failures)} file(s) could not be read:\n  " + "\n  ".join(lines)
        )


def _kinds() -> Dict[str, List[Tuple[str, str]]]:
    """Every table's columns with their kind (string, integer, number, array, object),
    from the records' JSON Schemas."""
    out: Dict[str, List[Tuple[str, str]]] = {}
    for table, text in _native.schemas():
        props = json.loads(text)["properties"]
        cols = []
        for name, spec in props.items():
            t = spec.get("type", "string")  # an `enum` is a string
            if isinstance(t, list):
                t = next((x for x in t if x != "null"), "string")
            cols.append((name, t))
        out[table] = cols
    return out


_KINDS = _kinds()

_PANDAS_DTYPES = {"string": "string", "integer": "Int64", "number": "Float64"}


class Result:
    """What :func:`extract` produced: five tables as pandas DataFrames.

    ``activities``, ``documents``, ``goals``, ``plans`` and ``tracking`` have the
    columns of planlift's output files in the same order (see SPEC.md), with dtypes:
    codes, ids and texts ``string`` (``municipality_code`` ``"0880"`` stays text),
    counts, years and pages nullable ``Int64``, ``match_score`` ``Float64``, arrays
    (``responsible``, ``notes``, ``themes``, ``warnings``, …) Python lists and ``extra``
    a dict. Each DataFrame is built on first access.
    """

    def __init__(self, columns: Dict[str, Dict[str, list]], notices: List[str]) -> None:
        self._columns = columns
        self._frames: Dict[str, "pandas.DataFrame"] = {}
        #: What was odd about the batch as a whole (a manifest row that matches no file).
        self.notices: List[str] = notices

    def _frame(self, table: str) -> "pandas.DataFrame":
        if table not in self._frames:
            import pandas as pd

            cols = self._columns[table]
            data = {}
            for name, kind in _KINDS[table]:
                values = cols.get(name, [])
                dtype = _PANDAS_DTYPES.get(kind)
                if dtype is None:
                    data[name] = pd.Series(values, dtype=object)
                else:
                    data[name] = pd.array(values, dtype=dtype)
            self._frames[table] = pd.DataFrame(data)
        return self._frames[table]

    @property
    def activities(self) -> "pandas.DataFrame":
        """One row per activity, in document order (documents sorted by source file)."""
        return self._frame("activities")

    @property
    def documents(self) -> "pandas.DataFrame":
        """One row per input file, failed and skipped ones included."""
        return self._frame("documents")

    @property
    def goals(self) -> "pandas.DataFrame":
        """One row per goal found."""
        return self._frame("goals")

    @property
    def plans(self) -> "pandas.DataFrame":
        """One row per plan: renditions grouped, follow-ups attached."""
        return self._frame("plans")

    @property
    def tracking(self) -> "pandas.DataFrame":
        """Plan activities linked to the follow-up records that report on them."""
        return self._frame("tracking")

    @property
    def failures(self) -> List[Tuple[str, str]]:
        """``(source_file, reason)`` of every document that failed."""
        cols = self._columns["documents"]
        return [
            (f, e or "")
            for f, o, e in zip(cols["source_file"], cols["outcome"], cols["error"])
            if o == "failed"
        ]

    def records(self, table: str = "activities") -> List[Dict[str, Any]]:
        """A table as a list of dicts, as planlift's ``<table>.json`` holds it."""
        cols = self._columns[table]
        names = [n for n, _ in _KINDS[table]]
        return [dict(zip(names, row)) for row in zip(*(cols[n] for n in names))]

    def to_polars(self) -> Dict[str, "polars.DataFrame"]:
        """The five tables as polars DataFrames, by name: strings ``Utf8``, integers
        ``Int64``, arrays ``List(Utf8)``, ``extra`` as JSON text."""
        import polars as pl

        kinds = {
            "string": pl.Utf8,
            "integer": pl.Int64,
            "number": pl.Float64,
            "array": pl.List(pl.Utf8),
            "object": pl.Utf8,
        }
        out = {}
        for table in TABLES:
            cols = self._columns[table]
            data = {}
            schema = {}
            for name, kind in _KINDS[table]:
                values = cols.get(name, [])
                if kind == "object":
                    values = [json.dumps(v, ensure_ascii=False) for v in values]
                data[name] = values
                schema[name] = kinds[kind]
            out[table] = pl.DataFrame(data, schema=schema)
        return out

    def __repr__(self) -> str:
        counts = ", ".join(f"{t}={len(self._columns[t][_KINDS[t][0][0]])}" for t in TABLES)
        return f"<planlift.Result {counts}>"


def _worker_command() -> List[str]:
    """A worker process: this interpreter loading the native module by its file, so that
    neither the package's ``__init__`` (pandas) nor a ``planlift`` folder in the current
    directory gets in the way."""
    code = (
        "import sys, importlib.util as u\n"
        "s = u.spec_from_file_location('planlift._native', sys.argv[1])\n"
        "m = u.module_from_spec(s); s.loader.exec_module(m)\n"
        "sys.exit(m._serve_worker(sys.argv[2:]))\n"
    )
    return [sys.executable, "-c", code, _native.__file__]


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
    errors: str = "raise",
) -> Result:
    """Extracts the activity tables of files and folders, like ``planlift extract``.

    :param paths: a file or folder, or a list of them; folders are walked recursively,
        hidden files skipped, files of a type planlift does not read listed as skipped.
    :param jobs: files read at once (default: one per core).
    :param isolation: read each file in a worker process under ``timeout`` seconds and
        ``max_memory`` (``"2G"``, ``"512M"`` or bytes); ``False`` reads in this process
        (faster to start, but a hostile file can hang or crash the interpreter).
    :param manifest: a CSV with a ``file`` column whose ``municipality``,
        ``municipality_code``, ``country``, ``language``, ``document_title`` and
        ``period`` override what is inferred.
    :param vocabulary: a vocabulary file in place of the built-in one.
    :param themes: a theme taxonomy in place of the built-in one.
    :param errors: ``"raise"`` (default) raises :class:`ExtractError` when some file
        failed, naming each (the full result is on the exception); ``"ignore"`` returns
        the result with the failed documents in ``documents``.
    :raises FileNotFoundError: an input path does not exist.
    :raises PlanliftError: the manifest, vocabulary or taxonomy cannot be read, or an
        option is out of range.
    """
    if errors not in ("raise", "ignore"):
        raise ValueError(f"errors={errors!r}: give 'raise' or 'ignore'")
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    raw = _native.extract(
        [os.fspath(p) for p in paths],
        jobs=jobs,
        isolation=isolation,
        timeout=float(timeout),
        max_memory=str(max_memory),
        manifest=os.fspath(manifest) if manifest is not None else None,
        vocabulary=os.fspath(vocabulary) if vocabulary is not None else None,
        themes=os.fspath(themes) if themes is not None else None,
        worker=_worker_command() if isolation else None,
    )
    tables_ = {table: json.loads(text) for table, text in raw}
    notices = tables_.pop("notices", [])
    result = Result(tables_, notices)
    if errors == "raise":
        failures = result.failures
        if failures:
            raise ExtractError(failures, result)
    return result


def tables(path: PathLike) -> List["pandas.DataFrame"]:
    """Every table of one document as its raw cell grid, like ``planlift tables``.

    One DataFrame per table, of ``string`` dtype, with the grid's positions as its index
    and columns (0-based) and the text of a merged cell repeated into every position it
    covers. ``df.attrs`` holds ``index`` (1-based), ``pages``, ``sheet`` and ``cells``
    (the anchor cells with ``row``, ``col``, ``row_span``, ``col_span``, ``text``,
    ``fill`` as ``#RRGGBB`` or None, and ``bold``).

    :raises FileNotFoundError: the file does not exist.
    :raises PlanliftError: the file cannot be read (its message names the file and why).
    """
    import pandas as pd

    out = []
    for t in json.loads(_native.tables(os.fspath(path))):
        df = pd.DataFrame(t["grid"], columns=range(t["n_cols"]), dtype="string")
        df.attrs.update(
            index=t["index"], pages=t["pages"], sheet=t["sheet"], cells=t["cells"]
        )
        out.append(df)
    return out
