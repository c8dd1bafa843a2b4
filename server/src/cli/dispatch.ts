import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UserError, type CliIO, type CommandEntry } from './io';

function help(commands: CommandEntry[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `usage: mlops <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun "mlops <command> --help" for a command's options.\n`;
}

/**
 * Runs one CLI invocation among `commands` and returns its exit code. Never throws for user mistakes.
 * Help and usage come from the entries; only the command that runs is loaded.
 */
export async function dispatch(argv: string[], io: CliIO, commands: CommandEntry[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(help(commands));
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version') {
    io.out(`${process.env.MLOPS_VERSION ?? '0.1.0'}\n`);
    return EXIT_OK;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`mlops: unknown command "${name}"\n\n${help(commands)}`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`usage: ${command.usage}\n\n${command.summary}\n`);
    return EXIT_OK;
  }
  try {
    return await (await command.load()).run(rest, io);
  } catch (e) {
    if (e instanceof UserError) {
      io.err(`${e.message}\n`);
      return e.exitCode;
    }
    const detail = io.env.MLOPS_DEBUG ? (e as Error)?.stack ?? String(e) : String((e as Error)?.message ?? e);
    io.err(`mlops ${name}: unexpected error: ${detail}\nSet MLOPS_DEBUG=1 for details and report this as a bug.\n`);
    return EXIT_INTERNAL;
  }
}
