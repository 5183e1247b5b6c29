/* Charts of the portal, drawn from the data tables on the page (Chart.js, vendored in
   static/vendor/chartjs). Every chart's figures stay available as its table, for screen
   readers and for anyone who would rather read. */
(function () {
  "use strict";
  var PALETTE = ["#9b1c1c", "#0b5cad", "#2f7d32", "#b35c00", "#6f42c1", "#00798c",
                 "#7a5c00", "#c2185b", "#455a64", "#5d4037"];

  function number(cell) {
    var value = parseFloat(cell.getAttribute("data-value"));
    return isNaN(value) ? 0 : value;
  }

  function readTable(table) {
    var heads = table.querySelectorAll("thead th");
    var series = [];
    for (var i = 1; i < heads.length; i++) { series.push(heads[i].textContent.trim()); }
    var labels = [], values = series.map(function () { return []; });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      labels.push(row.querySelector("th").textContent.trim());
      row.querySelectorAll("td").forEach(function (cell, i) { values[i].push(number(cell)); });
    });
    return { series: series, labels: labels, values: values };
  }

  function draw(table) {
    var canvas = document.getElementById(table.getAttribute("data-canvas"));
    if (!canvas || !window.Chart) { return; }
    var data = readTable(table);
    var type = table.getAttribute("data-chart");
    var stacked = table.getAttribute("data-stacked") === "true";
    var datasets = data.series.map(function (name, i) {
      return {
        label: name, data: data.values[i],
        backgroundColor: type === "doughnut" ? PALETTE : PALETTE[i % PALETTE.length]
      };
    });
    var options = {
      responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { legend: { position: "bottom", labels: { boxWidth: 14 } },
                 tooltip: { callbacks: { label: function (ctx) {
                   var v = ctx.parsed && typeof ctx.parsed === "object" ? ctx.parsed.y : ctx.parsed;
                   return (ctx.dataset.label || ctx.label) + "：" + Number(v).toFixed(2) + " 万元";
                 } } } }
    };
    if (type === "bar") {
      options.scales = { x: { stacked: stacked }, y: { stacked: stacked, beginAtZero: true,
                         title: { display: true, text: "万元" } } };
    }
    new window.Chart(canvas, { type: type, data: { labels: data.labels, datasets: datasets },
                               options: options });
    canvas.setAttribute("data-drawn", "true");
  }

  function init() {
    if (window.Chart) {
      window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
      window.Chart.defaults.color = "#1f2328";
    }
    document.querySelectorAll("table[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
