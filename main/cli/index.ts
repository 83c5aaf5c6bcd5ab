import packageJson from '../../package.json' with { type: 'json' };
import { type CliIo, type Command, EXIT_OK, EXIT_USAGE, printFailure, UsageError } from './args';
import { runInfo } from './commands/info';
import { runInpaint } from './commands/inpaint';
import { runResize } from './commands/resize';
import { runUpscale } from './commands/upscale';
import { latentCommands, LATENT_USAGE } from './commands/latent';

export type { CliIo, CliStream } from './args';

/** One entry per command; each lives in commands/<name>.ts and calls the engine in-process. */
const COMMANDS: Record<string, Command> = {
  info: runInfo,
  inpaint: runInpaint,
  resize: runResize,
  upscale: runUpscale,
  ...latentCommands,
};

export const USAGE = `Usage: latentshop <command> [options]

Commands:
  info      Show the compute backend, versions and installed models
  inpaint   Fill masked areas of images (content-aware or a model), file by file or whole folders
  resize    Resize an image (Lanczos3), keeping bit depth, alpha and metadata
  upscale   Super-resolve images with ESRGAN (x2, x3, x4, x8), over every core
${LATENT_USAGE}
Run "latentshop <command> --help" for a command's options.
Exit codes: 0 done, 1 failed, 2 bad usage.
`;

/**
 * The `latentshop` command line. Side-effect free: it writes only to the given
 * streams and returns the exit code; main.ts binds it to the process.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${packageJson.version}\n`);
    return EXIT_OK;
  }
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    io.stderr.write(`${name === undefined ? 'latentshop: no command given' : `latentshop: unknown command "${name}"`}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (!(error instanceof UsageError)) return printFailure(io, error);
    io.stderr.write(`latentshop ${name}: ${error.message}\nRun "latentshop ${name} --help" for usage.\n`);
    return EXIT_USAGE;
  }
}
