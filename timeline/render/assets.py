"""Files shared by every page: plotly.js and the world outlines.

Pages open from disk with no network.  plotly.js is written once into the
output folder and referenced with a relative <script src>.  plotly.js geo
fetches `<topojsonURL>/world_110m.json` from a CDN unless the outlines are
already registered in `window.PlotlyGeoAssets.topojson`; a fetch() of a file://
URL is refused by browsers, so the outlines are shipped as a small script that
registers them (plus the plain .json for pages served over HTTP).
"""
from __future__ import annotations

import hashlib
import os
import json
from pathlib import Path

PLOTLY_JS = "plotly.min.js"
TOPOJSON_DIR = "topojson"
TOPOJSON_NAME = "world_110m"          # plotly.js: <scope>_<resolution>m
TOPOJSON_SCRIPT = f"{TOPOJSON_DIR}/{TOPOJSON_NAME}.js"

_HERE = Path(__file__).resolve().parent


def _write_if_changed(path: Path, data: bytes) -> bool:
    """Write only when the content differs, so a rerun leaves files untouched."""
    if path.exists() and path.stat().st_size == len(data):
        if hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(data).digest():
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")   # one per writer: plots may run at once
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def plotly_js() -> bytes:
    from plotly.offline import get_plotlyjs
    return get_plotlyjs().encode("utf-8")


def world_topojson() -> bytes:
    return (_HERE / TOPOJSON_DIR / f"{TOPOJSON_NAME}.json").read_bytes()


def write_assets(out_dir: Path) -> list[Path]:
    """Write plotly.min.js and topojson/ into out_dir (once); return their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    js = out_dir / PLOTLY_JS
    _write_if_changed(js, plotly_js())
    topo = world_topojson()
    json_path = out_dir / TOPOJSON_DIR / f"{TOPOJSON_NAME}.json"
    _write_if_changed(json_path, topo)
    # Register the outlines the way plotly.js looks them up before fetching.
    script = ("window.PlotlyGeoAssets=window.PlotlyGeoAssets||{topojson:{}};"
              "window.PlotlyGeoAssets.topojson=window.PlotlyGeoAssets.topojson||{};"
              f"window.PlotlyGeoAssets.topojson[{json.dumps(TOPOJSON_NAME)}]=").encode() + topo.strip() + b";\n"
    script_path = out_dir / TOPOJSON_SCRIPT
    _write_if_changed(script_path, script)
    return [js, json_path, script_path]
