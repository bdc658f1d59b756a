{{/*
API versions chosen by what the cluster serves, newest first, so the chart installs on the
clusters users have (checked against Kubernetes 1.20 by ./callrec test-k8s). Each takes the root
context. A feature without an API version of its own is judged by the Kubernetes version or by an
API version first served in the same release: `helm template` without a cluster may report an old
Kubernetes version (Helm 3 says 1.20) next to current API versions.
*/}}

{{/* PodDisruptionBudget: policy/v1 from Kubernetes 1.21, policy/v1beta1 before. */}}
{{- define "callrec.capabilities.pdb.apiVersion" -}}
{{- if .Capabilities.APIVersions.Has "policy/v1" -}}
policy/v1
{{- else -}}
policy/v1beta1
{{- end -}}
{{- end }}

{{/* HorizontalPodAutoscaler: autoscaling/v2 from Kubernetes 1.23, autoscaling/v2beta2 (same fields) before. */}}
{{- define "callrec.capabilities.hpa.apiVersion" -}}
{{- if .Capabilities.APIVersions.Has "autoscaling/v2" -}}
autoscaling/v2
{{- else -}}
autoscaling/v2beta2
{{- end -}}
{{- end }}

{{/* NetworkPolicy port ranges (endPort) are served from Kubernetes 1.22 (beta, on by default); autoscaling/v2 from 1.23. */}}
{{- define "callrec.capabilities.networkPolicy.endPort" -}}
{{- if or (semverCompare ">=1.22-0" .Capabilities.KubeVersion.Version) (.Capabilities.APIVersions.Has "autoscaling/v2") -}}true{{- end -}}
{{- end }}

{{/* Generic ephemeral volumes (a PersistentVolumeClaim per pod) are served from Kubernetes 1.21 (beta, on by default), as policy/v1 is. */}}
{{- define "callrec.capabilities.ephemeralVolumes" -}}
{{- if or (semverCompare ">=1.21-0" .Capabilities.KubeVersion.Version) (.Capabilities.APIVersions.Has "policy/v1") -}}true{{- end -}}
{{- end }}

{{/* A LoadBalancer Service with both UDP and TCP ports (MixedProtocolLBService) is served from Kubernetes 1.24 (beta,
on by default), as storage.k8s.io/v1 CSIStorageCapacity is; 1.20 refuses it. */}}
{{- define "callrec.capabilities.mixedProtocolLoadBalancer" -}}
{{- if or (semverCompare ">=1.24-0" .Capabilities.KubeVersion.Version) (.Capabilities.APIVersions.Has "storage.k8s.io/v1/CSIStorageCapacity") -}}true{{- end -}}
{{- end }}
