#!/usr/bin/env bash
# Cold start of the custom handler as the Functions host sees it: from process start until GET / on
# 127.0.0.1:$FUNCTIONS_CUSTOMHANDLER_PORT answers (the host polls every 25 ms, for up to 30 s; Flex Consumption allows 30 s).
# Usage: infra/measure-coldstart.sh [handler-executable] [runs]
#   default handler: artifacts/functionapp/handler/alerts (run infra/package.sh first); default runs: 5
# Prints each run and min/median/max in milliseconds, plus the first invocation (POST /Health right after readiness: it
# waits for the store to open). Uses a throw-away SQLite data directory and polls no feed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
handler="${1:-$root/artifacts/functionapp/handler/alerts}"
runs="${2:-5}"
[ -x "$handler" ] || { echo "error: $handler is not an executable; run infra/package.sh first" >&2; exit 2; }

free_port() {
  if command -v python3 >/dev/null; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
  else
    echo $(( 20000 + RANDOM % 40000 ))
  fi
}

work="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

times=()
firsts=()
for i in $(seq 1 "$runs"); do
  port="$(free_port)"
  data="$work/data-$i"
  start=$(date +%s%N)
  FUNCTIONS_CUSTOMHANDLER_PORT="$port" FUNCTIONS_CUSTOMHANDLER_WORKER_ID="coldstart-$i" FUNCTIONS_HTTPWORKER_PORT="$port" \
    FUNCTIONS_APP_ROOT_PATH="$(dirname "$(dirname "$handler")")" Alerts__DataDirectory="$data" Alerts__PollSources=false \
    "$handler" functions serve >"$work/out-$i.log" 2>&1 &
  pid=$!
  deadline=$(( start + 30000000000 ))
  until curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; do
    if [ "$(date +%s%N)" -gt "$deadline" ] || ! kill -0 "$pid" 2>/dev/null; then
      echo "run $i: the handler did not answer GET / within 30 s" >&2
      cat "$work/out-$i.log" >&2
      exit 1
    fi
    sleep 0.025
  done
  ready=$(date +%s%N)
  ms=$(( (ready - start) / 1000000 ))
  times+=("$ms")
  curl -s -o /dev/null --max-time 30 -X POST -H 'Content-Type: application/json' \
    -d '{"Data":{"req":{"Url":"http://localhost/api/health","Method":"GET","Query":{},"Headers":{},"Params":{},"Identities":[],"Body":""}},"Metadata":{}}' \
    "http://127.0.0.1:$port/Health"
  first=$(( ($(date +%s%N) - ready) / 1000000 ))
  firsts+=("$first")
  echo "run $i: ready in ${ms} ms, first invocation ${first} ms"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
done

summary() {
  local sorted count median
  sorted=($(printf '%s\n' "$@" | sort -n))
  count=${#sorted[@]}
  if (( count % 2 )); then median=${sorted[$((count / 2))]}; else median=$(( (sorted[count / 2 - 1] + sorted[count / 2]) / 2 )); fi
  echo "min ${sorted[0]} ms, median ${median} ms, max ${sorted[$((count - 1))]} ms (${count} runs)"
}
echo "cold start (process start -> GET / answered): $(summary "${times[@]}")"
echo "first invocation (POST /Health after readiness): $(summary "${firsts[@]}")"
