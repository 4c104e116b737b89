"""The HTTP floor for the service benchmark: the same clients against a FastAPI endpoint
that does nothing, on the same uvicorn setup. No append over HTTP can beat it here."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from service_appends import drive  # noqa: E402

SERVER = """
import sys, uvicorn
from typing import Any
from fastapi import Body, FastAPI
app = FastAPI()
@app.post("/noop", status_code=201)
def noop(body: dict[str, Any] = Body(...)) -> dict[str, Any]:
    return {"appended": 1}
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning",
            access_log=False)
"""


def run(clients: int = 16, per_client: int = 500) -> dict[str, float]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-c", SERVER, str(port)])
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        body = json.dumps({"type": "shipment", "quantity": 1})
        return drive(port, "/noop", lambda c, i: body, clients, per_client)
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
