{{/* Chart name, at most 63 characters (a DNS label). */}}
{{- define "dailyfeed.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-scoped base name: the release name alone when it already says "dailyfeed". */}}
{{- define "dailyfeed.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* Labels that select one component's pods (dict: root, component). Never change them between releases. */}}
{{- define "dailyfeed.selectorLabels" -}}
app.kubernetes.io/name: {{ include "dailyfeed.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* All labels of a component's objects (dict: root, component). */}}
{{- define "dailyfeed.labels" -}}
{{ include "dailyfeed.selectorLabels" . }}
app.kubernetes.io/part-of: dailyfeed
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end }}

{{/* Image reference (dict: root, repository). */}}
{{- define "dailyfeed.image" -}}
{{- $tag := .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- if .root.Values.image.registry }}
{{- printf "%s/%s:%s" .root.Values.image.registry .repository $tag }}
{{- else }}
{{- printf "%s:%s" .repository $tag }}
{{- end }}
{{- end }}

{{- define "dailyfeed.postgresqlSecretName" -}}
{{- .Values.postgresql.existingSecret | default (printf "%s-secrets" (include "dailyfeed.fullname" .)) }}
{{- end }}

{{- define "dailyfeed.rabbitmqSecretName" -}}
{{- .Values.rabbitmq.existingSecret | default (printf "%s-secrets" (include "dailyfeed.fullname" .)) }}
{{- end }}

{{/* PostgreSQL settings: state, membership, reminders and dead letters (every pod). */}}
{{- define "dailyfeed.postgresqlEnv" -}}
- name: Dailyfeed__PostgreSql__ConnectionString
  valueFrom:
    secretKeyRef:
      name: {{ include "dailyfeed.postgresqlSecretName" . }}
      key: {{ .Values.postgresql.secretKey }}
- name: Dailyfeed__PostgreSql__Schema
  value: {{ .Values.postgresql.schema | quote }}
{{- end }}

{{/* RabbitMQ settings: activity streams (silos publish and consume). */}}
{{- define "dailyfeed.rabbitmqEnv" -}}
- name: Dailyfeed__RabbitMq__HostName
  value: {{ .Values.rabbitmq.host | quote }}
- name: Dailyfeed__RabbitMq__Port
  value: {{ .Values.rabbitmq.port | quote }}
- name: Dailyfeed__RabbitMq__VirtualHost
  value: {{ .Values.rabbitmq.virtualHost | quote }}
- name: Dailyfeed__RabbitMq__UserName
  value: {{ .Values.rabbitmq.username | quote }}
- name: Dailyfeed__RabbitMq__Password
  valueFrom:
    secretKeyRef:
      name: {{ include "dailyfeed.rabbitmqSecretName" . }}
      key: {{ .Values.rabbitmq.secretKey }}
{{- end }}

{{/* Redis address: the in-chart one, else redis.host, else none (each gateway keeps its own budgets). */}}
{{- define "dailyfeed.redisAddress" -}}
{{- if .Values.redis.enabled }}
{{- printf "%s-redis:%v" (include "dailyfeed.fullname" .) .Values.redis.port }}
{{- else if .Values.redis.host }}
{{- printf "%s:%v" .Values.redis.host .Values.redis.port }}
{{- end }}
{{- end }}

{{- define "dailyfeed.redisSecretName" -}}
{{- .Values.redis.existingSecret | default (printf "%s-secrets" (include "dailyfeed.fullname" .)) }}
{{- end }}

{{/* Gateway settings for shared rate-limit budgets (Redis) and the proxies trusted to name the client (X-Forwarded-For). */}}
{{- define "dailyfeed.gatewayLimitsEnv" -}}
{{- $redis := include "dailyfeed.redisAddress" . }}
{{- if $redis }}
- name: Dailyfeed__Redis__Configuration
  value: {{ $redis | quote }}
- name: Dailyfeed__Redis__KeyPrefix
  value: {{ .Values.redis.keyPrefix | quote }}
{{- if or .Values.redis.existingSecret .Values.redis.password }}
- name: Dailyfeed__Redis__Password
  valueFrom:
    secretKeyRef:
      name: {{ include "dailyfeed.redisSecretName" . }}
      key: {{ .Values.redis.secretKey }}
{{- end }}
{{- end }}
- name: Dailyfeed__RateLimiting__LeaseSize
  value: {{ .Values.rateLimiting.leaseSize | quote }}
{{- range $i, $network := .Values.forwardedHeaders.knownNetworks }}
- name: Dailyfeed__ForwardedHeaders__KnownNetworks__{{ $i }}
  value: {{ $network | quote }}
{{- end }}
{{- if .Values.istio.enabled }}
# The Istio sidecar hands requests to the gateway from 127.0.0.6.
- name: Dailyfeed__ForwardedHeaders__KnownProxies__0
  value: "127.0.0.6"
{{- end }}
- name: Dailyfeed__ForwardedHeaders__ForwardLimit
  value: {{ .Values.forwardedHeaders.forwardLimit | quote }}
{{- end }}

{{/* Orleans cluster identity: silos and gateways (Orleans clients) must agree on both to find each other. */}}
{{- define "dailyfeed.clusterEnv" -}}
- name: Dailyfeed__Cluster__ClusterId
  value: {{ .Values.cluster.clusterId | quote }}
- name: Dailyfeed__Cluster__ServiceId
  value: {{ .Values.cluster.serviceId | quote }}
{{- end }}

{{/* Ports the Istio sidecar leaves alone: Orleans' own TCP protocol, with its own timeouts (a mesh retry could repeat a write). */}}
{{- define "dailyfeed.orleansPorts" -}}
{{- printf "%v,%v" .Values.silo.grainPort .Values.silo.gatewayPort }}
{{- end }}

{{/* Name of the silos' ServiceAccount (Orleans' Kubernetes hosting reads and labels silo pods). */}}
{{- define "dailyfeed.siloServiceAccount" -}}
{{- printf "%s-silo" (include "dailyfeed.fullname" .) }}
{{- end }}

{{/* Startup, readiness and liveness probes on the health endpoints (dict: root, port). */}}
{{- define "dailyfeed.probes" -}}
startupProbe:
  httpGet:
    path: /healthcheck/startup
    port: {{ .port }}
  periodSeconds: {{ .root.Values.probes.startup.periodSeconds }}
  failureThreshold: {{ .root.Values.probes.startup.failureThreshold }}
  timeoutSeconds: {{ .root.Values.probes.startup.timeoutSeconds }}
readinessProbe:
  httpGet:
    path: /healthcheck/ready
    port: {{ .port }}
  periodSeconds: {{ .root.Values.probes.readiness.periodSeconds }}
  failureThreshold: {{ .root.Values.probes.readiness.failureThreshold }}
  timeoutSeconds: {{ .root.Values.probes.readiness.timeoutSeconds }}
livenessProbe:
  httpGet:
    path: /healthcheck/live
    port: {{ .port }}
  periodSeconds: {{ .root.Values.probes.liveness.periodSeconds }}
  failureThreshold: {{ .root.Values.probes.liveness.failureThreshold }}
  timeoutSeconds: {{ .root.Values.probes.liveness.timeoutSeconds }}
{{- end }}

{{/* Pod-level settings shared by every component (dict: root, settings). */}}
{{- define "dailyfeed.podPlacement" -}}
{{- with .settings.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .settings.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .settings.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Autoscaler body after the original installer's table: CPU and memory targets, damped scale-down (autoscaling values). */}}
{{- define "dailyfeed.hpaSpec" -}}
minReplicas: {{ .minReplicas }}
maxReplicas: {{ .maxReplicas }}
metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: {{ .targetCPUUtilizationPercentage }}
  - type: Resource
    resource:
      name: memory
      target:
        type: Utilization
        averageUtilization: {{ .targetMemoryUtilizationPercentage }}
behavior:
  scaleUp:
    stabilizationWindowSeconds: {{ .scaleUpStabilizationWindowSeconds }}
  scaleDown:
    stabilizationWindowSeconds: {{ .scaleDownStabilizationWindowSeconds }}
    policies:
      - type: Pods
        value: {{ .scaleDownMaxPodsPerMinute }}
        periodSeconds: 60
{{- end }}

{{/* Rolls pods when connection settings change. */}}
{{- define "dailyfeed.secretsChecksum" -}}
{{- printf "%s|%s|%s|%s" .Values.postgresql.connectionString .Values.rabbitmq.password .Values.rabbitmq.host .Values.redis.password | sha256sum }}
{{- end }}

{{/* Istio retry policy (attempts, perTryTimeout, retryOn). */}}
{{- define "dailyfeed.istioRetries" -}}
attempts: {{ .attempts }}
perTryTimeout: {{ .perTryTimeout }}
retryOn: {{ .retryOn }}
retryRemoteLocalities: true
{{- end }}

{{/* Istio route to the gateway Service (dict: host, port). */}}
{{- define "dailyfeed.istioRoute" -}}
- destination:
    host: {{ .host }}
    port:
      number: {{ .port }}
{{- end }}
