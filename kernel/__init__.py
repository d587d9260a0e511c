"""The kernel: what every domain may use and what imports no domain and no GraphQL."""
