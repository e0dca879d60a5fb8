import vscode = require('vscode');
import type { CommandId } from './commandIds';
import type { Log } from './log';
import { guardedCommand } from './problems';

/** A command's work, and the title its unexpected failure is reported under. */
export interface CommandHandler {
  readonly title: string;
  // The arguments are whatever VS Code passes (a URI from a CodeLens, nothing from the palette).
  readonly run: (...args: never[]) => unknown;
}

const registered = new Set<string>();

/**
 * The one way to register the extension's commands, e.g.
 *   `...registerCommands(s.log, { [CommandIds.copyStoreKey]: { title: 'Copy Store Key', run: () => copy(s) } })`.
 * Each runs through guardedCommand: an unexpected failure goes to the log with its stack and the
 * person sees one sentence, never a silent rejection. The layout test refuses any other
 * `vscode.commands.registerCommand`.
 */
export function registerCommands(log: Log, commands: { readonly [K in CommandId]?: CommandHandler }): vscode.Disposable[] {
  return Object.entries(commands).map(([id, handler]) => {
    registered.add(id);
    const run = handler.run as (...args: unknown[]) => unknown;
    return vscode.commands.registerCommand(id, guardedCommand(log, handler.title, async (...args: unknown[]) => run(...args)));
  });
}

/** Ids registered through registerCommands so far (for the tests). */
export const guardedCommandIds = (): readonly string[] => [...registered];
