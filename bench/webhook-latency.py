#!/usr/bin/env python3
"""Webhook delivery latency: publish N articles with one webhook to a local receiver; time from commit to delivery.

Start the API first with loopback webhooks allowed and a bootstrap admin key, e.g.
  Cms__Webhooks__AllowPrivateNetworks=true Cms__BootstrapAdminKey=bench-admin-key Cms__RateLimit__Enabled=false \
    dotnet run -c Release --project src/HeadlessCms.Api --urls http://127.0.0.1:5090
then:  API=http://127.0.0.1:5090 KEY=bench-admin-key N=1000 bench/webhook-latency.py

"Commit" is the event's occurredAt (taken inside the writing transaction, just before commit); "delivery" is when the
receiver got the request. Both clocks are this machine's, so the difference is the outbox-to-receiver latency.
"""
import base64, hashlib, hmac, http.server, json, os, statistics, threading, time, urllib.request
from datetime import datetime

API, KEY, N = os.environ.get("API", "http://127.0.0.1:5090"), os.environ.get("KEY", "bench-admin-key"), int(os.environ.get("N", "1000"))
PORT = int(os.environ.get("RECEIVER_PORT", "5091"))
latencies, secret = [], {}
done = threading.Event()

class Receiver(http.server.BaseHTTPRequestHandler):
    # Keep-alive, as real receivers (Node, nginx) do; an HTTP/1.0 handler closing every connection measured our
    # Python receiver's resets, not the outbox.
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers["content-length"]))
        received = time.time()
        key = base64.b64decode(secret["value"][len("whsec_"):])
        signed = f'{self.headers["webhook-id"]}.{self.headers["webhook-timestamp"]}.'.encode() + body
        ok = ("v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()) in self.headers["webhook-signature"].split(" ")
        self.send_response(204 if ok else 401); self.send_header("Content-Length", "0"); self.end_headers()
        event = json.loads(body)
        if ok and event["type"] == "article.published":
            occurred = datetime.fromisoformat(event["occurredAt"].replace("Z", "+00:00")).timestamp()
            latencies.append(received - occurred)
            if len(latencies) >= N: done.set()
    def log_message(self, *args): pass

def call(method, path, body=None):
    request = urllib.request.Request(API + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"X-Api-Key": KEY, "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"null")

http.server.ThreadingHTTPServer.request_queue_size = 128
server = http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Receiver)
threading.Thread(target=server.serve_forever, daemon=True).start()
hook = call("POST", "/api/v1/manage/webhooks", {"url": f"http://127.0.0.1:{PORT}/hook", "events": ["article.published"]})
secret["value"] = hook["secret"]
category = call("POST", "/api/v1/manage/categories", {"name": f"Bench {time.time()}"})
started = time.time()
for i in range(N):
    draft = call("POST", "/api/v1/manage/articles", {"title": f"Bench article {i} {started}", "body": "Body text.", "categoryId": category["id"]})
    call("POST", f'/api/v1/manage/articles/{draft["id"]}/publish')
done.wait(timeout=600)
call("DELETE", f'/api/v1/manage/webhooks/{hook["id"]}')
ms = sorted(l * 1000 for l in latencies)
print(f"delivered {len(ms)}/{N}; commit-to-delivery p50 {statistics.median(ms):.0f} ms, p99 {ms[int(len(ms) * 0.99) - 1]:.0f} ms, max {ms[-1]:.0f} ms")
