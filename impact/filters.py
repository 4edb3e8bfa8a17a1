"""Filters shared by export, compare, the store's queries and the dashboard."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Filters:
    """Which figures to select; ``None`` (or an empty tuple) means no restriction."""

    places: tuple[str, ...] = ()  # matches location or geocoded name, case-insensitive
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2 codes
    categories: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # article publisher
    date_from: str | None = None  # ISO date, inclusive, on the article's date
    date_to: str | None = None
    vague: bool | None = None  # True: only vague, False: only exact (non-vague)
    include_rejected: bool = False  # figures an analyst rejected are left out unless asked
