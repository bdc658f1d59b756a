{{/*
Naming, labels, images and the blocks every callrec workload shares.

Most helpers take a "component context": (dict "root" $ "component" "control-gateway" "values" .Values.controlGateway).
*/}}

{{/* Chart name, at most 63 characters. */}}
{{- define "callrec.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Release-based name prefix, at most 63 characters. A release named like the chart
("callrec") is not repeated: release "callrec" gives "callrec", release "prod" gives "prod-callrec".
*/}}
{{- define "callrec.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Name of one component's objects, e.g. "callrec-rtp-ingest". Takes (dict "root" $ "component" "..."). */}}
{{- define "callrec.componentName" -}}
{{- printf "%s-%s" (include "callrec.fullname" .root) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Chart label value. */}}
{{- define "callrec.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every object. Takes the root context. */}}
{{- define "callrec.labels" -}}
helm.sh/chart: {{ include "callrec.chart" . }}
app.kubernetes.io/name: {{ include "callrec.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: callrec
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Labels of one component's objects. Takes (dict "root" $ "component" "..."). */}}
{{- define "callrec.componentLabels" -}}
{{ include "callrec.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Selector labels of one component (never change between releases). */}}
{{- define "callrec.selectorLabels" -}}
app.kubernetes.io/name: {{ include "callrec.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* metadata.name, namespace, labels and common annotations of a component object. */}}
{{- define "callrec.metadata" -}}
name: {{ include "callrec.componentName" . }}
namespace: {{ .root.Release.Namespace | quote }}
labels:
  {{- include "callrec.componentLabels" . | nindent 2 }}
{{- with .root.Values.commonAnnotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/*
Image reference. Takes (dict "image" <image values> "root" $). global.imageRegistry, when set,
replaces the image's own registry; an empty tag means the chart's appVersion.
*/}}
{{- define "callrec.image" -}}
{{- $registry := default .image.registry .root.Values.global.imageRegistry -}}
{{- $tag := default .root.Chart.AppVersion (toString (default "" .image.tag)) -}}
{{- if $registry -}}
{{- printf "%s/%s:%s" $registry .image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .image.repository $tag -}}
{{- end -}}
{{- end }}

{{/* Name of the ServiceAccount the pods run as. */}}
{{- define "callrec.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "callrec.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Pod-level fields shared by every pod of the chart: service account, no API token, no
service-link environment variables (they would collide with CALLREC_* and KAFKA_* settings),
pull secrets, security context and scheduling. Takes a component context plus
"podSecurityContext".
*/}}
{{- define "callrec.podSpecCommon" -}}
serviceAccountName: {{ include "callrec.serviceAccountName" .root }}
automountServiceAccountToken: false
enableServiceLinks: false
{{- with .root.Values.global.imagePullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
securityContext:
  {{- toYaml .podSecurityContext | nindent 2 }}
{{- with .values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- with .values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.topologySpreadConstraints }}
topologySpreadConstraints:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/*
Affinity: the component's own "affinity" if given, else a pod anti-affinity from
"podAntiAffinityPreset" (soft = preferred, hard = required, "" = none) on the node's hostname.
*/}}
{{- define "callrec.affinity" -}}
{{- if .values.affinity }}
affinity:
  {{- toYaml .values.affinity | nindent 2 }}
{{- else if eq .values.podAntiAffinityPreset "hard" }}
affinity:
  podAntiAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      - topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels:
            {{- include "callrec.selectorLabels" . | nindent 12 }}
{{- else if eq .values.podAntiAffinityPreset "soft" }}
affinity:
  podAntiAffinity:
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          topologyKey: kubernetes.io/hostname
          labelSelector:
            matchLabels:
              {{- include "callrec.selectorLabels" . | nindent 14 }}
{{- end }}
{{- end }}

{{/* Pod template labels and annotations of a component. */}}
{{- define "callrec.podMetadata" -}}
labels:
  {{- include "callrec.componentLabels" . | nindent 2 }}
  {{- with .values.podLabels }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- with .values.podAnnotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/*
The three Quarkus health probes on the container port named "management" (the management
interface, never a Service's or the Ingress's port): started (/q/health/started), live
(/q/health/live) and ready (/q/health/ready).
*/}}
{{- define "callrec.healthProbes" -}}
{{- $probes := .values.probes -}}
startupProbe:
  httpGet:
    path: /q/health/started
    port: management
  {{- toYaml $probes.startup | nindent 2 }}
livenessProbe:
  httpGet:
    path: /q/health/live
    port: management
  {{- toYaml $probes.liveness | nindent 2 }}
readinessProbe:
  httpGet:
    path: /q/health/ready
    port: management
  {{- toYaml $probes.readiness | nindent 2 }}
{{- end }}

{{/* The container port of the management interface (health, metrics). */}}
{{- define "callrec.port.management" -}}
- name: management
  containerPort: {{ .root.Values.managementPort }}
  protocol: TCP
{{- end }}

{{/* Name of the Secret with the token of rtp-ingest's internal API. */}}
{{- define "callrec.ingest.internalTokenSecret" -}}
{{- .Values.rtpIngest.internalToken.existingSecret | default (printf "%s-internal-token" (include "callrec.componentName" (dict "root" . "component" "rtp-ingest"))) -}}
{{- end }}

{{/* The internal API's token, for the ingest (which checks it) and the gateway (which sends it). */}}
{{- define "callrec.env.internalToken" -}}
- name: CALLREC_INGEST_INTERNAL_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "callrec.ingest.internalTokenSecret" . }}
      key: {{ .Values.rtpIngest.internalToken.key }}
{{- end }}

{{/* The service containers' security context. */}}
{{- define "callrec.containerSecurityContext" -}}
securityContext:
  {{- toYaml .root.Values.containerSecurityContext | nindent 2 }}
{{- end }}

{{/*
Environment common to every service: HTTP port, Kafka, JVM options. Takes a component
context plus "httpPort".
*/}}
{{- define "callrec.env.common" -}}
- name: QUARKUS_HTTP_PORT
  value: {{ .httpPort | quote }}
- name: QUARKUS_MANAGEMENT_PORT
  value: {{ .root.Values.managementPort | quote }}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ include "callrec.kafka.bootstrapServers" .root | quote }}
- name: CALLREC_KAFKA_FRAMES_PARTITIONS
  value: {{ .root.Values.kafka.framesPartitions | quote }}
{{- with .values.javaOpts }}
- name: JAVA_OPTS_APPEND
  value: {{ . | quote }}
{{- end }}
{{- end }}

{{/* The component's extraEnv, appended last so that it can override the chart's settings. */}}
{{- define "callrec.env.extra" -}}
{{- with .values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* envFrom of the component, if any. */}}
{{- define "callrec.envFrom" -}}
{{- with .values.extraEnvFrom }}
envFrom:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* /tmp as a writable emptyDir: the root file system is read-only. */}}
{{- define "callrec.tmpVolumeMount" -}}
- name: tmp
  mountPath: /tmp
{{- end }}
{{- define "callrec.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .root.Values.tmpSizeLimit }}
{{- end }}

{{/* ---------------------------------------------------------------- infrastructure */}}

{{/* Fully qualified in-cluster DNS name of a component's Service. */}}
{{- define "callrec.serviceFqdn" -}}
{{- printf "%s.%s.svc.%s" (include "callrec.componentName" .) .root.Release.Namespace .root.Values.clusterDomain -}}
{{- end }}

{{/* Kafka bootstrap servers: the evaluation broker, or kafka.bootstrapServers. */}}
{{- define "callrec.kafka.bootstrapServers" -}}
{{- if .Values.evaluation.enabled -}}
{{- printf "%s:%d" (include "callrec.serviceFqdn" (dict "root" . "component" "kafka")) (int .Values.evaluation.kafka.port) -}}
{{- else -}}
{{- required "kafka.bootstrapServers is required unless evaluation.enabled=true" .Values.kafka.bootstrapServers -}}
{{- end -}}
{{- end }}

{{/* PostgreSQL host, port, database and credentials Secret (evaluation or external). */}}
{{- define "callrec.postgresql.host" -}}
{{- if .Values.evaluation.enabled -}}
{{- include "callrec.serviceFqdn" (dict "root" . "component" "postgresql") -}}
{{- else -}}
{{- required "postgresql.host is required unless evaluation.enabled=true" .Values.postgresql.host -}}
{{- end -}}
{{- end }}
{{- define "callrec.postgresql.port" -}}
{{- if .Values.evaluation.enabled }}5432{{ else }}{{ .Values.postgresql.port }}{{ end -}}
{{- end }}
{{- define "callrec.postgresql.database" -}}
{{- if .Values.evaluation.enabled }}{{ .Values.evaluation.postgresql.database }}{{ else }}{{ .Values.postgresql.database }}{{ end -}}
{{- end }}
{{- define "callrec.postgresql.secretName" -}}
{{- if .Values.evaluation.enabled -}}
{{- include "callrec.componentName" (dict "root" . "component" "postgresql") -}}
{{- else -}}
{{- required "postgresql.existingSecret is required unless evaluation.enabled=true" .Values.postgresql.existingSecret -}}
{{- end -}}
{{- end }}
{{- define "callrec.postgresql.usernameKey" -}}
{{- if .Values.evaluation.enabled }}username{{ else }}{{ .Values.postgresql.usernameKey }}{{ end -}}
{{- end }}
{{- define "callrec.postgresql.passwordKey" -}}
{{- if .Values.evaluation.enabled }}password{{ else }}{{ .Values.postgresql.passwordKey }}{{ end -}}
{{- end }}

{{/* S3 endpoint URL, port, TLS flag and credentials Secret (evaluation MinIO or external). */}}
{{- define "callrec.s3.secure" -}}
{{- if .Values.evaluation.enabled }}false{{ else }}{{ .Values.s3.secure }}{{ end -}}
{{- end }}
{{- define "callrec.s3.port" -}}
{{- if .Values.evaluation.enabled }}9000{{ else }}{{ .Values.s3.port }}{{ end -}}
{{- end }}
{{- define "callrec.s3.url" -}}
{{- $host := "" -}}
{{- if .Values.evaluation.enabled -}}
{{- $host = include "callrec.serviceFqdn" (dict "root" . "component" "minio") -}}
{{- else -}}
{{- $host = required "s3.host is required unless evaluation.enabled=true" .Values.s3.host -}}
{{- end -}}
{{- printf "%s://%s:%s" (ternary "https" "http" (eq (include "callrec.s3.secure" .) "true")) $host (include "callrec.s3.port" .) -}}
{{- end }}
{{- define "callrec.s3.secretName" -}}
{{- if .Values.evaluation.enabled -}}
{{- include "callrec.componentName" (dict "root" . "component" "minio") -}}
{{- else -}}
{{- required "s3.existingSecret is required unless evaluation.enabled=true" .Values.s3.existingSecret -}}
{{- end -}}
{{- end }}
{{- define "callrec.s3.accessKeyKey" -}}
{{- if .Values.evaluation.enabled }}access-key{{ else }}{{ .Values.s3.accessKeyKey }}{{ end -}}
{{- end }}
{{- define "callrec.s3.secretKeyKey" -}}
{{- if .Values.evaluation.enabled }}secret-key{{ else }}{{ .Values.s3.secretKeyKey }}{{ end -}}
{{- end }}

{{/* Object storage environment (transcoder and catalog-api). Takes the root context. */}}
{{- define "callrec.env.s3" -}}
- name: QUARKUS_MINIO_HOST
  value: {{ include "callrec.s3.url" . | quote }}
- name: QUARKUS_MINIO_PORT
  value: {{ include "callrec.s3.port" . | quote }}
- name: QUARKUS_MINIO_SECURE
  value: {{ include "callrec.s3.secure" . | quote }}
- name: QUARKUS_MINIO_REGION
  value: {{ if .Values.evaluation.enabled }}"us-east-1"{{ else }}{{ .Values.s3.region | quote }}{{ end }}
- name: QUARKUS_MINIO_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "callrec.s3.secretName" . }}
      key: {{ include "callrec.s3.accessKeyKey" . }}
- name: QUARKUS_MINIO_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "callrec.s3.secretName" . }}
      key: {{ include "callrec.s3.secretKeyKey" . }}
- name: CALLREC_STORAGE_BUCKET
  value: {{ .Values.s3.bucket | quote }}
{{- end }}

{{/* PostgreSQL environment (catalog-api). Takes the root context. */}}
{{- define "callrec.env.postgresql" -}}
{{- $address := printf "%s:%s/%s" (include "callrec.postgresql.host" .) (include "callrec.postgresql.port" .) (include "callrec.postgresql.database" .) -}}
- name: QUARKUS_DATASOURCE_REACTIVE_URL
  value: {{ printf "postgresql://%s" $address | quote }}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ printf "jdbc:postgresql://%s" $address | quote }}
