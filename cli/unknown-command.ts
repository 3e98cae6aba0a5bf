import type { Command } from 'commander';

/** Root options that take a value, so their value is not mistaken for a command. */
export const VALUE_OPTIONS = new Set(['-c', '--config', '--account']);

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(
        d[i - 1]![j]! + 1,
        d[i]![j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
        // A swap of two neighbours ("rnus" for "runs") counts as one edit.
        i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1] ? d[i - 2]![j - 2]! + 1 : Infinity,
      );
  return d[a.length]![b.length]!;
}

/** The closest names within a third of the word's length (at least one edit), best first. */
export function suggestCommands(word: string, names: string[]): string[] {
  const max = Math.max(1, Math.floor(word.length / 3));
  return names
    .map((n) => ({ n, d: distance(word, n) }))
    .filter((x) => x.d <= max || (word.length >= 3 && x.n.startsWith(word)))
    .sort((a, b) => a.d - b.d || a.n.localeCompare(b.n))
    .map((x) => x.n);
}

/**
 * The first word of argv when it names no command, or undefined. Commander answers
 * `igny8 nosuch --help` with the root help and exit 0; checking first makes it exit 2 with a
 * suggestion, like every other unknown command.
 */
export function unknownCommand(program: Command, args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (VALUE_OPTIONS.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    const known = program.commands.some((c) => c.name() === a || c.aliases().includes(a));
    return known || a === 'help' ? undefined : a;
  }
  return undefined;
}

export function commandNames(program: Command): string[] {
  return program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
}
