"""Server-rendered SVG bar charts: no JavaScript, readable by screen readers.

`bar_chart_svg(...)` draws horizontal bars, one row per category, with one or more series
stacked in a row. The SVG is an image with a name (`<title>`) and a description (`<desc>`)
that says in words what it shows (role="img", aria-labelledby); the page puts the same
numbers in a table beside it, which is the accessible version of the figures. Colours are
distinguishable and each series also has a pattern-free legend with its name, so colour is
never the only carrier of meaning (the table is).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from django.utils.safestring import SafeString, mark_safe

# Contrast of at least 3:1 against white for every fill (WCAG 1.4.11, graphics).
PALETTE = ("#1b6e3c", "#1f5fa8", "#6b6b6b", "#b3261e", "#8a4b00", "#5b3a96")
ROW_HEIGHT = 22
BAR_HEIGHT = 14
LABEL_WIDTH = 220
BAR_AREA = 420
VALUE_WIDTH = 70
LEGEND_HEIGHT = 28
FONT = "font-family:sans-serif;font-size:12px"
MAX_LABEL_CHARS = 34


@dataclass(frozen=True)
class Series:
    """One named series; `values` line up with the chart's categories."""

    name: str
    values: Sequence[float]
    colour: str = ""


def _short(label: str) -> str:
    label = str(label)
    return label if len(label) <= MAX_LABEL_CHARS else label[:MAX_LABEL_CHARS - 1] + "…"


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def bar_chart_svg(*, chart_id: str, title: str, description: str,
                  categories: Sequence[str], series: Sequence[Series]) -> SafeString:
    """An SVG of horizontal bars (series stacked per category) with a legend.

    `chart_id` must be unique on the page: it prefixes the ids that aria-labelledby names.
    Totals per category are printed at the end of each bar.
    """
    colours = [s.colour or PALETTE[n % len(PALETTE)] for n, s in enumerate(series)]
    totals = [sum(s.values[row] for s in series) for row in range(len(categories))]
    peak = max(totals, default=0) or 1
    height = LEGEND_HEIGHT + ROW_HEIGHT * max(len(categories), 1) + 6
    width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img" '
        f'id={quoteattr(chart_id)} aria-labelledby="{title_id} {desc_id}" '
        f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px">',
        f'<title id="{title_id}">{escape(str(title))}</title>',
        f'<desc id="{desc_id}">{escape(str(description))}</desc>',
    ]
    x = 0
    for s, colour in zip(series, colours, strict=True):
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="16" style="{FONT}" fill="#1a1a1a">'
                     f'{escape(str(s.name))}</text>')
        x += 24 + 7 * len(str(s.name))
    for row, category in enumerate(categories):
        y = LEGEND_HEIGHT + row * ROW_HEIGHT
        parts.append(f'<text x="{LABEL_WIDTH - 6}" y="{y + BAR_HEIGHT - 2}" '
                     f'text-anchor="end" style="{FONT}" fill="#1a1a1a">'
                     f'{escape(_short(category))}</text>')
        offset = LABEL_WIDTH
        for s, colour in zip(series, colours, strict=True):
            value = s.values[row]
            if value <= 0:
                continue
            bar = BAR_AREA * value / peak
            parts.append(f'<rect x="{offset:.1f}" y="{y}" width="{bar:.1f}" '
                         f'height="{BAR_HEIGHT}" fill="{colour}"/>')
            offset += bar
        parts.append(f'<text x="{offset + 4:.1f}" y="{y + BAR_HEIGHT - 2}" style="{FONT}" '
                     f'fill="#1a1a1a">{escape(_number(totals[row]))}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
