"""A check on the regular expressions curators write (data/status_rules.json): no unbounded
repetition inside another, the shape that makes Python's backtracking matcher take time
exponential in a line's length ("(a+)+", "(?:\\w+\\s?)*" on a long line that does not match).

The check is conservative: it refuses some nestings that would run fast, and the fix it asks for
(bound the inner repetition, e.g. {1,40}) is always available. It does not catch every slow
pattern (overlapping alternatives such as "(a|a)*" pass), so the line limit still bounds the rest.
"""

from __future__ import annotations

import re

try:  # the parser behind re.compile: re._parser from Python 3.11, sre_parse before
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT} | (
    {sre_constants.POSSESSIVE_REPEAT} if hasattr(sre_constants, "POSSESSIVE_REPEAT") else set())
NESTED_REPEAT = ("has an unbounded repetition ('+', '*' or '{n,}') inside another, which can take time "
                 "exponential in a line's length; bound the inner one, e.g. {1,40}")


def nested_unbounded_repeat(pattern: str) -> bool:
    """Whether an unbounded repetition stands inside another unbounded repetition."""
    return _nested(sre_parse.parse(pattern), inside=False)


def _nested(items, inside: bool) -> bool:
    for op, argument in items:
        if op in REPEATS:
            _, most, body = argument
            unbounded = most == sre_constants.MAXREPEAT
            if (unbounded and inside) or _nested(body, inside or unbounded):
                return True
        elif any(_nested(part, inside) for part in _parts(op, argument)):
            return True
    return False


def _parts(op, argument) -> list:
    """The sub-patterns of a group, an alternation, a lookaround or a conditional."""
    if op is sre_constants.SUBPATTERN:
        return [argument[-1]]
    if op is sre_constants.BRANCH:
        return list(argument[1])
    if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return [argument[1]]
    if op is sre_constants.GROUPREF_EXISTS:
        return [part for part in argument[1:] if part is not None]
    return []


def check(regex: re.Pattern) -> str | None:
    """What is wrong with a compiled pattern, or None."""
    return NESTED_REPEAT if nested_unbounded_repeat(regex.pattern) else None
