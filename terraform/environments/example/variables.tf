variable "kubeconfig_path" {
  description = "Path of the kubeconfig file used to reach the cluster."
  type        = string
  default     = "~/.kube/config"

  validation {
    condition     = length(trimspace(var.kubeconfig_path)) > 0
    error_message = "kubeconfig_path must not be empty."
  }
}

variable "kube_context" {
  description = "kubeconfig context to use; null uses the current context."
  type        = string
  default     = null
}

variable "namespace" {
  description = "Namespace to deploy into (created by the module)."
  type        = string
  default     = "llmops"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.namespace))
    error_message = "namespace must be a DNS-1123 label of at most 63 characters."
  }
}

variable "image" {
  description = "Collector image built from collector/Dockerfile, e.g. the one image.yml pushes for a version tag."
  type        = string

  validation {
    condition     = can(regex("^[^\\s]+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$", var.image))
    error_message = "image must name a tag or a digest, with no spaces."
  }
}

variable "replicas" {
  description = "Collector replicas sharing the PostgreSQL database."
  type        = number
  default     = 3

  validation {
    condition     = var.replicas >= 1 && var.replicas <= 50 && floor(var.replicas) == var.replicas
    error_message = "replicas must be a whole number from 1 to 50."
  }
}

variable "postgres_connection_string" {
  description = "PostgreSQL connection string for the shared database (set TF_VAR_postgres_connection_string; never commit it)."
  type        = string
  sensitive   = true

  validation {
    condition     = can(regex("(?i)host\\s*=", var.postgres_connection_string))
    error_message = "postgres_connection_string must be an Npgsql connection string containing Host=."
  }
}

variable "api_keys" {
  description = "Management API keys, newest first (set TF_VAR_api_keys='[\"...\"]'; two during a rotation)."
  type        = list(string)
  sensitive   = true

  validation {
    condition     = length(var.api_keys) >= 1 && length(var.api_keys) <= 5 && alltrue([for k in var.api_keys : length(k) >= 24])
    error_message = "api_keys must hold 1 to 5 keys of at least 24 characters."
  }
}

variable "grafana_admin_password" {
  description = "Grafana admin password (set TF_VAR_grafana_admin_password)."
  type        = string
  sensitive   = true

  validation {
    condition     = length(var.grafana_admin_password) >= 12
    error_message = "grafana_admin_password must have at least 12 characters."
  }
}

variable "alert_webhook_urls" {
  description = "Webhook URL of the oncall and team Alertmanager receivers (set TF_VAR_alert_webhook_urls='{oncall=\"https://...\",team=\"https://...\"}')."
  type        = map(string)
  sensitive   = true

  validation {
    condition     = alltrue([for r in ["oncall", "team"] : contains(keys(var.alert_webhook_urls), r)])
    error_message = "alert_webhook_urls must define the oncall and team receivers."
  }
}
