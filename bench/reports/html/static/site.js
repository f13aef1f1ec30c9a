// bench report --html: sorting, filtering and view switching. Hand-written, no dependencies.
"use strict";

function sortTable(th) {
  const table = th.closest("table");
  const index = Array.prototype.indexOf.call(th.parentNode.children, th);
  const numeric = th.dataset.type === "num";
  const ascending = th.getAttribute("aria-sort") !== "ascending";
  table.querySelectorAll("th").forEach((h) => h.removeAttribute("aria-sort"));
  th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  const body = table.tBodies[0];
  const key = (row) => {
    const cell = row.children[index];
    const raw = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
    if (!numeric) return raw;
    const value = parseFloat(raw);
    return isNaN(value) ? -Infinity : value;
  };
  const rows = Array.from(body.rows);
  rows.sort((a, b) => {
    const ka = key(a), kb = key(b);
    const order = numeric ? ka - kb : String(ka).localeCompare(String(kb));
    return ascending ? order : -order;
  });
  rows.forEach((row) => body.appendChild(row));
}

function applyFilters(fieldset) {
  const scope = document.getElementById(fieldset.dataset.scope);
  if (!scope) return;
  const off = new Set();
  fieldset.querySelectorAll("input[data-filter-status]").forEach((box) => {
    const cls = "off-" + box.dataset.filterStatus.replace(/ /g, "-");
    scope.classList.toggle(cls, !box.checked);
    if (!box.checked) off.add(box.dataset.filterStatus);
  });
  let visible = 0;
  scope.querySelectorAll("li[data-status], tr[data-status]").forEach((item) => {
    item.hidden = off.has(item.dataset.status);
    if (!item.hidden) visible += 1;
  });
  document.querySelectorAll(".visible-count").forEach((el) => { el.textContent = String(visible); });
}

function showView(index) {
  document.querySelectorAll("section.view").forEach((view) => {
    view.hidden = view.dataset.view !== String(index);
  });
  document.querySelectorAll("select.view-select").forEach((select) => { select.value = String(index); });
}

function showPair() {
  const a = document.querySelector("select.pair-select[data-side=a]");
  const b = document.querySelector("select.pair-select[data-side=b]");
  if (!a || !b) return;
  const i = Number(a.value), j = Number(b.value);
  const key = Math.min(i, j) + "-" + Math.max(i, j);
  document.querySelectorAll("section.pair").forEach((pair) => {
    pair.hidden = i === j || pair.dataset.pair !== key;
  });
  document.querySelector("p.same").hidden = i !== j;
  document.querySelector("p.swapped").hidden = !(i > j);
}

function followHash() {
  const match = /^#v(\d+)-/.exec(window.location.hash);
  if (!match) return;
  showView(match[1]);
  const target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
  if (target) {
    document.querySelectorAll(".flash").forEach((el) => el.classList.remove("flash"));
    target.classList.add("flash");
    target.scrollIntoView({ block: "center" });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("table.sortable th").forEach((th) => {
    th.tabIndex = 0;
    th.addEventListener("click", () => sortTable(th));
    th.addEventListener("keydown", (event) => { if (event.key === "Enter") sortTable(th); });
  });
  document.querySelectorAll("fieldset.filters").forEach((fieldset) => {
    fieldset.addEventListener("change", () => applyFilters(fieldset));
    applyFilters(fieldset);
  });
  document.querySelectorAll("select.view-select").forEach((select) => {
    select.addEventListener("change", () => showView(select.value));
  });
  document.querySelectorAll("select.pair-select").forEach((select) => {
    select.addEventListener("change", showPair);
  });
  showPair();
  followHash();
  window.addEventListener("hashchange", followHash);
  document.body.dataset.ready = "yes";
});
