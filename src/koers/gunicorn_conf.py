"""gunicorn settings shipped with Koers: `gunicorn -c python:koers.gunicorn_conf koers.wsgi`.
The access log masks survey and share tokens (koers.logs)."""

import os

bind = os.environ.get("KOERS_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("KOERS_WORKERS", "3"))
logger_class = "koers.logs.GunicornLogger"
accesslog = os.environ.get("KOERS_ACCESS_LOG", "-")
# No query string in the log: %(U)s is the path alone.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(f)s" "%(a)s"'
