// Type-checks Grafana dashboard JSON against @grafana/schema (see types.ts) with the TypeScript compiler.
// Usage: node check.mjs [dashboard.json ...]   (default: every ../dashboards/*.json). Exit 0 when all pass.
// Each dashboard becomes one .ts file in which the dashboard literal and each panel literal is checked with
// `satisfies`, so an unknown field is an excess-property error and a wrong type an assignability error.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dashboards = process.argv.length > 2
  ? process.argv.slice(2).map((file) => resolve(file))
  : readdirSync(join(here, '..', 'dashboards')).filter((f) => f.endsWith('.json')).sort()
      .map((f) => join(here, '..', 'dashboards', f));
if (dashboards.length === 0) {
  console.error('no dashboards to check');
  process.exit(2);
}

// A directory of its own per invocation, so that concurrent checks do not see each other's files.
const out = join(here, 'generated', `check-${process.pid}`);
mkdirSync(out, { recursive: true });
try {
  const sources = dashboards.map((file, index) => generate(file, join(out, `d${index}-${tsName(file)}.ts`)));
  const tsc = spawnSync(process.execPath, [join(here, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit',
    '--strict', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler',
    '--noUnusedLocals', '--pretty', 'false', join(here, 'types.ts'), ...sources], { encoding: 'utf8' });
  if (tsc.error) throw tsc.error;
  if (tsc.status !== 0) {
    console.error(`dashboard type-check FAILED:\n${locate(tsc.stdout + tsc.stderr, sources, dashboards)}`);
    process.exitCode = 1;
  } else {
    console.log(`dashboard type-check passed: ${dashboards.map((d) => basename(d)).join(', ')}`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}

/** Each error names the dashboard file and the panel (index and title) instead of the generated line. */
function locate(output, sources, files) {
  return output.trim().split('\n').map((line) => {
    const at = line.match(/^(.*?\.ts)\((\d+),\d+\): (.*)$/);
    const index = at ? sources.findIndex((source) => resolve(source) === resolve(at[1])) : -1;
    if (index < 0) return line;
    const generated = readFileSync(sources[index], 'utf8').split('\n').slice(0, Number(at[2]));
    const panel = generated.reverse().find((l) => l.startsWith('// panel ') || l.startsWith('export const dashboard'));
    const where = panel && panel.startsWith('// panel ') ? panel.slice(3) : 'dashboard';
    return `${basename(files[index])}, ${where}: ${at[3]}`;
  }).join('\n');
}

function tsName(file) {
  return basename(file, '.json').replace(/[^A-Za-z0-9_]/g, '_');
}

/** Writes the .ts of one dashboard: each panel a checked constant, then the dashboard made of them. */
function generate(file, target) {
  let dashboard;
  try {
    dashboard = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`${file} is not valid JSON: ${e.message}`);
    process.exit(1);
  }
  const panels = Array.isArray(dashboard.panels) ? dashboard.panels : [];
  const lines = [
    `// Generated from ${file} by check.mjs.`,
    `import type { DashboardJson, PanelJson } from '../../types';`,
  ];
  panels.forEach((panel, i) => {
    lines.push(`// panel ${i}: ${JSON.stringify(String(panel?.title ?? ''))}`);
    lines.push(`export const panel${i} = ${JSON.stringify(panel, null, 2)} satisfies PanelJson<${JSON.stringify(String(panel?.type))}>;`);
  });
  const rest = { ...dashboard, panels: '@PANELS@' };
  const refs = `[${panels.map((_, i) => `panel${i}`).join(', ')}]`;
  lines.push(`export const dashboard = ${JSON.stringify(rest, null, 2).replace('"@PANELS@"', refs)} satisfies DashboardJson;`);
  writeFileSync(target, lines.join('\n') + '\n');
  return target;
}
