#!/usr/bin/env bash
# The fault suite's long form: DetectorFaultsIT's chaos test with 100,000 events (the suite runs 20,000):
# java -jar vog.jar run SIGKILLed 5 times at random points and the broker process stopped for 10 s while
# they flow, then 1,060 malformed inputs of 14 kinds; every input must come out exactly once (read_committed).
# Prints the faults, the seed and the counts. Usage: scripts/faults.sh [EVENTS [RATE]]
set -euo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp -t vog-faults.XXXXXX.log)"
events="${1:-100000}"
rate="${2:-800}"
"${VOG_MVN:-mvn}" -B -ntp -q -pl streams-app -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfailsafe.failIfNoSpecifiedTests=false '-Dit.test=DetectorFaultsIT#shouldScoreEveryEvent*' \
    -Dvog.faults.events="$events" -Dvog.faults.rate="$rate" ${VOG_FAULTS_SEED:+-Dvog.faults.seed=$VOG_FAULTS_SEED} \
    >"$log" 2>&1 || status=$?
# Maven's quiet mode can put colour resets before the test's first line: drop escapes once, then pick the lines
sed -i 's/\x1b\[[0-9;]*m//g' "$log"
grep '^faults:' "$log" || true
if [ "${status:-0}" -ne 0 ]; then
  grep -v '^faults:' "$log" | tail -40
  echo "failed; the whole log: $log"
  exit "$status"
fi
