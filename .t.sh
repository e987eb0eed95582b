#!/bin/bash
# usage: .t.sh Class1,Class2
cd /work/wt-reliability
P=36
./mvnw -q -o test -Dtest="$1" -Dsurefire.failIfNoSpecifiedTests=false "-D%test.medsync.sandbox.nexhealth.port=${P}091" "-D%test.medsync.sandbox.novamed.port=${P}092" "-D%test.medsync.sandbox.nextgen.port=${P}093" "-D%test.medsync.sandbox.heidi.port=${P}094" -Dmedsync.test.app-port=${P}095 > /tmp/rel-test.log 2>&1
echo rc=$?
grep -E "Tests run:|FAIL|expected|Expect|but was|AssertionError" /tmp/rel-test.log | head -30
