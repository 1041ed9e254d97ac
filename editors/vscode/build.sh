#!/usr/bin/env bash
# Builds the extension package (zoomconn-<version>.vsix) from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")"
npm ci
npm run compile
npx @vscode/vsce package --skip-license --allow-missing-repository
