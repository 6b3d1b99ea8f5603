"""Serving the web app (static/public): the right caching for each kind of file, and a
content security policy that lets its pages load nothing from another host.

The bundles under ``/dist/`` carry a hash of their content in their names (static/build.mjs),
so browsers may keep them for a year; the page, the service worker and the manifest must be
revalidated, or a phone would keep running yesterday's app. Compression is the app-wide
GZipMiddleware's job."""

from __future__ import annotations

from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

# 'self' in connect-src covers the same host's ws:/wss: (CSP level 3). blob: for media streams.
POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)
IMMUTABLE = "public, max-age=31536000, immutable"


class AppFiles(StaticFiles):
    """StaticFiles with caching and security headers suited to the single-page app."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if path.startswith("dist/") and response.status_code == 200:
            response.headers["cache-control"] = IMMUTABLE
        else:
            response.headers.setdefault("cache-control", "no-cache")
        if response.media_type == "text/html" or path in ("", ".", "index.html"):
            response.headers["content-security-policy"] = POLICY
        response.headers["x-content-type-options"] = "nosniff"
        response.headers["referrer-policy"] = "same-origin"
        return response
