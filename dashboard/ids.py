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
OV_GRID = "overview-grid"  # the place x category answer
OV_GRID_NOTE = "overview-grid-note"
OV_CHART_NOTE = "overview-chart-note"

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
TABLE_COLUMNS = "table-columns"  # the column chooser (checklist of fields)
TABLE_COLUMN_WIDTHS = "table-column-widths"  # dcc.Store: field -> smallest window width showing it

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
REV_CURRENT = "review-current"
ADD_SAVE_STATUS = "add-save-status"
REV_COUNT = "review-count"
# review: the other correctable fields, bulk actions, undo, the risk queue
REV_UNIT = "review-unit"
REV_KIND = "review-kind"
REV_SOURCE = "review-attributed-to"
REV_PERIOD_START = "review-period-start"
REV_PERIOD_END = "review-period-end"
REV_AS_OF = "review-as-of"
REV_BULK_CONFIRM_SENTENCE = "review-bulk-confirm-sentence"
REV_BULK_REJECT_SENTENCE = "review-bulk-reject-sentence"
REV_BULK_CONFIRM_ARTICLE = "review-bulk-confirm-article"
REV_BULK_REJECT_ARTICLE = "review-bulk-reject-article"
REV_BULK_DIALOG = "review-bulk-dialog"
REV_BULK_PENDING = "review-bulk-pending"  # dcc.Store: the bulk action waiting for its confirmation
REV_UNDO = "review-undo"
REV_HISTORY = "review-history"
REV_QUEUE = "review-queue"
REV_CHANGED = "review-changed"  # dcc.Store: bumped after every write, refreshes queue and history

# article metadata form
ART_DOC = "article-doc"
ART_TITLE = "article-title"
ART_PUBLISHER = "article-publisher"
ART_DATE = "article-date"
ART_URL = "article-url"
ART_SAVE = "article-save"
ART_STATUS = "article-status"
ART_BODY = "article-body"