- name: QUARKUS_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ include "callrec.postgresql.secretName" . }}
      key: {{ include "callrec.postgresql.usernameKey" . }}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "callrec.postgresql.secretName" . }}
      key: {{ include "callrec.postgresql.passwordKey" . }}
{{- end }}

{{/* ---------------------------------------------------------------- rtp-ingest networking */}}

{{/* True when the ingest pods use the node's network namespace. */}}
{{- define "callrec.ingest.hostNetwork" -}}
{{- if eq .Values.rtpIngest.networking.mode "hostNetwork" }}true{{ end -}}
{{- end }}

{{/* Hostname each ingest pod is published under in loadBalancerPerPod mode. Takes (dict "root" $ "pod" "<pod name>"). */}}
{{- define "callrec.ingest.podHostname" -}}
{{- $domain := required "rtpIngest.networking.loadBalancerPerPod.dnsDomain is required when rtpIngest.networking.mode=loadBalancerPerPod" .root.Values.rtpIngest.networking.loadBalancerPerPod.dnsDomain -}}
{{- printf "%s.%s" .pod (trimSuffix "." $domain) -}}
{{- end }}

{{/* ---------------------------------------------------------------- PDB and HPA */}}

{{/* PodDisruptionBudget of a component (values.pdb). Takes a component context. */}}
{{- define "callrec.pdb" -}}
{{- if .values.pdb.enabled }}
apiVersion: {{ include "callrec.capabilities.pdb.apiVersion" .root }}
kind: PodDisruptionBudget
metadata:
  {{- include "callrec.metadata" . | nindent 2 }}
