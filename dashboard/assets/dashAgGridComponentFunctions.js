/* Cell renderers for the figures grid. Article text is passed to React as text
   children, so React escapes it: nothing from an article is ever parsed as HTML. */
var dagcomponentfuncs = (window.dashAgGridComponentFunctions =
  window.dashAgGridComponentFunctions || {});

dagcomponentfuncs.SentenceMark = function (props) {
  var d = props.data || {};
  return React.createElement(
    "span",
    { className: "sentence" },
    String(d.before || ""),
    React.createElement("mark", { title: d.range || "" }, String(d.number || "")),
    String(d.after || "")
  );
};

dagcomponentfuncs.ArticleLink = function (props) {
  var d = props.data || {};
  var children = [React.createElement("a", { key: "a", href: d.article_href }, "open")];
  if (d.illustrative) {
    children.push(
      React.createElement(
        "span",
        { key: "b", className: "badge badge-illustrative", title: "Illustrative sample — not real reporting" },
        "sample"
      )
    );
  }
  return React.createElement("span", null, children);
};

/* Compare: an estimate's words as a link to its article (text, never HTML). */
dagcomponentfuncs.WordsLink = function (props) {
  var d = props.data || {};
  var children = [React.createElement("a", { key: "a", href: d.article_href }, String(d.surface || ""))];
  if (d.illustrative) {
    children.push(
      React.createElement(
        "span",
        { key: "b", className: "badge badge-illustrative", title: "Illustrative sample — not real reporting" },
        "sample"
      )
    );
  }
  return React.createElement("span", null, children);
};
