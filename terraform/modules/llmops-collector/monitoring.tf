# Monitoring: the Prometheus scrape config and alert rules, Alertmanager routing, Grafana provisioning (datasource and
# dashboards) taken from the repository's grafana/ folder, and optionally the three servers themselves.
#
# Files are found with fileset(), whatever their names:
#   grafana/prometheus/**/*.yml|yaml           -> alert/recording rule files (those with a top-level "groups" key)
#   grafana/provisioning/datasources/*.yml|yaml -> Grafana datasources (may use $PROMETHEUS_URL / $ALERTMANAGER_URL)
#   grafana/provisioning/dashboards/*.yml|yaml  -> Grafana dashboard providers (their options.path is mounted)
#   grafana/dashboards/**/*.json                -> dashboards
# When a provisioning folder is empty the module generates an equivalent default.

locals {
  grafana_dir = coalesce(var.grafana_dir, "${path.module}/../../../grafana")

  monitoring_labels = merge(local.common_labels, { "app.kubernetes.io/instance" = var.name })

  prometheus_name   = "${var.name}-prometheus"
  alertmanager_name = "${var.name}-alertmanager"
  grafana_name      = "${var.name}-grafana"

  prometheus_url   = "http://${local.prometheus_name}.${local.namespace}.svc:9090"
  alertmanager_url = "http://${local.alertmanager_name}.${local.namespace}.svc:9093"
  grafana_url      = "http://${local.grafana_name}.${local.namespace}.svc:3000"

  rule_candidates = fileset(local.grafana_dir, "prometheus/**/*.{yml,yaml}")
  rule_files = {
    for f in local.rule_candidates : replace(f, "/[^-._a-zA-Z0-9]/", "_") => file("${local.grafana_dir}/${f}")
    if can(yamldecode(file("${local.grafana_dir}/${f}")).groups)
  }

  dashboard_files = {
    for f in fileset(local.grafana_dir, "dashboards/**/*.json") : basename(f) => file("${local.grafana_dir}/${f}")
  }

  datasource_files_found = {
    for f in fileset(local.grafana_dir, "provisioning/datasources/*.{yml,yaml}") : basename(f) => file("${local.grafana_dir}/${f}")
  }
  provider_files_found = {
    for f in fileset(local.grafana_dir, "provisioning/dashboards/*.{yml,yaml}") : basename(f) => file("${local.grafana_dir}/${f}")
  }

  default_dashboards_path = "/var/lib/grafana/dashboards"
  declared_dashboard_paths = compact(flatten([
    for content in values(local.provider_files_found) : [
      for p in try(yamldecode(content).providers, []) : try(p.options.path, "")
    ]
  ]))
  dashboard_paths = length(local.declared_dashboard_paths) > 0 ? distinct(local.declared_dashboard_paths) : [local.default_dashboards_path]

  datasource_files = length(local.datasource_files_found) > 0 ? local.datasource_files_found : {
    "llmops-datasources.yml" = yamlencode({
      apiVersion = 1
      datasources = [
        {
          name      = "Prometheus"
          uid       = "llmops-prometheus"
          type      = "prometheus"
          access    = "proxy"
          url       = local.prometheus_url
          isDefault = true
        },
        {
          name     = "Alertmanager"
          uid      = "alertmanager"
          type     = "alertmanager"
          access   = "proxy"
          url      = local.alertmanager_url
          jsonData = { implementation = "prometheus" }
        },
      ]
    })
  }

  provider_files = length(local.provider_files_found) > 0 ? local.provider_files_found : {
    "llmops-dashboards.yml" = yamlencode({
      apiVersion = 1
      providers = [{
        name                  = "llmops"
        folder                = "LlmOps"
        type                  = "file"
        disableDeletion       = true
        allowUiUpdates        = false
        updateIntervalSeconds = 30
        options               = { path = local.default_dashboards_path }
      }]
    })
  }

  prometheus_config = yamlencode({
    global = {
      scrape_interval     = var.scrape_interval
      evaluation_interval = var.scrape_interval
    }
    # Explicit suffixes: a plain * would also match the ConfigMap volume's hidden ..data entries.
    rule_files = ["/etc/prometheus/rules/*.yml", "/etc/prometheus/rules/*.yaml"]
    alerting = {
      alertmanagers = [{
        api_version    = "v2"
        static_configs = [{ targets = ["${local.alertmanager_name}.${local.namespace}.svc:9093"] }]
      }]
    }
    scrape_configs = [
      {
        # One target per ready collector replica, resolved through the headless Service.
        job_name     = var.prometheus_job_name
        metrics_path = "/metrics"
        scheme       = "http"
        dns_sd_configs = [{
          names            = ["${var.name}-headless.${local.namespace}.svc"]
          type             = "A"
          port             = local.ports["management"]
          refresh_interval = "30s"
        }]
        relabel_configs = [{
          target_label = "namespace"
          replacement  = local.namespace
        }]
      },
      {
        job_name       = "prometheus"
        static_configs = [{ targets = ["localhost:9090"] }]
      },
      {
        job_name       = "alertmanager"
        static_configs = [{ targets = ["${local.alertmanager_name}.${local.namespace}.svc:9093"] }]
      },
    ]
  })

  alert_receiver_names = distinct(concat(
    [var.alert_default_receiver],
    values(var.alert_routes),
    keys(var.alert_webhook_urls),
  ))

  alertmanager_config = yamlencode({
    route = {
      receiver        = var.alert_default_receiver
      group_by        = ["alertname", "job", "severity"]
      group_wait      = var.alert_group_wait
      group_interval  = "5m"
      repeat_interval = var.alert_repeat_interval
      routes = [
        for severity, receiver in var.alert_routes : {
          receiver = receiver
          matchers = ["severity=\"${severity}\""]
        }
      ]
    }
    # No inhibit rules: each shipped alert has one fixed severity, so a critical never shadows a warning of the same
    # alert, and different alerts (errors, latency, cost, quality) each need their own notification.
    receivers = [
      for r in local.alert_receiver_names : merge(
        { name = r },
        contains(keys(var.alert_webhook_urls), r) ? {
          webhook_configs = [{ url = var.alert_webhook_urls[r], send_resolved = true }]
        } : {},
      )
    ]
  })
}

