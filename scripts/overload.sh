#!/usr/bin/env bash
# Overload: OverloadIT measures java -Xmx1g -jar vog.jar run's capacity on a backlog, offers it three times
# that for 60 s from a broker process, and prints lag, heap and scoring rate every 5 s until the lag has
# drained, then checks every event was scored exactly once. Usage: scripts/overload.sh [SECONDS [RATE]]
# (RATE, events/s, replaces three times the measured capacity, which moves with the machine's load)
set -euo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp -t vog-overload.XXXXXX.log)"
"${VOG_MVN:-mvn}" -B -ntp -q -pl streams-app -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=OverloadIT -Dvog.overload=true \
    -Dvog.overload.seconds="${1:-60}" ${2:+-Dvog.overload.rate=$2} >"$log" 2>&1 || status=$?
# Maven's quiet mode can put colour resets before the test's first line: drop escapes once, then pick the lines
sed -i 's/\x1b\[[0-9;]*m//g' "$log"
grep '^overload:' "$log" || true
if [ "${status:-0}" -ne 0 ]; then
  grep -v '^overload:' "$log" | tail -40
  echo "failed; the whole log: $log"
  exit "$status"
fi
