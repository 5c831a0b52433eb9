"""An example webhook receiver: verifies each ordex webhook and prints it.

    .venv/bin/python docs/webhook_receiver.py --secret demo-secret --port 9000

Register it as a hook (``PUT /api/v1/{partyId}/hook``) with ``"secret": "demo-secret"``.
A request whose signature does not verify is answered 401 and printed as refused.
Receivers should de-duplicate on ``webhook-id``: delivery is at least once.
"""

from __future__ import annotations

import argparse
import json
from http.server import BaseHTTPRequestHandler, HTTPServer

from ordex.webhooks import WebhookVerificationError, verify


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--port", type=int, default=9000)
    args = parser.parse_args()
    seen: set[str] = set()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            try:
                verify(args.secret, dict(self.headers.items()), body)
            except WebhookVerificationError as error:
                print(f"refused: {error}", flush=True)
                self.send_response(401)
                self.end_headers()
                return
            event = json.loads(body)
            duplicate = self.headers["webhook-id"] in seen
            seen.add(self.headers["webhook-id"])
            print(
                f"verified {event['topic']} documentId={event['documentId']} "
                f"from={event['senderPartyId']}{' (duplicate)' if duplicate else ''}",
                flush=True,
            )
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    print(f"listening on http://127.0.0.1:{args.port}/", flush=True)
    HTTPServer(("127.0.0.1", args.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