# ---------------------------------------------------------------------------------------------------------------------
# Configuration objects (always created)
# ---------------------------------------------------------------------------------------------------------------------

resource "kubernetes_config_map_v1" "prometheus" {
  metadata {
    name      = "${local.prometheus_name}-config"
    namespace = local.namespace
    labels    = merge(local.monitoring_labels, { "app.kubernetes.io/name" = "prometheus" })
  }

  data = {
    "prometheus.yml" = local.prometheus_config
  }
}

resource "kubernetes_config_map_v1" "prometheus_rules" {
  metadata {
    name      = "${local.prometheus_name}-rules"
    namespace = local.namespace
    labels    = merge(local.monitoring_labels, { "app.kubernetes.io/name" = "prometheus" })
  }

  data = local.rule_files
}

resource "kubernetes_secret_v1" "alertmanager" {
  metadata {
    name      = "${local.alertmanager_name}-config"
    namespace = local.namespace
    labels    = merge(local.monitoring_labels, { "app.kubernetes.io/name" = "alertmanager" })
  }

  type = "Opaque"
  data = {
    "alertmanager.yml" = local.alertmanager_config
  }

  lifecycle {
    precondition {
      condition     = alltrue([for r in concat([var.alert_default_receiver], values(var.alert_routes)) : r == "null" || contains(keys(var.alert_webhook_urls), r)])
      error_message = "Every receiver named in alert_routes and alert_default_receiver must be \"null\" or a key of alert_webhook_urls."
    }
  }
}

