# The collector: ConfigMap (YAML config), Secret (PostgreSQL connection, API keys), ServiceAccount, Deployment with
# /healthz and /readyz probes, Services for 4317/4318/8080 (plus a headless one for per-replica scraping), a
# PodDisruptionBudget when there are several replicas, and the SQLite volume when SQLite is used.

resource "kubernetes_config_map_v1" "collector" {
  metadata {
    name      = "${var.name}-config"
    namespace = local.namespace
    labels    = local.collector_labels
  }

  data = {
    (local.config_file_name) = var.collector_config
  }
}

resource "kubernetes_secret_v1" "collector" {
  count = local.create_collector_secret ? 1 : 0

  metadata {
    name      = local.collector_secret_name
    namespace = local.namespace
    labels    = local.collector_labels
  }

  type = "Opaque"
  data = merge(local.postgres_entry, local.api_key_entries)

  lifecycle {
    precondition {
      condition     = var.storage_driver != "postgres" || var.postgres_connection_string != null
      error_message = "storage_driver = \"postgres\" needs postgres_connection_string (or existing_secret_name)."
    }
    precondition {
      condition     = length(local.api_key_list) > 0
      error_message = "api_keys needs at least one key (or set existing_secret_name): the management API must not run open in a cluster."
    }
  }
}

resource "kubernetes_service_account_v1" "collector" {
  metadata {
    name      = var.name
    namespace = local.namespace
    labels    = local.collector_labels
  }

  # The collector calls no Kubernetes API.
  automount_service_account_token = false
}

resource "kubernetes_persistent_volume_claim_v1" "sqlite" {
  count = local.use_sqlite_volume ? 1 : 0

  metadata {
    name      = "${var.name}-data"
    namespace = local.namespace
    labels    = local.collector_labels
  }

  spec {
    access_modes       = ["ReadWriteOnce"]
    storage_class_name = var.storage_class_name
    resources {
      requests = {
        storage = var.sqlite_volume_size
      }
    }
  }

  wait_until_bound = false
}

