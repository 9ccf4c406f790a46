"""Errors that become one clear line on stderr."""

from __future__ import annotations


class InputError(Exception):
    """One input could not be read; ``origin`` names it (path, URL, file:line)."""

    def __init__(self, origin: str, problem: str):
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem
