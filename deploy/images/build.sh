#!/usr/bin/env bash
# Builds callrec's container images with podman, from Debian packages and this repository only (no registry):
#   localhost/callrec-base:17                  Debian bookworm + openjdk-17-jre-headless, made with mmdebstrap
#   localhost/callrec/<service>:<version>      control-gateway, rtp-ingest, transcoder, catalog-api
#   localhost/callrec/infrastructure:<version> Kafka, PostgreSQL and S3 for the chart's evaluation mode
# <version> is the chart's appVersion. Usage (root; installs podman and mmdebstrap when missing):
#   deploy/images/build.sh            the base (once; kept), the Maven packages (only those not built yet), the images
#   deploy/images/build.sh base       only the base
#   deploy/images/build.sh deps       only the Debian packages and podman's configuration
# BASE=eclipse-temurin:17-jre deploy/images/build.sh builds on a public base instead of making one.
set -euo pipefail
cd "$(dirname "$0")/../.."
BASE_IMAGE=localhost/callrec-base:17
BASE=${BASE:-$BASE_IMAGE}
VERSION=$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' helm/callrec/Chart.yaml)
SERVICES="control-gateway rtp-ingest transcoder catalog-api"
BUILD_LOCK=/tmp/callrec-mvn.lock

log() { echo "images: $*" >&2; }

deps() {
  # podman's port mappings and networks need the CNI plugins and iptables (installed here without Recommends)
  deploy/debian-packages.sh podman mmdebstrap containernetworking-plugins iptables
  # podman on these VMs: crun rejects the hybrid cgroup layout
  if [ ! -f /etc/containers/containers.conf ]; then
    mkdir -p /etc/containers
    printf '[containers]\ndefault_ulimits = ["nofile=10000:10000", "nproc=10000:10000"]\n[engine]\nruntime = "runc"\n' \
      > /etc/containers/containers.conf
  fi
}

# Debian from the machine's own apt sources; passwd for the images' groupadd/useradd. Documentation is left out,
# except the man folders openjdk's update-alternatives needs.
base() {
  podman image exists "$BASE_IMAGE" && return 0
  local tar; tar=$(mktemp --suffix=.tar)
  log "making $BASE_IMAGE with mmdebstrap"
  timeout 1200 mmdebstrap --variant=essential --include=openjdk-17-jre-headless,passwd,ca-certificates \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
    --customize-hook='rm -rf "$1/var/cache/apt/"* "$1/var/lib/apt/lists/"*' \
    bookworm "$tar" >/dev/null 2>&1 || { rm -f "$tar"; log "mmdebstrap failed"; return 1; }
  timeout 600 podman import -q --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' "$tar" "$BASE_IMAGE" >/dev/null
  rm -f "$tar"
}

# The services' fast-jars and the embedded stack, built by Maven unless already there (CI has run ./mvnw verify), and
# the embedded stack with its runtime dependencies laid out for the infrastructure image.
packages() {
  local layout=deploy/embedded-stack/target/infrastructure module missing=""
  for module in $SERVICES; do [ -f "$module/target/quarkus-app/quarkus-run.jar" ] || missing="$missing,$module"; done
  ls deploy/embedded-stack/target/embedded-stack-*.jar >/dev/null 2>&1 \
    && [ -f deploy/embedded-stack/target/s3proxy/s3proxy.jar ] || missing="$missing,deploy/embedded-stack"
  if [ -n "$missing" ]; then
    log "packaging ${missing#,} (Maven)"
    flock "$BUILD_LOCK" timeout 1800 ./mvnw -B -q -pl "${missing#,}" -am package -DskipTests
  fi
  # s3proxy.jar is copied last: a layout is complete, and current, when it is newer than the module's jar
  [ "$layout/s3proxy.jar" -nt "$(ls deploy/embedded-stack/target/embedded-stack-*.jar | head -1)" ] && return 0
  rm -rf "$layout" && mkdir -p "$layout/config"
  flock "$BUILD_LOCK" timeout 600 ./mvnw -B -q -pl deploy/embedded-stack dependency:copy-dependencies \
    -DincludeScope=runtime -DexcludeGroupIds=io.quarkus,io.quarkus.arc,io.quarkus.junit,org.junit.jupiter,org.junit.platform,io.rest-assured,org.testcontainers,com.github.docker-java \
    -DoutputDirectory="$(pwd)/$layout/lib"
  cp deploy/embedded-stack/target/embedded-stack-*.jar "$layout/lib/"
  echo "s3proxy.jar=/opt/callrec-infrastructure/s3proxy.jar" > "$layout/config/callrec-stack.properties"
  cp deploy/embedded-stack/target/s3proxy/s3proxy.jar "$layout/"
}

images() {
  local service
  for service in $SERVICES; do
    timeout 600 podman build -q -f deploy/images/service.Containerfile --build-arg BASE="$BASE" --build-arg SERVICE="$service" \
      -t "localhost/callrec/$service:$VERSION" "$service" >/dev/null
    log "built localhost/callrec/$service:$VERSION"
  done
  timeout 600 podman build -q -f deploy/images/infrastructure.Containerfile --build-arg BASE="$BASE" \
    -t "localhost/callrec/infrastructure:$VERSION" deploy/embedded-stack/target/infrastructure >/dev/null
  log "built localhost/callrec/infrastructure:$VERSION"
}

case "${1:-all}" in
  deps) deps ;;
  base) deps; base ;;
  all) deps; [ "$BASE" = "$BASE_IMAGE" ] && base; packages; images ;;
  *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
