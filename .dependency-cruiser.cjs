/**
 * The layers of src/, bottom to top (docs/architecture.md). A module may import its own layer and the layers below it,
 * never one above, and no import cycle is allowed. `npm test` runs this (test/architecture.test.ts): `npx depcruise src`.
 */
const LAYERS = [
  'util', 'diagnostics', 'domain', 'load', 'library', 'check', 'sheet', 'browser', 'flowchart', 'document', 'render', 'pipeline', 'review', 'cli',
];
const above = (i) => LAYERS.slice(i + 1);
// test/architecture/fixtures holds a deliberate violation, to prove the check can fail.
const SRC = '^(test/architecture/fixtures/)?src/';
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Import cycles make the layers meaningless.', from: {}, to: { circular: true } },
    ...LAYERS.slice(0, -1).map((layer, i) => ({
      name: `layer-${layer}`,
      severity: 'error',
      comment: `src/${layer}/ may import only ${LAYERS.slice(0, i).join(', ') || 'nothing of src'} and itself.`,
      from: { path: `${SRC}${layer}/` },
      to: { path: `${SRC}(${above(i).join('|')})/` },
    })),
    {
      name: 'backends-apart',
      severity: 'error',
      comment: 'A backend renders the document model; only html/ is shared (by pdf/ and site/).',
      from: { path: '^src/render/(docx|pdf|site|html|xlsx)/' },
      to: { path: '^src/render/(docx|pdf|site|xlsx)/', pathNot: '^src/render/$1/' },
    },
    {
      name: 'no-orphans-in-src',
      severity: 'error',
      from: { path: '^src/', orphan: true, pathNot: ['\\.d\\.ts$', '/types\\.ts$', '^src/(check/worker|render/docx/(layout|zip)-worker)\\.ts$'] },
      to: {},
    },
    { name: 'src-not-test', severity: 'error', from: { path: '^src/' }, to: { path: '^(test|bench)/' } },
    // What src/ imports is what package.json declares: an installed powerbook has its dependencies and nothing else.
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing. (mdast: types only, from @types/mdast.)',
      from: { path: '^src/' },
      to: { couldNotResolve: true, pathNot: '^mdast$' },
    },
    {
      name: 'no-non-package-json',
      severity: 'error',
      comment: 'A package that is in node_modules only as some other package\'s dependency: declare it in "dependencies".',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-dev-dep',
      severity: 'error',
      comment: 'devDependencies are not installed with powerbook: src/ may import them for types only.',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.build.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
    exclude: { path: '^lib/' },
  },
};
