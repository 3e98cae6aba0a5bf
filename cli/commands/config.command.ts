import type { Command } from 'commander';
import { action } from '../context.js';

export function registerConfig(program: Command): void {
  const config = program.command('config').description('show or validate the configuration');
  config
    .command('show')
    .description('print the effective configuration (defaults + file + environment), secrets masked')
    .action(
      action(async (ctx) => {
        const { maskConfig } = await import('../../src/index.js');
        const { config: cfg, filepath } = await ctx.loadConfig();
        const masked = maskConfig(cfg);
        ctx.out.result(
          { file: filepath ?? null, config: masked },
          () =>
            `# ${filepath ?? 'no config file: defaults + environment'}\n${JSON.stringify(masked, null, 2)}`,
        );
      }),
    );
  config
    .command('validate')
    .description('check the configuration and list every problem with its fix')
    .action(
      action(async (ctx) => {
        const { config: cfg, filepath } = await ctx.loadConfig();
        const { validateConfig } = await import('../../src/index.js');
        const { warnings } = validateConfig(cfg);
        ctx.out.result({ valid: true, file: filepath ?? null, warnings }, () =>
          [
            `✓ ${filepath ?? 'defaults + environment'} is valid`,
            ...warnings.map((w) => `warning ${w.key}: ${w.message} — ${w.fix}`),
          ].join('\n'),
        );
      }),
    );
}
