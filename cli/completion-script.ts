import type { Command } from 'commander';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** Command words, subcommand words per command, and long flags, read from the program itself. */
function tree(program: Command) {
  const commands = program.commands.map((c) => ({
    name: c.name(),
    description: c.description().replace(/['"`$\\]/g, ''),
    subs: c.commands.map((s) => s.name()),
    flags: [...c.options, ...c.commands.flatMap((s) => s.options)]
      .map((o) => o.long)
      .filter((l): l is string => Boolean(l)),
  }));
  const globals = program.options.map((o) => o.long).filter((l): l is string => Boolean(l));
  return { commands, globals };
}

/** A completion script for `shell`, generated from the registered commands (never out of date). */
export function completionScript(program: Command, shell: Shell): string {
  const { commands, globals } = tree(program);
  const names = commands.map((c) => c.name).join(' ');
  if (shell === 'bash' || shell === 'zsh') {
    const cases = commands
      .map((c) => `    ${c.name}) words="${[...c.subs, ...new Set(c.flags)].join(' ')}" ;;`)
      .join('\n');
    const body = `_igny8_complete() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" cmd="\${COMP_WORDS[1]}" words
  if [ "$COMP_CWORD" -eq 1 ]; then
    words="${names} ${globals.join(' ')}"
  else
    case "$cmd" in
${cases}
    *) words="${globals.join(' ')}" ;;
    esac
  fi
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
}
complete -F _igny8_complete igny8`;
    return shell === 'bash'
      ? `# igny8 completion for bash: eval "$(igny8 completion bash)"\n${body}\n`
      : `# igny8 completion for zsh: eval "$(igny8 completion zsh)"\nautoload -U +X bashcompinit && bashcompinit\n${body}\n`;
  }
  const lines = [
    '# igny8 completion for fish: igny8 completion fish | source',
    'complete -c igny8 -f',
    ...commands.map(
      (c) => `complete -c igny8 -n '__fish_use_subcommand' -a '${c.name}' -d '${c.description.slice(0, 60)}'`,
    ),
    ...commands.flatMap((c) =>
      c.subs.map((s) => `complete -c igny8 -n '__fish_seen_subcommand_from ${c.name}' -a '${s}'`),
    ),
    ...commands.flatMap((c) =>
      [...new Set(c.flags)].map(
        (f) => `complete -c igny8 -n '__fish_seen_subcommand_from ${c.name}' -l '${f.replace(/^--/, '')}'`,
      ),
    ),
  ];
  return `${lines.join('\n')}\n`;
}
