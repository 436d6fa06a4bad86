"""Queries whose SQL is built once per process and afterwards only run with new values.

On the hot paths of a logged-in page (the session, the person, their enrolment), building
a query (the ORM's filters, joins and compiling) costs several times more than running it.
A `PreparedQuery` asks its function for the queryset once per database and shape of its
arguments, with placeholder values of the same kind as the real ones, finds where each
placeholder sits among the SQL parameters, and afterwards runs that SQL with the caller's
values. The rows pass through the ORM's own converters (and, for a queryset of model
instances, `Model.from_db`, with `select_related` filled in by Django's own populators),
so they come out as the queryset itself would give them.

Arguments may be ints, strings, datetimes or tuples of these; a tuple's length is part of
its shape (each length is its own SQL). A placeholder the ORM changes on the way (e.g. by
`iexact`) is refused when the query is first built, not answered wrongly.
"""

import itertools
import threading
from datetime import UTC, datetime, timedelta

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import get_related_populators

_serial = itertools.count(1)
_lock = threading.Lock()


def _placeholder(value, number: int):
    """A value of `value`'s kind that no real argument will equal."""
    if isinstance(value, bool):
        raise TypeError("a flag is part of the query, not a placeholder")
    if isinstance(value, int):
        return -(7 * 10**12 + number)
    if isinstance(value, str):
        return f"prepared-placeholder-{number}"
    if isinstance(value, datetime):
        return datetime(1901, 2, 3, tzinfo=UTC) + timedelta(seconds=number)
    raise TypeError(f"no placeholder for {type(value).__name__}")


def _shape(args: tuple) -> tuple:
    return tuple((type(arg), len(arg)) if isinstance(arg, tuple) else type(arg)
                 for arg in args)


class _Compiled:
    """One query's SQL for one database and argument shape, and how to read its rows."""

    def __init__(self, queryset, using: str, placeholders: list):
        connection = connections[using]
        compiler = queryset.query.get_compiler(using=using)
        try:
            self.sql, params = compiler.as_sql()
        except EmptyResultSet:  # e.g. `pk__in=()`: there is nothing to ask for
            self.sql, params = None, ()
        self.using, self.compiler = using, compiler
        self.params = list(params)
        # (parameter position, index of the flat argument, adapt as a datetime)
        self.slots: list[tuple[int, int, bool]] = []
        found = set()
        for position, param in enumerate(self.params):
            for index, placeholder in enumerate(placeholders):
                if param == placeholder:
                    self.slots.append((position, index, False))
                elif (isinstance(placeholder, datetime)
                      and param == connection.ops.adapt_datetimefield_value(placeholder)):
                    self.slots.append((position, index, True))
                else:
                    continue
                found.add(index)
                break
        if self.sql is not None and len(found) != len(placeholders):
            raise ValueError("a placeholder did not reach the SQL unchanged: "
                             f"{placeholders} in {self.params}")
        self.converters = None
        self.model_rows = None
        if self.sql is None:
            return
        fields = [column[0] for column in compiler.select[:compiler.col_count]]
        self.converters = compiler.get_converters(fields)
        if queryset._iterable_class.__name__ == "ModelIterable":
            info = compiler.klass_info
            if compiler.annotation_col_map:
                raise ValueError("prepared model queries take no annotations")
            start, end = info["select_fields"][0], info["select_fields"][-1] + 1
            # select_related: Django's own populators set the related instances (or None
            # where an outer join found nothing), as its model iterable does.
            self.model_rows = (info["model"], start, end, [
                column[0].target.attname for column in compiler.select[start:end]],
                get_related_populators(info, compiler.select, using))

    def run(self, flat: list) -> list:
        if self.sql is None:
            return []
        connection = connections[self.using]
        params = list(self.params)
        for position, index, as_datetime in self.slots:
            value = flat[index]
            params[position] = (connection.ops.adapt_datetimefield_value(value)
                                if as_datetime else value)
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = [tuple(row) for row in self.compiler.apply_converters(rows, self.converters)]
        if self.model_rows is None:
            return rows
        model, start, end, attnames, populators = self.model_rows
        instances = []
        for row in rows:
            instance = model.from_db(self.using, attnames, row[start:end])
            for populator in populators:
                populator.populate(row, instance)
            instances.append(instance)
        return instances


class PreparedQuery:
    """`build(*args)` returns a queryset; calling the prepared query with real arguments
    returns its rows (tuples for `values_list`, model instances otherwise) as a list."""

    def __init__(self, build):
        self.build = build
        self._compiled: dict[tuple, _Compiled] = {}

    def __call__(self, *args, using: str = DEFAULT_DB_ALIAS) -> list:
        key = (using, _shape(args))
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compile(args, using)
        flat = [value for arg in args
                for value in (arg if isinstance(arg, tuple) else (arg,))]
        return compiled.run(flat)

    def _compile(self, args: tuple, using: str) -> _Compiled:
        numbers = itertools.count(next(_serial) * 1000)
        standins, placeholders = [], []
        for arg in args:
            if isinstance(arg, tuple):
                values = tuple(_placeholder(value, next(numbers)) for value in arg)
                placeholders.extend(values)
                standins.append(values)
            else:
                value = _placeholder(arg, next(numbers))
                placeholders.append(value)
                standins.append(value)
        compiled = _Compiled(self.build(*standins).using(using), using, placeholders)
        with _lock:
            self._compiled[(using, _shape(args))] = compiled
        return compiled
