// The decision guide's scoring (docs/assets/guide-score.js) on a small fixed dataset shaped like
// api/v1/compare.json. Run with `node --test tests/js/*.test.js` (scripts/test does).
"use strict";

const assert = require("node:assert/strict");
const test = require("node:test");
const {scoreFrameworks, versionNumber} = require("../../docs/assets/guide-score.js");

// The site's levels and scores (macros/vocabulary.py LEVELS).
const LEVELS = [
  {id: "built-in", label: "Built in", score: 3},
  {id: "partial", label: "Partial", score: 2},
  {id: "official-extension", label: "Official extension", score: 2},
  {id: "third-party", label: "Third party", score: 1},
  {id: "none", label: "Not available", score: 0},
  {id: "unknown", label: "Unknown", score: 0},
];

function framework(slug, name, kind, kindLabel, pythonFloor, license, features) {
  return {slug: slug, name: name, page: "frameworks/" + slug + "/", kind: kind, kind_label: kindLabel,
    python_floor: pythonFloor, license: license, features: features};
}

// Not in name order, so the ranking's order is the sort's. Bravo and Charlie have the same levels.
const DATA = {
  levels: LEVELS,
  features: [{id: "a", name: "Alpha"}, {id: "b", name: "Beta"}, {id: "c", name: "Gamma"}],
  needs: [{id: "api", features: ["a", "b"]}, {id: "data", features: ["c"]}],
  frameworks: [
    framework("zeta", "Zeta", "full-stack", "Full-stack", "3.10", "BSD-3-Clause",
      {a: "built-in", b: "built-in", c: "built-in"}),
    framework("bravo", "Bravo", "micro", "Micro-framework", "3.8", "MIT",
      {a: "built-in", b: "partial", c: "third-party"}),
    framework("able", "Able", "api", "API framework", null, "MIT", {a: "third-party", b: "unknown", c: "none"}),
    framework("charlie", "Charlie", "micro", "Micro-framework", "3.12", "Apache-2.0",
      {a: "built-in", b: "partial", c: "third-party"}),
  ],
};

// What the page's form gives before anything is touched.
const DEFAULTS = {needs: {api: "none", data: "none"}, weights: {api: 1, data: 1, kind: 1, team: 1}, kind: "any",
  python: "any", licences: ["Apache-2.0", "BSD-3-Clause", "MIT"], knows: []};

function scores(result) {
  return result.ranked.map(function (item) { return [item.framework.slug, item.score]; });
}

function assertScores(result, expected) {
  const actual = scores(result);
  assert.deepEqual(actual.map(function (pair) { return pair[0]; }), expected.map(function (pair) { return pair[0]; }));
  actual.forEach(function ([slug, score], index) {
    const wanted = expected[index][1];
    if (wanted === null) assert.equal(score, null, slug);
    else assert.ok(Math.abs(score - wanted) < 1e-12, slug + ": " + score + " is not " + wanted);
  });
}

function excluded(result) {
  return result.excluded.map(function (item) { return [item.framework.slug, item.why.text, item.why.anchor]; });
}

test("no answers: every framework ranked, unscored, by name, with no reasons", function () {
  for (const answers of [{}, DEFAULTS]) {
    const result = scoreFrameworks(DATA, answers);
    assertScores(result, [["able", null], ["bravo", null], ["charlie", null], ["zeta", null]]);
    assert.deepEqual(result.ranked.map(function (item) { return item.reasons; }), [[], [], [], []]);
    assert.deepEqual(result.excluded, []);
  }
});

test("a nice-to-have need scores the share of its levels: partial counts two thirds, unknown nothing", function () {
  const result = scoreFrameworks(DATA, {...DEFAULTS, needs: {api: "nice", data: "none"}});
  // Bravo and Charlie tie at (3 + 2) / 3 / 2 and keep name order; Able has a third party and an unknown.
  assertScores(result, [["zeta", 1], ["bravo", 5 / 6], ["charlie", 5 / 6], ["able", 1 / 6]]);
  assert.deepEqual(result.ranked[1].reasons, [
    {good: true, label: "Alpha", level: "built-in", anchor: "feature-a"},
    {good: true, label: "Beta", level: "partial", anchor: "feature-b"},
  ]);
  assert.deepEqual(result.ranked[3].reasons, [
    {good: false, label: "Alpha", level: "third-party", anchor: "feature-a"},
    {good: false, label: "Beta", level: "unknown", anchor: "feature-b"},
  ]);
  assert.deepEqual(result.excluded, []);
});

