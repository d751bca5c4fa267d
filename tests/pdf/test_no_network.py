"""Rendering never reaches the network, even when an article points at it."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

from pypdf import PdfReader

from briefings.pdf.render import render_html


def test_remote_images_and_stylesheets_are_not_fetched(tmp_path: Path):
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        html = (f'<html><head><link rel="stylesheet" href="{base}/x.css"></head><body>'
                f'<p>Text <img src="{base}/x.png" alt="x"> and a '
                f'<a href="{base}/page">link</a>.</p></body></html>')
        out = tmp_path / "x.pdf"
        assert render_html(html, out) == 1
    finally:
        server.shutdown()
    assert requests == []
    assert "Text" in PdfReader(out).pages[0].extract_text()
