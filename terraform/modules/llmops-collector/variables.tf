# Inputs of the llmops-collector module. Every variable has a description and a type; the ones a typo could break
# are validated. Secret inputs are marked sensitive and have no default value: pass them with TF_VAR_* environment
# variables or a secrets manager, never in a committed file.

# ---------------------------------------------------------------------------------------------------------------------
# Naming and placement
# ---------------------------------------------------------------------------------------------------------------------

variable "name" {
  description = "Base name of every Kubernetes object the module creates (Deployment, Services, ConfigMaps, Secrets). A DNS-1123 label of at most 40 characters, so that suffixed names stay within 63."
  type        = string
  default     = "llmops-collector"

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$", var.name))
    error_message = "name must be a DNS-1123 label (lower-case letters, digits and '-', starting with a letter, not ending with '-') of at most 40 characters."
  }
}

variable "namespace" {
  description = "Kubernetes namespace for the collector and, when deployed, Prometheus, Alertmanager and Grafana."
  type        = string
  default     = "llmops"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.namespace))
    error_message = "namespace must be a DNS-1123 label of at most 63 characters."
  }
}

variable "create_namespace" {
  description = "Create the namespace. Set to false when it already exists (for example when it is managed elsewhere)."
  type        = bool
  default     = true
}

variable "labels" {
  description = "Extra labels added to every object the module creates."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.labels : can(regex("^([a-z0-9.-]{1,253}/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$", k)) && can(regex("^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$", v))])
    error_message = "labels must have valid Kubernetes label keys and values (at most 63 characters of letters, digits, '-', '_' and '.')."
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# Collector workload
# ---------------------------------------------------------------------------------------------------------------------

variable "image" {
  description = "Collector container image reference (repository:tag or repository@sha256:digest) built from collector/Dockerfile."
  type        = string

  validation {
    condition     = can(regex("^[^\\s]+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$", var.image))
    error_message = "image must name a tag or a digest (for example registry/llmops-collector:1.2.3 or ...@sha256:<64 hex>), with no spaces."
  }
}

variable "image_pull_policy" {
  description = "Kubernetes imagePullPolicy of the collector container: Always, IfNotPresent or Never."
  type        = string
  default     = "IfNotPresent"

  validation {
    condition     = contains(["Always", "IfNotPresent", "Never"], var.image_pull_policy)
    error_message = "image_pull_policy must be Always, IfNotPresent or Never."
  }
}

variable "replicas" {
  description = "Number of collector replicas. More than one requires storage_driver = \"postgres\": the replicas then share one database and coordinate run-once work through it."
  type        = number
  default     = 2

  validation {
    condition     = var.replicas >= 1 && var.replicas <= 50 && floor(var.replicas) == var.replicas
    error_message = "replicas must be a whole number from 1 to 50."
  }
}

variable "resources" {
  description = "CPU and memory requests and limits of each collector container, as Kubernetes quantities."
  type = object({
    requests = object({ cpu = string, memory = string })
    limits   = object({ cpu = string, memory = string })
  })
  default = {
    requests = { cpu = "250m", memory = "256Mi" }
    limits   = { cpu = "2", memory = "1Gi" }
  }

  validation {
    condition = alltrue([
      for q in [var.resources.requests.cpu, var.resources.limits.cpu] : can(regex("^([0-9]+(\\.[0-9]+)?|[0-9]+m)$", q))
    ])
    error_message = "resources cpu values must be Kubernetes CPU quantities such as 250m, 1 or 1.5."
  }

  validation {
    condition = alltrue([
      for q in [var.resources.requests.memory, var.resources.limits.memory] : can(regex("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|K|M|G|T)?$", q))
    ])
    error_message = "resources memory values must be Kubernetes memory quantities such as 256Mi or 1Gi."
  }
}