spec:
  {{- if ne (toString .values.pdb.minAvailable) "" }}
  minAvailable: {{ .values.pdb.minAvailable }}
  {{- else }}
  maxUnavailable: {{ ne (toString .values.pdb.maxUnavailable) "" | ternary .values.pdb.maxUnavailable 1 }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "callrec.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end }}

{{/* HorizontalPodAutoscaler of a Deployment (values.autoscaling). Takes a component context plus "maxReplicas". */}}
{{- define "callrec.hpa" -}}
{{- $autoscaling := .values.autoscaling }}
{{- if $autoscaling.enabled }}
apiVersion: {{ include "callrec.capabilities.hpa.apiVersion" .root }}
kind: HorizontalPodAutoscaler
metadata:
  {{- include "callrec.metadata" . | nindent 2 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "callrec.componentName" . }}
  minReplicas: {{ $autoscaling.minReplicas }}
  maxReplicas: {{ .maxReplicas }}
  {{- if or $autoscaling.targetCPUUtilizationPercentage $autoscaling.targetMemoryUtilizationPercentage }}
  metrics:
    {{- with $autoscaling.targetCPUUtilizationPercentage }}
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ . }}
    {{- end }}
    {{- with $autoscaling.targetMemoryUtilizationPercentage }}
    - type: Resource
      resource:
        name: memory
        target:
          type: Utilization
          averageUtilization: {{ . }}
    {{- end }}
  {{- end }}
  {{- with $autoscaling.behavior }}
  behavior:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
{{- end }}

