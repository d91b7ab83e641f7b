#!/usr/bin/env bash
# Assembles the Azure Functions package (custom handler) in artifacts/functionapp/:
#
#   artifacts/functionapp/
#   ├── host.json                  copied from the repository root
#   ├── handler/alerts             the handler, self-contained linux-x64 (+x), with its dependencies beside it
#   ├── PollSources/function.json  one folder per function, generated from FunctionRegistry by
#   ├── ...                        `alerts functions emit` (never written by hand, never committed)
#   └── Health/function.json
#
# and, when `zip` is installed, artifacts/functionapp.zip (zip root = the folder above; zipped on Linux so +x survives).
# Deploy the zip with `az functionapp deployment source config-zip` or `func azure functionapp publish` from the folder.
# ReadyToRun (crossgen2) precompiles our assemblies to cut JIT work at start-up; ALERTS_READY_TO_RUN=false skips it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="$root/artifacts/functionapp"
handler_dir="$out/handler"

rm -rf "$out" "$root/artifacts/functionapp.zip"
mkdir -p "$handler_dir"

publish() {
  dotnet publish src/Alerts.Host/Alerts.Host.csproj -c Release -r linux-x64 --self-contained true \
    -p:PublishSingleFile=false "$@" -o "$handler_dir" -nologo -v quiet
}

echo "== publishing the handler (self-contained linux-x64)"
if [ "${ALERTS_READY_TO_RUN:-true}" = "true" ] && publish -p:PublishReadyToRun=true; then
  echo "   ReadyToRun: yes"
else
  echo "   ReadyToRun: no (disabled, or crossgen2 could not be restored); publishing IL only"
  rm -rf "$handler_dir" && mkdir -p "$handler_dir"
  publish -p:PublishReadyToRun=false
fi
chmod +x "$handler_dir/alerts"

echo "== host.json and function.json files"
cp host.json "$out/host.json"
"$handler_dir/alerts" functions emit "$out" | sed 's/^/   /'

# The host resolves defaultExecutablePath against the app root: make sure it points at what was published.
exe="$(sed -n 's/.*"defaultExecutablePath": *"\([^"]*\)".*/\1/p' "$out/host.json")"
[ -n "$exe" ] && [ -x "$out/$exe" ] || { echo "error: host.json defaultExecutablePath '$exe' is not an executable in the package" >&2; exit 1; }

if command -v zip >/dev/null; then
  (cd "$out" && zip -qr -X "$root/artifacts/functionapp.zip" .)
  echo "== artifacts/functionapp.zip ($(du -h "$root/artifacts/functionapp.zip" | cut -f1))"
fi
echo "== package ready: artifacts/functionapp ($(du -sh "$out" | cut -f1))"
