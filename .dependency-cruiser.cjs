// Layering rule checked in CI (`npm run deps:check`, run by .ci/run beside typecheck and lint):
//   bin → cli → src ← server,   ui → src/api-contract only,   no import cycles anywhere.
// Test files may reach across layers to set things up, so the layering rules skip them.
const TESTS = '(^|/)test/|\\.test\\.tsx?$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles hide initialisation order and make modules impossible to load alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-not-to-surfaces',
      severity: 'error',
      comment: 'The core (src) never imports a surface (bin, cli, server, ui).',
      from: { path: '^src/', pathNot: TESTS },
      to: { path: '^(bin|cli|server|ui)/' },
    },
    {
      name: 'bin-only-to-cli',
      severity: 'error',
      comment: 'bin starts the CLI and nothing else.',
      from: { path: '^bin/' },
      to: { path: '^(src|server|ui)/' },
    },
    {
      name: 'cli-not-to-ui',
      severity: 'error',
      comment: 'The CLI reaches the dashboard only through the server it starts.',
      from: { path: '^cli/', pathNot: TESTS },
      to: { path: '^ui/' },
    },
    {
      name: 'cli-to-server-only-to-start',
      severity: 'error',
      comment:
        '`igny8 serve` is the one composition point that starts the server; nothing else in cli imports server.',
      from: { path: '^cli/', pathNot: `${TESTS}|^cli/commands/serve\\.command\\.ts$` },
      to: { path: '^server/' },
    },
    {
      name: 'server-not-to-cli-ui',
      severity: 'error',
      comment: 'The server is a surface beside the CLI: it imports src, never cli or ui.',
      from: { path: '^server/', pathNot: TESTS },
      to: { path: '^(cli|ui|bin)/' },
    },
    {
      name: 'ui-only-to-api-contract',
      severity: 'error',
      comment: 'The dashboard shares only the API contract with the rest of the code.',
      from: { path: '^ui/' },
      to: { path: '^(src|cli|server|bin)/', pathNot: '^src/api-contract/' },
    },
    {
      name: 'surfaces-through-index',
      severity: 'error',
      comment: 'cli and server import src through src/index.ts or a module index.ts, not its inner files.',
      from: { path: '^(cli|server)/', pathNot: TESTS },
      to: { path: '^src/', pathNot: '^src/index\\.ts$|^src/[^/]+/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
