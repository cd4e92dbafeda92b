"""Pulumi frontend: mocked program runner, Analyzer gRPC client and the CrossGuard policies."""
