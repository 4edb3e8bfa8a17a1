"""Component ids, one constant each, shared by layouts, callbacks and tests."""

from __future__ import annotations

# shell
NAV = "nav"
NAV_LINK_PREFIX = "nav-"  # + page module name, e.g. "nav-overview"
URL_SYNC = "url-sync"  # dcc.Store holding the filter query string ("place=Mosul&...")
URL_SYNC_SINK = "url-sync-sink"

# shared filter bar
F_PLACE = "filter-place"
F_COUNTRY = "filter-country"
F_CATEGORY = "filter-category"
F_UNIT = "filter-unit"
F_SOURCE = "filter-source"
F_DATES = "filter-dates"
F_KIND = "filter-kind"
F_RESET = "filter-reset"
FILTER_INPUTS = (F_PLACE, F_COUNTRY, F_CATEGORY, F_UNIT, F_SOURCE, F_DATES, F_KIND)

# overview
OV_NUMBERS = "overview-numbers"
OV_BY_PLACE = "overview-by-place"
OV_BY_PUBLISHER = "overview-by-publisher"
OV_BY_ATTRIBUTION = "overview-by-attribution"
OV_OVER_TIME = "overview-over-time"

# map
MAP_GRAPH = "map-graph"
MAP_NOTE = "map-note"

# compare
CMP_PLACE = "compare-place"
CMP_CATEGORY = "compare-category"
CMP_SUBPLACES = "compare-subplaces"
CMP_GRAPH = "compare-graph"
CMP_SUMMARY = "compare-summary"
CMP_GRID = "compare-grid"

# table
TABLE_GRID = "table-grid"
TABLE_COUNT = "table-count"
TABLE_EXPORT_CSV = "table-export-csv"
TABLE_EXPORT_HXL = "table-export-hxl"
TABLE_DOWNLOAD = "table-download"

# article view
ARTICLE_TEXT = "article-text"

# add an article
ADD_TEXT = "add-text"
ADD_UPLOAD = "add-upload"
ADD_TITLE = "add-title"
ADD_PUBLISHER = "add-publisher"
ADD_DATE = "add-date"
ADD_URL = "add-url"
ADD_EXTRACT = "add-extract"
ADD_SAVE = "add-save"
ADD_PREVIEW = "add-preview"
ADD_STATUS = "add-status"
ADD_PENDING = "add-pending"  # dcc.Store: the text last extracted, so Save stores what was shown

# review
REV_GRID = "review-grid"
REV_LOW = "review-low"
REV_HIGH = "review-high"
REV_CATEGORY = "review-category"
REV_LOCATION = "review-location"
REV_NOTE = "review-note"
REV_CONFIRM = "review-confirm"
REV_CORRECT = "review-correct"
REV_REJECT = "review-reject"
REV_STATUS = "review-status"
REV_SELECTED = "review-selected"
ADD_SAVE_STATUS = "add-save-status"
REV_COUNT = "review-count"
