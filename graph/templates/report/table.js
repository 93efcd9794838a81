// Sortable tables: a header with data-sort="text" or "num" sorts its column by each cell's data-value (or text).
Array.prototype.forEach.call(document.querySelectorAll("table"), function (table) {
  Array.prototype.forEach.call(table.querySelectorAll("th[data-sort]"), function (th) {
    th.tabIndex = 0;
    function sort() {
      var col = th.cellIndex, numeric = th.dataset.sort === "num";
      var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      Array.prototype.forEach.call(th.parentNode.cells, function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir);
      var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      function key(row) {
        var cell = row.cells[col], v = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
        return numeric ? parseFloat(v) || 0 : v.toLowerCase();
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b), c = x < y ? -1 : x > y ? 1 : 0;
        if (!numeric && (x === "" || y === "") && x !== y) { return x === "" ? 1 : -1; }  // blanks last
        return dir === "ascending" ? c : -c;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sort(); } });
  });
});
