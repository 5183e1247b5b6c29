// Budget page: live 合计 under every table of amounts, and 类/款 subtotals of the
// expenditure rows by function code. Display only: the server computes the published
// figures (budgets/statements.py) and validates on submission.
"use strict";
(function () {
  function amount(input) {
    var v = parseFloat(input.value);
    return isNaN(v) ? 0 : v;
  }
  function fmt(n) {
    return n.toLocaleString("zh-CN", {minimumFractionDigits: 2, maximumFractionDigits: 2});
  }
  function liveRows(table) {
    return Array.prototype.filter.call(table.querySelectorAll("tbody tr.form-row"), function (tr) {
      var del = tr.querySelector("input[name$='-DELETE']");
      return !tr.classList.contains("empty-form") && !(del && del.checked);
    });
  }
  function columns(table) {
    var first = table.querySelector("tbody tr.form-row:not(.empty-form)") ||
      table.querySelector("tbody tr.empty-form");
    if (!first) return [];
    return Array.prototype.map.call(first.children, function (td) {
      var input = td.querySelector("input[type=number][step]");
      return input ? input.name.replace(/^.*-\d+-/, "").replace(/^.*-__prefix__-/, "") : null;
    });
  }
  function totals(table) {
    var cols = columns(table);
    if (!cols.some(Boolean)) return;
    var foot = table.querySelector("tfoot.entry-totals");
    if (!foot) {
      foot = document.createElement("tfoot");
      foot.className = "entry-totals";
      table.appendChild(foot);
    }
    var sums = cols.map(function () { return 0; });
    liveRows(table).forEach(function (tr) {
      cols.forEach(function (name, i) {
        var input = name && tr.querySelector("input[name$='-" + name + "']");
        if (input) sums[i] += amount(input);
      });
    });
    foot.innerHTML = "<tr>" + cols.map(function (name, i) {
      return "<td>" + (name ? "<strong>" + fmt(sums[i]) + "</strong>" : (i === 1 ? "合计" : "")) +
        "</td>";
    }).join("") + "</tr>";
  }
  function rollup(group) {
    var table = group.querySelector("table");
    var box = group.querySelector(".entry-rollup");
    if (!box) {
      box = document.createElement("div");
      box.className = "entry-rollup";
      group.appendChild(box);
    }
    var sums = {};
    liveRows(table).forEach(function (tr) {
      var select = tr.querySelector("select[name$='-function_code']");
      var option = select && select.options[select.selectedIndex];
      var code = option && option.text ? option.text.split(" ")[0] : "";
      if (!/^\d{7}$/.test(code)) return;
      var total = 0;
      tr.querySelectorAll("input[type=number][step]").forEach(function (i) { total += amount(i); });
      [code.slice(0, 3), code.slice(0, 5)].forEach(function (k) { sums[k] = (sums[k] || 0) + total; });
    });
    var keys = Object.keys(sums).sort();
    box.innerHTML = keys.length ? "<h3>按科目汇总（类/款，随输入更新）</h3><table><tbody>" +
      keys.map(function (k) {
        return "<tr><td>" + (k.length === 3 ? "类 " : "款 ") + k + "</td><td>" + fmt(sums[k]) +
          "</td></tr>";
      }).join("") + "</tbody></table>" : "";
  }
  function refresh() {
    document.querySelectorAll(".inline-group .tabular table").forEach(totals);
    var exp = document.getElementById("expenditure_items-group");
    if (exp) rollup(exp);
  }
  document.addEventListener("input", refresh);
  document.addEventListener("change", refresh);
  document.addEventListener("formset:added", refresh);
  document.addEventListener("formset:removed", refresh);
  if (window.django && window.django.jQuery) {
    // select2 reports a chosen code through jQuery events only.
    window.django.jQuery(document).on("select2:select", refresh);
  }
  document.addEventListener("DOMContentLoaded", refresh);
})();
