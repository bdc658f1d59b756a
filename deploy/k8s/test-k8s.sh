#!/usr/bin/env bash
# The deployment test (./callrec test-k8s): the chart on a real Kubernetes, calls recorded through it.
#  0. Testcontainers: the stack's test and the transcoder's TranscoderTest on the infrastructure image, run by
#     podman's Docker-compatible service (-Dcallrec.stack=containers); every example values file rendered for Kubernetes 1.34 is valid against its
#     OpenAPI schemas (deploy/k8s/validate-current-api.mjs)
#  1. a single-node cluster (deploy/k8s/cluster.sh), the images (deploy/images/build.sh) loaded into it
#  2. every example values file passes `helm template | kubectl apply --dry-run=server` on this API server
#  3. helm install --wait of examples/values-single-node.yaml: every pod Ready through its own probes
#  4. phones (the simulator) on this machine call through the gateway's Service and stream RTP to the ingest
#     pod's advertised address; the simulator checks every recording's audio through the catalog API
#  5. helm upgrade with a changed value: the pods roll, calls record again
#  6. helm uninstall leaves no object of the release; the cluster goes down leaving no process, mount,
#     network namespace or link
# Every wait and build is bounded; the cluster goes down on any failure or interruption. Root only. Works on a cold
# Debian 12 machine (CI): it installs the Debian packages it needs, builds the Kubernetes binaries (kubectl too) and the
# images, and packages the Maven modules it needs only when their target/ is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
cluster=deploy/k8s/cluster.sh
namespace=callrec-test
release=callrec
values=helm/examples/values-single-node.yaml
version=$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' helm/callrec/Chart.yaml)
BUILD_LOCK=/tmp/callrec-mvn.lock
started=$(date +%s)
# the kubectl built from the cluster's own source tree (by `cluster.sh build`), before any other on PATH
PATH="$(dirname "$($cluster kubectl)"):$PATH"

step() { echo "test-k8s: [$(( $(date +%s) - started ))s] $*" >&2; }
fail() { echo "test-k8s: FAILED: $*" >&2; exit 1; }

# podman's Docker-compatible service on a socket of this test's own (a service someone else runs is left alone)
podman_socket=/run/callrec-test-k8s/podman.sock
podman_service=""
stop_podman_service() {
  [ -n "$podman_service" ] || return 0
  kill "$podman_service" 2>/dev/null || true
  wait "$podman_service" 2>/dev/null || true
  podman_service=""
  # what a killed test JVM could not remove (Testcontainers without Ryuk removes its containers at JVM exit)
  podman ps -aq --filter label=org.testcontainers=true --filter "ancestor=localhost/callrec/infrastructure:$version" \
    | xargs -r podman rm -f >/dev/null 2>&1 || true
  rm -rf "$(dirname "$podman_socket")"
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_podman_service
  if [ "$status" -ne 0 ] && [ -f "$($cluster kubeconfig)" ] && [ -x "$($cluster kubectl)" ]; then
    step "diagnostics"
    kubectl -n "$namespace" get pods -o wide 2>/dev/null || true
    kubectl -n "$namespace" get events --sort-by=.lastTimestamp 2>/dev/null | tail -20 || true
    for pod in $(kubectl -n "$namespace" get pods -o name 2>/dev/null); do
      echo "--- $pod" && kubectl -n "$namespace" logs "$pod" --all-containers --tail=30 2>/dev/null || true
    done
  fi
  step "cluster down"
  $cluster down || true
  exit "$status"
}

trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "packages, binaries, images"
deploy/debian-packages.sh apache2-utils   # htpasswd: the catalog user's bcrypt hash
$cluster deps
$cluster build
helm=$($cluster helm)
step "  Kubernetes binaries and helm ready"
deploy/images/build.sh
step "  images built"
[ -f deploy/phone-simulator/target/classpath.txt ] ||
  flock "$BUILD_LOCK" timeout 1200 ./mvnw -B -q -pl deploy/phone-simulator -am package -DskipTests

step "Testcontainers: the stack's and the transcoder's tests against the infrastructure image, on podman's Docker API"
rm -rf "$(dirname "$podman_socket")" && mkdir -p "$(dirname "$podman_socket")"
podman system service --time=0 "unix://$podman_socket" >/dev/null 2>&1 & podman_service=$!
for _ in $(seq 1 30); do [ -S "$podman_socket" ] && break; sleep 1; done
[ -S "$podman_socket" ] || fail "podman's service did not open its socket in 30 s"
DOCKER_HOST="unix://$podman_socket" TESTCONTAINERS_RYUK_DISABLED=true flock "$BUILD_LOCK" timeout 900 \
  ./mvnw -B -q -pl deploy/embedded-stack,transcoder -am test -Dcallrec.stack=containers \
  -Dcallrec.stack.image="localhost/callrec/infrastructure:$version" -Dtest=CallrecStackTestResourceTest,TranscoderTest \
  -Dsurefire.failIfNoSpecifiedTests=false || fail "the stack's and the transcoder's tests on the infrastructure container"
stop_podman_service
step "  passed on the container"

step "current Kubernetes: every example values file against the 1.34 OpenAPI schemas"
schemas=$(dirname "$($cluster kubeconfig)")/tools/current-api
if [ ! -d "$schemas/node_modules/kubernetes-models" ]; then
  command -v npm >/dev/null || deploy/debian-packages.sh npm
  mkdir -p "$schemas" && echo '{"private": true}' > "$schemas/package.json"
  timeout 300 npm install -q --no-audit --no-fund --prefix "$schemas" kubernetes-models@5.1.0 yaml@2.9.1 >/dev/null 2>&1