resource "kubernetes_deployment_v1" "collector" {
  metadata {
    name      = var.name
    namespace = local.namespace
    labels    = local.collector_labels
  }

  spec {
    replicas = var.replicas

    selector {
      match_labels = local.collector_selector
    }

    # SQLite allows one writer on one volume: replace the pod rather than overlap two.
    strategy {
      type = local.use_sqlite_volume ? "Recreate" : "RollingUpdate"
      dynamic "rolling_update" {
        for_each = local.use_sqlite_volume ? [] : [1]
        content {
          max_unavailable = "0"
          max_surge       = "1"
        }
      }
    }

    template {
      metadata {
        labels = local.collector_labels
        annotations = merge(var.pod_annotations, {
          # Env vars from the Secret are read at start: roll the pods when it changes. The config file itself is
          # re-read by the collector (processor settings reload without restart), so it is not part of the hash.
          "llmops.dev/secret-hash" = local.create_collector_secret ? sha256(jsonencode(kubernetes_secret_v1.collector[0].data)) : "external"
        })
      }

      spec {
        service_account_name             = kubernetes_service_account_v1.collector.metadata[0].name
        automount_service_account_token  = false
        termination_grace_period_seconds = var.termination_grace_period_seconds
        node_selector                    = var.node_selector

        security_context {
          run_as_non_root = true
          run_as_user     = local.collector_uid
          run_as_group    = local.collector_uid
          fs_group        = local.collector_uid
          seccomp_profile {
            type = "RuntimeDefault"
          }
        }

        container {
          name              = "collector"
          image             = var.image
          image_pull_policy = var.image_pull_policy
          args              = ["--config", "${local.config_mount_dir}/${local.config_file_name}"]

          dynamic "port" {
            for_each = local.ports
            content {
              name           = port.key
              container_port = port.value
              protocol       = "TCP"
            }
          }

          # Every key of the Secret becomes an environment variable (the module's Secret: LLMOPS_POSTGRES_CONNECTION
          # and LLMOPS_API_KEY*; an existing_secret_name Secret may hold more, e.g. LLMOPS_JUDGE_API_KEY).
          env_from {
            secret_ref {
              name = local.collector_secret_name
            }
          }

          # Plain values from extra_env only. The module sets no alerting variable: with the monitoring stack its
          # Prometheus sends the alerts (grafana/prometheus rule files), so the collector's alertmanager_url stays empty.
          dynamic "env" {
            for_each = var.extra_env
            content {
              name  = env.key
              value = env.value
            }
          }

          resources {
            requests = var.resources.requests
            limits   = var.resources.limits
          }

          # Started: the process answers /healthz (give slow first database migrations a minute).
          startup_probe {
            http_get {
              path = "/healthz"
              port = "management"
            }
            period_seconds    = 2
            failure_threshold = 30
            timeout_seconds   = 2
          }

          # Alive: /healthz stops answering only when the process is wedged; Kubernetes restarts it.
          liveness_probe {
            http_get {
              path = "/healthz"
              port = "management"
            }
            period_seconds    = 10
            failure_threshold = 3
            timeout_seconds   = 2
          }

          # Ready: /readyz fails while the store is unreachable or the queue is full, taking the replica out of the
          # Service so OTLP clients and the load balancer go to the others.
          readiness_probe {
            http_get {
              path = "/readyz"
              port = "management"
            }
            period_seconds    = 5
            failure_threshold = 2
            timeout_seconds   = 2
          }

          security_context {
            allow_privilege_escalation = false
            read_only_root_filesystem  = true
            run_as_non_root            = true
            capabilities {
              drop = ["ALL"]
            }
          }

          volume_mount {
            name       = "config"
            mount_path = local.config_mount_dir
            read_only  = true
          }
          volume_mount {
            name       = "data"
            mount_path = "/data"
          }
          volume_mount {
            name       = "tmp"
            mount_path = "/tmp"
          }
        }

        # Mounted as a directory (no subPath) so ConfigMap updates reach the running pods and reload.
        volume {
          name = "config"
          config_map {
            name = kubernetes_config_map_v1.collector.metadata[0].name
          }
        }

        volume {
          name = "data"
          dynamic "persistent_volume_claim" {
            for_each = local.use_sqlite_volume ? [1] : []
            content {
              claim_name = kubernetes_persistent_volume_claim_v1.sqlite[0].metadata[0].name
            }
          }
          dynamic "empty_dir" {
            for_each = local.use_sqlite_volume ? [] : [1]
            content {
              size_limit = "1Gi"
            }
          }
        }

        volume {
          name = "tmp"
          empty_dir {
            size_limit = "256Mi"
          }
        }
      }
    }
  }

  lifecycle {
    precondition {
      condition     = var.storage_driver == "postgres" || var.replicas == 1
      error_message = "More than one replica needs storage_driver = \"postgres\": SQLite is a single-writer file on one volume."
    }
  }
}

resource "kubernetes_service_v1" "collector" {
  metadata {
    name        = var.name
    namespace   = local.namespace
    labels      = local.collector_labels
    annotations = var.service_annotations
  }

  spec {
    type     = var.service_type
    selector = local.collector_selector

    dynamic "port" {
      for_each = local.ports
      content {
        name         = port.key
        port         = port.value
        target_port  = port.key
        protocol     = "TCP"
        app_protocol = port.key == "otlp-grpc" ? "kubernetes.io/h2c" : "http"
      }
    }
  }
}

# Headless: DNS returns every ready replica, so Prometheus scrapes each one's /metrics and an OTLP load balancer
# (for example the OpenTelemetry Collector's load-balancing exporter keyed by trace id) can resolve them all.
resource "kubernetes_service_v1" "collector_headless" {
  metadata {
    name      = "${var.name}-headless"
    namespace = local.namespace
    labels    = local.collector_labels
  }

  spec {
    cluster_ip = "None"
    selector   = local.collector_selector

    dynamic "port" {
      for_each = local.ports
      content {
        name        = port.key
        port        = port.value
        target_port = port.key
        protocol    = "TCP"
      }
    }
  }
}

resource "kubernetes_pod_disruption_budget_v1" "collector" {
  count = var.replicas > 1 ? 1 : 0

  metadata {
    name      = var.name
    namespace = local.namespace
    labels    = local.collector_labels
  }

  spec {
    min_available = var.replicas > 2 ? "50%" : "1"
    selector {
      match_labels = local.collector_selector
    }
  }
}
