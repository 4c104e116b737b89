"""The interactive API docs at /docs, served entirely by the service: Swagger UI's script and
style come from the ``swagger-ui-py`` package (Swagger UI 5, which reads OpenAPI 3.1, in a
copy installed from PyPI), so the page works offline and references no other host.
(FastAPI's own /docs and /redoc load them from a CDN; they are turned off.)"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse, HTMLResponse, Response

ASSETS = {"swagger-ui-bundle.js": "text/javascript; charset=utf-8",
          "swagger-ui.css": "text/css; charset=utf-8",
          "favicon-32x32.png": "image/png"}
# A file of its own, not an inline script: the Content-Security-Policy allows scripts from
# the service only. validatorUrl null: Swagger UI would otherwise ask an outside validator.
INIT_JS = """window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json", dom_id: "#swagger-ui", validatorUrl: null, deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
    layout: "BaseLayout"
  });
});
"""
PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>supplyline API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
</head><body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/init.js"></script>
</body></html>"""


def _bundle() -> Path:
    """The package's static files (found without importing it: it loads jinja2 and yaml
    for frameworks we do not use)."""
    import importlib.util

    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        raise HTTPException(404, "Swagger UI is not installed (pip install swagger-ui-py)")
    return Path(next(iter(spec.submodule_search_locations))) / "static"


def add_docs(app: FastAPI) -> None:
    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(PAGE)

    @app.get("/docs/assets/{name}", include_in_schema=False)
    def asset(name: str) -> Response:
        if name == "init.js":
            return Response(INIT_JS, media_type="text/javascript; charset=utf-8")
        if name not in ASSETS:
            raise HTTPException(404, "no such file")
        return FileResponse(_bundle() / name, media_type=ASSETS[name],
                            headers={"cache-control": "public, max-age=86400"})