fi
cp deploy/k8s/validate-current-api.mjs "$schemas/"
for file in helm/examples/*.yaml; do
  timeout 120 "$helm" template "$release" helm/callrec -f "$file" --kube-version 1.34.0 \
    | timeout 120 node "$schemas/validate-current-api.mjs" >&2 || fail "$file on Kubernetes 1.34"
  step "  $file: valid"
done

step "cluster up"
$cluster up
export KUBECONFIG; KUBECONFIG=$($cluster kubeconfig)
$cluster load localhost/callrec/control-gateway:"$version" localhost/callrec/rtp-ingest:"$version" \
  localhost/callrec/transcoder:"$version" localhost/callrec/catalog-api:"$version" \
  localhost/callrec/infrastructure:"$version"
kubectl version --short 2>/dev/null | sed 's/^/test-k8s: /' >&2

step "server-side dry run of every example values file"
kubectl create namespace callrec-dry-run >/dev/null
for file in helm/examples/*.yaml; do
  timeout 120 "$helm" template "$release" helm/callrec -n callrec-dry-run -f "$file" --dry-run=server \
    | timeout 120 kubectl apply --dry-run=server -n callrec-dry-run -f - >/dev/null || fail "server-side dry run of $file"
  step "  $file: accepted"
done
kubectl delete namespace callrec-dry-run --wait=false >/dev/null

step "install"
kubectl create namespace "$namespace" >/dev/null
password=$(openssl rand -hex 12)
kubectl -n "$namespace" create secret generic callrec-users --from-literal=users.properties="$(printf '%s\n' \
  "callrec.sign-in.users.admin.password-hash=$(htpasswd -nbBC 10 '' "$password" | cut -d: -f2)" \
  'callrec.sign-in.users.admin.roles=admin')" >/dev/null
install_started=$(date +%s)
timeout 960 "$helm" install "$release" helm/callrec -n "$namespace" -f "$values" \
  --set catalogApi.auth.builtInUsers.existingSecret=callrec-users --wait --timeout 15m >/dev/null
step "  installed, every pod Ready in $(( $(date +%s) - install_started ))s"
kubectl -n "$namespace" get pods -o wide >&2

simulate() {
  local gateway catalog
  gateway=$(kubectl -n "$namespace" get service "$release-control-gateway" -o jsonpath='{.spec.clusterIP}')
  catalog=$(kubectl -n "$namespace" get service "$release-catalog-api" -o jsonpath='{.spec.clusterIP}')
  step "  phones: gateway $gateway:7100, catalog http://$catalog:8080"
  timeout 300 benchmarks/simulate.sh --control "$gateway:7100" --phones 4 --calls-per-phone 2 --duration 6s \
    --catalog "http://$catalog:8080" --user admin --password "$password" --verify-timeout 120s \
    || fail "calls through the cluster"
}

# A gateway accepts starts once a status poll has reached a Ready rtp-ingest (every second); a rolled ingest
# pod is Ready a little before that. One short probe call at a time, bounded, before the measured calls.
calls_accepted() {
  local gateway
  gateway=$(kubectl -n "$namespace" get service "$release-control-gateway" -o jsonpath='{.spec.clusterIP}')
  for _ in $(seq 1 60); do
    timeout 30 benchmarks/simulate.sh --control "$gateway:7100" --phones 1 --calls-per-phone 1 --duration 1s \
      >/dev/null 2>&1 && return 0
    sleep 2
  done
  fail "the gateway refused every probe call for 2 minutes"
}

step "calls through the cluster"
simulate

step "upgrade with a changed value"
pods_before=$(kubectl -n "$namespace" get pods -o jsonpath='{range .items[*]}{.metadata.uid}{"\n"}{end}' | sort)
timeout 960 "$helm" upgrade "$release" helm/callrec -n "$namespace" -f "$values" \
  --set catalogApi.auth.builtInUsers.existingSecret=callrec-users \
  --set controlGateway.javaOpts=-XX:+ExitOnOutOfMemoryError --set rtpIngest.javaOpts=-XX:+ExitOnOutOfMemoryError \
  --set transcoder.javaOpts=-XX:+ExitOnOutOfMemoryError --set catalogApi.javaOpts=-XX:+ExitOnOutOfMemoryError \
  --wait --timeout 15m >/dev/null
for deployment in control-gateway transcoder catalog-api; do
  kubectl -n "$namespace" rollout status "deployment/$release-$deployment" --timeout=600s >/dev/null
done
kubectl -n "$namespace" rollout status "statefulset/$release-rtp-ingest" --timeout=600s >/dev/null
# the service pods now running (a replaced pod may still be terminating)
kept=$(comm -12 <(echo "$pods_before") <(kubectl -n "$namespace" get pods -l 'app.kubernetes.io/component!=infrastructure' \
  -o json | jq -r '.items[] | select(.metadata.deletionTimestamp == null) | .metadata.uid' | sort))
[ -z "$kept" ] || fail "the upgrade left service pods unchanged: $kept"
step "  every service pod replaced"
calls_accepted
simulate

step "uninstall"
timeout 360 "$helm" uninstall "$release" -n "$namespace" --wait --timeout 5m >/dev/null
# helm waits for the objects it deleted; their pods shut down gracefully after that (up to 60 s)
release_objects() {
  kubectl -n "$namespace" get all,configmaps,secrets,pdb,hpa,networkpolicies,serviceaccounts,pvc \
    -l "app.kubernetes.io/instance=$release" -o name 2>/dev/null
}
for _ in $(seq 1 120); do [ -z "$(release_objects)" ] && break; sleep 1; done
left=$(release_objects)
[ -z "$left" ] || fail "helm uninstall left: $left"
step "  nothing of the release left"

trap - EXIT INT TERM
step "cluster down"
timeout 300 $cluster down
$cluster leftovers || fail "cluster down left something behind"
step "passed"
