#!/usr/bin/env bash
# Runs the unit suite under several fake dates and time zones, to prove no test depends on the day
# or the zone it runs in. Needs libfaketime (Debian: apt-get install -y faketime).
#
#   npm run test:clocks                      # the default matrix (3 dates × 2 zones)
#   npm run test:clocks -- "2030-06-15 12:00:00" Europe/Berlin   # one date and zone
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null; then
  echo "faketime is missing: apt-get install -y faketime" >&2
  exit 2
fi

if [ $# -ge 2 ]; then
  DATES=("$1")
  ZONES=("$2")
else
  # A month's and a leap year's last minutes, and the minutes before a DST switch (US and EU).
  DATES=("2027-02-28 23:55:00" "2028-12-31 23:50:00" "2027-03-14 01:58:00")
  ZONES=("Asia/Shanghai" "America/New_York")
fi

failed=0
for zone in "${ZONES[@]}"; do
  for date in "${DATES[@]}"; do
    printf '\n=== unit tests at %s in %s ===\n' "$date" "$zone"
    if TZ="$zone" faketime "$date" npx vitest run --reporter=dot >"/tmp/seatmate-clock-run.log" 2>&1; then
      grep -E "Tests +[0-9]" /tmp/seatmate-clock-run.log | sed 's/\x1b\[[0-9;]*m//g'
    else
      failed=1
      sed 's/\x1b\[[0-9;]*m//g' /tmp/seatmate-clock-run.log | grep -E "FAIL|Tests +[0-9]|AssertionError" | head -20
    fi
  done
done
exit $failed
