/** Where a hidden prompt reads and writes (a test passes its own streams). */
export interface PromptStreams {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

/**
 * Ask on the terminal for a secret without echoing it (@inquirer/password: raw mode, backspace,
 * paste, Ctrl+C). The prompt goes to stderr so stdout stays clean for --json. Ctrl+C rejects with
 * Error('cancelled'). Loaded only when a command asks, so other commands never pay its import.
 * @example const key = await promptHidden('API key (input hidden)')
 */
export async function promptHidden(message: string, streams: PromptStreams = {}): Promise<string> {
  const { default: password } = await import('@inquirer/password');
  try {
    const value = await password(
      { message, mask: false },
      {
        input: streams.input ?? process.stdin,
        output: streams.output ?? process.stderr,
        clearPromptOnDone: false,
      },
    );
    return value.trim();
  } catch (err) {
    if ((err as Error).name === 'ExitPromptError') throw new Error('cancelled');
    throw err;
  }
}
