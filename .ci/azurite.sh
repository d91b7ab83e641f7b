# Starts Azurite's table and queue services for the test run. Meant to be sourced (tests/test.sh does):
#
#   source .ci/azurite.sh "$repo_root"      # then, when the tests are done:  kill "$AZURITE_PID"
#
# Installs the pinned npm packages (npm ci), starts azurite (blob, queue and table services) in the background with
# in-memory persistence on free loopback ports, waits until the table and queue ports answer (at most 60 s), and exports
#   ALERTS_TEST_AZURITE_TABLE_ENDPOINT=http://127.0.0.1:<port>/devstoreaccount1   (read by the test fixtures)
#   ALERTS_TEST_AZURITE_QUEUE_ENDPOINT=http://127.0.0.1:<port>/devstoreaccount1   (read by the Functions tests)
#   AZURITE_PID                                                                   (printed too, for the caller to kill)
# --skipApiVersionCheck: Azurite 3.37.0 rejects the newest service versions the Azure SDK clients send by default.
# Returns non-zero (it never exits: it runs in the caller's shell) when any step fails.

alerts_free_port() {
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

alerts_start_azurite() {
    local root="${1:?usage: source .ci/azurite.sh <repo-root>}"
    local bin="$root/node_modules/.bin/azurite"
    local table_port queue_port blob_port workspace waited

    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error) || { echo "azurite.sh: npm ci failed" >&2; return 1; }

    table_port=$(alerts_free_port) && queue_port=$(alerts_free_port) && blob_port=$(alerts_free_port) \
        || { echo "azurite.sh: could not pick free ports" >&2; return 1; }
    workspace=$(mktemp -d)

    (cd "$workspace" && exec "$bin" --inMemoryPersistence \
        --tableHost 127.0.0.1 --tablePort "$table_port" --queueHost 127.0.0.1 --queuePort "$queue_port" \
        --blobHost 127.0.0.1 --blobPort "$blob_port" \
        --skipApiVersionCheck --loose --disableTelemetry --silent </dev/null >"$workspace/azurite.log" 2>&1) &
    AZURITE_PID=$!

    for waited in $(seq 1 600); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$table_port") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$queue_port") 2>/dev/null; then
            export AZURITE_PID
            export ALERTS_TEST_AZURITE_TABLE_ENDPOINT="http://127.0.0.1:$table_port/devstoreaccount1"
            export ALERTS_TEST_AZURITE_QUEUE_ENDPOINT="http://127.0.0.1:$queue_port/devstoreaccount1"
            echo "azurite pid $AZURITE_PID: tables on $ALERTS_TEST_AZURITE_TABLE_ENDPOINT, queues on $ALERTS_TEST_AZURITE_QUEUE_ENDPOINT (after ~$((waited / 10)) s)"
            return 0
        fi
        if ! kill -0 "$AZURITE_PID" 2>/dev/null; then
            break
        fi
        sleep 0.1
    done

    echo "azurite.sh: azurite did not answer on ports $table_port (tables) and $queue_port (queues) within 60 s; its log:" >&2
    cat "$workspace/azurite.log" >&2
    kill "$AZURITE_PID" 2>/dev/null
    unset AZURITE_PID
    return 1
}

alerts_start_azurite "${1:-$PWD}"
