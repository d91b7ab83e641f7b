# Starts Azurite's table service for the test run. Meant to be sourced by .ci/run:
#
#   source .ci/azurite.sh "$repo_root"      # then, when the tests are done:  kill "$AZURITE_PID"
#
# Installs the pinned npm packages (npm ci), starts azurite-table in the background with in-memory persistence on a
# free loopback port, waits until the port answers (at most 60 s), and exports
#   ALERTS_TEST_AZURITE_TABLE_ENDPOINT=http://127.0.0.1:<port>/devstoreaccount1   (read by the test fixtures)
#   AZURITE_PID                                                                   (printed too, for the caller to kill)
# Returns non-zero (it never exits: it runs in the caller's shell) when any step fails.

alerts_start_azurite() {
    local root="${1:?usage: source .ci/azurite.sh <repo-root>}"
    local bin="$root/node_modules/.bin/azurite-table"
    local port workspace waited

    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error) || { echo "azurite.sh: npm ci failed" >&2; return 1; }

    port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});') \
        || { echo "azurite.sh: could not pick a free port" >&2; return 1; }
    workspace=$(mktemp -d)

    (cd "$workspace" && exec "$bin" --inMemoryPersistence --tableHost 127.0.0.1 --tablePort "$port" \
        --skipApiVersionCheck --loose --disableTelemetry --silent </dev/null >"$workspace/azurite.log" 2>&1) &
    AZURITE_PID=$!

    for waited in $(seq 1 600); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            export AZURITE_PID
            export ALERTS_TEST_AZURITE_TABLE_ENDPOINT="http://127.0.0.1:$port/devstoreaccount1"
            echo "azurite-table pid $AZURITE_PID listening on $ALERTS_TEST_AZURITE_TABLE_ENDPOINT (after ~$((waited / 10)) s)"
            return 0
        fi
        if ! kill -0 "$AZURITE_PID" 2>/dev/null; then
            break
        fi
        sleep 0.1
    done

    echo "azurite.sh: azurite-table did not answer on port $port within 60 s; its log:" >&2
    cat "$workspace/azurite.log" >&2
    kill "$AZURITE_PID" 2>/dev/null
    unset AZURITE_PID
    return 1
}

alerts_start_azurite "${1:-$PWD}"
