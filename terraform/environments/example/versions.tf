terraform {
  required_version = ">= 1.5.0"

  required_providers {
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = ">= 2.23.0, < 3.0.0"
    }
  }

  # State holds the Secrets' values: keep it in an encrypted remote backend with restricted access, e.g.
  # backend "s3" { ... encrypt = true } or backend "kubernetes" { secret_suffix = "llmops" }. Local state here.
}