resource "kubernetes_config_map_v1" "grafana_datasources" {
  metadata {
    name      = "${local.grafana_name}-datasources"
    namespace = local.namespace
    labels    = merge(local.monitoring_labels, { "app.kubernetes.io/name" = "grafana" })
  }

  data = local.datasource_files
}

resource "kubernetes_config_map_v1" "grafana_dashboard_providers" {
  metadata {
    name      = "${local.grafana_name}-dashboard-providers"
    namespace = local.namespace
    labels    = merge(local.monitoring_labels, { "app.kubernetes.io/name" = "grafana" })
  }

  data = local.provider_files
}

resource "kubernetes_config_map_v1" "grafana_dashboards" {
  metadata {
    name      = "${local.grafana_name}-dashboards"
    namespace = local.namespace
    labels    = merge(local.monitoring_labels, { "app.kubernetes.io/name" = "grafana" })
  }

  data = local.dashboard_files
}

# ---------------------------------------------------------------------------------------------------------------------
# Servers (only with deploy_monitoring_stack)
# ---------------------------------------------------------------------------------------------------------------------

resource "kubernetes_deployment_v1" "prometheus" {
  count = var.deploy_monitoring_stack ? 1 : 0

  metadata {
    name      = local.prometheus_name
    namespace = local.namespace
    labels    = merge(local.monitoring_labels, { "app.kubernetes.io/name" = "prometheus" })
  }

  spec {
    replicas = 1
    strategy {
      type = "Recreate"
    }
    selector {
      match_labels = { "app.kubernetes.io/name" = "prometheus", "app.kubernetes.io/instance" = var.name }
    }

    template {
      metadata {
        labels = merge(local.monitoring_labels, { "app.kubernetes.io/name" = "prometheus" })
        annotations = {
          "llmops.dev/config-hash" = sha256(join("\n", [local.prometheus_config, jsonencode(local.rule_files)]))
        }
      }

      spec {
        automount_service_account_token = false
        security_context {
          run_as_non_root = true
          run_as_user     = 65534
          run_as_group    = 65534
          fs_group        = 65534
          seccomp_profile {
            type = "RuntimeDefault"
          }
        }

        container {
          name  = "prometheus"
          image = var.prometheus_image
          args = [
            "--config.file=/etc/prometheus/prometheus.yml",
            "--storage.tsdb.path=/prometheus",
            "--storage.tsdb.retention.time=${var.prometheus_retention}",
          ]
          port {
            name           = "http"
            container_port = 9090
          }
          readiness_probe {
            http_get {
              path = "/-/ready"
              port = "http"
            }
            period_seconds = 10
          }
          liveness_probe {
            http_get {
              path = "/-/healthy"
              port = "http"
            }
            period_seconds = 30
          }
          resources {
            requests = { cpu = "100m", memory = "256Mi" }
            limits   = { cpu = "1", memory = "1Gi" }
          }
          security_context {
            allow_privilege_escalation = false
            read_only_root_filesystem  = true
            capabilities {
              drop = ["ALL"]
            }
          }
          volume_mount {
            name       = "config"
            mount_path = "/etc/prometheus/prometheus.yml"
            sub_path   = "prometheus.yml"
            read_only  = true
          }
          volume_mount {
            name       = "rules"
            mount_path = "/etc/prometheus/rules"
            read_only  = true
          }
          volume_mount {
            name       = "data"
            mount_path = "/prometheus"
          }
        }

        volume {
          name = "config"
          config_map {
            name = kubernetes_config_map_v1.prometheus.metadata[0].name
          }
        }
        volume {
          name = "rules"
          config_map {
            name = kubernetes_config_map_v1.prometheus_rules.metadata[0].name
          }
        }
        volume {
          name = "data"
          empty_dir {}
        }
      }
    }
  }
}

