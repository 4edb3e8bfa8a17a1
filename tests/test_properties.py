"""Property tests: any text, no exception, spans that point at their words, ordered bounds."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from impact import extract

_PIECES = st.sampled_from(
    [
        "at least",
        "about",
        "nearly",
        "up to",
        "between",
        "and",
        "to",
        "-",
        "–",
        "hundreds",
        "tens of",
        "thousands",
        "of",
        "people",
        "families",
        "houses",
        "were killed",
        "fled",
        "displaced",
        "in",
        "Mosul",
        "Raqqa",
        "said",
        "officials",
        "1,200",
        "2.5 million",
        "397.000",
        "9 380",
        "lakh",
        "a dozen",
        "half a million",
        "+",
        "(",
        ")",
        "[12]",
        "%",
        "$",
        "2014",
        "June",
        "30",
        "3.7",
        "Nine hundred and twenty-one",
        "\n\n",
        ".",
        ",",
        "'s",
        "Old City",
        "according to",
        "UN",
    ]
)
_TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(_PIECES, max_size=40).map(" ".join),
    st.lists(st.one_of(_PIECES, st.text(max_size=5)), max_size=30).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_any_text_gives_valid_figures(text: str) -> None:
    figures = extract(text, geocode=False)
    for figure in figures:
        assert text[figure.start : figure.end] == figure.surface
        assert figure.low is None or figure.high is None or figure.low <= figure.high
        assert figure.low is not None or figure.high is not None
        assert figure.sentence_start <= figure.start < figure.end <= figure.sentence_end
    starts = [f.start for f in figures]
    assert starts == sorted(starts)
    assert extract(text, geocode=False) == figures  # deterministic


@settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES, max_size=30).map(" ".join))
def test_geocoded_extraction_never_fails(text: str) -> None:
    for figure in extract(text):
        assert text[figure.start : figure.end] == figure.surface
        if figure.place is not None and figure.place.start is not None:
            assert figure.location == figure.place.name
