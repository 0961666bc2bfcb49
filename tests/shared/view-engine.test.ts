import fs from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { fromRoot } from '../../src/shared/paths.js';
import { createViewEngine, localNames, templateNames } from '../../src/shared/view-engine.js';
import { tempDir } from '../helpers/tmp.js';

/** An engine over a temporary views folder holding `files` (a layout that only wraps, unless given). */
function engineFor(files: Record<string, string>, { watch = false } = {}) {
  const root = tempDir('views');
  for (const [name, text] of Object.entries({ 'layout.ejs': '<%- body %>', ...files })) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  const engine = createViewEngine({ root, layout: path.join(root, 'layout.ejs'), watch });
  onTestFinished(() => engine.close());
  return {
    root,
    render: (name: string, data: Record<string, unknown> = {}) => engine.render(path.join(root, name), data),
  };
}

describe('localNames (what a template reads from its locals)', () => {
  it.each([
    ['<%= user.name %>', ['user']],
    ['<%- include("/x", { run }) %>', ['run']],
    ['<% for (const t of question.topics) { %><%= t %><% } %>', ['question', 't']],
    ['<%= { ...rest, a: 1 } %>', ['a', 'rest']],
    ['<%# a comment names nothing %><%% literal %>', []],
    ['<%= typeof title === "string" ? title : "" %>', ['title']],
    ['<%= Math.round(n) + JSON.stringify(x) + encodeURIComponent(y) %>', ['n', 'x', 'y']],
    ['<%= locals.retryNote ? 1 : null %>', []],
    ['<% if (a) { %>x<% } else { %>y<% } %>', ['a']],
    ['<%_ const __p = 1; _%><%= $v %>', ['$v']],
  ])('%s reads %j', (template, expected) => {
    expect(localNames(template)).toEqual(expected);
  });
});

describe('templateNames (globals apart)', () => {
  it('sets aside the globals a template uses: a local could not replace them', () => {
    expect(templateNames('<%= Math.round(n) + String(title) %>')).toEqual({
      locals: ['n', 'title'],
      globals: ['Math', 'String'],
    });
  });
});

describe('createViewEngine', () => {
  it('renders locals, escapes them, and wraps a view in the layout it asks for', () => {
    const { render } = engineFor({
      'layout.ejs': '<title><%= title %></title><main><%- body %></main><%= user %>',
      'page.ejs': '<% layout({ title: "T & more" }) %><p><%= greeting %></p>',
      'fragment.ejs': '<li><%= item %></li>',
    });
    expect(render('page.ejs', { greeting: '<hi>', user: 'ann' })).toBe(
      '<title>T &amp; more</title><main><p>&lt;hi&gt;</p></main>ann',
    );
    expect(render('fragment.ejs', { item: 'one' })).toBe('<li>one</li>');
  });

  it('treats a missing local as undefined, as typeof and locals.x did under with()', () => {
    const { render } = engineFor({ 'v.ejs': '<%= typeof missing %>|<%= locals.missing ?? "none" %>|<%= shown %>' });
    expect(render('v.ejs', { shown: 1 })).toBe('undefined|none|1');
  });

  it('lets a template declare a name of its own at the top level', () => {
    const { render } = engineFor({ 'v.ejs': '<% const run = locals.run ?? "no run"; %><%= run %>' });
    expect(render('v.ejs')).toBe('no run');
    expect(render('v.ejs', { run: 'ran' })).toBe('ran');
  });

  it('compiles an include with its own names, not its parent’s', () => {
    const { render } = engineFor({
      'parent.ejs': '<% const label = "parent"; %><%= label %>:<%- include("/part/child", { score: 3 }) %>',
      'part/child.ejs': '<%= label %>=<%= score %>',
    });
    expect(render('parent.ejs', { label: 'from locals' })).toBe('parent:from locals=3');
  });

  it('refuses a local named like a global the template uses, which it would never see', () => {
    const { render } = engineFor({ 'v.ejs': '<%= String(n) %>' });
    expect(render('v.ejs', { n: 4 })).toBe('4');
    expect(() => render('v.ejs', { n: 4, String: () => 'mine' })).toThrow(
      'v.ejs: the local "String" is hidden by the global of that name; rename the local',
    );
  });

  it('once every engine over a folder is closed, nothing new there compiles; until then the others render', () => {
    const files = { 'layout.ejs': '<%- body %>', 'a.ejs': 'a', 'b.ejs': 'b' };
    const root = tempDir('views');
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, name), text);
    const first = createViewEngine({ root, layout: path.join(root, 'layout.ejs') });
    const second = createViewEngine({ root, layout: path.join(root, 'layout.ejs') });
    expect(first.render(path.join(root, 'a.ejs'), {})).toBe('a');
    first.close();
    first.close();
    expect(second.render(path.join(root, 'b.ejs'), {})).toBe('b');
    second.close();
    // No open engine covers the folder: a view not compiled before is not found (views compiled
    // already stay compiled for the process, as they are for every engine).
    fs.writeFileSync(path.join(root, 'c.ejs'), 'c');
    expect(() => second.render(path.join(root, 'c.ejs'), {})).toThrow(/no view c\.ejs/);
  });

  it('a view that is not there is an error, not an empty page', () => {
    const { render } = engineFor({});
    expect(() => render('nope.ejs')).toThrow(/no view nope\.ejs/);
  });

  it('compiles every view of the app', () => {
    const root = fromRoot('views');
    const engine = createViewEngine({ root, layout: path.join(root, 'layout.ejs') });
    const files = fs
      .readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ejs') && !f.startsWith('assets'));
    expect(files.length).toBeGreaterThan(40);
    // EJS's cache is the engine's: asking it for a file compiles that file with its own names.
    for (const f of files) expect(typeof ejs.cache.get(path.join(root, f)), f).toBe('function');
    expect(
      engine.render(path.join(root, 'errors/error.ejs'), { heading: 'Not found', message: 'gone', details: [] }),
    ).toContain('<h1>Not found</h1>');
    engine.close();
  });

  it('in watch mode, shows an edited template without a restart', async () => {
    const { root, render } = engineFor({ 'v.ejs': 'before <%= n %>' }, { watch: true });
    expect(render('v.ejs', { n: 1 })).toBe('before 1');
    fs.writeFileSync(path.join(root, 'v.ejs'), 'after <%= n %>');
    await vi.waitFor(() => expect(render('v.ejs', { n: 2 })).toBe('after 2'));
  });
});
