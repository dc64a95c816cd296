"""Reading an uploaded delegation list (a list of enterprises) into a checked preview.

Pure Python (no Django ORM or HTTP); ``registry/imports.py`` is its adapter to the database.
:func:`parse_delegation_list` takes the uploaded bytes and the file name and returns an
:class:`ImportPreview`; the import is **all or nothing**: a preview with any
:class:`RowError` carries no rows at all (``committable`` is false), so a caller cannot save
part of a list by mistake.  Problems with the file as a whole (format, encoding,
size, no header, missing required columns) raise :class:`ImportFileError` instead.  Messages are
built in the active language (the uploader's; English where Django is not set up); field keys
stay canonical and :func:`field_label` gives their English label, the msgid to translate.

Formats
    ``.xlsx`` (first sheet, or the one named by ``sheet``; formulas are read as the values
    Excel last computed) and ``.csv``.  CSV encodings: UTF-8 with or without BOM, UTF-16 with
    BOM, and Windows-1258 (legacy Vietnamese Windows; its combining tone marks are recomposed
    to NFC).  The legacy font encodings TCVN3 (ABC) and VNI are refused: they cannot be told
    apart from Latin-1 reliably.  The delimiter (``,`` ``;`` or tab) is the one under which
    a header row is found.

Columns
    Titles in English, Vietnamese, Lao or Chinese, matched without regard to case, diacritics,
    spaces and punctuation (``Tên doanh nghiệp (*)``, ``ຊື່``, ``企业名称``).  Bilingual titles
    such as ``Tên doanh nghiệp / Company name`` are understood.  Title rows above the header
    are skipped; line numbers are those of the spreadsheet (the header is line 1 when there is
    no title above it).  ``name`` and ``country`` are required; unknown columns are reported as
    warnings.

Values
    Country as ISO 3166 alpha-3, alpha-2 or a name in one of the four languages (through
    ``country_lookup``, then a built-in table of the region); province through
    ``province_lookup`` when given; e-mail addresses validated; phone numbers reduced to their
    digits with a leading ``+`` where one was typed; HS codes through
    :func:`~tradebridge.catalog.resolve.normalize_hs`; offers and needs split on ``;`` or line
    breaks.

The file is read into cells (:mod:`.cells`), its header found (:mod:`.columns`), and each row
checked (:mod:`.rows`, :mod:`.values`); :mod:`.errors` says what is wrong.
"""

from tradebridge.registry.delegation.cells import ACCEPTED_ENCODINGS, MAX_BYTES, decode_csv
from tradebridge.registry.delegation.columns import FIELDS, header_key, map_columns
from tradebridge.registry.delegation.errors import ImportFileError, RowError, field_label
from tradebridge.registry.delegation.reading import parse_delegation_list
from tradebridge.registry.delegation.rows import MAX_ROWS, ImportPreview, ImportRow
from tradebridge.registry.delegation.values import default_country_lookup

__all__ = [
    "ACCEPTED_ENCODINGS",
    "FIELDS",
    "MAX_BYTES",
    "MAX_ROWS",
    "ImportFileError",
    "ImportPreview",
    "ImportRow",
    "RowError",
    "decode_csv",
    "default_country_lookup",
    "field_label",
    "header_key",
    "map_columns",
    "parse_delegation_list",
]