resource "kubernetes_service_v1" "prometheus" {
  count = var.deploy_monitoring_stack ? 1 : 0

  metadata {
    name      = local.prometheus_name
    namespace = local.namespace
    labels    = merge(local.monitoring_labels, { "app.kubernetes.io/name" = "prometheus" })
  }

  spec {
    selector = { "app.kubernetes.io/name" = "prometheus", "app.kubernetes.io/instance" = var.name }
    port {
      name        = "http"
      port        = 9090
      target_port = "http"
    }
  }
}

resource "kubernetes_deployment_v1" "alertmanager" {
  count = var.deploy_monitoring_stack ? 1 : 0

  metadata {
    name      = local.alertmanager_name
    namespace = local.namespace
    labels    = merge(local.monitoring_labels, { "app.kubernetes.io/name" = "alertmanager" })
  }

  spec {
    replicas = 1
    selector {
      match_labels = { "app.kubernetes.io/name" = "alertmanager", "app.kubernetes.io/instance" = var.name }
    }

    template {
      metadata {
        labels = merge(local.monitoring_labels, { "app.kubernetes.io/name" = "alertmanager" })
        annotations = {
          "llmops.dev/config-hash" = sha256(local.alertmanager_config)
        }
      }

      spec {
        automount_service_account_token = false
        security_context {
          run_as_non_root = true
          run_as_user     = 65534
          run_as_group    = 65534
          fs_group        = 65534
          seccomp_profile {
            type = "RuntimeDefault"
          }
        }

        container {
          name  = "alertmanager"
          image = var.alertmanager_image
          args = [
            "--config.file=/etc/alertmanager/alertmanager.yml",
            "--storage.path=/alertmanager",
          ]
          port {
            name           = "http"
            container_port = 9093
          }
          readiness_probe {
            http_get {
              path = "/-/ready"
              port = "http"
            }
            period_seconds = 10
          }
          liveness_probe {
            http_get {
              path = "/-/healthy"
              port = "http"
            }
            period_seconds = 30
          }
          resources {
            requests = { cpu = "50m", memory = "64Mi" }
            limits   = { cpu = "500m", memory = "256Mi" }
          }
          security_context {
            allow_privilege_escalation = false
            read_only_root_filesystem  = true
            capabilities {
              drop = ["ALL"]
            }
          }
          volume_mount {
            name       = "config"
            mount_path = "/etc/alertmanager"
            read_only  = true
          }
          volume_mount {
            name       = "data"
            mount_path = "/alertmanager"
          }
        }

        volume {
          name = "config"
          secret {
            secret_name = kubernetes_secret_v1.alertmanager.metadata[0].name
          }
        }
        volume {
          name = "data"
          empty_dir {}
        }
      }
    }
  }
}

resource "kubernetes_service_v1" "alertmanager" {
  count = var.deploy_monitoring_stack ? 1 : 0

  metadata {
    name      = local.alertmanager_name
    namespace = local.namespace
    labels    = merge(local.monitoring_labels, { "app.kubernetes.io/name" = "alertmanager" })
  }

  spec {
    selector = { "app.kubernetes.io/name" = "alertmanager", "app.kubernetes.io/instance" = var.name }
    port {
      name        = "http"
      port        = 9093
      target_port = "http"
    }
  }
}

resource "kubernetes_secret_v1" "grafana" {
  count = var.deploy_monitoring_stack ? 1 : 0

  metadata {
    name      = "${local.grafana_name}-admin"
    namespace = local.namespace
    labels    = merge(local.monitoring_labels, { "app.kubernetes.io/name" = "grafana" })
  }

  type = "Opaque"
  data = {
    GF_SECURITY_ADMIN_PASSWORD = var.grafana_admin_password
  }

  lifecycle {
    precondition {
      condition     = var.grafana_admin_password != null
      error_message = "deploy_monitoring_stack = true needs grafana_admin_password."
    }
  }
}

