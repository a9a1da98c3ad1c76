# Example environment: the collector with three replicas on a shared PostgreSQL, plus Prometheus, Alertmanager and
# Grafana provisioned from the repository's grafana/ folder. Secrets come from TF_VAR_* environment variables.

provider "kubernetes" {
  config_path    = var.kubeconfig_path
  config_context = var.kube_context
}

module "llmops" {
  source = "../../modules/llmops-collector"

  name      = "llmops-collector"
  namespace = var.namespace
  image     = var.image
  replicas  = var.replicas

  resources = {
    requests = { cpu = "500m", memory = "512Mi" }
    limits   = { cpu = "2", memory = "1Gi" }
  }

  collector_config = file("${path.module}/collector.yaml")

  storage_driver             = "postgres"
  postgres_connection_string = var.postgres_connection_string
  api_keys                   = var.api_keys

  deploy_monitoring_stack = true
  grafana_admin_password  = var.grafana_admin_password
  alert_webhook_urls      = var.alert_webhook_urls
  alert_routes = {
    critical = "oncall"
    warning  = "team"
    info     = "null"
  }
  alert_default_receiver = "team"
}
