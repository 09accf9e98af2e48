"""Where the course is, where a command may write, and the list of what it wrote."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat

from ..errors import InputError

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def is_course(folder: Path) -> bool:
    """A course folder holds ``notebooks/`` with at least one notebook."""
    return (folder / "notebooks").is_dir() and any((folder / "notebooks").glob("*.ipynb"))


def find_course(course=None) -> Path:
    """The course folder: ``course`` if given, else the nearest one above the working directory,
    else the clone pmlib is installed from (an editable install)."""
    if course is not None:
        folder = Path(course).expanduser().resolve()
        if not is_course(folder):
            raise InputError(f"--course {folder} is not a pmlib course folder: it needs a notebooks/ "
                             "folder with the lesson notebooks (and usually exercises/ and datasets/).")
        return folder
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if is_course(folder):
            return folder
    installed = Path(__file__).resolve().parent.parent.parent
    if is_course(installed):
        return installed
    raise InputError("cannot find the course (a folder with notebooks/): run the command inside a clone "
                     "of the pmlib repository or pass --course PATH.")


def prepare_dest(dest, course: Path) -> Path:
    """Create ``dest`` (refusing one that exists and is not empty, or one inside the course)."""
    dest = Path(dest).expanduser().resolve()
    if dest.exists() and not dest.is_dir():
        raise InputError(f"DEST {dest} is a file: give a new (or empty) folder.")
    if dest.is_dir() and any(dest.iterdir()):
        raise InputError(f"DEST {dest} exists and is not empty: nothing was written. Give a new or "
                         "empty folder (files there are never overwritten).")
    if dest == course or course in dest.parents:
        raise InputError(f"DEST {dest} is inside the course folder {course}: the trainer commands never "
                         "write into the repository. Give a folder outside it.")
    dest.mkdir(parents=True, exist_ok=True)
    return dest


def lessons(course: Path) -> list[Path]:
    """The lesson notebooks in teaching order."""
    return sorted((course / "notebooks").glob("*.ipynb"))


def exercise_notebooks(course: Path) -> list[Path]:
    return sorted((course / "exercises").glob("*.ipynb")) if (course / "exercises").is_dir() else []


def cleared(nb):
    """A copy of a notebook with outputs, execution counts and saved widget state removed."""
    nb = nbformat.from_dict(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    return nb


class Written:
    """The files a command wrote, printed at the end (relative to DEST)."""

    def __init__(self, dest: Path):
        self.dest = dest
        self.files: list[Path] = []

    def add(self, path: Path) -> Path:
        self.files.append(path)
        return path

    def report(self, what: str) -> str:
        lines = [f"{what}: wrote {len(self.files)} file(s) in {self.dest}"]
        lines += [f"  {p.relative_to(self.dest)}" for p in self.files]
        return "\n".join(lines)


@contextmanager
def scratch_copy(course: Path) -> Iterator[Path]:
    """A temporary copy of the course's notebooks, exercises and data, deleted afterwards:
    executing a lesson there never writes into the repository."""
    with tempfile.TemporaryDirectory(prefix="pmlib-trainer-") as tmp:
        root = Path(tmp)
        for name in ("notebooks", "exercises", "datasets"):
            if (course / name).is_dir():
                shutil.copytree(course / name, root / name,
                                ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        yield root


def execute_nb(nb, cwd: Path, timeout: int = 900):
    """Run a notebook top to bottom in ``cwd``, keeping the widget state (for static rendering)."""
    from nbclient import NotebookClient

    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", store_widget_state=True,
                            resources={"metadata": {"path": str(cwd)}})
    client.execute()
    return nb


def select_lessons(course: Path, names=None) -> list[Path]:
    """The lessons named in ``names`` (file names or stems, e.g. ``"04_schedule"``), or all of them."""
    paths = lessons(course)
    if names is None:
        return paths
    wanted = [str(n).removesuffix(".ipynb") for n in names]
    known = {p.stem: p for p in paths}
    unknown = [n for n in wanted if n not in known]
    if unknown:
        raise InputError(f"no lesson named {unknown}; lessons: {sorted(known)}.")
    return [known[n] for n in wanted]


def read_lessons(course: Path, chosen: list[Path], execute: bool):
    """Yield ``(path, notebook)`` for each chosen lesson, run top to bottom in a scratch copy of
    the course first when ``execute`` (so its figures and widget state are in the notebook)."""
    with scratch_copy(course) as scratch:
        for path in chosen:
            nb = nbformat.read(path, as_version=4)
            yield path, (execute_nb(nb, scratch / "notebooks") if execute else nb)
