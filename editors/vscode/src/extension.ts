// Starts `zoomconn lsp` for the files that hold CData connection strings. The server tells
// each file's kind from its name, as the `zoomconn` command does.
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

// The file kinds `zoomconn` reads: JSON, XML configuration, YAML, .env, .properties and .prp,
// INI and ODBC data sources, and source code and docs (string literals).
const PATTERNS = [
  "**/*.{json,jsonc,config,xml,settings,yml,yaml,properties,prp,ini,dsn}",
  "**/{.env,.env.*,*.env,env.example,odbc.ini,.odbc.ini}",
  "**/*.{py,cs,java,js,ts,go,rb,php,sql,ps1,sh,md,txt}",
];

let client: LanguageClient | undefined;

async function start(): Promise<void> {
  const config = vscode.workspace.getConfiguration("zoomconn");
  const command = config.get<string>("path") || "zoomconn";
  const ruleDocs = config.get<string>("ruleDocs") || undefined;
  // `TransportKind.stdio` passes `--stdio`, which `zoomconn lsp` accepts.
  const serverOptions: ServerOptions = {
    command,
    args: ["lsp"],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: PATTERNS.flatMap((pattern) => [
      { scheme: "file", pattern },
      { scheme: "untitled", pattern },
    ]),
    initializationOptions: ruleDocs ? { ruleDocs } : {},
  };
  client = new LanguageClient("zoomconn", "zoomconn", serverOptions, clientOptions);
  await client.start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration("zoomconn")) {
        await client?.stop();
        await start();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
