"""What a render job loads: certificates with their recipient, template and the template's
images (logo, two signatures), in one SQL statement; and the id of a person's current
certificate for an achievement, which every request looks up first.

The ORM builds that six-table join anew for every query, which costs more than running
it: a tenth of a certificate's whole CPU time (the PDF included). Here the statement and
the converters of each column are put together once per process and database from the
models' fields, and the rows become model instances through `Model.from_db`, with the
related ones set as if `select_related` had loaded them.
"""

from dataclasses import dataclass
from functools import cache

from django.db import connection

from certificates.models import Certificate, CertificateStatus, CertificateTemplate

# (alias, the model's place: a foreign key of the certificate or of its template)
_TEMPLATE_IMAGES = ("logo", "signatory_1_signature", "signatory_2_signature")


@dataclass(frozen=True)
class _Part:
    model: type
    attnames: tuple[str, ...]
    converters: tuple  # per column: a tuple of (converter, column expression)
    start: int
    end: int
    pk_index: int


@cache
def _plan(vendor: str) -> tuple[str, tuple[_Part, ...]]:
    """(the SELECT up to its WHERE, the parts of a row), for one kind of database."""
    quote = connection.ops.quote_name
    recipient_field = Certificate._meta.get_field("recipient")
    template_field = Certificate._meta.get_field("template")
    tables = [("c", Certificate, None),
              ("u", recipient_field.related_model,
               f"INNER JOIN {{table}} u ON u.{{pk}} = c.{quote(recipient_field.column)}"),
              ("t", CertificateTemplate,
               f"LEFT JOIN {{table}} t ON t.{{pk}} = c.{quote(template_field.column)}")]
    for index, name in enumerate(_TEMPLATE_IMAGES):
        field = CertificateTemplate._meta.get_field(name)
        tables.append((f"i{index}", field.related_model,
                       f"LEFT JOIN {{table}} i{index} ON i{index}.{{pk}} = "
                       f"t.{quote(field.column)}"))
    columns, joins, parts = [], [], []
    for alias, model, join in tables:
        fields = model._meta.concrete_fields
        if any(field.model is not model for field in fields):
            # Inherited across tables: its columns are not all in its own table.
            raise TypeError(f"{model._meta.label} is not loaded from one table")
        if join:
            joins.append(join.format(table=quote(model._meta.db_table),
                                     pk=quote(model._meta.pk.column)))
        converters = []
        for field in fields:
            col = field.get_col(alias)
            converters.append(tuple(
                (converter, col) for converter in
                connection.ops.get_db_converters(col) + col.get_db_converters(connection)))
        parts.append(_Part(model=model, attnames=tuple(f.attname for f in fields),
                           converters=tuple(converters), start=len(columns),
                           end=len(columns) + len(fields),
                           pk_index=list(fields).index(model._meta.pk)))
        columns += [f"{alias}.{quote(field.column)}" for field in fields]
    # Only the models' own table and column names go into the text; ids are parameters.
    sql = (f"SELECT {', '.join(columns)} FROM "  # noqa: S608
           f"{quote(Certificate._meta.db_table)} c {' '.join(joins)} "
           f"WHERE c.{quote(Certificate._meta.pk.column)} IN ")
    return sql, tuple(parts)


def _instance(part: _Part, row) -> object | None:
    values = list(row[part.start:part.end])
    if values[part.pk_index] is None:
        return None  # an outer join that found nothing
    for index, converters in enumerate(part.converters):
        for converter, col in converters:
            values[index] = converter(values[index], col, connection)
    return part.model.from_db(connection.alias, part.attnames, values)


def certificates_for_issue(ids: list[int]) -> dict[int, Certificate]:
    """The certificates of `ids` that exist, by id, each with recipient, template and
    the template's images loaded (as `select_related` would)."""
    if not ids:
        return {}
    sql, parts = _plan(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql + f"({', '.join(['%s'] * len(ids))})", list(ids))
        rows = cursor.fetchall()
    found = {}
    for row in rows:
        certificate, recipient, template, *images = (_instance(part, row) for part in parts)
        certificate.recipient = recipient
        if template is not None:
            for name, image in zip(_TEMPLATE_IMAGES, images, strict=True):
                setattr(template, name, image)  # None where the join found none
            certificate.template = template
        found[certificate.pk] = certificate
    return found


@cache
def _current_sql(vendor: str) -> str:
    quote = connection.ops.quote_name
    meta = Certificate._meta
    return (f"SELECT {quote(meta.pk.column)} FROM {quote(meta.db_table)} "  # noqa: S608
            f"WHERE {quote(meta.get_field('recipient').column)} = %s "
            f"AND {quote(meta.get_field('achievement_key').column)} = %s "
            f"AND {quote(meta.get_field('status').column)} <> %s")


def current_certificate_id(*, recipient_id: int, achievement_key: str) -> int | None:
    """The id of the recipient's current (not superseded) certificate for the achievement,
    or None; the database's constraint allows at most one."""
    with connection.cursor() as cursor:
        cursor.execute(_current_sql(connection.vendor),
                       [recipient_id, achievement_key, CertificateStatus.SUPERSEDED.value])
        row = cursor.fetchone()
    return row[0] if row else None
