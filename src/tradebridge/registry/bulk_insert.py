"""Insert many new records and their history in a few statements (the import's commit).

`insert_with_history` writes what `simple_history.utils.bulk_create_with_history` writes — the
rows, then one "+" history record per row with the author and reason `core.history.stamp_history`
put on it — but as multi-row INSERTs of ready values: Django's `bulk_create` builds a model
instance per history record and prepares every value of every row through the query compiler,
which cost most of the time of a 20,000-row import.  Values of plain text, number and boolean
columns go to the database as they are; the others (dates, JSON, decimals) through the field's
own `get_db_prep_save`, once per distinct value.  Without INSERT … RETURNING (an old SQLite), it
falls back to `bulk_create_with_history`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connections, router
from django.db.models import Field, Model
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

# Columns whose Python values the database drivers take as they are.
_PLAIN = {
    "AutoField": (int,), "BigAutoField": (int,), "BigIntegerField": (int,), "BooleanField": (bool,),
    "CharField": (str,), "EmailField": (str,), "FloatField": (float, int), "IntegerField": (int,),
    "PositiveBigIntegerField": (int,), "PositiveIntegerField": (int,), "PositiveSmallIntegerField": (int,),
    "SlugField": (str,), "SmallIntegerField": (int,), "TextField": (str,), "URLField": (str,),
}
MAX_PARAMS = 30_000  # per statement: under SQLite's and PostgreSQL's limits


class _Column:
    """One column of an INSERT: where its value comes from, and how it is made ready."""

    def __init__(self, field: Field, connection) -> None:
        self.field, self.connection = field, connection
        target = field.target_field if field.is_relation else field
        self.plain = _PLAIN.get(target.get_internal_type())
        self.cache: dict[Any, Any] = {}

    def ready(self, value: Any) -> Any:
        if value is None or (self.plain is not None and type(value) in self.plain):
            return value
        try:
            return self.cache[type(value), value]
        except KeyError:
            ready = self.cache[type(value), value] = self.field.get_db_prep_save(value, self.connection)
            return ready
        except TypeError:  # unhashable: a list or a dict for a JSON column, by its text
            key = (type(value), repr(value))
            if key not in self.cache:
                self.cache[key] = self.field.get_db_prep_save(value, self.connection)
            return self.cache[key]


def _insert(connection, model: type[Model], columns: list[_Column], rows: Sequence[Sequence[Any]],
            *, returning: bool) -> list[Any]:
    """Multi-row INSERTs of `rows` (values in `columns` order); the new primary keys if
    `returning`, in the order of the rows."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(column.field.column) for column in columns)
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    size = max(1, MAX_PARAMS // len(columns))
    tail = f" RETURNING {quote(model._meta.pk.column)}" if returning else ""
    keys: list[Any] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start:start + size]
            # Only quoted table and column names and placeholders: the values are parameters.
            values = ", ".join([one] * len(chunk))
            sql = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES {values}{tail}"  # noqa: S608
            cursor.execute(sql, [value for row in chunk for value in row])
            if returning:
                keys.extend(row[0] for row in cursor.fetchall())
    return keys


def insert_with_history(model: type[Model], objects: list[Model]) -> None:
    """Insert the unsaved `objects` of `model` (setting their primary keys) and a creation
    record in its history for each, stamped by `stamp_history`. Automatic dates (created,
    updated) are one moment for the whole list."""
    if not objects:
        return
    alias = router.db_for_write(model)
    connection = connections[alias]
    if not connection.features.can_return_rows_from_bulk_insert:
        bulk_create_with_history(objects, model, batch_size=500)
        return
    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    automatic = [f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    for obj in objects:
        for field in automatic:
            setattr(obj, field.attname, now)
    columns = [_Column(f, connection) for f in fields]
    rows = [[column.ready(getattr(obj, column.field.attname)) for column in columns] for obj in objects]
    for obj, key in zip(objects, _insert(connection, model, columns, rows, returning=True), strict=True):
        obj.pk = key
        obj._state.adding, obj._state.db = False, alias

    history = model.history.model
    tracked = {f.attname for f in history.tracked_fields}
    user = history._meta.get_field("history_user").attname
    stamps = {"history_date", "history_change_reason", "history_type", user}
    hfields = [f for f in history._meta.concrete_fields if f.attname in tracked | stamps]
    hcolumns = [_Column(f, connection) for f in hfields]
    # A tracked column takes the value made ready for the row itself (same column types).
    position = {column.field.attname: n for n, column in enumerate(columns)}
    pk = model._meta.pk.attname
    hrows = []
    for obj, row in zip(objects, rows, strict=True):
        special = {"history_date": getattr(obj, "_history_date", now), "history_type": "+",
                   "history_change_reason": getattr(obj, "_change_reason", "") or "",
                   user: getattr(getattr(obj, "_history_user", None), "pk", None), pk: obj.pk}
        hrows.append([row[position[c.field.attname]] if c.field.attname in position
                      else c.ready(special[c.field.attname]) for c in hcolumns])
    _insert(connection, history, hcolumns, hrows, returning=False)