resource "kubernetes_deployment_v1" "grafana" {
  count = var.deploy_monitoring_stack ? 1 : 0

  metadata {
    name      = local.grafana_name
    namespace = local.namespace
    labels    = merge(local.monitoring_labels, { "app.kubernetes.io/name" = "grafana" })
  }

  spec {
    replicas = 1
    selector {
      match_labels = { "app.kubernetes.io/name" = "grafana", "app.kubernetes.io/instance" = var.name }
    }

    template {
      metadata {
        labels = merge(local.monitoring_labels, { "app.kubernetes.io/name" = "grafana" })
        annotations = {
          "llmops.dev/config-hash" = sha256(jsonencode([local.datasource_files, local.provider_files, local.dashboard_files]))
        }
      }

      spec {
        automount_service_account_token = false
        security_context {
          run_as_non_root = true
          run_as_user     = 472
          run_as_group    = 472
          fs_group        = 472
          seccomp_profile {
            type = "RuntimeDefault"
          }
        }

        container {
          name  = "grafana"
          image = var.grafana_image
          port {
            name           = "http"
            container_port = 3000
          }

          env {
            name  = "PROMETHEUS_URL"
            value = local.prometheus_url
          }
          env {
            name  = "ALERTMANAGER_URL"
            value = local.alertmanager_url
          }
          env {
            name  = "GF_USERS_ALLOW_SIGN_UP"
            value = "false"
          }
          env {
            name  = "GF_ANALYTICS_REPORTING_ENABLED"
            value = "false"
          }
          env {
            name  = "GF_ANALYTICS_CHECK_FOR_UPDATES"
            value = "false"
          }
          env_from {
            secret_ref {
              name = kubernetes_secret_v1.grafana[0].metadata[0].name
            }
          }

          readiness_probe {
            http_get {
              path = "/api/health"
              port = "http"
            }
            period_seconds = 10
          }
          liveness_probe {
            http_get {
              path = "/api/health"
              port = "http"
            }
            period_seconds    = 30
            failure_threshold = 5
          }
          resources {
            requests = { cpu = "100m", memory = "128Mi" }
            limits   = { cpu = "1", memory = "512Mi" }
          }
          security_context {
            allow_privilege_escalation = false
            read_only_root_filesystem  = true
            capabilities {
              drop = ["ALL"]
            }
          }

          volume_mount {
            name       = "datasources"
            mount_path = "/etc/grafana/provisioning/datasources"
            read_only  = true
          }
          volume_mount {
            name       = "dashboard-providers"
            mount_path = "/etc/grafana/provisioning/dashboards"
            read_only  = true
          }
          dynamic "volume_mount" {
            for_each = local.dashboard_paths
            content {
              name       = "dashboards"
              mount_path = volume_mount.value
              read_only  = true
            }
          }
          volume_mount {
            name       = "data"
            mount_path = "/var/lib/grafana"
          }
          volume_mount {
            name       = "tmp"
            mount_path = "/tmp"
          }
        }

        volume {
          name = "datasources"
          config_map {
            name = kubernetes_config_map_v1.grafana_datasources.metadata[0].name
          }
        }
        volume {
          name = "dashboard-providers"
          config_map {
            name = kubernetes_config_map_v1.grafana_dashboard_providers.metadata[0].name
          }
        }
        volume {
          name = "dashboards"
          config_map {
            name = kubernetes_config_map_v1.grafana_dashboards.metadata[0].name
          }
        }
        volume {
          name = "data"
          empty_dir {}
        }
        volume {
          name = "tmp"
          empty_dir {}
        }
      }
    }
  }
}

resource "kubernetes_service_v1" "grafana" {
  count = var.deploy_monitoring_stack ? 1 : 0

  metadata {
    name      = local.grafana_name
    namespace = local.namespace
    labels    = merge(local.monitoring_labels, { "app.kubernetes.io/name" = "grafana" })
  }

  spec {
    selector = { "app.kubernetes.io/name" = "grafana", "app.kubernetes.io/instance" = var.name }
    port {
      name        = "http"
      port        = 3000
      target_port = "http"
    }
  }
}
