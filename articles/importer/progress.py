"""A small progress bar for long runs, on standard error so output stays clean."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Shows ``done/total`` as a bar on a terminal, or a line every 10% elsewhere.

    Quiet for short runs: below ``threshold`` items nothing is drawn.
    """

    def __init__(
        self, total: int, label: str, stream: TextIO | None = None, threshold: int = 20
    ) -> None:
        self.total = total
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = total >= threshold
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.done = 0
        self.started = time.monotonic()
        self._last_decile = -1

    def advance(self, step: int = 1) -> None:
        self.done += step
        if not self.enabled:
            return
        if self.tty:
            width = 30
            filled = width * self.done // self.total
            rate = self.done / max(time.monotonic() - self.started, 1e-6)
            self.stream.write(
                f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] "
                f"{self.done}/{self.total} ({rate:.0f}/s)"
            )
            if self.done >= self.total:
                self.stream.write("\n")
            self.stream.flush()
        else:
            decile = 10 * self.done // self.total
            if decile != self._last_decile:
                self._last_decile = decile
                self.stream.write(f"{self.label}: {self.done}/{self.total}\n")
