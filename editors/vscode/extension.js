// The canvasc extension: a thin client that starts `canvasc lsp` over stdio.
//
// Everything the editor knows about a canvas (diagnostics, completion, hover,
// formatting, ...) comes from the language server inside canvasc itself; this
// file only finds the executable, starts it and restarts it when asked or when
// `canvasc.path` or `canvasc.rulePages` changes.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;
/** @type {vscode.OutputChannel | undefined} */
let output;

/** The executable to run: `canvasc.path`, with `~` and `${workspaceFolder}` expanded. */
function serverPath() {
  const configured = vscode.workspace.getConfiguration('canvasc').get('path', 'canvasc');
  let command = (configured || 'canvasc').trim() || 'canvasc';
  const home = process.env.HOME || process.env.USERPROFILE || '';
  if (home && (command === '~' || command.startsWith('~/'))) {
    command = home + command.slice(1);
  }
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (folder) {
    command = command.replace(/\$\{workspaceFolder\}/g, folder.uri.fsPath);
  }
  return command;
}

/** What the server is told at `initialize`: where the rule pages are, when set. */
function initializationOptions() {
  const pages = vscode.workspace.getConfiguration('canvasc').get('rulePages', '');
  return typeof pages === 'string' && pages.trim() ? { rulePages: pages.trim() } : {};
}

async function start() {
  const command = serverPath();
  // No `transport`: with TransportKind.stdio the client would append `--stdio`
  // to the arguments, which `canvasc lsp` does not take. Without it, the client
  // still talks to the server over its standard input and output.
  const executable = { command, args: ['lsp'] };
  const serverOptions = { run: executable, debug: executable };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'canvas' },
      { scheme: 'untitled', language: 'canvas' },
    ],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.canvas'),
    },
    outputChannel: output,
    // `canvasc.trace.server` is read by the client itself (its id is `canvasc`).
    initializationOptions: initializationOptions(),
  };
  client = new LanguageClient('canvasc', 'canvasc', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    const message = error instanceof Error ? error.message : String(error);
    const choice = await vscode.window.showErrorMessage(
      `Could not start the canvasc language server (\`${command} lsp\`): ${message}. ` +
        'Install canvasc or set "canvasc.path" to its executable.',
      'Open Settings',
    );
    if (choice === 'Open Settings') {
      vscode.commands.executeCommand('workbench.action.openSettings', 'canvasc.path');
    }
  }
}

async function stop() {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.stop();
    } catch (_) {
      // The server may already have exited; nothing left to stop.
    }
  }
}

async function restart() {
  await stop();
  await start();
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  output = vscode.window.createOutputChannel('canvasc');
  context.subscriptions.push(output);
  context.subscriptions.push(vscode.commands.registerCommand('canvasc.restartServer', restart));
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('canvasc.path') || event.affectsConfiguration('canvasc.rulePages')) {
        restart();
      }
    }),
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
