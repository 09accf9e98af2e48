"""``python -m pmlib.trainer COMMAND ...``: see ``python -m pmlib.trainer --help``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import PMLibError

EPILOG = """examples:
  python -m pmlib.trainer handout ../class-2026-12 --solutions-from 2026-12-16
  python -m pmlib.trainer answer-key ../keys
  python -m pmlib.trainer slides ../slides --lesson 04_schedule
  python -m pmlib.trainer html ../printouts
  python -m pmlib.trainer results ../submissions --out ../class-results
  python -m pmlib.trainer results ../submissions --excel ../class-2026-12.xlsx
  python -m pmlib.trainer formulas ../sheet

DEST must not exist yet, or be empty; nothing is ever written into the course repository.
"""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m pmlib.trainer", description="Tools for trainers: handouts without solutions, answer keys, slides, printable lessons, class results, the formula sheet.",
                                epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_course(cmd):
        cmd.add_argument("--course", metavar="PATH",
                         help="the course folder (default: the clone found from here, else pmlib's own)")
        return cmd

    h = with_course(sub.add_parser("handout", help="a students' copy of the course with solutions off"))
    h.add_argument("dest", metavar="DEST")
    h.add_argument("--no-hints", action="store_true", help="turn hint() off as well")
    h.add_argument("--solutions-from", metavar="YYYY-MM-DD", help="the day solutions come back on")
    h.add_argument("--message", default="", help="a line learners read when they ask for a solution")

    a = with_course(sub.add_parser("answer-key", help="one printable HTML answer key per exercise set"))
    a.add_argument("dest", metavar="DEST")

    for name, text in (("slides", "reveal.js slides of every lesson (offline HTML)"),
                       ("html", "printable HTML handouts of the lessons, executed")):
        s = with_course(sub.add_parser(name, help=text))
        s.add_argument("dest", metavar="DEST")
        s.add_argument("--lesson", action="append", metavar="NAME",
                       help="only this lesson (e.g. 04_schedule); repeat for several")
        s.add_argument("--no-execute", action="store_true",
                       help="do not run the lessons first (fast, but no figures)")
        if name == "slides":
            s.add_argument("--theme", default="white", help="a reveal.js theme (white, simple, black ...)")

    r = sub.add_parser("results", help="class tables and a weakest-topics chart from progress files")
    r.add_argument("dir", metavar="DIR", help="folder of the learners' progress files (read only)")
    r.add_argument("--out", metavar="DEST", help="also write by_learner.csv, by_topic.csv, weakest_topics.png here")
    r.add_argument("--excel", metavar="PATH", help="also write the tables and the chart to this new .xlsx workbook")
    r.add_argument("--top", type=int, default=10, help="topics in the chart (default 10)")

    f = with_course(sub.add_parser("formulas", help="the formula sheet from the library's docstrings"))
    f.add_argument("dest", metavar="DEST")
    return p


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "handout":
            from .handout import handout

            handout(args.dest, course=args.course, hints=not args.no_hints,
                    solutions_from=args.solutions_from, message=args.message)
        elif args.command == "answer-key":
            from .answer_key import answer_key

            answer_key(args.dest, course=args.course)
        elif args.command == "slides":
            from .slides import slides

            slides(args.dest, course=args.course, execute=not args.no_execute, theme=args.theme,
                   notebooks=args.lesson)
        elif args.command == "html":
            from .lessons import lesson_html

            lesson_html(args.dest, course=args.course, execute=not args.no_execute, notebooks=args.lesson)
        elif args.command == "results":
            from .results import results

            found = results(args.dir, out=args.out, top=args.top, excel=args.excel)
            if not found.files:
                print(f"no pmlib progress file under {args.dir}", file=sys.stderr)
                return 1
        elif args.command == "formulas":
            from . import _course
            from .formulas import write

            course = _course.find_course(args.course)
            dest = _course.prepare_dest(args.dest, course)
            written = _course.Written(dest)
            written.add(write(Path(dest) / "formulas.md"))
            print(written.report("formulas"))
    except (PMLibError, FileNotFoundError) as exc:
        print(f"python -m pmlib.trainer {args.command}: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
