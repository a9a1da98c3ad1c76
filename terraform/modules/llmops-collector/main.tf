locals {
  namespace = var.create_namespace ? kubernetes_namespace_v1.this[0].metadata[0].name : var.namespace

  common_labels = merge(var.labels, {
    "app.kubernetes.io/part-of"    = "llmops"
    "app.kubernetes.io/managed-by" = "terraform"
  })

  collector_selector = {
    "app.kubernetes.io/name"     = "llmops-collector"
    "app.kubernetes.io/instance" = var.name
  }
  collector_labels = merge(local.common_labels, local.collector_selector, {
    "app.kubernetes.io/component" = "collector"
  })

  # The collector's fixed ports (see the API contract in docs/).
  ports = {
    otlp-grpc  = 4317
    otlp-http  = 4318
    management = 8080
  }

  # UID/GID of the non-root user of collector/Dockerfile (the .NET images' "app" user).
  collector_uid = 1654

  config_mount_dir = "/etc/llmops"
  config_file_name = "collector.yaml"

  # Secret entries: LLMOPS_POSTGRES_CONNECTION and LLMOPS_API_KEY, LLMOPS_API_KEY_1, ... (rotation).
  create_collector_secret = var.existing_secret_name == null
  collector_secret_name   = local.create_collector_secret ? "${var.name}-secrets" : var.existing_secret_name
  api_key_list            = var.api_keys == null ? [] : var.api_keys
  api_key_entries = {
    for i, k in local.api_key_list : (i == 0 ? "LLMOPS_API_KEY" : "LLMOPS_API_KEY_${i}") => k
  }
  postgres_entry = var.postgres_connection_string == null ? {} : { LLMOPS_POSTGRES_CONNECTION = var.postgres_connection_string }

  use_sqlite_volume = var.storage_driver == "sqlite"
}

resource "kubernetes_namespace_v1" "this" {
  count = var.create_namespace ? 1 : 0

  metadata {
    name   = var.namespace
    labels = local.common_labels
  }
}
