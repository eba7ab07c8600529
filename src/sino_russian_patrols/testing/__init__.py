"""Helpers for the project's tests and benchmarks, outside the dataset's public API.

`synthetic` writes valid packages of any size from a seed (its rows are made by `claims`
from the words in `words`), for benchmarks and for tests that corrupt a valid package.
"""

from .synthetic import Plan, generate, plan, rows

__all__ = ["Plan", "generate", "plan", "rows"]
