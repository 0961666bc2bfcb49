import fs from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';

/**
 * EJS wraps each template in `with (locals) { ... }` by default, and V8 runs every name lookup
 * inside a `with` block the slow, dynamic way: the drill page took 44 µs to render that way and
 * 17 µs with its locals declared as plain variables (bench/FINDINGS.md). So each template is
 * compiled with `_with: false` and `destructuredLocals`: the names its scriptlets use, read once
 * from the locals at the top of the function. A name the locals lack is `undefined`, as
 * `typeof x` and `locals.x` already treat it.
 *
 * Includes compile with their parent's options in EJS, and another template's names would be
 * wrong for them: EJS's cache is replaced by one that compiles each file with its own names.
 */

const RESERVED = new Set(
  (
    'await break case catch class const continue debugger default delete do else enum eval export extends ' +
    'false finally for function if implements import in instanceof interface let new null package private ' +
    'protected public return static super switch this throw true try typeof var void while with yield arguments of'
  ).split(' '),
);
/** Names EJS's compiled function defines itself. */
const EJS_NAMES = new Set(['locals', 'escapeFn', 'include', 'rethrow']);
/** Scriptlets: `<% %>`, `<%= %>`, `<%- %>`, `<%_ %>`, not comments (`<%#`) or literal `<%%`. */
const SCRIPTLET = /<%(?![#%])[_=-]?([\s\S]*?)[_-]?%>/g;
/** Quoted strings hold no names (template literals may: `${x}`, so they are scanned). */
const QUOTED = /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g;
/** Identifiers that are not a property after a single dot (`a.b` names `a` only; `...rest` names `rest`). */
const IDENTIFIER = /(?<![\w$])(?<!(?<!\.)\.)[A-Za-z_$][\w$]*/g;
const REDECLARED = /Identifier '([A-Za-z_$][\w$]*)' has already been declared/;

/**
 * The names a template's scriptlets use, split in two. `locals`: every identifier that is not a
 * keyword, a global or EJS's own, read from the locals (an extra name, an object key, costs a
 * property read and changes nothing). `globals`: the ones that are globals (`Math`, `String`), which
 * a local of the same name could not replace.
 */
export function templateNames(template: string): { locals: string[]; globals: string[] } {
  const locals = new Set<string>();
  const globals = new Set<string>();
  for (const [, code] of template.matchAll(SCRIPTLET)) {
    for (const [name] of (code ?? '').replace(QUOTED, '""').matchAll(IDENTIFIER)) {
      if (RESERVED.has(name) || EJS_NAMES.has(name) || name.startsWith('__')) continue;
      (name in globalThis ? globals : locals).add(name);
    }
  }
  return { locals: [...locals].sort(), globals: [...globals].sort() };
}

/** The names a template may read from its locals (see templateNames). */
export const localNames = (template: string) => templateNames(template).locals;

export type ViewEngine = {
  /** Renders a view; a view that calls `layout({ title, nav, scripts })` comes back inside the layout. */
  render: (file: string, data: Record<string, unknown>) => string;
  close: () => void;
};

function compile(file: string, root: string): ejs.TemplateFunction {
  const text = fs.readFileSync(file, 'utf8');
  const { locals, globals } = templateNames(text);
  let names = locals;
  let fn: ejs.TemplateFunction | undefined;
  while (!fn) {
    try {
      fn = ejs.compile(text, {
        filename: file,
        root,
        views: [root],
        cache: true,
        _with: false,
        destructuredLocals: names,
        // The locals object is built afresh for each render by Express: EJS need not copy it again.
        unsafePrototypeLocals: true,
      } as ejs.Options) as ejs.TemplateFunction;
    } catch (err) {
      // A name the template declares at its top level (`<% const run = ... %>`) is its own.
      const declared = err instanceof SyntaxError ? REDECLARED.exec(err.message)?.[1] : undefined;
      if (!declared || !names.includes(declared)) throw err;
      names = names.filter((n) => n !== declared);
    }
  }
  if (globals.length === 0) return fn;
  // Without with(), a local named like a global the template uses would be silently ignored (the
  // global wins): such a render is a bug, and fails loudly instead.
  const render = fn;
  return ((data: Record<string, unknown> | undefined, ...rest: unknown[]) => {
    for (const name of globals)
      if (data && Object.hasOwn(data, name))
        throw new Error(
          `${path.relative(root, file)}: the local "${name}" is hidden by the global of that name; rename the local`,
        );
    return (render as (...args: unknown[]) => string)(data, ...rest);
  }) as ejs.TemplateFunction;
}

/**
 * EJS's cache, replaced by one that compiles a template the first time it is asked for, with that
 * template's own names: an include is looked up here too, so it never compiles with its parent's.
 * Compiled once per process (the test suite builds an app per test); nothing is compiled at startup.
 */
const compiledFiles = new Map<string, ejs.TemplateFunction>();
/** View folders of the open engines, with how many engines use each (tests open one per app). */
const roots = new Map<string, number>();
function compiledView(file: string): ejs.TemplateFunction | undefined {
  const hit = compiledFiles.get(file);
  if (hit) return hit;
  const root = [...roots.keys()].find((r) => file.startsWith(r + path.sep));
  if (!root || !fs.existsSync(file)) return undefined;
  const fn = compile(file, root);
  compiledFiles.set(file, fn);
  return fn;
}
ejs.cache = {
  get: compiledView,
  set: (file: string, fn: ejs.TemplateFunction) => compiledFiles.set(file, fn),
  remove: (file: string) => compiledFiles.delete(file),
  reset: () => compiledFiles.clear(),
} as typeof ejs.cache;

/**
 * Renders the views under `root`, each compiled on first use. With `watch` (development), a
 * template is compiled again after its file changes, so a reload shows it without a restart.
 */
export function createViewEngine({ root, layout, watch = false }: { root: string; layout: string; watch?: boolean }) {
  roots.set(root, (roots.get(root) ?? 0) + 1);
  const watcher = watch
    ? fs.watch(root, { recursive: true }, (_event, name) => {
        if (name?.endsWith('.ejs')) compiledFiles.delete(path.join(root, name));
      })
    : null;

  const templateOf = (file: string) => {
    const fn = compiledView(file);
    if (!fn) throw new Error(`no view ${path.relative(root, file)}`);
    return fn;
  };

  let closed = false;
  const engine: ViewEngine = {
    render(file, data) {
      let page: Record<string, unknown> | null = null;
      data.layout = (head: Record<string, unknown>) => {
        page = head;
      };
      const body = templateOf(file)(data);
      if (page === null) return body;
      return templateOf(layout)(Object.assign(data, page, { body }));
    },
    close() {
      if (closed) return;
      closed = true;
      watcher?.close();
      const left = (roots.get(root) ?? 1) - 1;
      if (left > 0) roots.set(root, left);
      else roots.delete(root);
    },
  };
  return engine;
}
