#!/usr/bin/env bash
# Builds callrec's container images with podman, from Debian packages and this repository only (no registry):
#   localhost/callrec-base:17                  Debian bookworm + openjdk-17-jre-headless, made with mmdebstrap
#   localhost/callrec/<service>:<version>      control-gateway, rtp-ingest, transcoder, catalog-api
#   localhost/callrec/infrastructure:<version> Kafka, PostgreSQL and S3 for the chart's evaluation mode
# <version> is the chart's appVersion. Usage (root; installs podman and mmdebstrap when missing):
#   deploy/images/build.sh            the base (once; kept), the Maven packages, the five images
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
  deploy/debian-packages.sh podman mmdebstrap
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
  mmdebstrap --variant=essential --include=openjdk-17-jre-headless,passwd,ca-certificates \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
    --customize-hook='rm -rf "$1/var/cache/apt/"* "$1/var/lib/apt/lists/"*' \
    bookworm "$tar" >/dev/null 2>&1 || { rm -f "$tar"; log "mmdebstrap failed"; return 1; }
  podman import -q --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' "$tar" "$BASE_IMAGE" >/dev/null
  rm -f "$tar"
}

# The services' fast-jars, and the embedded stack with its runtime dependencies laid out for the infrastructure image.
packages() {
  log "packaging the services and the embedded stack (Maven)"
  flock "$BUILD_LOCK" ./mvnw -B -q -pl "$(echo $SERVICES | tr ' ' ,),deploy/embedded-stack" -am package -DskipTests
  local layout=deploy/embedded-stack/target/infrastructure
  rm -rf "$layout" && mkdir -p "$layout/config"
  flock "$BUILD_LOCK" ./mvnw -B -q -pl deploy/embedded-stack dependency:copy-dependencies \
    -DincludeScope=runtime -DexcludeGroupIds=io.quarkus,io.quarkus.arc,io.quarkus.junit,org.junit.jupiter,org.junit.platform,io.rest-assured \
    -DoutputDirectory="$(pwd)/$layout/lib"
  cp deploy/embedded-stack/target/embedded-stack-*.jar "$layout/lib/"
  cp deploy/embedded-stack/target/s3proxy/s3proxy.jar "$layout/"
  echo "s3proxy.jar=/opt/callrec-infrastructure/s3proxy.jar" > "$layout/config/callrec-stack.properties"
}

images() {
  local service
  for service in $SERVICES; do
    podman build -q -f deploy/images/service.Containerfile --build-arg BASE="$BASE" --build-arg SERVICE="$service" \
      -t "localhost/callrec/$service:$VERSION" "$service" >/dev/null
    log "built localhost/callrec/$service:$VERSION"
  done
  podman build -q -f deploy/images/infrastructure.Containerfile --build-arg BASE="$BASE" \
    -t "localhost/callrec/infrastructure:$VERSION" deploy/embedded-stack/target/infrastructure >/dev/null
  log "built localhost/callrec/infrastructure:$VERSION"
}

case "${1:-all}" in
  deps) deps ;;
  base) deps; base ;;
  all) deps; [ "$BASE" = "$BASE_IMAGE" ] && base; packages; images ;;
  *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