variable "collector_config" {
  description = "The collector's YAML configuration (OpenTelemetry Collector shape: receivers, processors, exporters, service.pipelines). Mounted read-only at /etc/llmops/collector.yaml; reference secrets as $${env:LLMOPS_POSTGRES_CONNECTION} and $${env:LLMOPS_API_KEY}, never inline."
  type        = string

  validation {
    condition     = can(yamldecode(var.collector_config)) && can(yamldecode(var.collector_config).receivers) && can(yamldecode(var.collector_config).service.pipelines)
    error_message = "collector_config must be YAML with at least a receivers section and service.pipelines."
  }

  validation {
    condition     = !can(regex("(?i)(password|apikey|api_key)[\"']?\\s*[:=]\\s*[\"']?[A-Za-z0-9+/_-]{8,}", replace(var.collector_config, "/\\$\\{env:[^}]+\\}/", "")))
    error_message = "collector_config appears to contain an inline secret (password or API key): use $${env:VAR} references filled from the module's Secret instead."
  }
}

variable "storage_driver" {
  description = "Where the collector stores telemetry: \"postgres\" (required for more than one replica; connection string from postgres_connection_string) or \"sqlite\" (one replica, database on a PersistentVolumeClaim mounted at /data)."
  type        = string
  default     = "postgres"

  validation {
    condition     = contains(["postgres", "sqlite"], var.storage_driver)
    error_message = "storage_driver must be \"postgres\" or \"sqlite\"."
  }
}

variable "sqlite_volume_size" {
  description = "Size of the PersistentVolumeClaim that holds the SQLite database when storage_driver = \"sqlite\"."
  type        = string
  default     = "10Gi"

  validation {
    condition     = can(regex("^[0-9]+(Mi|Gi|Ti)$", var.sqlite_volume_size))
    error_message = "sqlite_volume_size must be a quantity in Mi, Gi or Ti, such as 10Gi."
  }
}

variable "storage_class_name" {
  description = "StorageClass of the SQLite PersistentVolumeClaim; null uses the cluster's default class."
  type        = string
  default     = null
}

variable "existing_secret_name" {
  description = "Name of an existing Secret (in the module's namespace) holding LLMOPS_POSTGRES_CONNECTION and LLMOPS_API_KEY*. When set, the module creates no collector Secret and ignores postgres_connection_string and api_keys (use it with an external secrets operator to keep secrets out of Terraform state). Every key of the Secret becomes an environment variable of the collector, so it can also carry other secrets the config references, such as LLMOPS_JUDGE_API_KEY."
  type        = string
  default     = null

  validation {
    condition     = var.existing_secret_name == null || can(regex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", var.existing_secret_name))
    error_message = "existing_secret_name must be a valid Kubernetes object name."
  }
}

variable "postgres_connection_string" {
  description = "PostgreSQL connection string (Npgsql keywords, e.g. Host=...;Database=llmops;Username=...;Password=...) stored in the collector Secret as LLMOPS_POSTGRES_CONNECTION. Required when storage_driver = \"postgres\" and existing_secret_name is null."
  type        = string
  sensitive   = true
  default     = null

  validation {
    condition     = var.postgres_connection_string == null ? true : can(regex("(?i)host\\s*=", var.postgres_connection_string))
    error_message = "postgres_connection_string must be an Npgsql connection string containing Host=."
  }
}

variable "api_keys" {
  description = "Management API keys stored in the collector Secret: the first as LLMOPS_API_KEY, the next ones as LLMOPS_API_KEY_1, LLMOPS_API_KEY_2, ... (two at once during a rotation). Required unless existing_secret_name is set."
  type        = list(string)
  sensitive   = true
  default     = null

  validation {
    condition     = var.api_keys == null ? true : (length(var.api_keys) <= 5 && alltrue([for k in var.api_keys : length(k) >= 24 && can(regex("^[A-Za-z0-9._~+/=-]+$", k))]))
    error_message = "api_keys must hold at most 5 keys of at least 24 characters each, without spaces or quotes."
  }
}

variable "extra_env" {
  description = "Extra non-secret environment variables of the collector container (values referenced by $${env:...} in collector_config, for example LLMOPS_JUDGE_ENDPOINT). Not for secrets: they are plain values in the Deployment; put a secret such as LLMOPS_JUDGE_API_KEY in the Secret named by existing_secret_name."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.extra_env : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", k)) && !startswith(k, "LLMOPS_API_KEY") && k != "LLMOPS_POSTGRES_CONNECTION"])
    error_message = "extra_env keys must be valid environment variable names and must not be LLMOPS_API_KEY* or LLMOPS_POSTGRES_CONNECTION (those come from the Secret)."
  }
}

