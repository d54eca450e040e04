"""Reader comments: a "usr: N" line, then the comment's text up to the next one."""

from __future__ import annotations

import re

from .model import CommentFound

USER_LINE_RE = re.compile(r"^\s*usr\s*:\s*(.*?)\s*$", re.IGNORECASE)


def first_comment_line(lines: list[str], start: int = 0) -> int | None:
    """Index of the first "usr:" line at or after ``start``; the comments run to the end."""
    return next((i for i in range(start, len(lines)) if USER_LINE_RE.match(lines[i])), None)


def parse_comments(lines: list[str]) -> list[CommentFound]:
    """Comments from lines that start with a "usr:" line; multi-line text keeps its lines."""
    comments: list[CommentFound] = []
    user: str | None = None
    text: list[str] = []
    for line in lines:
        found = USER_LINE_RE.match(line)
        if found:
            if user is not None:
                comments.append(CommentFound(user, "\n".join(text)))
            user, text = found.group(1), []
        elif user is not None and line.strip():
            text.append(line.strip())
    if user is not None:
        comments.append(CommentFound(user, "\n".join(text)))
    return comments
