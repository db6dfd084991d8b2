/* The decision guide, the compare-any-frameworks page and the feature-matrix controls.
 *
 * Data comes from the site's own API (api/v1/compare.json); nothing is requested from other
 * hosts. Every value from the data reaches the page through textContent or an attribute set
 * with setAttribute, never as HTML. Without this script the pages still show static tables.
 */
(function () {
  "use strict";

  const cache = {};

  function load(url) {
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error("could not load " + url);
        return response.json();
      });
    }
    return cache[url];
  }

  /* el("a", {href: "x", class: "y"}, ["text", child]) */
  function el(tag, attributes, children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(function ([name, value]) {
      if (value === true) node.setAttribute(name, "");
      else if (value !== false && value !== null && value !== undefined) node.setAttribute(name, String(value));
    });
    (children || []).forEach(function (child) {
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function safeLink(root, path) {
    // Site-relative paths from our own API only: never a scheme, never "//".
    return /^[a-z0-9/_#.-]*$/.test(path) && !path.startsWith("/") ? root + path : root;
  }

  function levelBadge(data, key) {
    const level = data.levels.find(function (item) { return item.id === key; });
    return el("span", {class: "level level-" + key}, [
      el("span", {"aria-hidden": "true"}, [level.icon]),
      " " + level.label,
    ]);
  }

  function byId(list) {
    return Object.fromEntries(list.map(function (item) { return [item.id || item.slug, item]; }));
  }

  /* ---------------------------------------------------------------- guide */

  const IMPORTANCE = [["none", "Not needed"], ["nice", "Nice to have"], ["must", "Must have"]];

  function guide(app) {
    const root = app.dataset.root;
    load(app.dataset.api).then(function (data) {
      app.replaceChildren();
      const features = byId(data.features);
      const form = el("form", {class: "guide-form"});
      const results = el("div", {class: "guide-results"});
      // One short line beside the controls, kept in view while answering: what the answers did.
      const summary = el("p", {class: "guide-summary", role: "status"});

      function weightInput(name) {
        const input = el("input", {type: "range", min: 0, max: 3, step: 1, value: 1, name: "weight-" + name,
          id: "weight-" + name});
        const shown = el("output", {for: "weight-" + name}, ["1"]);
        input.addEventListener("input", function () { shown.textContent = input.value; });
        return el("span", {class: "weight"}, [el("label", {for: "weight-" + name}, ["Weight"]), " ", input, " ", shown]);
      }

      data.needs.forEach(function (need) {
        const names = need.features.map(function (id) { return features[id].name; }).join(", ");
        const choices = IMPORTANCE.map(function ([value, label]) {
          const id = "need-" + need.id + "-" + value;
          return el("span", {class: "choice"}, [
            el("input", {type: "radio", name: "need-" + need.id, value: value, id: id, checked: value === "none"}),
            el("label", {for: id}, [label]),
          ]);
        });
        form.append(el("fieldset", {}, [el("legend", {}, [need.question]), el("p", {class: "depends"},
          ["Counts: " + names]), ...choices, weightInput(need.id)]));
      });

      const kinds = [["any", "No preference"], ["batteries", "Batteries included (full-stack)"],
        ["own", "Pick my own parts (micro-framework, API framework or toolkit)"]];
      form.append(el("fieldset", {}, [el("legend", {}, ["Batteries included, or pick your own?"]),
        ...kinds.map(function ([value, label]) {
          const id = "kind-" + value;
          return el("span", {class: "choice"}, [el("input", {type: "radio", name: "kind", value: value, id: id,
            checked: value === "any"}), el("label", {for: id}, [label])]);
        }), weightInput("kind")]));

      const versions = ["any"].concat(["3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14"]);
      const python = el("select", {name: "python", id: "python"}, versions.map(function (version) {
        return el("option", {value: version}, [version === "any" ? "Any" : "Python " + version]);
      }));
      form.append(el("fieldset", {}, [el("legend", {}, ["Which Python must it run on?"]),
        el("label", {for: "python"}, ["Oldest Python you deploy on"]), " ", python]));

      const licences = Array.from(new Set(data.frameworks.map(function (fw) { return fw.license; }))).sort();
      form.append(el("fieldset", {}, [el("legend", {}, ["Which licences can you accept?"]),
        ...licences.map(function (licence, index) {
          const id = "licence-" + index;
          return el("span", {class: "choice"}, [el("input", {type: "checkbox", name: "licence", value: licence,
            id: id, checked: true}), el("label", {for: id}, [licence])]);
        })]));

      if (data.risk_anchors) {
        const select = function (name, label, options) {
          return el("span", {class: "choice"}, [el("label", {for: name}, [label]), " ",
            el("select", {name: name, id: name}, options.map(function ([value, text]) {
              return el("option", {value: value}, [text]);
            }))]);
        };
        const check = function (name, label) {
          return el("span", {class: "choice"}, [el("input", {type: "checkbox", name: name, value: "yes", id: name}),
            el("label", {for: name}, [label])]);
        };
        form.append(el("fieldset", {}, [el("legend", {}, ["What risk can you take?"]),
          select("min-releases", "Releases in the last 12 months", [["0", "Any number"], ["1", "At least 1"],
            ["3", "At least 3"], ["6", "At least 6"]]),
          check("no-unfixed", "No advisory left unfixed in the release tested here"),
          check("typed", "Ships type information (py.typed)"),
          select("max-dependencies", "Distributions it installs", [["any", "Any number"], ["1", "Only itself"],
            ["5", "At most 5"], ["10", "At most 10"], ["20", "At most 20"]])]));
      }

      form.append(el("fieldset", {}, [el("legend", {}, ["Which frameworks does your team already know?"]),
        ...data.frameworks.map(function (fw) {
          const id = "knows-" + fw.slug;
          return el("span", {class: "choice"}, [el("input", {type: "checkbox", name: "knows", value: fw.slug,
            id: id}), el("label", {for: id}, [fw.name])]);
        }), weightInput("team")]));

      form.append(summary);
      app.classList.add("guide-layout");
      app.append(form, results);
      form.addEventListener("input", function () { render(); });
      form.addEventListener("change", function () { render(); });
      render();

      function answers() {
        const values = new FormData(form);
        const weights = {kind: Number(values.get("weight-kind")), team: Number(values.get("weight-team"))};
        const needs = {};
        data.needs.forEach(function (need) {
          needs[need.id] = values.get("need-" + need.id);
          weights[need.id] = Number(values.get("weight-" + need.id));
        });
        return {needs: needs, weights: weights, kind: values.get("kind"), python: values.get("python"),
          licences: values.getAll("licence"), knows: values.getAll("knows"),
          minReleases: values.get("min-releases") || "0", noUnfixed: values.get("no-unfixed") === "yes",
          typed: values.get("typed") === "yes", maxDependencies: values.get("max-dependencies") || "any"};
      }

      function render() {
        const scored = window.guideScore.scoreFrameworks(data, answers());
        const list = el("ol", {class: "ranking"}, scored.ranked.map(function (item) {
          const page = safeLink(root, item.framework.page);
          const percent = item.score === null ? "not ranked yet" : Math.round(item.score * 100) + "% of what you asked for";
          const also = item.extensions.length ? [el("p", {class: "extensions"}, ["Also with " +
            item.extensions.map(function (fw) { return fw.name; }).join(" or ") +
            ", which add nothing you asked for."])] : [];
          const base = item.framework.builds_on ? " (on " + item.framework.builds_on_name + ")" : "";
          return el("li", {"data-framework": item.framework.slug}, [
            el("a", {href: page}, [item.framework.name + base]), " ", el("span", {class: "score"}, [percent]), ...also,
            el("ul", {class: "reasons"}, item.reasons.map(function (reason) {
              const text = reason.level ? reason.label + ": " : reason.label;
              const parts = [el("span", {class: "sign", "aria-hidden": "true"}, [reason.good ? "+" : "−"]), " ",
                reason.anchor ? el("a", {href: page + "#" + reason.anchor}, [text]) : text];
              if (reason.level) parts.push(levelBadge(data, reason.level));
              return el("li", {class: reason.good ? "reason-good" : "reason-bad"}, parts);
            })),
          ]);
        }));
        const heading = el("h2", {id: "ranking"}, ["Ranking"]);
        const note = el("p", {}, [scored.ranked.length + " frameworks fit; the score is the weighted share of your " +
          "needs that their fact sheets meet (built in counts fully, an official extension or partial support two " +
          "thirds, a third-party package one third)."]);
        const out = el("div", {class: "excluded"}, scored.excluded.length ? [el("h3", {}, ["Excluded"]),
          el("ul", {}, scored.excluded.map(function (item) {
            const page = safeLink(root, item.framework.page);
            return el("li", {"data-framework": item.framework.slug}, [el("a", {href: page}, [item.framework.name]),
              ": ", el("a", {href: page + "#" + item.why.anchor}, [item.why.text])]);
          }))] : []);
        results.replaceChildren(heading, note, list, out);
        summary.replaceChildren(summaryText(scored), " ", el("a", {href: "#ranking"}, ["Ranking"]));
      }

      function summaryText(scored) {
        const ranked = scored.ranked.filter(function (item) { return item.score !== null; }).slice(0, 3);
        const excluded = scored.excluded.length ? "; " + scored.excluded.length + " excluded" : "";
        if (!ranked.length) return "Answer a question to rank the frameworks" + excluded + ".";
        const names = ranked.map(function (item) {
          return item.framework.name + " (" + Math.round(item.score * 100) + "%)";
        });
        return "Best fit: " + names[0] + (names.length > 1 ? ", then " + names.slice(1).join(" and ") : "") +
          excluded + ".";
      }
    }).catch(function (error) { app.append(el("p", {class: "decide-error"}, [String(error)])); });
  }

  /* -------------------------------------------------------------- compare */

  function compare(app) {
    const root = app.dataset.root;
    load(app.dataset.api).then(function (data) {
      app.replaceChildren();
      const all = byId(data.frameworks);
      const params = new URLSearchParams(window.location.search);
      const wanted = (params.get("f") || "").split(",").filter(function (slug) { return all[slug]; }).slice(0, 5);
      const picker = el("fieldset", {class: "compare-picker"}, [el("legend", {}, ["Frameworks (two to five)"])]);
      data.frameworks.forEach(function (fw) {
        const id = "pick-" + fw.slug;
        picker.append(el("span", {class: "choice"}, [el("input", {type: "checkbox", value: fw.slug, id: id,
          checked: wanted.includes(fw.slug)}), el("label", {for: id}, [fw.name])]));
      });
      const diffId = "differences-only";
      const diff = el("input", {type: "checkbox", id: diffId, checked: params.get("diff") === "1"});
      const copy = el("button", {type: "button", class: "md-button compare-copy"}, ["Copy link"]);
      const options = el("p", {class: "compare-options"}, [diff, el("label", {for: diffId}, ["Differences only"]), " ",
        copy]);
      const pageTitle = document.title;
      const output = el("div", {class: "compare-output"});
      // What a change did, in one short line: the table itself is not read out on every change.
      const status = el("p", {class: "compare-status", role: "status"});
      app.append(picker, options, status, output);

      function chosen() {
        return Array.from(picker.querySelectorAll("input:checked")).map(function (input) { return input.value; });
      }

      function update() {
        const slugs = chosen();
        picker.querySelectorAll("input").forEach(function (input) {
          input.disabled = !input.checked && slugs.length >= 5;
        });
        const query = new URLSearchParams();
        if (slugs.length) query.set("f", slugs.join(","));
        if (diff.checked) query.set("diff", "1");
        const search = query.toString();
        window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
        render(slugs.map(function (slug) { return all[slug]; }));
        const names = slugs.map(function (slug) { return all[slug].name; });
        document.title = names.length >= 2 ?
          names.slice(0, -1).join(", ") + " and " + names[names.length - 1] + " compared - " + pageTitle : pageTitle;
      }

      copy.addEventListener("click", function () {
        const address = window.location.href;
        const done = function () { status.textContent = "Link copied: " + address; };
        const failed = function () { status.textContent = "Copy this address: " + address; };
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(address).then(done, failed);
        else failed();
      });

      function render(frameworks) {
        if (frameworks.length < 2) {
          output.replaceChildren();
          status.textContent = "Pick at least two frameworks.";
          return;
        }
        const head = el("tr", {}, [el("th", {scope: "col"}, ["Compared on"])].concat(frameworks.map(function (fw) {
          return el("th", {scope: "col"}, [el("a", {href: safeLink(root, fw.page)}, [fw.name])]);
        })));
        const body = el("tbody");

        function row(label, cells, values, href) {
          const same = values.every(function (value) { return value === values[0]; });
          const tr = el("tr", {"data-same": same ? "true" : "false"}, [el("th", {scope: "row"},
            [href ? el("a", {href: href}, [label]) : label])].concat(cells.map(function (cell, index) {
            return el("td", {"data-label": frameworks[index].name}, [cell]);
          })));
          tr.hidden = same && diff.checked;
          body.append(tr);
        }

        function group(title) {
          body.append(el("tr", {class: "group"}, [el("th", {colspan: frameworks.length + 1, scope: "colgroup"}, [title])]));
        }

        function texts(values) { return values.map(function (value) { return document.createTextNode(value); }); }

        group("At a glance");
        [["Kind", function (fw) { return fw.kind_label; }],
          ["Interfaces", function (fw) { return fw.interfaces.join(", "); }],
          ["Lowest Python", function (fw) { return fw.python_floor || "unknown"; }],
          ["Licence", function (fw) { return fw.license; }],
          ["First release", function (fw) { return String(fw.first_release_year); }],
          ["Latest release", function (fw) { return fw.latest_release.version + " (" + fw.latest_release.date + ")"; }],
        ].forEach(function ([label, value]) {
          const values = frameworks.map(value);
          row(label, texts(values), values);
        });
        if (data.risk_rows) riskRows(frameworks, row, group);
        if (data.metrics) {
          group("Community figures");
          data.metrics.forEach(function (metric) {
            const values = frameworks.map(function (fw) {
              const figure = (fw.figures || {})[metric.id];
              return figure ? figure.value.toLocaleString("en") + " (" + figure.as_of + ")" : "unknown";
            });
            row(metric.name, texts(values), values,
              data.section_pages.community ? safeLink(root, data.section_pages.community) : null);
          });
        }
        if (data.benchmark) {
          group("Measured " + data.benchmark.date + ": requests per second of server CPU time, and as a share of the bare app");
          const servers = byId(data.benchmark.servers);
          benchmarkRows(data, frameworks).forEach(function ([sample, server, baseline]) {
            const values = frameworks.map(function (fw) {
              const result = (fw.measured || []).find(function (item) {
                return item.sample === sample && item.server === server;
              });
              return result ? Math.round(result.requests_per_cpu_second).toLocaleString("en") + " (" + result.ratio + "\u00d7)" :
                "not run on this server";
            });
            const label = sample.replace(/_/g, " ") + " on " + servers[server].name + " (share of the bare " +
              servers[baseline].interface + " app on " + servers[baseline].name + ")";
            row(label, texts(values), values,
              data.section_pages.benchmarks ? safeLink(root, data.section_pages.benchmarks) : null);
          });
        }
        group("Features");
        data.features.forEach(function (feature) {
          const values = frameworks.map(function (fw) { return fw.features[feature.id]; });
          row(feature.name, values.map(function (key) { return levelBadge(data, key); }), values,
            safeLink(root, "features/") + "#feature-" + feature.id);
        });
        group("Criteria");
        data.criteria.forEach(function (criterion) {
          const values = frameworks.map(function (fw) { return fw.summaries[criterion.id] || "No verdict written."; });
          row(criterion.title, texts(values), values, safeLink(root, criterion.page));
        });
        const table = el("table", {class: "compare-table"}, [el("thead", {}, [head]), body]);
        const charts = el("div", {class: "compare-charts"});
        output.replaceChildren(el("div", {class: "table-scroll"}, [table]), charts);
        const differing = body.querySelectorAll("tr[data-same=false]").length;
        const names = frameworks.map(function (fw) { return fw.name; });
        status.textContent = "Comparing " + names.slice(0, -1).join(", ") + " and " + names[names.length - 1] + ": " +
          (diff.checked ? "the " + differing + " rows that differ." : differing + " of " +
            body.querySelectorAll("tr[data-same]").length + " rows differ.");
        markOverflow();
        drawCharts(charts, frameworks);
      }

      /* Maintenance, security and footprint rows (their text comes from compare.json), each cell linking
       * to the fact on the framework's page. */
      function riskRows(frameworks, row, group) {
        let current = null;
        data.risk_rows.forEach(function (item) {
          if (item.group !== current) group(current = item.group);
          const values = frameworks.map(function (fw) { return fw.risk_cells[item.id]; });
          row(item.label, values.map(function (text, index) {
            return el("a", {href: safeLink(root, frameworks[index].page) + "#" + data.risk_anchors[item.anchor]}, [text]);
          }), values);
        });
      }

      /* Each (sample, server) some compared framework ran on, in the run's server order: figures
       * on one server share a baseline; rows of different servers are not ranked together. */
      function benchmarkRows(data, frameworks) {
        const found = [];
        data.benchmark.servers.forEach(function (server) {
          frameworks.forEach(function (fw) {
            (fw.measured || []).forEach(function (item) {
              if (item.server === server.id && !found.some(function (seen) {
                return seen[0] === item.sample && seen[1] === item.server;
              })) found.push([item.sample, item.server, item.baseline_server]);
            });
          });
        });
        return found;
      }

      function drawCharts(charts, frameworks) {
        if (!app.dataset.history || !window.compareChart) return;
        load(app.dataset.history).then(function (history) {
          if (!charts.isConnected) return;  // a newer choice has replaced this one
          history.metrics.filter(function (metric) { return metric.id !== "stackoverflow-questions"; })
            .forEach(function (metric) {
              const drawn = window.compareChart.chart(metric, frameworks, history.series);
              if (!drawn) return;
              const rows = history.series.filter(function (item) {
                return item.metric === metric.id && frameworks.some(function (fw) { return fw.slug === item.framework; });
              }).map(function (item) {
                const first = item.points[0];
                const last = item.points[item.points.length - 1];
                const name = frameworks.find(function (fw) { return fw.slug === item.framework; }).name;
                return el("tr", {}, [el("th", {scope: "row"}, [name]), el("td", {}, [item.label]),
                  el("td", {}, [first[0] + ": " + first[1].toLocaleString("en")]),
                  el("td", {}, [last[0] + ": " + last[1].toLocaleString("en")])]);
              });
              const table = el("table", {class: "compare-chart-data"}, [
                el("caption", {}, [metric.name + ": each series is one source and method"]),
                el("thead", {}, [el("tr", {}, ["Framework", "Series", "First point", "Last point"].map(function (text) {
                  return el("th", {scope: "col"}, [text]);
                }))]),
                el("tbody", {}, rows),
              ]);
              charts.append(el("figure", {class: "compare-figure"}, [drawn,
                el("figcaption", {}, [metric.name + " of the compared frameworks over time (logarithmic scale). " +
                  "Series from different sources or methods are drawn apart."]),
                el("details", {}, [el("summary", {}, ["The figures"]), el("div", {class: "table-scroll"}, [table])])]));
            });
        }).catch(function () { /* the table above stands without the chart */ });
      }

      picker.addEventListener("change", update);
      diff.addEventListener("change", update);
      update();
    }).catch(function (error) { app.append(el("p", {class: "decide-error"}, [String(error)])); });
  }

  /* --------------------------------------------------------------- matrix */

  function matrix(app) {
    const table = document.getElementById("matrix-table");
    if (!table) return;
    const rows = Array.from(table.tBodies[0].rows);
    const heads = Array.from(table.tHead.rows[0].cells);
    const categories = Array.from(new Set(rows.map(function (row) { return row.dataset.category; })));
    const levels = Array.from(new Set(rows.flatMap(function (row) {
      return Array.from(row.querySelectorAll("td[data-level]")).map(function (cell) { return cell.dataset.level; });
    })));
    const category = el("select", {id: "matrix-category"}, [el("option", {value: ""}, ["All categories"])].concat(
      categories.map(function (name) { return el("option", {value: name}, [name]); })));
    const labels = Object.fromEntries(rows.flatMap(function (row) {
      return Array.from(row.querySelectorAll("td[data-level] .level")).map(function (badge) {
        return [badge.closest("td").dataset.level, badge.textContent.trim()];
      });
    }));
    const level = el("select", {id: "matrix-level"}, [el("option", {value: ""}, ["Any level"])].concat(
      levels.map(function (key) { return el("option", {value: key}, [(labels[key] || key) + " only"]); })));
    const columns = el("fieldset", {class: "matrix-columns"}, [el("legend", {}, ["Columns"])].concat(
      heads.filter(function (cell) { return cell.dataset.framework; }).map(function (cell) {
        const id = "column-" + cell.dataset.framework;
        return el("span", {class: "choice"}, [el("input", {type: "checkbox", id: id, value: cell.dataset.framework,
          checked: true}), el("label", {for: id}, [cell.textContent])]);
      })));
    const status = el("p", {class: "matrix-status", "aria-live": "polite"});
    app.replaceChildren(el("div", {class: "matrix-controls"}, [
      el("label", {for: "matrix-category"}, ["Category"]), " ", category, " ",
      el("label", {for: "matrix-level"}, ["Support"]), " ", level]), columns, status);

    function apply() {
      const shown = new Set(Array.from(columns.querySelectorAll("input:checked")).map(function (input) {
        return input.value;
      }));
      heads.forEach(function (cell, index) {
        const hidden = Boolean(cell.dataset.framework) && !shown.has(cell.dataset.framework);
        cell.hidden = hidden;
        rows.forEach(function (row) { row.cells[index].hidden = hidden; });
      });
      let visible = 0;
      rows.forEach(function (row) {
        let matches = 0;
        Array.from(row.cells).forEach(function (cell, index) {
          if (!cell.dataset.level) return;
          const match = !level.value || cell.dataset.level === level.value;
          cell.classList.toggle("filtered-out", !match);
          if (match && !heads[index].hidden) matches += 1;
        });
        row.hidden = (category.value && row.dataset.category !== category.value) || (level.value && !matches);
        if (!row.hidden) visible += 1;
      });
      status.textContent = visible + " of " + rows.length + " features shown.";
    }

    [category, level, columns].forEach(function (control) { control.addEventListener("change", apply); });
    const order = (table.dataset.levelOrder || "").split(" ");
    rows.forEach(function (row) {
      Array.from(row.cells).forEach(function (cell, index) {
        if (!cell.dataset.level) return;
        cell.dataset.sort = order.indexOf(cell.dataset.level);
        if (!cell.dataset.label && heads[index]) cell.dataset.label = heads[index].textContent;
      });
    });
    if (window.Tablesort && !table.dataset.sortable) {
      new window.Tablesort(table);
      table.dataset.sortable = "true";
    }
    apply();
  }

  /* ------------------------------------------------------- wide tables */

  /* A table wider than its box gets a visible cue and becomes a keyboard-scrollable region. */
  function markOverflow() {
    document.querySelectorAll(".md-typeset__scrollwrap, .compare-output .table-scroll").forEach(function (box) {
      const overflowing = box.scrollWidth > box.clientWidth + 1;
      let cue = box.previousElementSibling;
      if (!(cue && cue.classList.contains("scroll-cue"))) cue = null;
      if (overflowing && !cue) {
        cue = el("p", {class: "scroll-cue"}, ["More columns to the right: scroll the table sideways."]);
        box.before(cue);
      }
      if (cue) cue.hidden = !overflowing;
      if (overflowing) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Table, scrolls sideways");
      } else {
        ["tabindex", "role", "aria-label"].forEach(function (name) { box.removeAttribute(name); });
      }
    });
  }

  let resizeTimer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(markOverflow, 150);
  });

  /* Per-fact edit links: the page says their common start once (#edit-base), each citation
     the rest (data-edit); the link is added here, so a page without scripts shows no dead link. */
  function addEditLinks() {
    const base = document.getElementById("edit-base");
    if (!base) return;
    document.querySelectorAll("details.cite[data-edit]").forEach(function (cite) {
      const target = cite.getAttribute("data-edit");
      const body = cite.querySelector(".cite-body");
      if (!body || body.querySelector(".edit-fact") || !/^[a-z0-9-]+\.yml#L[0-9]+$/.test(target)) return;
      const link = document.createElement("a");
      link.className = "edit-fact";
      link.href = base.dataset.base + target;
      link.textContent = "edit";
      body.append(" ", link);
    });
  }

  function start() {
    addEditLinks();
    const apps = {"guide-app": guide, "compare-app": compare, "matrix-app": matrix};
    Object.entries(apps).forEach(function ([id, init]) {
      const app = document.getElementById(id);
      if (app && !app.dataset.started) {
        app.dataset.started = "true";
        init(app);
      }
    });
    // After the theme has wrapped its tables.
    window.setTimeout(markOverflow, 0);
  }

  // Material's instant navigation swaps pages without a reload and announces each on document$.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
