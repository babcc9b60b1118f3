"""The one error that content which does not validate raises."""

from __future__ import annotations


class ContentError(ValueError):
    """Content that does not validate. `file` and `field` say where."""

    def __init__(self, file: str, field: str, problem: str) -> None:
        self.file, self.field, self.problem = file, field, problem
        super().__init__(f"{file}: {field}: {problem}")
