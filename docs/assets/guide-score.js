/* The decision guide's scoring, apart from the page: no DOM, no requests, so Node can test it
 * (tests/js/). decide.js reads the form into `answers` and draws what this returns.
 */
(function () {
  "use strict";

  function versionNumber(version) {
    const [major, minor] = String(version).split(".").map(Number);
    return major * 1000 + (minor || 0);
  }

  /* Ranks data.frameworks (api/v1/compare.json: levels, features, needs, frameworks) by answers:
   *   needs     {<need id>: "none" | "nice" | "must"}, a missing need is "none"
   *   weights   {<need id> | "kind" | "team": 0..3}, a missing weight is 1
   *   kind      "any" | "batteries" | "own", missing is "any"
   *   python    "any" | "3.11", the oldest Python deployed on; missing is "any"
   *   licences  the accepted licence ids; missing accepts every licence
   *   knows     slugs of the frameworks the team knows
   *   minReleases       at least this many releases in the 12 months the data runs to (0: any)
   *   noUnfixed         true: no advisory left unfixed in the release the site tests
   *   typed             true: the package ships type information (py.typed)
   *   maxDependencies   at most this many distributions installed with it (null: any)
   * The last four read fw.risk (null where a fact is unknown, which excludes under that constraint)
   * and link to data.risk_anchors on the framework's page.
   * An extension (fw.builds_on: its base's slug; fw.from_base: the features its base provides) is
   * scored as the stack of both, its base's features marked as such; so that the base's features
   * are not counted twice, an extension that scores no higher than its base is not ranked on its
   * own but listed in the base's `extensions`.
   * Returns {ranked, excluded}. ranked: [{framework, score, reasons, extensions}], best score first, ties by name;
   * score is the weighted share of the needs met (0..1), null when nothing was asked. A reason is
   * {good, label, level?, anchor?} (anchor: the id on the framework's page). excluded:
   * [{framework, why: {text, anchor}}], in the data's order.
   */
  function scoreFrameworks(data, answers) {
    const needs = answers.needs || {};
    const weights = answers.weights || {};
    const kind = answers.kind || "any";
    const python = answers.python || "any";
    const knows = answers.knows || [];
    const levels = Object.fromEntries(data.levels.map(function (level) { return [level.id, level]; }));
    const features = Object.fromEntries(data.features.map(function (feature) { return [feature.id, feature]; }));

    function weight(name) {
      return name in weights ? Number(weights[name]) : 1;
    }

    const ranked = [];
    const excluded = [];
    const bySlug = Object.fromEntries(data.frameworks.map(function (fw) { return [fw.slug, fw]; }));
    data.frameworks.forEach(function (fw) {
      const base = fw.builds_on ? bySlug[fw.builds_on] : null;
      const fromBase = base ? fw.from_base || [] : [];
      const identity = "identity--" + fw.slug;
      const reasons = [];
      let score = 0;
      let total = 0;
      let why = null;
      data.needs.forEach(function (need) {
        const importance = needs[need.id] || "none";
        if (importance === "none") return;
        let met = 0;
        need.features.forEach(function (id) {
          const key = fw.features[id];
          const level = levels[key];
          met += level.score / 3;
          const label = features[id].name + (fromBase.includes(id) ? " (from " + base.name + ")" : "");
          reasons.push({good: level.score >= 2, label: label, level: key, anchor: "feature-" + id});
          if (importance === "must" && level.score === 0 && !why) {
            why = {text: features[id].name + ": " + level.label.toLowerCase(), anchor: "feature-" + id};
          }
        });
        score += weight(need.id) * met / need.features.length;
        total += weight(need.id);
      });
      if (kind !== "any") {
        const stackKind = base ? base.kind : fw.kind;
        const fits = (kind === "batteries") === (stackKind === "full-stack");
        score += fits ? weight("kind") : 0;
        total += weight("kind");
        reasons.push({good: fits, label: base ? fw.kind_label + " of " + base.name : fw.kind_label, anchor: identity});
      }
      if (knows.length) {
        const known = knows.includes(fw.slug);
        score += known ? weight("team") : 0;
        total += weight("team");
        if (known) reasons.push({good: true, label: "Your team knows it"});
      }
      if (!why && python !== "any") {
        if (fw.python_floor === null) {
          why = {text: "lowest supported Python is not stated plainly", anchor: identity};
        } else if (versionNumber(fw.python_floor) > versionNumber(python)) {
          why = {text: "needs Python " + fw.python_floor + " or later", anchor: identity};
        }
      }
      if (!why && answers.licences && !answers.licences.includes(fw.license)) {
        why = {text: "licence " + fw.license + " is not one you accept", anchor: identity};
      }
      if (!why) why = riskExclusion(fw, answers, data.risk_anchors || {});
      if (why) excluded.push({framework: fw, why: why});
      else ranked.push({framework: fw, score: total ? score / total : null, reasons: reasons, extensions: []});
    });
    const rankedBySlug = Object.fromEntries(ranked.map(function (item) { return [item.framework.slug, item]; }));
    const folded = ranked.filter(function (item) {
      const base = rankedBySlug[item.framework.builds_on];
      if (!base || (item.score || 0) > (base.score || 0)) return false;
      base.extensions.push(item.framework);
      return true;
    });
    ranked.splice(0, ranked.length, ...ranked.filter(function (item) { return !folded.includes(item); }));
    ranked.sort(function (a, b) {
      return (b.score || 0) - (a.score || 0) || a.framework.name.localeCompare(b.framework.name);
    });
    return {ranked: ranked, excluded: excluded};
  }

  /* The first maintenance, security or footprint constraint a framework fails, or null. */
  function riskExclusion(fw, answers, anchors) {
    const risk = fw.risk || {};
    const minReleases = Number(answers.minReleases || 0);
    if (minReleases > 0) {
      if (risk.releases_12_months === null || risk.releases_12_months === undefined) {
        return {text: "releases in the last 12 months are not known", anchor: anchors.releases};
      }
      if (risk.releases_12_months < minReleases) {
        return {text: risk.releases_12_months + " release" + (risk.releases_12_months === 1 ? "" : "s") +
          " in the last 12 months", anchor: anchors.releases};
      }
    }
    if (answers.noUnfixed) {
      if (risk.unfixed_advisories === null || risk.unfixed_advisories === undefined) {
        return {text: "whether advisories are unfixed is not known", anchor: anchors.advisories};
      }
      if (risk.unfixed_advisories > 0) {
        return {text: risk.unfixed_advisories + " advisor" + (risk.unfixed_advisories === 1 ? "y" : "ies") +
          " not fixed in the release tested here", anchor: anchors.advisories};
      }
    }
    if (answers.typed && risk.typed !== true) {
      return {text: risk.typed === false ? "ships no type information (py.typed)" : "typing is not known",
        anchor: anchors.footprint};
    }
    const most = answers.maxDependencies;
    if (most !== null && most !== undefined && most !== "" && most !== "any") {
      if (risk.distributions === null || risk.distributions === undefined) {
        return {text: "what it installs is not known", anchor: anchors.footprint};
      }
      if (risk.distributions > Number(most)) {
        return {text: "installs " + risk.distributions + " distributions", anchor: anchors.footprint};
      }
    }
    return null;
  }

  const api = {scoreFrameworks: scoreFrameworks, versionNumber: versionNumber};
  if (typeof module !== "undefined") module.exports = api;
  else window.guideScore = api;
})();