{{/* ---------------------------------------------------------------- NetworkPolicy peers */}}

{{/* A NetworkPolicy peer selecting the pods of one component of this release. */}}
{{- define "callrec.peer.component" -}}
- podSelector:
    matchLabels:
      {{- include "callrec.selectorLabels" . | nindent 6 }}
{{- end }}

{{/* Peers allowed to reach the management (metrics) port besides the chart's own rules. */}}
{{- define "callrec.peers.monitoring" -}}
{{- with .Values.networkPolicy.monitoringPeers }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* "from" of a rule open to the phones: their CIDRs, or anyone when none are listed. */}}
{{- define "callrec.from.phones" -}}
{{- with .Values.networkPolicy.phoneCIDRs }}
from:
  {{- range . }}
  - ipBlock:
      cidr: {{ . }}
  {{- end }}
{{- end }}
{{- end }}

{{/* ---------------------------------------------------------------- evaluation infrastructure */}}

{{/* Pod security context of an evaluation pod running as "uid". */}}
{{- define "callrec.evaluation.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ . }}
runAsGroup: {{ . }}
fsGroup: {{ . }}
fsGroupChangePolicy: OnRootMismatch
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Container security context of an evaluation container running as "uid". */}}
{{- define "callrec.evaluation.containerSecurityContext" -}}
securityContext:
  runAsNonRoot: true
  runAsUser: {{ . }}
  runAsGroup: {{ . }}
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  privileged: false
  capabilities:
    drop: ["ALL"]
  seccompProfile:
    type: RuntimeDefault
{{- end }}

{{/* volumeClaimTemplates of an evaluation StatefulSet with persistence enabled. Takes a component context plus "persistence". */}}
{{- define "callrec.evaluation.volumeClaimTemplates" -}}
{{- if .persistence.enabled }}
volumeClaimTemplates:
  - metadata:
      name: data
      labels:
        {{- include "callrec.selectorLabels" . | nindent 8 }}
    spec:
      accessModes: ["ReadWriteOnce"]
      {{- with .persistence.storageClassName }}
      storageClassName: {{ . }}
      {{- end }}
      resources:
        requests:
          storage: {{ .persistence.size }}
{{- end }}
{{- end }}

{{/* The data volume when persistence is off. */}}
{{- define "callrec.evaluation.dataVolume" -}}
{{- if not .persistence.enabled }}
- name: data
  emptyDir: {}
{{- end }}
{{- end }}