variable "service_type" {
  description = "Type of the collector Service exposing 4317 (OTLP/gRPC), 4318 (OTLP/HTTP) and 8080 (management API, console, /metrics): ClusterIP, NodePort or LoadBalancer."
  type        = string
  default     = "ClusterIP"

  validation {
    condition     = contains(["ClusterIP", "NodePort", "LoadBalancer"], var.service_type)
    error_message = "service_type must be ClusterIP, NodePort or LoadBalancer."
  }
}

variable "service_annotations" {
  description = "Annotations of the collector Service (for example a cloud load balancer's settings)."
  type        = map(string)
  default     = {}
}

variable "pod_annotations" {
  description = "Extra annotations of the collector pods."
  type        = map(string)
  default     = {}
}

variable "node_selector" {
  description = "Node selector of the collector pods."
  type        = map(string)
  default     = {}
}

variable "termination_grace_period_seconds" {
  description = "Seconds Kubernetes waits after SIGTERM before killing a collector pod; keep it above the collector's shutdown timeout (30 s by default) so the queue drains into the store."
  type        = number
  default     = 45

  validation {
    condition     = var.termination_grace_period_seconds >= 5 && var.termination_grace_period_seconds <= 3600 && floor(var.termination_grace_period_seconds) == var.termination_grace_period_seconds
    error_message = "termination_grace_period_seconds must be a whole number from 5 to 3600."
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# Monitoring: Prometheus, Alertmanager, Grafana
# ---------------------------------------------------------------------------------------------------------------------

variable "grafana_dir" {
  description = "Path of the repository's grafana/ folder (Prometheus rules in prometheus/, provisioning in provisioning/, dashboards in dashboards/). null means the grafana/ folder of this repository, found relative to the module."
  type        = string
  default     = null
}

variable "deploy_monitoring_stack" {
  description = "Deploy Prometheus, Alertmanager and Grafana next to the collector; Prometheus evaluates the rule files of grafana/prometheus/ and sends their alerts to Alertmanager. When false the module still creates their configuration (ConfigMaps and the Alertmanager Secret) for a stack managed elsewhere. Either way the module sets no alerting variable on the collector."
  type        = bool
  default     = true
}

variable "prometheus_job_name" {
  description = "Prometheus job label of the collector scrape target. The shipped alert rules and dashboards do not filter on job: they aggregate every llmops_* series their Prometheus holds, which for the module's own Prometheus (it scrapes only this collector) is this deployment's."
  type        = string
  default     = "llmops-collector"

  validation {
    condition     = can(regex("^[a-zA-Z_][a-zA-Z0-9_-]*$", var.prometheus_job_name))
    error_message = "prometheus_job_name must start with a letter or '_' and contain only letters, digits, '_' and '-'."
  }
}

variable "scrape_interval" {
  description = "How often Prometheus scrapes each collector replica's /metrics and evaluates the alert rules."
  type        = string
  default     = "15s"

  validation {
    condition     = can(regex("^[0-9]+(ms|s|m|h)$", var.scrape_interval))
    error_message = "scrape_interval must be a Prometheus duration such as 15s or 1m."
  }
}

variable "prometheus_retention" {
  description = "How long Prometheus keeps samples (--storage.tsdb.retention.time)."
  type        = string
  default     = "15d"

  validation {
    condition     = can(regex("^[0-9]+(h|d|w|y)$", var.prometheus_retention))
    error_message = "prometheus_retention must be a Prometheus duration in h, d, w or y, such as 15d."
  }
}

variable "prometheus_image" {
  description = "Prometheus container image (used when deploy_monitoring_stack is true)."
  type        = string
  default     = "prom/prometheus:v2.53.0"

  validation {
    condition     = can(regex("^[^\\s]+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$", var.prometheus_image))
    error_message = "prometheus_image must name a tag or a digest."
  }
}

variable "alertmanager_image" {
  description = "Alertmanager container image (used when deploy_monitoring_stack is true)."
  type        = string
  default     = "prom/alertmanager:v0.27.0"

  validation {
    condition     = can(regex("^[^\\s]+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$", var.alertmanager_image))
    error_message = "alertmanager_image must name a tag or a digest."
  }
}

variable "grafana_image" {
  description = "Grafana container image (used when deploy_monitoring_stack is true)."
  type        = string
  default     = "grafana/grafana:11.1.0"

  validation {
    condition     = can(regex("^[^\\s]+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$", var.grafana_image))
    error_message = "grafana_image must name a tag or a digest."
  }
}

variable "grafana_admin_password" {
  description = "Password of Grafana's admin user, stored in a Secret. Required when deploy_monitoring_stack is true."
  type        = string
  sensitive   = true
  default     = null

  validation {
    condition     = var.grafana_admin_password == null ? true : length(var.grafana_admin_password) >= 12
    error_message = "grafana_admin_password must have at least 12 characters."
  }
}

variable "alert_routes" {
  description = "Alertmanager routing: which receiver gets alerts of each severity label (critical, warning, info); anything else goes to the default receiver. Receiver names must be keys of alert_webhook_urls or \"null\" (alerts are kept in Alertmanager's UI only)."
  type        = map(string)
  default = {
    critical = "oncall"
    warning  = "team"
    info     = "null"
  }

  validation {
    condition     = alltrue([for k, v in var.alert_routes : contains(["critical", "warning", "info"], k) && can(regex("^[a-z][a-z0-9_-]*$", v))])
    error_message = "alert_routes keys must be critical, warning or info and values receiver names (lower-case letters, digits, '_' and '-')."
  }
}

variable "alert_default_receiver" {
  description = "Alertmanager receiver of alerts whose severity has no entry in alert_routes. A key of alert_webhook_urls or \"null\"."
  type        = string
  default     = "team"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_-]*$", var.alert_default_receiver))
    error_message = "alert_default_receiver must be a receiver name (lower-case letters, digits, '_' and '-')."
  }
}

