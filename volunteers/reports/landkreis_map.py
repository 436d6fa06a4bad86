"""A schematic tile map of Thuringia's 17 Landkreise and 5 kreisfreie Städte as inline SVG.

Each district is one square tile, placed on a grid roughly where it lies (north at the
top); the tile shows an abbreviation and the number. Shades of one colour rise with the
number, and the number is always printed, so colour never carries the meaning alone. The
SVG is an image with a name and a description; the table beside it is the accessible
source of the figures.
"""

from xml.sax.saxutils import escape, quoteattr

from django.utils.safestring import SafeString, mark_safe

# key → (column, row, abbreviation); schematic, drawn for this map.
TILES = {
    "eichsfeld": (1, 0, "EIC"), "nordhausen": (2, 0, "NDH"), "kyffhaeuserkreis": (3, 0, "KYF"),
    "wartburgkreis": (0, 1, "WAK"), "unstrut-hainich-kreis": (1, 1, "UH"),
    "soemmerda": (2, 1, "SÖM"), "weimarer-land": (3, 1, "AP"),
    "gotha": (1, 2, "GTH"), "erfurt": (2, 2, "EF"), "weimar": (3, 2, "WE"),
    "jena": (4, 2, "J"), "gera": (5, 2, "G"), "altenburger-land": (6, 2, "ABG"),
    "schmalkalden-meiningen": (0, 3, "SM"), "suhl": (1, 3, "SHL"), "ilm-kreis": (2, 3, "IK"),
    "saalfeld-rudolstadt": (3, 3, "SLF"), "saale-holzland-kreis": (4, 3, "SHK"),
    "greiz": (5, 3, "GRZ"),
    "hildburghausen": (1, 4, "HBN"), "sonneberg": (2, 4, "SON"), "saale-orla-kreis": (4, 4, "SOK"),
}
TILE, GAP = 64, 4
# Light to dark; text is dark on the first three and white on the others (contrast ≥ 4.5:1).
SHADES = ("#ffffff", "#dbe8f6", "#a9c8ea", "#2f6db5", "#1f5fa8", "#123c6e")
DARK_TEXT_SHADES = 3


def shade_index(value: int, peak: int) -> int:
    if value <= 0 or peak <= 0:
        return 0
    return min(len(SHADES) - 1, 1 + (len(SHADES) - 2) * value // peak)


def landkreis_map_svg(*, map_id: str, title: str, description: str,
                      values: dict[str, int], names: dict[str, str]) -> SafeString:
    """The tile map; `values` and `names` are keyed by volunteers' Landkreis values."""
    columns = 1 + max(column for column, _row, _abbr in TILES.values())
    rows = 1 + max(row for _column, row, _abbr in TILES.values())
    width, height = columns * (TILE + GAP), rows * (TILE + GAP)
    peak = max(values.values(), default=0)
    title_id, desc_id = f"{map_id}-title", f"{map_id}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" id={quoteattr(map_id)} '
        f'aria-labelledby="{title_id} {desc_id}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
    ]
    for key, (column, row, abbreviation) in TILES.items():
        value = values.get(key, 0)
        shade = shade_index(value, peak)
        x, y = column * (TILE + GAP), row * (TILE + GAP)
        text = "#1a1a1a" if shade < DARK_TEXT_SHADES else "#ffffff"
        parts.append(
            f'<g><title>{escape(names.get(key, key))}: {value}</title>'
            f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="6" '
            f'fill="{SHADES[shade]}" stroke="#4d4d4d" stroke-width="1"/>'
            f'<text x="{x + TILE / 2}" y="{y + 26}" text-anchor="middle" fill="{text}" '
            f'font-family="sans-serif" font-size="13">{escape(abbreviation)}</text>'
            f'<text x="{x + TILE / 2}" y="{y + 48}" text-anchor="middle" fill="{text}" '
            f'font-family="sans-serif" font-size="18" font-weight="bold">{value}</text></g>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
