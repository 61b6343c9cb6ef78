"""Run the command line in-process and capture what it printed."""

from __future__ import annotations

from okcomposer.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
