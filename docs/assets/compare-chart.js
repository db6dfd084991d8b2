/* The compare page's chart: one community figure of the compared frameworks over time, on a
 * logarithmic scale, drawn as SVG from api/v1/history.json. Each framework has its own dash
 * pattern, marker and colour, and is named at the end of its line, so no colour is needed to
 * tell them apart; a table under the chart gives the figures. Values reach the page through
 * textContent and setAttribute only.
 */
(function () {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";
  const WIDTH = 430;
  const HEIGHT = 240;
  // Text is 14 units: drawn 430 units wide, a 390 px phone shows it at about 11 px.
  const FONT = 14;
  const MARGIN = {left: 52, right: 96, top: 12, bottom: 28};
  const DASHES = ["", "7 4", "2 3", "10 3 2 3", "4 2 1 2"];
  const MARKERS = ["circle", "square", "diamond", "triangle", "cross"];

  function svg(tag, attributes, children) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attributes || {}).forEach(function ([name, value]) { node.setAttribute(name, String(value)); });
    (children || []).forEach(function (child) {
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function time(date) { return Date.parse(date + "T00:00:00Z"); }

  function short(value) {
    if (value >= 1e9) return value / 1e9 + "G";
    if (value >= 1e6) return value / 1e6 + "M";
    if (value >= 1e3) return value / 1e3 + "k";
    return String(value);
  }

  function marker(kind, x, y, index) {
    const attributes = {class: "marker series-" + index};
    if (kind === "circle") return svg("circle", Object.assign(attributes, {cx: x, cy: y, r: 3.5}));
    if (kind === "square") return svg("rect", Object.assign(attributes, {x: x - 3, y: y - 3, width: 6, height: 6}));
    const shapes = {
      diamond: [[0, -4.5], [4.5, 0], [0, 4.5], [-4.5, 0]],
      triangle: [[0, -4.5], [4.5, 4], [-4.5, 4]],
      cross: [[-4, -4], [4, 4], [0, 0], [4, -4], [-4, 4], [0, 0]],
    };
    const points = shapes[kind].map(function ([dx, dy]) { return (x + dx).toFixed(1) + "," + (y + dy).toFixed(1); });
    return svg("polygon", Object.assign(attributes, {points: points.join(" ")}));
  }

  /* Spread the end labels so none overlaps the next: at least one line of text apart. */
  function spread(labels, top, bottom) {
    labels.sort(function (a, b) { return a.y - b.y; });
    labels.forEach(function (label, index) {
      if (index && label.y < labels[index - 1].y + FONT + 2) label.y = labels[index - 1].y + FONT + 2;
    });
    const overflow = labels.length ? labels[labels.length - 1].y - bottom : 0;
    if (overflow > 0) labels.forEach(function (label) { label.y = Math.max(top, label.y - overflow); });
    return labels;
  }

  /* chart(metric, frameworks, series) -> an <svg> element; series are those of api/v1/history.json. */
  function chart(metric, frameworks, allSeries) {
    const lines = [];
    frameworks.forEach(function (fw, index) {
      allSeries.filter(function (item) { return item.framework === fw.slug && item.metric === metric.id; })
        .forEach(function (item) {
          const points = item.points.filter(function ([, value]) { return value > 0; });
          if (points.length) lines.push({fw: fw, index: index, points: points});
        });
    });
    if (!lines.length) return null;
    const all = lines.flatMap(function (line) { return line.points; });
    const t0 = Math.min.apply(null, all.map(function ([date]) { return time(date); }));
    const t1 = Math.max.apply(null, all.map(function ([date]) { return time(date); }));
    const low = Math.floor(Math.log10(Math.min.apply(null, all.map(function ([, v]) { return v; }))));
    // The axis ends at the next power of ten above the data, or half-way when the data stops below it.
    const topValue = Math.max.apply(null, all.map(function ([, v]) { return v; }));
    const high = Math.log10(topValue) <= Math.ceil(Math.log10(topValue)) - 0.5 ?
      Math.ceil(Math.log10(topValue)) - 0.5 : Math.ceil(Math.log10(topValue));
    const plot = {x0: MARGIN.left, x1: WIDTH - MARGIN.right, y0: MARGIN.top, y1: HEIGHT - MARGIN.bottom};
    const x = function (date) { return plot.x0 + (t1 === t0 ? 0 : (time(date) - t0) / (t1 - t0)) * (plot.x1 - plot.x0); };
    const y = function (value) {
      return plot.y1 - (Math.log10(value) - low) / Math.max(high - low, 0.5) * (plot.y1 - plot.y0);
    };
    const title = metric.name + " over time, logarithmic scale";
    const root = svg("svg", {class: "compare-chart", viewBox: "0 0 " + WIDTH + " " + HEIGHT, role: "img",
      "aria-label": title, "font-size": FONT});
    root.append(svg("title", {}, [title]));
    for (let power = low; power <= Math.floor(high); power += 1) {
      const value = Math.pow(10, power);
      root.append(svg("line", {class: "grid", x1: plot.x0, x2: plot.x1, y1: y(value), y2: y(value)}),
        svg("text", {class: "tick", x: plot.x0 - 6, y: y(value) + FONT / 3, "text-anchor": "end"}, [short(value)]));
    }
    const first = new Date(t0).getUTCFullYear();
    const last = new Date(t1).getUTCFullYear();
    const step = [1, 2, 5, 10, 20, 50].find(function (size) { return (last - first) / size <= 5; }) || 100;
    for (let year = Math.ceil(first / step) * step; year <= last; year += step) {
      const at = x(year + "-01-01");
      if (at < plot.x0 || at > plot.x1) continue;
      root.append(svg("line", {class: "grid", x1: at, x2: at, y1: plot.y0, y2: plot.y1}),
        svg("text", {class: "tick", x: at, y: HEIGHT - 8, "text-anchor": "middle"}, [String(year)]));
    }
    const ends = {};
    lines.forEach(function (line) {
      const path = line.points.map(function ([date, value]) { return x(date).toFixed(1) + "," + y(value).toFixed(1); });
      const attributes = {class: "line series-" + line.index, points: path.join(" "), fill: "none"};
      if (DASHES[line.index]) attributes["stroke-dasharray"] = DASHES[line.index];
      root.append(svg("polyline", attributes));
      const [date, value] = line.points[line.points.length - 1];
      if (!ends[line.fw.slug] || time(date) > time(ends[line.fw.slug].date)) {
        ends[line.fw.slug] = {date: date, y: y(value), x: x(date), name: line.fw.name, index: line.index};
      }
    });
    // One marker per framework, at its newest point, shaped as in its end label's line.
    Object.values(ends).forEach(function (end) { root.append(marker(MARKERS[end.index], end.x, end.y, end.index)); });
    spread(Object.values(ends), plot.y0 + FONT / 2, plot.y1).forEach(function (label) {
      root.append(svg("text", {class: "end-label series-" + label.index, x: plot.x1 + 6, y: label.y + FONT / 3},
        [label.name.length > 12 ? label.name.slice(0, 11) + "\u2026" : label.name]));
    });
    return root;
  }

  window.compareChart = {chart: chart, short: short};
})();
