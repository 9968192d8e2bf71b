#!/usr/bin/env bash
# Regenerates the simulator's api-ssl keystore (src/main/resources/.../routeros-sim-tls.p12).
# Run once; the result is committed so tests never depend on keytool at run time.
# A self-signed RSA certificate for 127.0.0.1 and localhost, valid from 2020 for 100 years
# (backdated so that a machine with a wrong or older clock still accepts it). It protects nothing:
# the keystore password is public and the key only ever serves the simulator on the loopback interface.
set -euo pipefail
cd "$(dirname "$0")"
keytool="${JAVA_HOME:?set JAVA_HOME to a JDK}/bin/keytool"
out=src/main/resources/com/wispbill/local/routeros/routeros-sim-tls.p12
rm -f "$out"
"$keytool" -genkeypair -noprompt \
  -alias routeros-sim \
  -keyalg RSA -keysize 2048 -sigalg SHA256withRSA \
  -dname "CN=routeros-sim, OU=WISPbill local testing, O=WISPbill" \
  -ext "san=ip:127.0.0.1,dns:localhost" \
  -ext "eku=serverAuth" \
  -startdate "2020/01/01 00:00:00" -validity 36500 \
  -storetype PKCS12 -keystore "$out" -storepass routeros-sim
"$keytool" -list -v -keystore "$out" -storepass routeros-sim | sed -n '/Alias name/,/Certificate fingerprints/p'