test("a must-have need excludes on the first feature scoring nothing, unknown included", function () {
  const api = scoreFrameworks(DATA, {...DEFAULTS, needs: {api: "must", data: "none"}});
  assertScores(api, [["zeta", 1], ["bravo", 5 / 6], ["charlie", 5 / 6]]);
  assert.deepEqual(excluded(api), [["able", "Beta: unknown", "feature-b"]]);
  const data = scoreFrameworks(DATA, {...DEFAULTS, needs: {api: "none", data: "must"}});
  assertScores(data, [["zeta", 1], ["bravo", 1 / 3], ["charlie", 1 / 3]]);
  assert.deepEqual(excluded(data), [["able", "Gamma: not available", "feature-c"]]);
});

test("weights: each need counts its weight, a need with weight 0 counts nothing", function () {
  const weights = {...DEFAULTS.weights, api: 3};
  const result = scoreFrameworks(DATA, {...DEFAULTS, needs: {api: "nice", data: "nice"}, weights: weights});
  // Bravo: (3 × 5/6 + 1 × 1/3) / 4. Able: (3 × 1/6 + 0) / 4.
  assertScores(result, [["zeta", 1], ["bravo", 17 / 24], ["charlie", 17 / 24], ["able", 1 / 8]]);
  const zero = scoreFrameworks(DATA, {...DEFAULTS, needs: {api: "nice", data: "none"}, weights: {api: 0}});
  assertScores(zero, [["able", null], ["bravo", null], ["charlie", null], ["zeta", null]]);
  assert.equal(zero.ranked[0].reasons.length, 2);  // still says why, without a score
});

test("batteries included and team experience score with their own weights", function () {
  const answers = {...DEFAULTS, kind: "batteries", weights: {...DEFAULTS.weights, kind: 2}, knows: ["charlie"]};
  const result = scoreFrameworks(DATA, answers);
  // Zeta: 2 of 3 (full-stack, unknown to the team); Charlie: 1 of 3; Able and Bravo tie at 0.
  assertScores(result, [["zeta", 2 / 3], ["charlie", 1 / 3], ["able", 0], ["bravo", 0]]);
  assert.deepEqual(result.ranked[1].reasons, [
    {good: false, label: "Micro-framework", anchor: "identity--charlie"},
    {good: true, label: "Your team knows it"},
  ]);
  const own = scoreFrameworks(DATA, {...DEFAULTS, kind: "own"});
  assertScores(own, [["able", 1], ["bravo", 1], ["charlie", 1], ["zeta", 0]]);
  assert.deepEqual(own.ranked[3].reasons, [{good: false, label: "Full-stack", anchor: "identity--zeta"}]);
});

test("Python floors compare as versions, and an unstated floor excludes", function () {
  assert.equal(versionNumber("3.10"), 3010);
  assert.equal(versionNumber("3.9"), 3009);
  const result = scoreFrameworks(DATA, {...DEFAULTS, python: "3.9"});
  assertScores(result, [["bravo", null]]);
  assert.deepEqual(excluded(result), [
    ["zeta", "needs Python 3.10 or later", "identity--zeta"],
    ["able", "lowest supported Python is not stated plainly", "identity--able"],
    ["charlie", "needs Python 3.12 or later", "identity--charlie"],
  ]);
  assertScores(scoreFrameworks(DATA, {...DEFAULTS, python: "3.12"}),
    [["bravo", null], ["charlie", null], ["zeta", null]]);
});

test("licences not accepted exclude; a must-have's reason comes first, then Python, then the licence", function () {
  const mit = scoreFrameworks(DATA, {...DEFAULTS, licences: ["MIT"]});
  assertScores(mit, [["able", null], ["bravo", null]]);
  assert.deepEqual(excluded(mit).map(function (item) { return item[1]; }),
    ["licence BSD-3-Clause is not one you accept", "licence Apache-2.0 is not one you accept"]);
  const none = scoreFrameworks(DATA, {...DEFAULTS, needs: {api: "must"}, python: "3.11", licences: []});
  assert.deepEqual(none.ranked, []);
  assert.deepEqual(excluded(none).map(function (item) { return item[1]; }), [
    "licence BSD-3-Clause is not one you accept",
    "licence MIT is not one you accept",
    "Beta: unknown",
    "needs Python 3.12 or later",
  ]);
});

