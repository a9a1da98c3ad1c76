output "otlp_grpc_endpoint" {
  description = "In-cluster OTLP/gRPC endpoint applications export to."
  value       = module.llmops.otlp_grpc_endpoint
}

output "otlp_http_endpoint" {
  description = "In-cluster OTLP/HTTP base URL applications export to."
  value       = module.llmops.otlp_http_endpoint
}

output "management_url" {
  description = "In-cluster URL of the management API and console."
  value       = module.llmops.management_url
}

output "grafana_url" {
  description = "In-cluster URL of Grafana (kubectl port-forward to reach it from a workstation)."
  value       = module.llmops.grafana_url
}

output "prometheus_url" {
  description = "In-cluster URL of Prometheus."
  value       = module.llmops.prometheus_url
}

output "alertmanager_url" {
  description = "In-cluster URL of Alertmanager."
  value       = module.llmops.alertmanager_url
}

output "prometheus_rule_files" {
  description = "Alert rule files loaded from grafana/prometheus/."
  value       = module.llmops.prometheus_rule_files
}

output "grafana_dashboards" {
  description = "Dashboards provisioned from grafana/dashboards/."
  value       = module.llmops.grafana_dashboards
}
