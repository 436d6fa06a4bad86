"""The real OpenID provider of the tests: the `oidc-provider` npm package on a local port.

`TestProvider` starts tests/accounts/oidc/provider.mjs with one client ("platform") and
the accounts given; `login()` walks the provider's own login form over HTTP (for tests
without a browser); `control()` changes the code lifetime, tampers with ID tokens or
replaces the accounts. `oidc_settings()` points the platform at it.
"""

import json
import re
import shutil
import socket
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import requests

SCRIPT = Path(__file__).with_name("provider.mjs")
CLIENT_ID = "platform"
CLIENT_SECRET = "test-client-secret"
PASSWORD = "provider-password"


def staff_account(email, given, family, unit="", supervisor="", roles=(), active=True):
    claims = {"email": email, "email_verified": True, "given_name": given,
              "family_name": family, "name": f"{given} {family}"}
    if unit:
        claims["org_unit"] = unit
    if supervisor:
        claims["supervisor_email"] = supervisor
    if roles:
        claims["roles"] = list(roles)
    return {"password": PASSWORD, "active": active, "claims": claims}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TestProvider:
    __test__ = False  # not a test class

    def __init__(self, redirect_uris: list[str], accounts: dict):
        self.port = _free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.accounts = accounts
        node = shutil.which("node")
        assert node, "node is needed for the test identity provider"
        self.process = subprocess.Popen(
            [node, str(SCRIPT)], cwd=SCRIPT.parents[3],
            env={"PATH": str(Path(node).parent), "PORT": str(self.port),
                 "REDIRECT_URIS": ",".join(redirect_uris),
                 "ACCOUNTS": json.dumps(accounts)},
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.process.stdout.readline()
        assert line.startswith("ready"), f"test provider did not start: {line!r}"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)

    def control(self, **changes) -> None:
        requests.post(f"{self.issuer}/__control", data=json.dumps(changes),
                      timeout=5).raise_for_status()

    def reset(self) -> None:
        self.control(codeTtl=60, tamper=False, accounts=self.accounts)

    def settings(self, **extra) -> dict:
        return {"OIDC_ISSUER": self.issuer, "OIDC_RP_CLIENT_ID": CLIENT_ID,
                "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET, "OIDC_CLAIM_UNIT": "org_unit",
                "OIDC_CLAIM_SUPERVISOR": "supervisor_email", "OIDC_CLAIM_ROLES": "roles",
                "OIDC_ROLE_MAP": "tl-lernende:Lernende,tl-vorgesetzte:Vorgesetzte",
                **extra}

    def login(self, authorize_url: str, login: str, password: str = PASSWORD) -> str:
        """Follow the provider's login form; returns the URL it sends the browser back to."""
        session = requests.Session()
        response = session.get(authorize_url, allow_redirects=False, timeout=5)
        while response.status_code in (302, 303) and \
                response.headers["location"].startswith(("/", self.issuer)):
            url = urljoin(self.issuer, response.headers["location"])
            if re.search(r"/interaction/[\w-]+$", url):
                session.get(url, timeout=5)
                response = session.post(url, data={"login": login, "password": password},
                                        allow_redirects=False, timeout=5)
            else:
                response = session.get(url, allow_redirects=False, timeout=5)
        assert response.status_code in (302, 303), response.text[:300]
        return response.headers["location"]
