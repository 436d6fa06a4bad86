"""The tile map of Thuringia: one tile per district, no two on one square, numbers printed."""

from volunteers.models import Landkreis
from volunteers.reports.landkreis_map import SHADES, TILES, landkreis_map_svg, shade_index


def test_every_district_and_independent_city_has_its_own_tile():
    assert set(TILES) == set(Landkreis.values)
    assert len({(column, row) for column, row, _abbr in TILES.values()}) == len(TILES) == 22


def test_the_map_is_a_named_image_that_prints_every_number():
    svg = landkreis_map_svg(map_id="m", title="Plätze & Stellen", description="<Beschreibung>",
                            values={"jena": 7, "erfurt": 3}, names=dict(Landkreis.choices))
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" role="img" id="m" '
                          'aria-labelledby="m-title m-desc"')
    assert '<title id="m-title">Plätze &amp; Stellen</title>' in svg
    assert '<desc id="m-desc">&lt;Beschreibung&gt;</desc>' in svg
    assert "<title>Jena: 7</title>" in svg and "<title>Suhl: 0</title>" in svg
    assert svg.count("<rect") == 22


def test_shades_rise_with_the_number_and_zero_stays_white():
    assert shade_index(0, 7) == 0 and SHADES[0] == "#ffffff"
    assert shade_index(1, 7) < shade_index(7, 7) == len(SHADES) - 1
