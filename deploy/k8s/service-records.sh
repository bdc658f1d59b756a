#!/usr/bin/env bash
# Feeds the cluster DNS (dnsmasq, started by cluster.sh): every second, writes a hosts file from the API's Services
# and Endpoints and tells dnsmasq to re-read it (SIGHUP) when it changed.
#   <service>.<namespace>.svc.<domain>            the ClusterIP, or every ready endpoint of a headless Service
#   <hostname>.<service>.<namespace>.svc.<domain> an endpoint that has a hostname (a StatefulSet pod)
# Usage: service-records.sh KUBECTL KUBECONFIG HOSTS_FILE DNSMASQ_PID_FILE DOMAIN
set -uo pipefail
kubectl=$1 kubeconfig=$2 hosts=$3 dnsmasq_pid=$4 domain=$5
while true; do
  if records=$(timeout 20 "$kubectl" --kubeconfig "$kubeconfig" get services,endpoints --all-namespaces -o json 2>/dev/null | jq -r \
      --arg d "$domain" '
      (.items | map(select(.kind == "Service" and .spec.clusterIP != "None" and .spec.clusterIP != null))[]
        | "\(.spec.clusterIP) \(.metadata.name).\(.metadata.namespace).svc.\($d)"),
      (.items as $all | $all | map(select(.kind == "Service" and .spec.clusterIP == "None"))[] as $s
        | $all[] | select(.kind == "Endpoints" and .metadata.name == $s.metadata.name
                           and .metadata.namespace == $s.metadata.namespace)
        | .subsets[]?.addresses[]?
        | "\(.ip) \($s.metadata.name).\($s.metadata.namespace).svc.\($d)",
          (select(.hostname != null) | "\(.ip) \(.hostname).\($s.metadata.name).\($s.metadata.namespace).svc.\($d)"))'
      ); then
    if [ "$records" != "$(cat "$hosts" 2>/dev/null)" ]; then
      printf '%s\n' "$records" > "$hosts.new" && mv "$hosts.new" "$hosts"
      [ -f "$dnsmasq_pid" ] && kill -HUP "$(cat "$dnsmasq_pid")" 2>/dev/null
    fi
  fi
  sleep 1
done
