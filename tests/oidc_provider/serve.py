"""Start the test identity provider: `python -m tests.oidc_provider.serve PORT CONFIG.json`.
The config names the client (id, secret, redirect URIs) and the school accounts
(username, password, e-mail address, first and last name)."""

import json
import os
import sys

import django


def main(port: int, config_file: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.servers.basehttp import run
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    config = json.loads(open(config_file).read())
    call_command("migrate", verbosity=0)
    Application.objects.create(
        name="Koers",
        client_id=config["client_id"],
        client_secret=config["client_secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(config["redirect_uris"]),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    for account in config["accounts"]:
        User.objects.create_user(
            account["username"],
            account["email"],
            account["password"],
            first_name=account["first_name"],
            last_name=account["last_name"],
        )
    run("127.0.0.1", port, get_wsgi_application(), threading=True)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
