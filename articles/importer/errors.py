"""The one error the importer's text extraction raises."""

from __future__ import annotations


class ParseError(Exception):
    """One clear, human message; ``line`` is the 1-based line number when it helps, else None."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.message = message
        self.line = line
        super().__init__(f"line {line}: {message}" if line is not None else message)
