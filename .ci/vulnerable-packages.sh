#!/usr/bin/env bash
# Supply-chain check: lists every package (direct and transitive) with a known vulnerability, as the NuGet registry reports
# them (`dotnet list package --vulnerable --include-transitive`), and fails when any is of high or critical severity.
# When the registry cannot answer (no vulnerability data, no network), it says so and succeeds: the check is skipped, not
# passed. Usage: bash .ci/vulnerable-packages.sh [report.json]   (a saved JSON report instead of asking the registry)
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
report="${1:-}"
if [ -z "$report" ]; then
    report="$(mktemp)"
    trap 'rm -f "$report"' EXIT
    if ! (cd "$root" && dotnet list Alerts.sln package --vulnerable --include-transitive --format json >"$report" 2>"$report.err"); then
        echo "vulnerable packages: the registry did not answer ($(head -c 300 "$report.err" "$report" | tr '\n' ' ')); check skipped"
        rm -f "$report.err"
        exit 0
    fi
    rm -f "$report.err"
fi

node - "$report" <<'JS'
const fs = require("fs");
let report;
try {
  report = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
} catch (e) {
  console.log(`vulnerable packages: the registry's answer could not be read (${e.message}); check skipped`);
  process.exit(0);
}
const problems = (report.problems || []).filter(p => (p.level || "").toLowerCase() === "error");
if (problems.length > 0) {
  console.log(`vulnerable packages: the registry did not answer (${problems.map(p => p.text).join("; ")}); check skipped`);
  process.exit(0);
}
const found = new Map();
for (const project of report.projects || []) {
  for (const framework of project.frameworks || []) {
    for (const pkg of [...(framework.topLevelPackages || []), ...(framework.transitivePackages || [])]) {
      for (const v of pkg.vulnerabilities || []) {
        const key = `${pkg.id} ${pkg.resolvedVersion} ${v.severity} ${v.advisoryurl}`;
        if (!found.has(key)) found.set(key, { id: pkg.id, version: pkg.resolvedVersion, severity: v.severity || "Unknown", url: v.advisoryurl || "" });
      }
    }
  }
}
const serious = [...found.values()].filter(v => ["high", "critical"].includes(v.severity.toLowerCase()));
for (const v of found.values()) console.log(`  ${v.severity.padEnd(8)} ${v.id} ${v.version} ${v.url}`);
console.log(`vulnerable packages: ${found.size} known (${serious.length} high or critical) in ${(report.projects || []).length} projects`);
process.exit(serious.length > 0 ? 1 : 0);
JS
