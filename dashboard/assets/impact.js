/* Keep the filter state in the address bar (replaceState: no page reload, no new
   history entry) and carry it over in the navigation links, so any view can be shared. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  impact: {
    syncUrl: function (query) {
      const search = query ? "?" + query : "";
      if (window.location.search !== search) {
        window.history.replaceState(window.history.state, "", window.location.pathname + search);
      }
      const filtered = ["/", "/map", "/compare", "/table", "/review"];
      const paths = ["/", "/map", "/compare", "/table", "/review", "/add"];
      return [search].concat(paths.map(function (p) {
        return filtered.indexOf(p) >= 0 ? p + search : p;
      }));
    },
    /* Table columns by width: the columns meant for this window (``minScreen`` maps a
       column to the narrowest window that shows it) ... */
    columnsForWidth: function (minScreen) {
      var width = window.innerWidth;
      return Object.keys(minScreen || {}).filter(function (f) { return width >= minScreen[f]; });
    },
    /* ... and the grid shows the ticked ones. */
    showColumns: function (shown, defs) {
      var keep = shown || [];
      return (defs || []).map(function (d) {
        return Object.assign({}, d, {hide: keep.indexOf(d.field) < 0});
      });
    },
  },
});
