// The portal never hands text to the HTML parser, except at the reviewed places listed here.
// Leptos' `view!` sets text as text nodes and attributes as attributes, so the only ways data
// can become markup are the raw-HTML doors: `inner_html`, `innerHTML`, `outerHTML`,
// `insertAdjacentHTML`, `document.write`, `createContextualFragment`, `srcdoc`, `DOMParser`.
// This test greps the portal's own source (portal/src and www/, not the vendored NHS.UK files)
// for them and fails on any use not in REVIEWED, and on any REVIEWED entry no longer present
// (so the list cannot rot). No browser is needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './lib.mjs';

const DOORS = /inner_?html|outer_?html|insert_?adjacent_?html|document\.write|contextual_?fragment|srcdoc|DOMParser|parse_?from_?string/i;

/**
 * Each reviewed use: the file, the exact (trimmed) line, and why it is safe. Every entry here
 * takes markup that gom-core produced or vetted, never text straight from a bundle, a report, a
 * form field or the server; the XSS corpus (xss.test.mjs) drives hostile data through both.
 */
const REVIEWED = [
  {
    file: 'portal/src/components/graph_page.rs',
    line: 'inner_html=move || drawing()',
    why: 'SVG written by gom_core::graph::svg, which escapes every text and attribute value '
      + '(graph::svg::esc, tested in core/src/graph/tests.rs); the data are only ever inside <text> and <title>.',
    guard: /model\.with\(\|g\| svg\(g, &opts\)\)/,
  },
  {
    file: 'portal/src/components/report_doc.rs',
    line: 'Some(html) => view! { <div class="gom-narrative" inner_html=html></div> }.into_any(),',
    why: "A report's narrative XHTML, set only when gom-core's narrative rules passed it (no script, "
      + 'no event handler, no unsafe URL, XHTML elements only; NarrativeView.html is None otherwise and '
      + 'the text is shown as text).',
    guard: /match n\.html \{/,
  },
];

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name === 'vendor' || name === 'node_modules') continue;
      yield* files(p);
    } else if (/\.(rs|js|mjs|html|css)$/.test(name)) {
      yield p;
    }
  }
}

function uses() {
  const found = [];
  for (const dir of ['portal/src', 'www']) {
    for (const p of files(join(ROOT, dir))) {
      readFileSync(p, 'utf8').split('\n').forEach((text, i) => {
        if (DOORS.test(text)) found.push({ file: relative(ROOT, p), line: text.trim(), at: i + 1 });
      });
    }
  }
  return found;
}

const reviewed = (u) => REVIEWED.some((r) => r.file === u.file && r.line === u.line);

test('no raw-HTML door is used outside the reviewed places', () => {
  const unreviewed = uses().filter((u) => !reviewed(u)).map((u) => `${u.file}:${u.at}: ${u.line}`);
  assert.deepEqual(unreviewed, []);
});

test('every reviewed place is still there, with its guard beside it', () => {
  const all = uses();
  for (const r of REVIEWED) {
    assert.ok(all.some((u) => u.file === r.file && u.line === r.line), `${r.file}: ${r.line} is gone; drop it from REVIEWED`);
    assert.match(readFileSync(join(ROOT, r.file), 'utf8'), r.guard, `${r.file}: the guard of the reviewed use changed`);
    assert.ok(r.why.length > 40);
  }
});

test('the scan does see the doors (it is not vacuous)', () => {
  for (const s of ['el.innerHTML = x', 'inner_html=x', 'insertAdjacentHTML("x")', 'document.write(x)', 'srcdoc=x',
    'new DOMParser()', 'set_inner_html(&x)', 'range.createContextualFragment(x)', 'e.outerHTML']) {
    assert.ok(DOORS.test(s), s);
  }
  assert.ok(uses().length >= REVIEWED.length);
});
