output "namespace" {
  description = "Namespace holding the collector and the monitoring objects."
  value       = local.namespace
}

output "service_name" {
  description = "Name of the collector's ClusterIP (or NodePort/LoadBalancer) Service exposing 4317, 4318 and 8080."
  value       = kubernetes_service_v1.collector.metadata[0].name
}

output "headless_service_name" {
  description = "Name of the headless Service that resolves to every ready collector replica (Prometheus scraping, OTLP load balancers keyed by trace id)."
  value       = kubernetes_service_v1.collector_headless.metadata[0].name
}

output "otlp_grpc_endpoint" {
  description = "In-cluster OTLP/gRPC endpoint (plaintext h2c) for OTEL_EXPORTER_OTLP_ENDPOINT with OTEL_EXPORTER_OTLP_PROTOCOL=grpc."
  value       = "http://${kubernetes_service_v1.collector.metadata[0].name}.${local.namespace}.svc:${local.ports["otlp-grpc"]}"
}

output "otlp_http_endpoint" {
  description = "In-cluster OTLP/HTTP base URL; clients post to /v1/traces, /v1/metrics and /v1/logs under it."
  value       = "http://${kubernetes_service_v1.collector.metadata[0].name}.${local.namespace}.svc:${local.ports["otlp-http"]}"
}

output "management_url" {
  description = "In-cluster base URL of the management API (/api/v1/...), console (/), /metrics, /healthz and /readyz."
  value       = "http://${kubernetes_service_v1.collector.metadata[0].name}.${local.namespace}.svc:${local.ports["management"]}"
}

output "deployment_name" {
  description = "Name of the collector Deployment (for kubectl rollout status / scale)."
  value       = kubernetes_deployment_v1.collector.metadata[0].name
}

output "config_map_name" {
  description = "Name of the ConfigMap holding collector.yaml; editing it reloads processor settings without a restart."
  value       = kubernetes_config_map_v1.collector.metadata[0].name
}

output "secret_name" {
  description = "Name of the Secret the collector reads LLMOPS_POSTGRES_CONNECTION and LLMOPS_API_KEY* from (created by the module, or existing_secret_name)."
  value       = local.collector_secret_name
}

output "prometheus_url" {
  description = "In-cluster URL of Prometheus; null when deploy_monitoring_stack is false."
  value       = var.deploy_monitoring_stack ? local.prometheus_url : null
}

output "alertmanager_url" {
  description = "In-cluster URL of Alertmanager (API v2 under /api/v2); null when deploy_monitoring_stack is false."
  value       = var.deploy_monitoring_stack ? local.alertmanager_url : null
}

output "grafana_url" {
  description = "In-cluster URL of Grafana; null when deploy_monitoring_stack is false."
  value       = var.deploy_monitoring_stack ? local.grafana_url : null
}

output "prometheus_config_map_names" {
  description = "ConfigMaps with prometheus.yml (scrape config) and the alert rule files, for mounting into a Prometheus managed elsewhere."
  value = {
    config = kubernetes_config_map_v1.prometheus.metadata[0].name
    rules  = kubernetes_config_map_v1.prometheus_rules.metadata[0].name
  }
}

output "alertmanager_secret_name" {
  description = "Secret holding alertmanager.yml (routing and receivers; a Secret because webhook URLs can embed tokens)."
  value       = kubernetes_secret_v1.alertmanager.metadata[0].name
}

output "grafana_config_map_names" {
  description = "ConfigMaps with the Grafana datasources, dashboard providers and dashboards."
  value = {
    datasources         = kubernetes_config_map_v1.grafana_datasources.metadata[0].name
    dashboard_providers = kubernetes_config_map_v1.grafana_dashboard_providers.metadata[0].name
    dashboards          = kubernetes_config_map_v1.grafana_dashboards.metadata[0].name
  }
}

output "prometheus_rule_files" {
  description = "Rule files found under grafana/prometheus/ and loaded into Prometheus (ConfigMap keys)."
  value       = sort(keys(local.rule_files))
}

output "grafana_dashboards" {
  description = "Dashboard JSON files found under grafana/dashboards/ and provisioned into Grafana."
  value       = sort(keys(local.dashboard_files))
}

output "prometheus_scrape_config" {
  description = "The generated prometheus.yml (scrape job, rule files, Alertmanager target); contains no secret."
  value       = local.prometheus_config
}