variable "alert_webhook_urls" {
  description = "Webhook URL of each Alertmanager receiver by name (e.g. { oncall = \"https://...\", team = \"https://...\" }). Stored in the Alertmanager Secret because such URLs often embed tokens. A receiver named in alert_routes but missing here keeps its alerts in Alertmanager only."
  type        = map(string)
  sensitive   = true
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.alert_webhook_urls : can(regex("^[a-z][a-z0-9_-]*$", k)) && can(regex("^https?://[^\\s]+$", v)) && k != "null"])
    error_message = "alert_webhook_urls keys must be receiver names other than \"null\" and values http(s) URLs."
  }
}

variable "alert_group_wait" {
  description = "Alertmanager group_wait: how long to wait to batch the first notification of a new alert group."
  type        = string
  default     = "30s"

  validation {
    condition     = can(regex("^[0-9]+(s|m|h)$", var.alert_group_wait))
    error_message = "alert_group_wait must be a duration in s, m or h."
  }
}

variable "alert_repeat_interval" {
  description = "Alertmanager repeat_interval: how often a still-firing alert is notified again."
  type        = string
  default     = "4h"

  validation {
    condition     = can(regex("^[0-9]+(m|h|d)$", var.alert_repeat_interval))
    error_message = "alert_repeat_interval must be a duration in m, h or d."
  }
}