// Maintenance, security and footprint constraints: exclusions with the fact that fails, never a score.
const RISK = Object.assign({}, DATA, {
  risk_anchors: {releases: "status", advisories: "security-record", footprint: "footprint"},
  frameworks: [
    Object.assign({}, DATA.frameworks[0], {risk: {releases_12_months: 6, unfixed_advisories: 0, typed: true,
      distributions: 4}}),
    Object.assign({}, DATA.frameworks[1], {risk: {releases_12_months: 1, unfixed_advisories: 2, typed: false,
      distributions: 1}}),
    Object.assign({}, DATA.frameworks[2], {risk: {releases_12_months: null, unfixed_advisories: null, typed: null,
      distributions: null}}),
    Object.assign({}, DATA.frameworks[3], {risk: {releases_12_months: 3, unfixed_advisories: 0, typed: true,
      distributions: 12}}),
  ],
});

test("risk constraints exclude with the failing fact and its anchor", function () {
  const result = scoreFrameworks(RISK, Object.assign({}, DEFAULTS, {minReleases: 2}));
  assert.deepEqual(excluded(result), [
    ["bravo", "1 release in the last 12 months", "status"],
    ["able", "releases in the last 12 months are not known", "status"],
  ]);
  assert.deepEqual(result.ranked.map(function (item) { return item.framework.slug; }), ["charlie", "zeta"]);
});

test("no unfixed advisory, typed and at most N dependencies each exclude on their own fact", function () {
  assert.deepEqual(excluded(scoreFrameworks(RISK, Object.assign({}, DEFAULTS, {noUnfixed: true}))), [
    ["bravo", "2 advisories not fixed in the release tested here", "security-record"],
    ["able", "whether advisories are unfixed is not known", "security-record"],
  ]);
  assert.deepEqual(excluded(scoreFrameworks(RISK, Object.assign({}, DEFAULTS, {typed: true}))), [
    ["bravo", "ships no type information (py.typed)", "footprint"],
    ["able", "typing is not known", "footprint"],
  ]);
  assert.deepEqual(excluded(scoreFrameworks(RISK, Object.assign({}, DEFAULTS, {maxDependencies: "5"}))), [
    ["able", "what it installs is not known", "footprint"],
    ["charlie", "installs 12 distributions", "footprint"],
  ]);
  assert.deepEqual(excluded(scoreFrameworks(RISK, Object.assign({}, DEFAULTS, {maxDependencies: "any"}))), []);
});

test("an extension scores as the stack with its base, and is folded into the base unless it adds what was asked", function () {
  const base = framework("zeta", "Zeta", "full-stack", "Full-stack", "3.10", "MIT", {a: "built-in", b: "none", c: "built-in"});
  const adds = Object.assign(framework("zeta-api", "Zeta API", "extension", "Extension", "3.10", "MIT",
    {a: "built-in", b: "built-in", c: "built-in"}), {builds_on: "zeta", from_base: ["a", "c"]});
  const same = Object.assign(framework("zeta-admin", "Zeta Admin", "extension", "Extension", "3.10", "MIT",
    {a: "built-in", b: "none", c: "built-in"}), {builds_on: "zeta", from_base: ["a", "b", "c"]});
  const data = Object.assign({}, DATA, {frameworks: [base, adds, same]});

  const onlyData = scoreFrameworks(data, Object.assign({}, DEFAULTS, {needs: {api: "none", data: "nice"}}));
  assertScores(onlyData, [["zeta", 1]]);
  assert.deepEqual(onlyData.ranked[0].extensions.map(function (fw) { return fw.slug; }), ["zeta-api", "zeta-admin"]);

  const api = scoreFrameworks(data, Object.assign({}, DEFAULTS, {needs: {api: "nice", data: "nice"}, kind: "batteries"}));
  assertScores(api, [["zeta-api", 1], ["zeta", 2.5 / 3]]);
  assert.deepEqual(api.ranked[1].extensions.map(function (fw) { return fw.slug; }), ["zeta-admin"]);
  const labels = api.ranked[0].reasons.map(function (reason) { return [reason.label, reason.good]; });
  assert.deepEqual(labels, [["Alpha (from Zeta)", true], ["Beta", true], ["Gamma (from Zeta)", true],
    ["Extension of Zeta", true]]);
});
