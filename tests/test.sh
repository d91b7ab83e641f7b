#!/usr/bin/env bash
# The test command (README and CI run exactly this): installs what the tests need, starts Azurite (tables and queues),
# publishes the Functions app whose functions.metadata the package tests read, runs every test project, prints the totals.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"


echo "== the browser tests' chromium (Debian's, never a downloaded one) and a CJK font for their screenshots"
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  apt-get install -y chromium fonts-wqy-zenhei >/dev/null || echo "chromium could not be installed: the browser tests will be skipped"
fi

echo "== starting Azurite (table and queue services, in memory)"
# shellcheck source=../.ci/azurite.sh
source "$root/.ci/azurite.sh"
trap 'kill "${AZURITE_PID:-0}" 2>/dev/null || true' EXIT

echo "== building"
dotnet build Alerts.sln -c Debug -nologo -v quiet

echo "== supply chain: packages with known vulnerabilities (fails the run on high or critical)"
supply_chain=0
bash "$root/.ci/vulnerable-packages.sh" || supply_chain=$?

echo "== publishing the Functions app (the package tests read artifacts/functionapp)"
bash infra/package.sh

echo "== running tests"
status=0
# One test assembly at a time: several of them reset or fill the one Azurite account, and would trip over each other.
dotnet test Alerts.sln -c Debug --no-build -nologo -m:1 2>&1 | tee "$results/dotnet-test.log" || status=$?

# One summary line per test assembly: "Passed!  - Failed: 0, Passed: 21, Skipped: 0, Total: 21, ..."
passed=$(grep -E '^ *(Passed|Failed)!' "$results/dotnet-test.log" | sed -n 's/.*Passed: *\([0-9]*\).*/\1/p' | awk '{s+=$1} END {print s+0}')
failed=$(grep -E '^ *(Passed|Failed)!' "$results/dotnet-test.log" | sed -n 's/.*Failed: *\([0-9]*\),.*/\1/p' | awk '{s+=$1} END {print s+0}')
passed=${passed:-0}
failed=${failed:-0}
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the run failed without a test failing (build error, crashed test host): never report that as green
fi
if [ "$supply_chain" -ne 0 ]; then
  echo "supply chain: a package with a high or critical vulnerability is in the graph (listed above); the run fails"
fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$supply_chain" -eq 0 ]
