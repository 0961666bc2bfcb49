// An EJS partial imported by a client script is compiled by src/client/build.ts into a plain
// render function (no eval at run time), so the page and the script share one template.
declare module '*.ejs' {
  const render: (locals: Record<string, unknown>) => string;
  export default render;
}
