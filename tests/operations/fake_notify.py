"""A stand-in for GOV.UK Notify's API on 127.0.0.1, checking requests the way Notify does:
tests never call the real service.

It answers POST /v2/notifications/email. The Authorization header must carry a JSON Web Token
signed with HS256 by the API key's secret, whose issuer is the service id and which was issued
within the last 30 seconds; the JSON body must name an email address and a template, and the
personalisation must fill the template's placeholders. Otherwise it answers 403 or 400 with
Notify's error format. `fail_with` makes it refuse every request with a given status.
"""

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"prevent_test-{SERVICE_ID}-{SECRET}"
TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"
TEMPLATE_PLACEHOLDERS = {"subject", "body"}
TOKEN_LIFETIME = 30  # seconds, as Notify allows


class FakeNotify(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), NotifyHandler)
        self.sent = []  # the JSON bodies of the emails accepted
        self.refused = []  # (status, error message)
        self.fail_with = None
        self.lock = threading.Lock()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


def _errors(status, error, message):
    return status, {"errors": [{"error": error, "message": message}], "status_code": status}


def check_token(header):
    """None if the Authorization header is one Notify accepts, else the error reply."""
    if not header.startswith("Bearer "):
        return _errors(401, "AuthError", "Unauthorized: authentication token must be provided")
    token = header.removeprefix("Bearer ")
    try:
        if jwt.get_unverified_header(token).get("alg") != "HS256":
            return _errors(403, "AuthError", "Invalid token: algorithm used is not HS256")
        claims = jwt.decode(
            token, SECRET, algorithms=["HS256"], options={"require": ["iss", "iat"]}
        )
    except jwt.InvalidTokenError as error:
        return _errors(403, "AuthError", f"Invalid token: {error}")
    if claims["iss"] != SERVICE_ID:
        return _errors(403, "AuthError", "Invalid token: service not found")
    if abs(time.time() - claims["iat"]) > TOKEN_LIFETIME:
        return _errors(
            403, "AuthError", "Error: Your system clock must be accurate to within 30 seconds"
        )
    return None


def check_email(body):
    for field in ("email_address", "template_id"):
        if not body.get(field):
            return _errors(400, "ValidationError", f"{field} is a required property")
    if body["template_id"] != TEMPLATE_ID:
        return _errors(400, "BadRequestError", "Template not found")
    missing = TEMPLATE_PLACEHOLDERS - set(body.get("personalisation") or {})
    if missing:
        return _errors(400, "BadRequestError", f"Missing personalisation: {', '.join(missing)}")
    return None


class NotifyHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        raw = self.rfile.read(length)
        status, reply = self.answer(raw)
        with self.server.lock:
            if status == 201:
                self.server.sent.append(json.loads(raw))
            else:
                self.server.refused.append((status, reply["errors"][0]["message"]))
        data = json.dumps(reply).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def answer(self, raw):
        if self.path != "/v2/notifications/email":
            return _errors(404, "ResourceNotFound", "Not found")
        if self.server.fail_with:
            status = self.server.fail_with
            return _errors(status, "Exception", f"Internal server error {status}")
        refusal = check_token(self.headers.get("Authorization", ""))
        if refusal:
            return refusal
        if self.headers.get("Content-Type") != "application/json":
            return _errors(400, "BadRequestError", "Content-Type must be application/json")
        try:
            body = json.loads(raw)
        except ValueError:
            return _errors(400, "BadRequestError", "Invalid JSON supplied in POST data")
        refusal = check_email(body)
        if refusal:
            return refusal
        personalisation = body["personalisation"]
        return 201, {
            "id": str(uuid.uuid4()),
            "reference": body.get("reference"),
            "content": {
                "subject": personalisation["subject"],
                "body": personalisation["body"],
                "from_email": "prevent.test@notifications.service.gov.uk",
            },
            "uri": f"{self.server.url}/v2/notifications/{uuid.uuid4()}",
            "template": {"id": TEMPLATE_ID, "version": 1, "uri": ""},
        }
