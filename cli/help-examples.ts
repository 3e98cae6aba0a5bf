import type { Command } from 'commander';

/** Hand-written examples for the commands people start with; every other command gets a generated pair. */
const EXAMPLES: Record<string, string[]> = {
  init: ['igny8 init', 'igny8 init --yes --site "Coffee Blog" --sector Brewing --json'],
  'keywords import': [
    'igny8 keywords import semrush-export.csv --site coffee-blog --sector brewing',
    'igny8 keywords import planner.tsv --dry-run --json',
  ],
  'keywords list': [
    'igny8 keywords list --status new --sort volume --limit 20',
    'igny8 keywords list --json',
  ],
  run: [
    'igny8 run --site coffee-blog --dry-run',
    'igny8 run --site coffee-blog --max-credits 500 --max-failures 5%',
    'igny8 run --site coffee-blog --stages 1-3 --json | tail -n 1',
  ],
  write: ['igny8 write --site coffee-blog --max-items 5'],
  compare: [
    'igny8 compare --site coffee-blog --profiles economy,standard --sample 5',
    'igny8 compare --profiles economy,premium --sample 3 --json',
  ],
  'runs list': ['igny8 runs list --site coffee-blog', 'igny8 runs list --json'],
  'runs show': ['igny8 runs show <run-id>', 'igny8 runs show <run-id> --json'],
  'runs logs': ['igny8 runs logs <run-id>', 'igny8 runs logs <run-id> --after 20 --json'],
  'runs resume': ['igny8 runs resume <run-id>', 'igny8 runs resume <run-id> --max-failures 3'],
  'runs cancel': ['igny8 runs cancel <run-id>'],
  'content list': ['igny8 content list --status review', 'igny8 content list --json'],
  optimize: [
    'igny8 optimize <content-id> --dry-run',
    'igny8 optimize <content-id> --rewrite --goals "shorter intro" --json',
    'igny8 optimize <content-id> --show-diff',
  ],
  'content export': ['igny8 content export ./articles --format md'],
  'kb add': [
    'igny8 kb add docs/brewing-guide.pdf --site coffee-blog',
    'igny8 kb add https://example.com/cold-brew --json',
    'cat notes.md | igny8 kb add - --title "Cafe notes" --format markdown',
  ],
  'gsc import': [
    'igny8 gsc import search-console-2026.csv --site coffee-blog',
    'igny8 gsc import bq-searchdata_url_impression.csv --json',
  ],
  'gsc pull': [
    'igny8 gsc pull --site coffee-blog',
    'igny8 gsc pull --from 2026-01-01 --to 2026-01-31 --json',
  ],
  'gsc pages': [
    'igny8 gsc pages --site coffee-blog --limit 10',
    'igny8 gsc pages --page https://example.com/cold-brew/ --json',
  ],
  'kb search': ['igny8 kb search "cold brew ratio" --site coffee-blog --limit 5'],
  'site update': [
    'igny8 site update coffee-blog --language de',
    'igny8 site update coffee-blog --language ja --json',
  ],
  'sector update': ['igny8 sector update brewing --site coffee-blog --language es --json'],
  completion: [
    'eval "$(igny8 completion bash)"        # add to ~/.bashrc',
    'eval "$(igny8 completion zsh)"         # add to ~/.zshrc',
    'igny8 completion fish | source         # add to ~/.config/fish/config.fish',
  ],
};

function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** `igny8 runs show <id>` and its --json twin, from the command's own usage. */
function generated(cmd: Command): string[] {
  const args = cmd.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`));
  const base = ['igny8', commandPath(cmd), ...args].join(' ');
  return [base, `${base} --json`];
}

/** Give every command's help an "Examples:" section (commands with subcommands list theirs). */
export function addHelpExamples(program: Command): void {
  const visit = (cmd: Command) => {
    for (const sub of cmd.commands) {
      const examples = EXAMPLES[commandPath(sub)] ?? (sub.commands.length ? [] : generated(sub));
      if (examples.length)
        sub.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}`);
      visit(sub);
    }
  };
  visit(program);
}
