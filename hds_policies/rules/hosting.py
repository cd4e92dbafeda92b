"""Who stores a resource's data when its provider is pointed at another host: an `aws` provider
whose `endpoints { s3 = … }` names OVHcloud Object Storage stores its buckets at OVHcloud, in the
endpoint's region. Host patterns are catalog data (catalog/data/endpoints.json)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from ..model import ProviderConfig, Resource, is_unknown
from .base import Context, as_text, attr


@dataclass(frozen=True)
class Host:
    """The endpoint a resource's provider sends it to; `provider` None: not in the endpoint catalog."""

    provider: str | None
    region: Any
    endpoint: str
    config: str  # the provider block that sets it

    def describe(self, ctx: Context) -> str:
        name = ctx.provider_entry(self.provider).get("name", self.provider) if self.provider else None
        return f"endpoint {self.endpoint} ({name})" if name else f"endpoint {self.endpoint}"


def endpoint_host(ctx: Context, resource: Resource) -> Host | None:
    """The host set for the resource's service in its provider's `endpoints` block, if any."""
    services = ctx.catalog.endpoints["services"].get(resource.provider or "")
    if not services:
        return None
    service = next((s for s, prefixes in services.items() if resource.type.startswith(tuple(prefixes))), None)
    config = ctx.graph.provider_of(resource)
    if service is None or config is None:
        return None
    return _host(ctx, attr(config, f"endpoints.{service}"), config)


def config_hosts(ctx: Context, config: ProviderConfig) -> list[Host]:
    """The recognised hosts of another provider that a provider block's `endpoints` name."""
    services = ctx.catalog.endpoints["services"].get(config.provider or "", {})
    hosts = [_host(ctx, attr(config, f"endpoints.{service}"), config) for service in services]
    return [h for h in hosts if h is not None and h.provider not in (None, config.provider)]


def _host(ctx: Context, url: Any, config: ProviderConfig) -> Host | None:
    if url is None or url == "":
        return None
    if is_unknown(url) or not isinstance(url, str):
        return Host(None, None, as_text(url), config.address)
    host = (urlparse(url if "://" in url else f"https://{url}").hostname or "").lower()
    for entry in ctx.catalog.endpoints["hosts"]:
        match = re.fullmatch(entry["pattern"], host)
        if match:
            region = match.groupdict().get("region") or entry.get("region")
            return Host(entry["provider"], region, url, config.address)
    return Host(None, None, url, config.address)


def elsewhere(ctx: Context, resource: Resource) -> Host | None:
    """The endpoint host when it is not the resource's own provider (or not recognised), else None
    (computed once per resource type and provider configuration: location and the three certification
    rules ask, and nothing else of the resource decides it)."""
    key = ("endpoint_host", resource.provider, resource.type, resource.provider_key)
    if key not in ctx.memo:
        host = endpoint_host(ctx, resource)
        ctx.memo[key] = None if host is None or host.provider == resource.provider else host
    return ctx.memo[key]
