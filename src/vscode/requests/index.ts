import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { Services } from '../services';
import { RequestCodeLenses } from './codeLens';
import { newRequestCommand } from './newRequest';
import { REQUEST_FILE_GLOB, RequestController } from './requestController';

let current: RequestController | undefined;

/** For the integration tests: the live controller (history, diagnostics, last runs). */
export const requestControllerForTests = (): RequestController | undefined => current;

/** New API2Cart Request and Run API2Cart Request, with the request files' CodeLenses. Nothing heavy loads until a command runs. */
export function registerRequestCommands(s: Services): vscode.Disposable[] {
  const controller = new RequestController(s);
  current = controller;
  const guarded = <T>(title: string, command: () => Promise<T>) => async () => {
    try {
      return await command();
    } catch (error) {
      s.log.error(`${title}: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} failed unexpectedly. The API2Cart Wix log has the details.', title));
      return undefined;
    }
  };
  return [
    controller,
    vscode.languages.registerCodeLensProvider({ pattern: REQUEST_FILE_GLOB }, new RequestCodeLenses(controller)),
    vscode.commands.registerCommand(CommandIds.newRequest, guarded('New API2Cart Request', () => newRequestCommand(s, controller))),
    vscode.commands.registerCommand(CommandIds.runRequest, (arg?: unknown) => guarded('Run API2Cart Request', () => controller.command(arg))()),
  ];
}
