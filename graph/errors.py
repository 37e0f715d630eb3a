"""Typed errors. The CLI turns each into a one-line message and exit code 1 (InvalidValueError: 2)."""

from __future__ import annotations

import re
from pathlib import Path

# Every character str.splitlines() breaks at: an error that quotes a source or a value must stay
# one line, so these are shown as their escapes (\u2028, \r...).
LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def escape_line_breaks(text: str) -> str:
    return LINE_BREAKS.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


class TsgraphError(Exception):
    """Base class for every error tsgraph reports to a user; its message is one line."""

    multiline = False  # only the SHACL report keeps its lines

    def __init__(self, *args: object) -> None:
        if not self.multiline:
            args = tuple(escape_line_breaks(arg) if isinstance(arg, str) else arg for arg in args)
        super().__init__(*args)


class SourceError(TsgraphError):
    """A source document or data file is malformed; names the file and, where known, the line."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.detail = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


class RegistryError(SourceError):
    """The curated reference data under data/ breaks one of its invariants."""


class ValidationError(TsgraphError):
    """The built graph does not conform to the SHACL shapes; the message is the readable report."""

    multiline = True


class NotBuiltError(TsgraphError):
    """A command needs the exports of `tsgraph build` and they are missing."""


class UnknownNameError(TsgraphError):
    """A name, id or value given by the user matches nothing; carries suggestions."""

    def __init__(self, what: str, given: str, suggestions: list[str], valid: list[str] | None = None) -> None:
        self.what = what
        self.given = given
        self.suggestions = suggestions
        message = f"unknown {what} {given!r}"
        if suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in suggestions) + "?"
        elif valid:
            message += "; valid values: " + ", ".join(valid)
        super().__init__(message)


class UsageError(TsgraphError):
    """What was asked cannot work as given (a missing or unknown query parameter, a value outside
    a fixed list): the CLI answers with exit code 2, as for any other usage error."""


class InvalidValueError(UnknownNameError, UsageError):
    """A value outside a fixed list (a chapter number, a status, a timing, a kind): a usage error.

    Unlike a name looked up in the registry, the valid values are few and known, so the CLI
    answers with exit code 2 and lists them.
    """

    def __init__(self, what: str, given: str, valid: list[str]) -> None:
        import difflib

        super().__init__(what, given, [], valid)
        self.valid = valid
        # A close spelling helps with words ("charity" for "charity-ngo"), not with numbers.
        self.close = [] if given.isdigit() else difflib.get_close_matches(given, valid, n=1, cutoff=0.6)

    @property
    def reason(self) -> str:
        """The message for a usage error naming the option: the value, a close match, the valid values."""
        hint = f" (did you mean {self.close[0]!r}?)" if self.close else ""
        return f"{self.given!r} is not a valid {self.what}{hint}; valid values: {', '.join(self.valid)}"


class AmbiguousNameError(TsgraphError):
    """A name matches more than one thing; lists the candidates."""

    def __init__(self, what: str, given: str, candidates: list[str]) -> None:
        self.candidates = candidates
        super().__init__(f"ambiguous {what} {given!r}: it could be " + ", ".join(repr(c) for c in candidates))


class QueryError(TsgraphError):
    """A SPARQL query failed: syntax error (with line and column), timeout or endpoint error."""


class ParameterError(QueryError, UsageError):
    """A query's parameters do not match what was given: one missing, or one it does not take."""


class MissingDependencyError(TsgraphError):
    """An optional feature needs a package that is not installed; names the extra that installs it."""
