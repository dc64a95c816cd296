"""The one exception every trade import raises."""

from __future__ import annotations


class TradeImportError(Exception):
    """An import that was refused.  ``errors`` lists ``(file, line, field, reason)``; line 0 means the
    whole file (e.g. a missing column)."""

    def __init__(self, errors: list[tuple[str, int, str, str]], *, more: int = 0):
        self.errors = list(errors)
        self.more = more
        lines = [
            f"{file}:{line}: {fieldname}: {reason}" for file, line, fieldname, reason in self.errors[:20]
        ]
        hidden = len(self.errors) - len(lines) + more
        if hidden > 0:
            lines.append(f"... and {hidden} more error(s)")
        super().__init__("import refused, the store is unchanged:\n" + "\n".join(lines))
