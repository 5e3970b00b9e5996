#!/bin/sh
# run-unit.sh SUITE... — run the Check suites; each prints Check's summary.
set -u
status=0
for t in "$@"; do
    "$t" || status=1
done
exit $status
